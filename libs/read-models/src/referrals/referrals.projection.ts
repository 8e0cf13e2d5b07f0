import { ERASED } from '@sen/case-domain';
import {
  type CaseProjection,
  type CaseRows,
  type ProjectionContext,
  type ProjectionEvent,
  givenName,
} from '../projection';
import { REFERRALS_TABLE, REFERRAL_CONTEXT_TABLE, type ReferralContextRow, type ReferralRow } from './referrals.tables';

export type { ReferralContextRow, ReferralRow } from './referrals.tables';

function evolveContext(
  ctxRow: ReferralContextRow | undefined,
  e: ProjectionEvent,
  ctx: ProjectionContext,
): ReferralContextRow | undefined {
  const ev = e.event;
  if (ev.type === 'CaseOpened') {
    const d = ev.data;
    return {
      case_id: d.caseId,
      child_given_name: d.child.fullName === ERASED ? ERASED : givenName(d.child.fullName),
      child_age_years: d.child.ageYears ?? null,
      child_sex: d.child.sex,
      category: d.category,
      risk_level: null,
      area_code: d.location.areaCode,
      area_path: ctx.areas.scopePath(d.location.areaCode),
      case_status: 'open',
      status_before_close: null,
      case_version: e.version,
    };
  }
  if (!ctxRow) return ctxRow;
  const next = { ...ctxRow, case_version: e.version };
  switch (ev.type) {
    case 'RiskAssessed':
      return {
        ...next,
        risk_level: ev.data.level,
        case_status: next.case_status === 'open' ? 'assessed' : next.case_status,
      };
    case 'SupportPlanApproved':
      return { ...next, case_status: next.case_status === 'closed' ? 'closed' : 'in_support' };
    case 'CaseTransferred':
      return { ...next, area_code: ev.data.toAreaCode, area_path: ctx.areas.scopePath(ev.data.toAreaCode) };
    case 'CaseClosed':
      return next.case_status === 'closed'
        ? next
        : { ...next, status_before_close: next.case_status, case_status: 'closed' };
    case 'CaseReopened':
      return next.case_status !== 'closed'
        ? next
        : { ...next, case_status: next.status_before_close ?? 'open', status_before_close: null };
    case 'PersonalDataErased':
      return { ...next, child_given_name: ERASED };
    default:
      return next;
  }
}

function evolveReferral(r: ReferralRow, e: ProjectionEvent): ReferralRow {
  const ev = e.event;
  switch (ev.type) {
    case 'ReferralAcknowledged':
      return ev.data.referralId === r.referral_id ? { ...r, status: 'acknowledged', acknowledged_at: ev.data.at } : r;
    case 'ReferralAccepted':
      return ev.data.referralId === r.referral_id ? { ...r, status: 'accepted', accepted_at: ev.data.at } : r;
    case 'ReferralDeclined':
      return ev.data.referralId === r.referral_id
        ? { ...r, status: 'declined', declined_at: ev.data.at, decline_reason: ev.data.reason }
        : r;
    case 'ReferralCompleted':
      return ev.data.referralId === r.referral_id
        ? {
            ...r,
            status: 'completed',
            completed_at: ev.data.at,
            outcome: ev.data.outcome,
            services_provided: ev.data.servicesProvided,
          }
        : r;
    case 'ReferralOverdue':
      return ev.data.referralId === r.referral_id && !r.overdue.includes(ev.data.deadline)
        ? { ...r, overdue: [...r.overdue, ev.data.deadline] }
        : r;
    default:
      return r;
  }
}

function withContext(r: ReferralRow, c: ReferralContextRow): ReferralRow {
  return {
    ...r,
    area_code: c.area_code,
    area_path: c.area_path,
    child_given_name: c.child_given_name,
    child_age_years: c.child_age_years,
    child_sex: c.child_sex,
    category: c.category,
    risk_level: c.risk_level,
    case_status: c.case_status,
    case_version: c.case_version,
  };
}

/** The agency inboxes: each referral with the need-to-know view of its case. */
export const referralsProjection: CaseProjection = {
  name: 'referrals',
  tables: [REFERRAL_CONTEXT_TABLE, REFERRALS_TABLE],
  evolve(rows: CaseRows, e: ProjectionEvent, ctx: ProjectionContext): CaseRows {
    const context = evolveContext(rows.rm_referral_context?.[0] as ReferralContextRow | undefined, e, ctx);
    if (!context) return rows;
    let referrals = (rows.rm_referrals ?? []) as ReferralRow[];
    const ev = e.event;
    if (ev.type === 'ReferralIssued') {
      const d = ev.data;
      referrals = [
        ...referrals,
        withContext(
          {
            referral_id: d.referralId,
            case_id: d.caseId,
            to_agency: d.toAgency,
            unit_code: d.unitCode ?? null,
            status: 'issued',
            urgency: d.urgency,
            reason: d.reason,
            issued_at: ev.metadata.occurredAt,
            issued_by: ev.metadata.actorId,
            acknowledge_by: d.acknowledgeBy,
            due_at: d.dueAt,
            acknowledged_at: null,
            accepted_at: null,
            declined_at: null,
            decline_reason: null,
            completed_at: null,
            outcome: null,
            services_provided: null,
            overdue: [],
          } as unknown as ReferralRow,
          context,
        ),
      ];
    }
    referrals = referrals.map((r) => withContext(evolveReferral(r, e), context));
    return { rm_referral_context: [context], rm_referrals: referrals };
  },
};
