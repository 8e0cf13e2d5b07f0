// The case as its social worker and supervisor read it (GET /cases/:id and its history): every fact of the
// stream, personal data included, folded from decrypted events. The decider does not read this: it has its
// own small state (libs/case-domain/src/case.state.ts), so commands never decrypt.
import type {
  ActiveStatus,
  Agency,
  CaseDeadlines,
  CaseEvent,
  ChildDetails,
  PlannedService,
  ReferralStatus,
  Reporter,
  Category,
  ChildMarriageOutcome,
  ClosureReason,
  ConsentGiver,
  EmergencyMeasure,
  Level,
  ReferralDeadlineKind,
  ReportSource,
  RiskLevel,
  ServiceKind,
  Urgency,
  Verification,
} from '@sen/case-domain';

export interface Referral {
  referralId: string;
  toAgency: Agency;
  unitCode?: string;
  reason: string;
  urgency: Urgency;
  status: ReferralStatus;
  issuedAt: string;
  issuedBy: string;
  acknowledgeBy: string;
  dueAt: string;
  consentWaivedReason?: string;
  acknowledgedAt?: string;
  acceptedAt?: string;
  declinedAt?: string;
  declineReason?: string;
  completedAt?: string;
  outcome?: string;
  servicesProvided?: ServiceKind[];
  overdue: ReferralDeadlineKind[];
}

export interface SupportPlan {
  planId: string;
  status: 'proposed' | 'approved' | 'rejected';
  goals: string[];
  services: PlannedService[];
  reviewAt: string;
  proposedBy: string;
  proposedAt: string;
  decidedBy?: string;
  decidedAt?: string;
  comment?: string;
}

export interface CaseFile {
  caseId: string;
  childId: string;
  child: ChildDetails;
  category: Category;
  summary: string;
  areaCode: string;
  level: Level;
  reportedAt: string;
  source: ReportSource;
  reporter?: Reporter;
  incidentId?: string;
  openedAt: string;
  openedBy: string;
  assigneeId: string | null;
  deadlines: CaseDeadlines;
  risk: {
    level: RiskLevel;
    verification: Verification;
    factors: string[];
    notes: string;
    assessedAt: string;
  } | null;
  emergencyMeasures: { measure: EmergencyMeasure; appliedAt: string; notes: string }[];
  consent: {
    givenBy: ConsentGiver;
    forServices: boolean;
    forReferral: boolean;
    forReporting: boolean;
    recordedAt: string;
  } | null;
  detailedAssessment: { needs: string[]; notes: string; at: string } | null;
  /** The plan in force (approved) and the latest proposal, which may be the same plan. */
  approvedPlan: SupportPlan | null;
  latestPlan: SupportPlan | null;
  planProposedAt: string | null;
  support: { service: ServiceKind; agency: Agency; providedAt: string; notes: string; referralId?: string }[];
  referrals: Referral[];
  escalations: { fromLevel: Level; toLevel: Level; reason: string; automatic: boolean; at: string }[];
  /** Earliest emergency measure or support: the first response of indicator 12. */
  firstResponseAt: string | null;
  firstResponseBy: Agency | 'social_worker' | null;
  childMarriageOutcome: { outcome: ChildMarriageOutcome; at: string } | null;
  personalDataErased: boolean;
  closures: { reason: ClosureReason; notes: string; at: string }[];
  reopenings: { reason: string; at: string }[];
}

export type CaseDetailState =
  | { status: 'none' }
  | { status: 'open'; file: CaseFile }
  | { status: 'assessed'; file: CaseFile }
  | { status: 'in_support'; file: CaseFile }
  | { status: 'closed'; file: CaseFile; closedAt: string; reason: ClosureReason; previous: ActiveStatus };

export function initialCaseDetail(): CaseDetailState {
  return { status: 'none' };
}

function assertNever(x: never): never {
  throw new Error(`unhandled: ${JSON.stringify(x)}`);
}

function withFile(state: CaseDetailState, file: CaseFile): CaseDetailState {
  switch (state.status) {
    case 'none':
      return state;
    case 'open':
    case 'assessed':
    case 'in_support':
      return { status: state.status, file };
    case 'closed':
      return { ...state, file };
    default:
      return assertNever(state);
  }
}

function updateReferral(file: CaseFile, referralId: string, patch: (r: Referral) => Referral): CaseFile {
  return { ...file, referrals: file.referrals.map((r) => (r.referralId === referralId ? patch(r) : r)) };
}

function recordFirstResponse(file: CaseFile, at: string, by: CaseFile['firstResponseBy']): CaseFile {
  if (file.firstResponseAt !== null && Date.parse(file.firstResponseAt) <= Date.parse(at)) return file;
  return { ...file, firstResponseAt: at, firstResponseBy: by };
}

export function evolveCaseDetail(state: CaseDetailState, event: CaseEvent): CaseDetailState {
  if (event.type === 'CaseOpened') {
    const d = event.data;
    return {
      status: 'open',
      file: {
        caseId: d.caseId,
        childId: d.childId,
        child: d.child,
        category: d.category,
        summary: d.summary,
        areaCode: d.location.areaCode,
        level: d.level,
        reportedAt: d.reportedAt,
        source: d.source,
        ...(d.reporter ? { reporter: d.reporter } : {}),
        ...(d.incidentId ? { incidentId: d.incidentId } : {}),
        openedAt: event.metadata.occurredAt,
        openedBy: event.metadata.actorId,
        assigneeId: event.metadata.actorRole === 'social_worker' ? event.metadata.actorId : null,
        deadlines: d.deadlines,
        risk: null,
        emergencyMeasures: [],
        consent: null,
        detailedAssessment: null,
        approvedPlan: null,
        latestPlan: null,
        planProposedAt: null,
        support: [],
        referrals: [],
        escalations: [],
        firstResponseAt: null,
        firstResponseBy: null,
        childMarriageOutcome: null,
        personalDataErased: false,
        closures: [],
        reopenings: [],
      },
    };
  }
  if (state.status === 'none') return state; // events of a case never opened are ignored
  const file = state.file;
  const at = event.metadata.occurredAt;

  switch (event.type) {
    case 'RiskAssessed': {
      const d = event.data;
      const next = {
        ...file,
        risk: {
          level: d.level,
          verification: d.verification,
          factors: d.factors,
          notes: d.notes,
          assessedAt: d.assessedAt,
        },
      };
      return state.status === 'open' ? { status: 'assessed', file: next } : withFile(state, next);
    }
    case 'EmergencyMeasureApplied': {
      const d = event.data;
      const next = recordFirstResponse(
        {
          ...file,
          emergencyMeasures: [
            ...file.emergencyMeasures,
            { measure: d.measure, appliedAt: d.appliedAt, notes: d.notes },
          ],
        },
        d.appliedAt,
        'social_worker',
      );
      return withFile(state, next);
    }
    case 'CaseAssigned':
      return withFile(state, { ...file, assigneeId: event.data.assigneeId });
    case 'CaseTransferred':
      return withFile(state, {
        ...file,
        areaCode: event.data.toAreaCode,
        assigneeId: event.data.toAssigneeId ?? null,
      });
    case 'ConsentRecorded': {
      const { givenBy, forServices, forReferral, forReporting } = event.data;
      return withFile(state, { ...file, consent: { givenBy, forServices, forReferral, forReporting, recordedAt: at } });
    }
    case 'DetailedAssessmentCompleted':
      return withFile(state, {
        ...file,
        detailedAssessment: { needs: event.data.needs, notes: event.data.notes, at: event.data.at },
      });
    case 'CaseEscalated': {
      const d = event.data;
      return withFile(state, {
        ...file,
        level: d.toLevel,
        escalations: [
          ...file.escalations,
          { fromLevel: d.fromLevel, toLevel: d.toLevel, reason: d.reason, automatic: d.automatic, at },
        ],
      });
    }
    case 'SupportPlanProposed': {
      const d = event.data;
      const plan: SupportPlan = {
        planId: d.planId,
        status: 'proposed',
        goals: d.goals,
        services: d.services,
        reviewAt: d.reviewAt,
        proposedBy: event.metadata.actorId,
        proposedAt: at,
      };
      return withFile(state, { ...file, latestPlan: plan, planProposedAt: file.planProposedAt ?? at });
    }
    case 'SupportPlanApproved': {
      if (!file.latestPlan) return state;
      const approved: SupportPlan = {
        ...file.latestPlan,
        status: 'approved',
        decidedBy: event.data.approverId,
        decidedAt: at,
        comment: event.data.comment,
      };
      const next = { ...file, latestPlan: approved, approvedPlan: approved };
      return state.status === 'closed' ? withFile(state, next) : { status: 'in_support', file: next };
    }
    case 'SupportPlanRejected': {
      if (!file.latestPlan) return state;
      return withFile(state, {
        ...file,
        latestPlan: {
          ...file.latestPlan,
          status: 'rejected',
          decidedBy: event.data.approverId,
          decidedAt: at,
          comment: event.data.comment,
        },
      });
    }
    case 'SupportProvided': {
      const d = event.data;
      const entry = {
        service: d.service,
        agency: d.agency,
        providedAt: d.providedAt,
        notes: d.notes,
        ...(d.referralId ? { referralId: d.referralId } : {}),
      };
      const next = recordFirstResponse({ ...file, support: [...file.support, entry] }, d.providedAt, d.agency);
      return withFile(state, next);
    }
    case 'ReferralIssued': {
      const d = event.data;
      const referral: Referral = {
        referralId: d.referralId,
        toAgency: d.toAgency,
        ...(d.unitCode ? { unitCode: d.unitCode } : {}),
        reason: d.reason,
        urgency: d.urgency,
        status: 'issued',
        issuedAt: at,
        issuedBy: event.metadata.actorId,
        acknowledgeBy: d.acknowledgeBy,
        dueAt: d.dueAt,
        ...(d.consentWaivedReason ? { consentWaivedReason: d.consentWaivedReason } : {}),
        overdue: [],
      };
      return withFile(state, { ...file, referrals: [...file.referrals, referral] });
    }
    case 'ReferralAcknowledged':
      return withFile(
        state,
        updateReferral(file, event.data.referralId, (r) => ({
          ...r,
          status: 'acknowledged',
          acknowledgedAt: event.data.at,
        })),
      );
    case 'ReferralAccepted':
      return withFile(
        state,
        updateReferral(file, event.data.referralId, (r) => ({ ...r, status: 'accepted', acceptedAt: event.data.at })),
      );
    case 'ReferralDeclined':
      return withFile(
        state,
        updateReferral(file, event.data.referralId, (r) => ({
          ...r,
          status: 'declined',
          declinedAt: event.data.at,
          declineReason: event.data.reason,
        })),
      );
    case 'ReferralCompleted':
      return withFile(
        state,
        updateReferral(file, event.data.referralId, (r) => ({
          ...r,
          status: 'completed',
          completedAt: event.data.at,
          outcome: event.data.outcome,
          servicesProvided: event.data.servicesProvided,
        })),
      );
    case 'ReferralOverdue':
      return withFile(
        state,
        updateReferral(file, event.data.referralId, (r) => ({ ...r, overdue: [...r.overdue, event.data.deadline] })),
      );
    case 'ChildMarriageOutcomeRecorded':
      return withFile(state, { ...file, childMarriageOutcome: { outcome: event.data.outcome, at: event.data.at } });
    case 'CaseClosed': {
      if (state.status === 'closed') return state;
      const next = {
        ...file,
        closures: [...file.closures, { reason: event.data.reason, notes: event.data.notes, at }],
      };
      return { status: 'closed', file: next, closedAt: at, reason: event.data.reason, previous: state.status };
    }
    case 'CaseReopened': {
      if (state.status !== 'closed') return state;
      return {
        status: state.previous,
        file: { ...file, reopenings: [...file.reopenings, { reason: event.data.reason, at }] },
      };
    }
    case 'PersonalDataErased':
      return withFile(state, { ...file, personalDataErased: true });
    default:
      return assertNever(event);
  }
}

/** The case detail after these events (the whole stream, or the part recorded by a given time). */
export function caseDetailOf(events: readonly CaseEvent[]): CaseDetailState {
  return events.reduce(evolveCaseDetail, initialCaseDetail());
}
