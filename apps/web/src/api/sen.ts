// Phase 1: the endpoints that exist on the API today (DESIGN.md section 5).
import { lastWritePosition, request } from './http';
import type {
  Area,
  CaseHistory,
  CaseListItem,
  CaseView,
  InboxItem,
  OpenCaseBody,
  Page,
  User,
  WriteResult,
} from './types';

export const login = (username: string, password: string) =>
  request<{ accessToken: string; user: User }>('POST', '/auth/login', { body: { username, password } });
/** Ends the user's sessions on the server: this token and any other device's are refused from now on. */
export const logout = () => request<void>('POST', '/auth/logout');

export const me = () => request<User>('GET', '/me');

export const areas = () => request<{ date: string | null; areas: Area[] }>('GET', '/areas', { query: { all: 'true' } });

export interface CaseFilters {
  status?: string;
  category?: string;
  risk?: string;
  areaCode?: string;
  overdue?: string;
  q?: string;
  assignee?: string;
}

export const listCases = (filters: CaseFilters, cursor?: string, limit = 20) =>
  request<Page<CaseListItem>>('GET', '/cases', {
    query: { ...filters, cursor, limit, minPosition: lastWritePosition() },
  });

export const openCase = (body: OpenCaseBody, idempotencyKey: string) =>
  request<{ caseId: string; childId: string; version: number; position: number }>('POST', '/cases', {
    body,
    idempotencyKey,
  });

export const getCase = (caseId: string) => request<CaseView>('GET', `/cases/${encodeURIComponent(caseId)}`);

export const caseHistory = (caseId: string) =>
  request<CaseHistory>('GET', `/cases/${encodeURIComponent(caseId)}/history`);

/** The case commands, by the path under /cases/:id. */
export const CASE_ACTIONS = [
  'risk-assessments',
  'emergency-measures',
  'detailed-assessment',
  'consent',
  'support-plan',
  'support-plan/approve',
  'support-plan/reject',
  'referrals',
  'support',
  'child-marriage-outcome',
  'closure',
  'reopen',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

export const caseAction = (caseId: string, action: CaseAction, version: number, body: object) =>
  request<WriteResult>('POST', `/cases/${encodeURIComponent(caseId)}/${action}`, { body, ifMatch: version });

export const inbox = (filters: { status?: string; overdue?: string }, cursor?: string, limit = 20) =>
  request<Page<InboxItem>>('GET', '/referrals/inbox', {
    query: { ...filters, cursor, limit, minPosition: lastWritePosition() },
  });

export type ReferralAction = 'acknowledge' | 'accept' | 'decline' | 'complete';

export const referralAction = (referralId: string, action: ReferralAction, caseVersion: number, body: object = {}) =>
  request<WriteResult & { referralId: string }>('POST', `/referrals/${encodeURIComponent(referralId)}/${action}`, {
    body,
    ifMatch: caseVersion,
  });
