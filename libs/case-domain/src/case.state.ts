import type { CaseDeadlines, CaseEvent } from './case.events';
import type { Agency, Category, ClosureReason, Level, ReferralDeadlineKind, RiskLevel, Urgency } from './case.types';

export type ReferralStatus = 'issued' | 'acknowledged' | 'accepted' | 'declined' | 'completed';

/** What the decider needs to know of a referral: its lifecycle and deadlines, nothing of its wording. */
export interface ReferralFacts {
  referralId: string;
  toAgency: Agency;
  unitCode?: string;
  urgency: Urgency;
  status: ReferralStatus;
  acknowledgeBy: string;
  dueAt: string;
  overdue: ReferralDeadlineKind[];
}

/**
 * The decision state: only what `decide` (and the guards before it) read. No field holds personal data, so
 * a command loads its case without decrypting anything. The case as people read it (child, notes, history)
 * is folded on the read side: libs/read-models/src/case-detail.
 */
export interface CaseFacts {
  caseId: string;
  childId: string;
  category: Category;
  areaCode: string;
  level: Level;
  reportedAt: string;
  deadlines: CaseDeadlines;
  /** The latest risk assessment's level; null before the first one. */
  riskLevel: RiskLevel | null;
  consentForReferral: boolean;
  detailedAssessmentDone: boolean;
  emergencyMeasureApplied: boolean;
  /** The latest proposal, which may since have been approved or rejected. */
  latestPlan: { planId: string; status: 'proposed' | 'approved' | 'rejected'; proposedBy: string } | null;
  referrals: ReferralFacts[];
  /** Earliest emergency measure or support. */
  firstResponseAt: string | null;
  automaticallyEscalated: boolean;
  personalDataErased: boolean;
}

export type ActiveStatus = 'open' | 'assessed' | 'in_support';
export type CaseStatus = 'none' | ActiveStatus | 'closed';

export type CaseState =
  | { status: 'none' }
  | (CaseFacts & { status: ActiveStatus })
  | (CaseFacts & { status: 'closed'; closedAt: string; reason: ClosureReason; previous: ActiveStatus });

export type ExistingCase = Exclude<CaseState, { status: 'none' }>;

export function initialState(): CaseState {
  return { status: 'none' };
}

function assertNever(x: never): never {
  throw new Error(`unhandled: ${JSON.stringify(x)}`);
}

function updateReferral(
  state: ExistingCase,
  referralId: string,
  patch: (r: ReferralFacts) => ReferralFacts,
): ExistingCase {
  return { ...state, referrals: state.referrals.map((r) => (r.referralId === referralId ? patch(r) : r)) };
}

function firstResponse(state: ExistingCase, at: string): ExistingCase {
  if (state.firstResponseAt !== null && Date.parse(state.firstResponseAt) <= Date.parse(at)) return state;
  return { ...state, firstResponseAt: at };
}

export function evolve(state: CaseState, event: CaseEvent): CaseState {
  if (event.type === 'CaseOpened') {
    const d = event.data;
    return {
      status: 'open',
      caseId: d.caseId,
      childId: d.childId,
      category: d.category,
      areaCode: d.location.areaCode,
      level: d.level,
      reportedAt: d.reportedAt,
      deadlines: d.deadlines,
      riskLevel: null,
      consentForReferral: false,
      detailedAssessmentDone: false,
      emergencyMeasureApplied: false,
      latestPlan: null,
      referrals: [],
      firstResponseAt: null,
      automaticallyEscalated: false,
      personalDataErased: false,
    };
  }
  if (state.status === 'none') return state; // events of a case never opened are ignored

  switch (event.type) {
    case 'RiskAssessed': {
      const next = { ...state, riskLevel: event.data.level };
      return state.status === 'open' ? { ...next, status: 'assessed' } : next;
    }
    case 'EmergencyMeasureApplied':
      return firstResponse({ ...state, emergencyMeasureApplied: true }, event.data.appliedAt);
    case 'CaseAssigned':
      return state;
    case 'CaseTransferred':
      return { ...state, areaCode: event.data.toAreaCode };
    case 'ConsentRecorded':
      return { ...state, consentForReferral: event.data.forReferral };
    case 'DetailedAssessmentCompleted':
      return { ...state, detailedAssessmentDone: true };
    case 'CaseEscalated':
      return {
        ...state,
        level: event.data.toLevel,
        automaticallyEscalated: state.automaticallyEscalated || event.data.automatic,
      };
    case 'SupportPlanProposed':
      return {
        ...state,
        latestPlan: { planId: event.data.planId, status: 'proposed', proposedBy: event.metadata.actorId },
      };
    case 'SupportPlanApproved': {
      if (!state.latestPlan) return state;
      const next = { ...state, latestPlan: { ...state.latestPlan, status: 'approved' as const } };
      return next.status === 'closed' ? next : { ...next, status: 'in_support' };
    }
    case 'SupportPlanRejected':
      if (!state.latestPlan) return state;
      return { ...state, latestPlan: { ...state.latestPlan, status: 'rejected' } };
    case 'SupportProvided':
      return firstResponse(state, event.data.providedAt);
    case 'ReferralIssued': {
      const d = event.data;
      const referral: ReferralFacts = {
        referralId: d.referralId,
        toAgency: d.toAgency,
        ...(d.unitCode ? { unitCode: d.unitCode } : {}),
        urgency: d.urgency,
        status: 'issued',
        acknowledgeBy: d.acknowledgeBy,
        dueAt: d.dueAt,
        overdue: [],
      };
      return { ...state, referrals: [...state.referrals, referral] };
    }
    case 'ReferralAcknowledged':
      return updateReferral(state, event.data.referralId, (r) => ({ ...r, status: 'acknowledged' }));
    case 'ReferralAccepted':
      return updateReferral(state, event.data.referralId, (r) => ({ ...r, status: 'accepted' }));
    case 'ReferralDeclined':
      return updateReferral(state, event.data.referralId, (r) => ({ ...r, status: 'declined' }));
    case 'ReferralCompleted':
      return updateReferral(state, event.data.referralId, (r) => ({ ...r, status: 'completed' }));
    case 'ReferralOverdue':
      return updateReferral(state, event.data.referralId, (r) => ({
        ...r,
        overdue: [...r.overdue, event.data.deadline],
      }));
    case 'ChildMarriageOutcomeRecorded':
      return state;
    case 'CaseClosed': {
      if (state.status === 'closed') return state;
      const at = event.metadata.occurredAt;
      return { ...state, status: 'closed', closedAt: at, reason: event.data.reason, previous: state.status };
    }
    case 'CaseReopened': {
      if (state.status !== 'closed') return state;
      const { closedAt: _c, reason: _r, previous, ...rest } = state;
      return { ...rest, status: previous };
    }
    case 'PersonalDataErased':
      return { ...state, personalDataErased: true };
    default:
      return assertNever(event);
  }
}

/** Referrals that hold a case open: issued and neither completed nor declined. */
export function openReferrals(state: CaseFacts): ReferralFacts[] {
  return state.referrals.filter((r) => r.status !== 'completed' && r.status !== 'declined');
}

/** A critical case is safe to plan for or close only after an emergency measure or an emergency referral. */
export function hasEmergencyResponse(state: CaseFacts): boolean {
  return state.emergencyMeasureApplied || state.referrals.some((r) => r.urgency === 'emergency');
}
