import { doneInTime } from '@sen/case-domain';
import {
  type CaseProjection,
  type CaseRows,
  type ProjectionContext,
  type ProjectionEvent,
  type RollupSpec,
  type Row,
} from '../projection';
import { DEADLINES_TABLE, type DeadlineRow } from './deadlines.tables';

export type { DeadlineKind, DeadlineRow, DeadlineStatus } from './deadlines.tables';

/** met or missed once done; cancelled when the case closed or the referral was declined first; open otherwise. */
function withStatus(d: DeadlineRow): DeadlineRow {
  const status: DeadlineRow['status'] =
    d.done_at !== null
      ? doneInTime(d.due_at, d.done_at)
        ? 'met'
        : 'missed'
      : d.case_closed || d.declined
        ? 'cancelled'
        : 'open';
  return status === d.status ? d : { ...d, status }; // unchanged rows stay the same objects: fewer copies per event
}

function done(d: DeadlineRow, at: string, agency?: string | null): DeadlineRow {
  if (d.done_at !== null && Date.parse(d.done_at) <= Date.parse(at)) return d;
  return { ...d, done_at: at, ...(agency !== undefined ? { agency } : {}) };
}

export function evolveDeadlines(rows: DeadlineRow[], e: ProjectionEvent, ctx: ProjectionContext): DeadlineRow[] {
  const ev = e.event;
  if (ev.type === 'CaseOpened') {
    const d = ev.data;
    const base = {
      case_id: d.caseId,
      ref_id: '',
      done_at: null,
      status: 'open' as const,
      agency: null,
      urgency: null,
      category: d.category,
      area_code: d.location.areaCode,
      area_path: ctx.areas.scopePath(d.location.areaCode),
      reported_at: d.reportedAt,
      case_closed: false,
      declined: false,
    };
    return [
      ...(d.deadlines.firstResponseBy
        ? [{ ...base, kind: 'first_response' as const, due_at: d.deadlines.firstResponseBy }]
        : []),
      { ...base, kind: 'plan' as const, due_at: d.deadlines.planBy },
    ];
  }
  const plan = rows.find((r) => r.kind === 'plan');
  if (!plan) return rows; // a case never opened
  const map = (f: (r: DeadlineRow) => DeadlineRow) => rows.map((r) => withStatus(f(r)));
  switch (ev.type) {
    case 'EmergencyMeasureApplied':
      return map((r) => (r.kind === 'first_response' ? done(r, ev.data.appliedAt, 'social_worker') : r));
    case 'SupportProvided':
      return map((r) => (r.kind === 'first_response' ? done(r, ev.data.providedAt, ev.data.agency) : r));
    case 'SupportPlanProposed':
      return map((r) => (r.kind === 'plan' ? done(r, ev.metadata.occurredAt) : r));
    case 'ReferralIssued': {
      const d = ev.data;
      const base: DeadlineRow = {
        ...plan,
        ref_id: d.referralId,
        done_at: null,
        agency: d.toAgency,
        urgency: d.urgency,
        declined: false,
        kind: 'referral_acknowledge',
        due_at: d.acknowledgeBy,
      };
      return [...rows, withStatus(base), withStatus({ ...base, kind: 'referral_complete', due_at: d.dueAt })];
    }
    case 'ReferralAcknowledged':
      return map((r) =>
        r.ref_id === ev.data.referralId && r.kind === 'referral_acknowledge' ? done(r, ev.data.at) : r,
      );
    case 'ReferralDeclined':
      return map((r) =>
        r.ref_id !== ev.data.referralId
          ? r
          : r.kind === 'referral_acknowledge'
            ? done(r, ev.data.at)
            : { ...r, declined: true },
      );
    case 'ReferralCompleted':
      return map((r) => (r.ref_id === ev.data.referralId && r.kind === 'referral_complete' ? done(r, ev.data.at) : r));
    case 'CaseTransferred':
      return map((r) => ({ ...r, area_code: ev.data.toAreaCode, area_path: ctx.areas.scopePath(ev.data.toAreaCode) }));
    case 'CaseClosed':
      return map((r) => ({ ...r, case_closed: true }));
    case 'CaseReopened':
      return map((r) => ({ ...r, case_closed: false }));
    default:
      return rows;
  }
}

const DAY_MS = 86_400_000;

/** The UTC day of an instant, as days since 1970-01-01: the `due_day` of rm_open_deadline_days. */
export function utcDay(instant: string | Date): number {
  return Math.floor((typeof instant === 'string' ? Date.parse(instant) : instant.getTime()) / DAY_MS);
}

/**
 * rm_open_deadline_days: each open deadline counts once per area of its path, kind and UTC day it falls due. The
 * overdue total sums the days before today and counts today's deadlines live (overdueDeadlines).
 */
export const openDeadlineDaysRollup: RollupSpec = {
  table: 'rm_open_deadline_days',
  key: ['area_code', 'kind', 'due_day'],
  types: ['text', 'text', 'integer'],
  contributions(rows: CaseRows): Row[] {
    const out: Row[] = [];
    for (const d of (rows.rm_deadlines ?? []) as DeadlineRow[]) {
      if (d.status !== 'open') continue;
      const day = utcDay(d.due_at);
      for (const area of d.area_path) out.push({ area_code: area, kind: d.kind, due_day: day });
    }
    return out;
  },
};

export const deadlinesProjection: CaseProjection = {
  name: 'deadlines',
  tables: [DEADLINES_TABLE],
  evolve(rows: CaseRows, e: ProjectionEvent, ctx: ProjectionContext): CaseRows {
    return { rm_deadlines: evolveDeadlines((rows.rm_deadlines ?? []) as DeadlineRow[], e, ctx) };
  },
  rollups: [openDeadlineDaysRollup],
};
