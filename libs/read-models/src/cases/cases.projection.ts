import { ERASED } from '@sen/case-domain';
import {
  type CaseProjection,
  type CaseRows,
  type ProjectionContext,
  type ProjectionEvent,
  foldText,
} from '../projection';
import { CASES_TABLE, type CaseListReferral, type CaseRow } from './cases.tables';

export type { CaseListReferral, CaseRow } from './cases.tables';

const earlier = (a: string | null, b: string): string => (a === null || Date.parse(b) < Date.parse(a) ? b : a);

/** The earliest deadline still to meet, or null: what "overdue" compares with now. */
export function nextDue(row: CaseRow): string | null {
  if (row.status === 'closed') return null;
  const due: string[] = [];
  if (row.first_response_due && !row.first_response_at) due.push(row.first_response_due);
  if (!row.plan_proposed_at) due.push(row.plan_due);
  for (const r of row.referrals) {
    if (r.status === 'issued') due.push(r.acknowledgeBy);
    if (r.status === 'issued' || r.status === 'acknowledged' || r.status === 'accepted') due.push(r.dueAt);
  }
  return due.reduce<string | null>((a, b) => earlier(a, b), null);
}

function withReferral(row: CaseRow, referralId: string, patch: Partial<CaseListReferral>): CaseRow {
  return { ...row, referrals: row.referrals.map((r) => (r.referralId === referralId ? { ...r, ...patch } : r)) };
}

export function evolveCaseRow(
  current: CaseRow | undefined,
  e: ProjectionEvent,
  ctx: ProjectionContext,
): CaseRow | undefined {
  const ev = e.event;
  if (ev.type === 'CaseOpened') {
    const d = ev.data;
    const row: CaseRow = {
      case_id: d.caseId,
      child_id: d.childId,
      child_name: d.child.fullName,
      search_text: d.child.fullName === ERASED ? '' : foldText(`${d.child.fullName} ${d.summary}`),
      sex: d.child.sex,
      age_years: d.child.ageYears ?? null,
      category: d.category,
      status: 'open',
      status_before_close: null,
      risk_level: null,
      verification: null,
      area_code: d.location.areaCode,
      area_path: ctx.areas.scopePath(d.location.areaCode),
      level: d.level,
      source: d.source,
      reported_at: d.reportedAt,
      opened_at: ev.metadata.occurredAt,
      opened_by: ev.metadata.actorId,
      assignee_id: ev.metadata.actorRole === 'social_worker' ? ev.metadata.actorId : null,
      incident_id: d.incidentId ?? null,
      first_response_due: d.deadlines.firstResponseBy,
      first_response_at: null,
      plan_due: d.deadlines.planBy,
      plan_proposed_at: null,
      plan_status: null,
      referrals: [],
      open_referrals: 0,
      next_due_at: null,
      escalated: false,
      closed_at: null,
      closure_reason: null,
      personal_data_erased: d.child.fullName === ERASED,
      version: e.version,
      last_event_at: e.recordedAt,
      reunified_at: null,
    };
    return finish(row);
  }
  if (!current) return current;
  let row: CaseRow = { ...current, version: e.version, last_event_at: e.recordedAt };
  switch (ev.type) {
    case 'RiskAssessed':
      row = {
        ...row,
        risk_level: ev.data.level,
        verification: ev.data.verification,
        status: row.status === 'open' ? 'assessed' : row.status,
      };
      break;
    case 'EmergencyMeasureApplied':
      row = { ...row, first_response_at: earlier(row.first_response_at, ev.data.appliedAt) };
      break;
    case 'SupportProvided':
      row = {
        ...row,
        first_response_at: earlier(row.first_response_at, ev.data.providedAt),
        ...(ev.data.service === 'family_reunification'
          ? { reunified_at: earlier(row.reunified_at, ev.data.providedAt) }
          : {}),
      };
      break;
    case 'CaseAssigned':
      row = { ...row, assignee_id: ev.data.assigneeId };
      break;
    case 'CaseTransferred':
      row = {
        ...row,
        area_code: ev.data.toAreaCode,
        area_path: ctx.areas.scopePath(ev.data.toAreaCode),
        assignee_id: ev.data.toAssigneeId ?? null,
      };
      break;
    case 'CaseEscalated':
      row = { ...row, level: ev.data.toLevel, escalated: true };
      break;
    case 'SupportPlanProposed':
      row = { ...row, plan_proposed_at: row.plan_proposed_at ?? ev.metadata.occurredAt, plan_status: 'proposed' };
      break;
    case 'SupportPlanApproved':
      row = { ...row, plan_status: 'approved', status: row.status === 'closed' ? row.status : 'in_support' };
      break;
    case 'SupportPlanRejected':
      row = { ...row, plan_status: 'rejected' };
      break;
    case 'ReferralIssued': {
      const d = ev.data;
      const r: CaseListReferral = {
        referralId: d.referralId,
        toAgency: d.toAgency,
        urgency: d.urgency,
        status: 'issued',
        acknowledgeBy: d.acknowledgeBy,
        dueAt: d.dueAt,
        overdue: [],
      };
      row = { ...row, referrals: [...row.referrals, r] };
      break;
    }
    case 'ReferralAcknowledged':
      row = withReferral(row, ev.data.referralId, { status: 'acknowledged' });
      break;
    case 'ReferralAccepted':
      row = withReferral(row, ev.data.referralId, { status: 'accepted' });
      break;
    case 'ReferralDeclined':
      row = withReferral(row, ev.data.referralId, { status: 'declined' });
      break;
    case 'ReferralCompleted':
      row = withReferral(row, ev.data.referralId, { status: 'completed' });
      break;
    case 'ReferralOverdue': {
      const r = row.referrals.find((x) => x.referralId === ev.data.referralId);
      if (r) row = withReferral(row, r.referralId, { overdue: [...r.overdue, ev.data.deadline] });
      break;
    }
    case 'CaseClosed':
      if (row.status !== 'closed') {
        row = {
          ...row,
          status_before_close: row.status,
          status: 'closed',
          closed_at: ev.metadata.occurredAt,
          closure_reason: ev.data.reason,
        };
      }
      break;
    case 'CaseReopened':
      if (row.status === 'closed') {
        row = {
          ...row,
          status: row.status_before_close ?? 'open',
          status_before_close: null,
          closed_at: null,
          closure_reason: null,
        };
      }
      break;
    case 'PersonalDataErased':
      row = { ...row, child_name: ERASED, search_text: '', personal_data_erased: true };
      break;
    case 'ConsentRecorded':
    case 'DetailedAssessmentCompleted':
    case 'ChildMarriageOutcomeRecorded':
      break;
    default: {
      const never: never = ev;
      throw new Error(`unhandled event ${JSON.stringify(never)}`);
    }
  }
  return finish(row);
}

/** Sets the derived columns of `row`, a copy evolveCaseRow made for this event (not copied again: a rebuild evolves every event). */
function finish(row: CaseRow): CaseRow {
  row.open_referrals = row.referrals.filter((r) => r.status !== 'completed' && r.status !== 'declined').length;
  row.next_due_at = nextDue(row);
  return row;
}

export const casesProjection: CaseProjection = {
  name: 'cases',
  tables: [CASES_TABLE],
  evolve(rows: CaseRows, e: ProjectionEvent, ctx: ProjectionContext): CaseRows {
    const next = evolveCaseRow(rows.rm_cases?.[0] as CaseRow | undefined, e, ctx);
    return { rm_cases: next ? [next] : [] };
  },
};
