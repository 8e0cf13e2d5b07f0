// Administration: GET/POST/PATCH /admin/users, GET /admin/access-log and the erasure of a child's personal data
// (DELETE /children/:childId/personal-data) (apps/api/src/admin).
import type { Agency, UserRole } from '../domain/vocabulary';
import { request } from './http';

export interface AdminUser {
  userId: string;
  username: string;
  displayName: string;
  role: UserRole;
  agency: Agency | null;
  unitCode: string | null;
  areaCodes: string[];
  active: boolean;
  demo: boolean;
  failedLogins: number;
  lockedUntil: string | null;
  createdAt: string;
}

export const adminUsers = () => request<{ items: AdminUser[] }>('GET', '/admin/users');

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  role: UserRole;
  agency?: Agency;
  areaCodes: string[];
}

export const createUser = (body: NewUser) => request<AdminUser>('POST', '/admin/users', { body });

/** What PATCH /admin/users/:id accepts: only the fields sent change. */
export interface UserChanges {
  displayName?: string;
  role?: UserRole;
  agency?: Agency;
  areaCodes?: string[];
  active?: boolean;
}

export const updateUser = (userId: string, body: UserChanges) =>
  request<AdminUser>('PATCH', `/admin/users/${encodeURIComponent(userId)}`, { body });

export interface ErasureResult {
  childId: string;
  erasedAt: string;
  cases: string[];
  position: number | null;
}

/** Crypto-shredding: the child's key is destroyed. It cannot be undone. */
export const eraseChild = (childId: string, reason: string) =>
  request<ErasureResult>('DELETE', `/children/${encodeURIComponent(childId)}/personal-data`, { body: { reason } });

/** One read of personal data: ids only, never the data that was read. */
export interface AccessLogEntry {
  id: number;
  at: string;
  userId: string;
  username: string;
  role: UserRole;
  caseId: string | null;
  childId: string | null;
  endpoint: string;
  method: string;
  requestId: string;
}

export interface AccessLogQuery {
  caseId?: string;
  userId?: string;
  from?: string;
  to?: string;
  before?: number;
  limit?: number;
}

export const accessLog = (q: AccessLogQuery) =>
  request<{ items: AccessLogEntry[]; nextBefore: number | null }>('GET', '/admin/access-log', { query: { ...q } });

/** The queue dashboard (bull-board), served by the API outside /api/v1 for admins. */
export const QUEUE_DASHBOARD_URL = '/admin/queues';
