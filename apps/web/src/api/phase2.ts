// Phase 2: endpoints of DESIGN.md section 5 that other issues are building (dashboard and indicators: issue 5;
// incidents: issue 7; users and the access log: issue 6). The pages that use them are built; until the API
// has them, these calls answer 404 and the pages say that the feature is not available yet.
// The response shapes follow DESIGN.md section 4 and the indicators branch as it stood when this was written;
// check them against the API when those issues merge.
import type { Agency, Category, ReportSource, Sex } from '../domain/vocabulary';
import { lastWritePosition, request } from './http';

/** Counts of first responses (indicator 12's deadline) and hours to the first response. */
export interface Timeliness {
  met: number;
  missed: number;
  pending: number;
  excluded: number;
  /** met / (met + missed), in percent; null when nothing is decided yet. */
  ratePercent: number | null;
  medianHours: number | null;
  p90Hours: number | null;
  area?: string;
  areaName?: string | null;
  category?: Category;
  agency?: Agency | 'social_worker' | 'none';
  month?: string;
}

export type TimelinessDimension = 'area' | 'category' | 'agency' | 'month';

/** GET /dashboard/response-times?year=&areaCode=&groupBy=&category= (supervisor). */
export interface ResponseTimes {
  year: number;
  areaCode: string;
  areaName: string | null;
  groupBy: TimelinessDimension[];
  asOf: string;
  totals: Timeliness;
  groups: Timeliness[];
}

export type OverdueKind = 'first_response' | 'plan' | 'referral_acknowledge' | 'referral_complete';

/** One deadline passed and unmet, of GET /dashboard/overdue (supervisor). */
export interface OverdueItem {
  caseId: string;
  kind: OverdueKind;
  referralId: string | null;
  dueAt: string;
  hoursOverdue: number;
  agency: Agency | null;
  urgency: string | null;
  category: Category;
  areaCode: string;
  areaName: string | null;
  reportedAt: string;
}

export const responseTimes = (q: {
  year?: number;
  areaCode?: string;
  groupBy?: TimelinessDimension[];
  category?: string;
}) =>
  request<ResponseTimes>('GET', '/dashboard/response-times', {
    query: {
      year: q.year,
      areaCode: q.areaCode,
      groupBy: q.groupBy?.join(','),
      category: q.category,
      minPosition: lastWritePosition(),
    },
  });

export const overdue = (q: { areaCode?: string; kind?: OverdueKind; cursor?: string; limit?: number }) =>
  request<{ asOf: string; total: number; items: OverdueItem[]; nextCursor: string | null }>(
    'GET',
    '/dashboard/overdue',
    {
      query: { ...q, minPosition: lastWritePosition() },
    },
  );

export interface IndicatorFigure {
  value: number | null;
  unit: string;
  numerator: number | null;
  denominator: number | null;
  target: unknown;
  targetMet: boolean | null;
  source: string;
  noData: string | null;
  note?: string | null;
}

export interface IndicatorTarget {
  key: string;
  labelVi: string;
  labelEn: string;
  unit: string;
  direction: string;
  target2025: number | null;
  target2030: number | null;
  figure?: IndicatorFigure;
}

/** An indicator of the plan (DESIGN.md section 4): 9, 12 and 13 computed, the others entered by their lead agency. */
export interface Indicator {
  number: number;
  goal: string;
  nameVi: string;
  nameEn: string;
  leadAgency: string;
  leadAgencyVi?: string;
  computed: boolean;
  targets: IndicatorTarget[];
}

/** GET /indicators?year=&areaCode= (supervisor, analyst). */
export const indicators = (q: { year?: number; areaCode?: string }) =>
  request<{ year: number; areaCode: string; areaName: string | null; indicators: Indicator[] }>('GET', '/indicators', {
    query: q,
  });

/** GET /indicators/:number?year=&areaCode=: for 12, `result` carries byArea, byCategory and byAgency. */
export interface IndicatorDetail extends Indicator {
  year: number;
  areaCode: string;
  areaName: string | null;
  result?: {
    value: number | null;
    unit: string;
    target: unknown;
    targetMet: boolean | null;
    noData: string | null;
    byArea?: Timeliness[];
    byCategory?: Timeliness[];
    byAgency?: Timeliness[];
    [k: string]: unknown;
  };
  figures?: (IndicatorFigure & { targetKey: string })[];
}

export const indicator = (number: number, q: { year?: number; areaCode?: string }) =>
  request<IndicatorDetail>('GET', `/indicators/${number}`, { query: q });

/** `GET /indicators/export?format=csv`: a link, downloaded with the token by the page. */
export const indicatorsExportPath = (q: { year?: number; areaCode?: string; format: 'csv' | 'xlsx' }) =>
  `/indicators/export?${new URLSearchParams(
    Object.entries(q)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, String(v)]),
  ).toString()}`;

/** POST /incidents (social worker, supervisor): a disaster (thiên tai, thảm họa) that affects many children. */
export interface IncidentBody {
  name: string;
  kind: 'flood' | 'storm' | 'landslide' | 'fire' | 'epidemic' | 'other';
  occurredAt: string;
  areaCodes: string[];
  description: string;
}

/** One child affected by an incident; each becomes a case of category `disaster` (DESIGN.md section 5). */
export interface IncidentChild {
  child: { fullName: string; sex: Sex; dateOfBirth?: string; ageYears?: number };
  location: { areaCode: string };
  summary: string;
  source?: ReportSource;
}

export const createIncident = (body: IncidentBody, idempotencyKey: string) =>
  request<{ incidentId: string; position?: number }>('POST', '/incidents', { body, idempotencyKey });

/** Registered in batches of up to 1,000 children. */
export const INCIDENT_BATCH_MAX = 1000;

export const addIncidentChildren = (incidentId: string, children: IncidentChild[], idempotencyKey: string) =>
  request<{ incidentId: string; created: number; caseIds?: string[]; position?: number }>(
    'POST',
    `/incidents/${encodeURIComponent(incidentId)}/children`,
    { body: { children }, idempotencyKey },
  );

/** Issue 6 (users and the access log): the paths are not in DESIGN.md yet; these are the ones the pages expect. */
export interface AdminUser {
  userId: string;
  username: string;
  displayName: string;
  role: string;
  agency: string | null;
  areaCodes: string[];
  active: boolean;
}

export const adminUsers = () => request<{ items: AdminUser[] }>('GET', '/users');

export interface AccessLogEntry {
  at: string;
  userId: string;
  username?: string;
  role: string;
  caseId: string;
  action: string;
}

export const accessLog = (q: { caseId?: string; userId?: string; cursor?: string }) =>
  request<{ items: AccessLogEntry[]; nextCursor: string | null }>('GET', '/access-log', { query: q });
