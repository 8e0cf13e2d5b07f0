// The supervisor's dashboard: GET /dashboard/response-times and GET /dashboard/overdue
// (apps/api/src/dashboard/dashboard.controller.ts).
import type { Agency, Category } from '../domain/vocabulary';
import { lastWritePosition, request } from './http';

/** First responses (indicator 12's deadline) of the cases reported in a year, as the read model counts them. */
export interface Timeliness {
  met: number;
  missed: number;
  pending: number;
  excluded: number;
  /** met / (met + missed), in percent; null when nothing is met or missed yet. */
  ratePercent: number | null;
  medianHours: number | null;
  p90Hours: number | null;
  /** Cases by hours to the first response: one count per bucket of `ResponseTimes.hoursBucketEdges`, then the rest. */
  hoursHistogram: number[];
  area?: string;
  areaName?: string | null;
  category?: Category;
  /** Who gave the first response. */
  agency?: Agency | string;
  /** `YYYY-MM` of the report. */
  month?: string;
}

export type TimelinessDimension = 'area' | 'category' | 'agency' | 'month';

export interface ResponseTimes {
  year: number;
  areaCode: string;
  areaName: string | null;
  /** Upper edges, in hours, of the histogram's buckets (1, 3, 6, 12, 24, 48, 72). */
  hoursBucketEdges: number[];
  groupBy: TimelinessDimension[];
  asOf: string;
  totals: Timeliness;
  groups: Timeliness[];
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

export type OverdueKind = 'first_response' | 'plan' | 'referral_acknowledge' | 'referral_complete';

/** An open deadline past due. */
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

export interface OverduePage {
  asOf: string;
  total: number;
  items: OverdueItem[];
  nextCursor: string | null;
}

export const overdue = (q: { areaCode?: string; kind?: OverdueKind; cursor?: string; limit?: number }) =>
  request<OverduePage>('GET', '/dashboard/overdue', { query: { ...q, minPosition: lastWritePosition() } });
