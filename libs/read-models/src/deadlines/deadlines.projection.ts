import { type CaseProjection, type CaseRows, type ProjectionContext, type ProjectionEvent } from '../projection';
import { DEADLINES_TABLE, type DeadlineRow } from './deadlines.tables';

export type { DeadlineKind, DeadlineRow, DeadlineStatus } from './deadlines.tables';

/** met or missed once done; cancelled when the case closed or the referral was declined first; open otherwise. */
function withStatus(d: DeadlineRow): DeadlineRow {
  const status: DeadlineRow['status'] =
    d.done_at !== null
      ? Date.parse(d.done_at) <= Date.parse(d.due_at)
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
      ...(d.deadlines.firstResponseBy ? [{ ...base, kind: 'first_response' as const, due_at: d.deadlines.firstResponseBy }] : []),
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
      return map((r) => (r.ref_id === ev.data.referralId && r.kind === 'referral_acknowledge' ? done(r, ev.data.at) : r));
    case 'ReferralDeclined':
      return map((r) =>
        r.ref_id !== ev.data.referralId ? r : r.kind === 'referral_acknowledge' ? done(r, ev.data.at) : { ...r, declined: true },
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

export const deadlinesProjection: CaseProjection = {
  name: 'deadlines',
  tables: [DEADLINES_TABLE],
  evolve(rows: CaseRows, e: ProjectionEvent, ctx: ProjectionContext): CaseRows {
    return { rm_deadlines: evolveDeadlines((rows.rm_deadlines ?? []) as DeadlineRow[], e, ctx) };
  },
};
