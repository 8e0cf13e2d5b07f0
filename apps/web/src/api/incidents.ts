// Disasters and family tracing: /incidents and /tracing-requests (apps/api/src/incidents).
import type { Sex } from '../domain/vocabulary';
import { lastWritePosition, request } from './http';
import type { Page } from './types';

export const INCIDENT_TYPES = ['flood', 'storm', 'landslide', 'fire', 'epidemic', 'other'] as const;
export type IncidentType = (typeof INCIDENT_TYPES)[number];

export interface IncidentBody {
  type: IncidentType;
  name: string;
  areaCodes: string[];
  startedAt: string;
  description?: string;
}

export interface Incident extends Required<IncidentBody> {
  incidentId: string;
  createdAt: string;
}

export interface IncidentFigures {
  registered: number;
  reachedWithin12h: number;
  missed12h: number;
  stillWaiting: number;
  waitingPastDeadline: number;
  injured: number;
  separated: number;
  unaccompanied: number;
  reunified: number;
  tracingRequests: Record<'open' | 'matched' | 'reunited' | 'closed', number>;
}

export const createIncident = (body: IncidentBody) => request<Incident>('POST', '/incidents', { body });
export const listIncidents = () => request<{ items: Incident[] }>('GET', '/incidents');
export const getIncident = (id: string) =>
  request<Incident & { figures: IncidentFigures }>('GET', `/incidents/${encodeURIComponent(id)}`, {
    query: { minPosition: lastWritePosition() },
  });

/** One child of a batch, flat, as IncidentChildDto takes it; each becomes a `disaster` case. */
export interface IncidentChild {
  fullName: string;
  sex: Sex;
  ageYears?: number;
  dateOfBirth?: string;
  areaCode: string;
  injured?: boolean;
  separated?: boolean;
  unaccompanied?: boolean;
  notes?: string;
}

/** The API takes at most this many rows a request. */
export const INCIDENT_BATCH_MAX = 1000;

export interface RowResult {
  /** The row's index within its batch. */
  index: number;
  status: 'created' | 'refused';
  replayed?: boolean;
  caseId?: string;
  code?: string;
  message?: string;
  details?: { field: string; problems: string[] }[];
}

export interface BatchAnswer {
  incidentId: string;
  created: number;
  replayed: number;
  refused: number;
  position: number;
  results: RowResult[];
}

export const addIncidentChildren = (incidentId: string, children: IncidentChild[], idempotencyKey: string) =>
  request<BatchAnswer>('POST', `/incidents/${encodeURIComponent(incidentId)}/children`, {
    body: { children },
    idempotencyKey,
  });

export interface TracingRequestBody {
  incidentId?: string;
  requester: { name: string; phone: string; relation: string };
  sought: { fullName: string; sex?: Sex; ageYears?: number; lastSeenAreaCode: string; description?: string };
}

export interface TracingMatch {
  caseId: string;
  childId: string;
  childName: string;
  sex: Sex;
  ageYears: number | null;
  areaCode: string;
  incidentId: string | null;
  score: number;
  reasons: string[];
  decision: 'confirmed' | 'rejected' | null;
}

export interface TracingRequest {
  requestId: string;
  incidentId: string | null;
  status: 'open' | 'matched' | 'reunited' | 'closed';
  requester: { name: string; phone: string; relation: string };
  sought: {
    fullName: string;
    sex: Sex | null;
    ageYears: number | null;
    lastSeenAreaCode: string;
    lastSeenAt: string | null;
    description: string;
  };
  matchedCaseId: string | null;
  reunitedAt: string | null;
  matches: TracingMatch[];
  /** Children rejected for this request (among those the user may see); the request's owner may restore one. */
  rejectedCaseIds: string[];
}

/** One row of GET /tracing-requests: the request without its proposed matches. */
export interface TracingListItem {
  requestId: string;
  incidentId: string | null;
  status: TracingRequest['status'];
  requester: { name: string; phone: string; relation: string };
  sought: {
    fullName: string;
    sex: Sex | null;
    ageYears: number | null;
    lastSeenAreaCode: string;
    lastSeenAt: string | null;
  };
  matchedCaseId: string | null;
  createdAt: string;
  reunitedAt: string | null;
}

export interface TracingListQuery {
  incidentId?: string;
  status?: TracingRequest['status'];
}

export const listTracingRequests = (q: TracingListQuery, cursor?: string) =>
  request<Page<TracingListItem>>('GET', '/tracing-requests', {
    query: { ...q, cursor, limit: 20, minPosition: lastWritePosition() },
  });

export const createTracingRequest = (body: TracingRequestBody) =>
  request<TracingRequest>('POST', '/tracing-requests', { body, query: { minPosition: lastWritePosition() } });
export const getTracingRequest = (id: string) =>
  request<TracingRequest>('GET', `/tracing-requests/${encodeURIComponent(id)}`, {
    query: { minPosition: lastWritePosition() },
  });
export const decideMatch = (id: string, caseId: string, decision: 'confirm' | 'reject' | 'restore') =>
  request<TracingRequest>(
    'POST',
    `/tracing-requests/${encodeURIComponent(id)}/matches/${encodeURIComponent(caseId)}/${decision}`,
  );

/** The family is together again: recorded as family_reunification support on the matched child's case. */
export const reunite = (id: string, caseVersion: number, notes?: string) =>
  request<{ requestId: string; caseId: string; status: 'reunited'; version: number; position: number }>(
    'POST',
    `/tracing-requests/${encodeURIComponent(id)}/reunite`,
    { body: notes ? { notes } : {}, ifMatch: caseVersion },
  );
