// The shapes the API answers with (apps/api/src: auth, areas, cases, referrals). Kept by hand, next to the
// controllers' view functions: fullCaseView (get-case/case.view.ts), listCases and agencyInbox (read-models).
import type {
  Agency,
  CaseStatus,
  Category,
  ChildMarriageOutcome,
  ClosureReason,
  ConsentGiver,
  DeadlineStatus,
  EmergencyMeasure,
  Level,
  ReferralStatus,
  ReportSource,
  RiskLevel,
  ServiceKind,
  Sex,
  Urgency,
  UserRole,
  Verification,
} from '../domain/vocabulary';

export interface User {
  userId: string;
  username: string;
  displayName: string;
  role: UserRole;
  agency: Agency | null;
  unitCode: string | null;
  areaCodes: string[];
}

export interface Area {
  code: string;
  name: string;
  level: Level | 'province' | 'district' | 'commune';
  kind: string;
  parentCode: string | null;
  treeId: string;
  validFrom: string;
  validTo: string | null;
}

export interface Deadline {
  dueAt: string | null;
  doneAt: string | null;
  status: DeadlineStatus;
}

export interface ChildDetails {
  fullName: string;
  sex: Sex;
  dateOfBirth?: string;
  ageYears?: number;
  ethnicity?: string;
  disability?: string;
}

export interface Reporter {
  name: string;
  phone: string;
  relation: string;
}

export interface PlannedService {
  service: ServiceKind;
  agency: Agency;
  dueAt: string;
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

export interface CaseReferral {
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
  overdue: ('acknowledge' | 'complete')[];
  deadlines: { acknowledge: Deadline; complete: Deadline };
}

/** GET /cases/:id */
export interface CaseView {
  caseId: string;
  version: number;
  status: CaseStatus;
  childId: string;
  child: ChildDetails;
  category: Category;
  summary: string;
  areaCode: string;
  level: Level;
  reportedAt: string;
  source: ReportSource;
  reporter: Reporter | null;
  incidentId: string | null;
  openedAt: string;
  openedBy: string;
  assigneeId: string | null;
  risk: { level: RiskLevel; verification: Verification; factors: string[]; notes: string; assessedAt: string } | null;
  emergencyMeasures: { measure: EmergencyMeasure; appliedAt: string; notes: string }[];
  consent: {
    givenBy: ConsentGiver;
    forServices: boolean;
    forReferral: boolean;
    forReporting: boolean;
    recordedAt: string;
  } | null;
  detailedAssessment: { needs: string[]; notes: string; at: string } | null;
  plan: { approved: SupportPlan | null; latest: SupportPlan | null };
  support: { service: ServiceKind; agency: Agency; providedAt: string; notes: string; referralId?: string }[];
  referrals: CaseReferral[];
  escalations: { fromLevel: Level; toLevel: Level; reason: string; automatic: boolean; at: string }[];
  firstResponseAt: string | null;
  childMarriageOutcome: { outcome: ChildMarriageOutcome; at: string } | null;
  closures: { reason: ClosureReason; notes: string; at: string }[];
  reopenings: { reason: string; at: string }[];
  personalDataErased: boolean;
  deadlines: { firstResponse: Deadline; plan: Deadline };
  closedAt?: string;
  closureReason?: ClosureReason;
}

/** One event of GET /cases/:id/history. */
export interface HistoryEvent {
  version: number;
  position: number;
  type: string;
  data: Record<string, unknown>;
  actorId: string;
  actorRole: UserRole | 'system';
  occurredAt: string;
  recordedAt: string;
}

export interface CaseHistory {
  caseId: string;
  asOf: string | null;
  version: number;
  events: HistoryEvent[];
}

/** One row of GET /cases. */
export interface CaseListItem {
  caseId: string;
  childId: string;
  childName: string;
  sex: Sex | null;
  ageYears: number | null;
  category: Category;
  status: CaseStatus;
  riskLevel: RiskLevel | null;
  verification: Verification | null;
  areaCode: string;
  level: Level;
  reportedAt: string;
  assigneeId: string | null;
  firstResponseDue: string | null;
  firstResponseAt: string | null;
  planDue: string;
  planProposedAt: string | null;
  planStatus: string | null;
  openReferrals: number;
  nextDueAt: string | null;
  overdue: boolean;
  escalated: boolean;
  closedAt: string | null;
  version: number;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** One referral of GET /referrals/inbox: only what the agency needs to know. */
export interface InboxItem {
  referralId: string;
  caseId: string;
  caseVersion: number;
  toAgency: Agency;
  unitCode: string | null;
  status: ReferralStatus;
  urgency: Urgency;
  reason: string;
  issuedAt: string;
  acknowledgeBy: string;
  dueAt: string;
  acknowledgedAt: string | null;
  acceptedAt: string | null;
  declinedAt: string | null;
  completedAt: string | null;
  overdue: { acknowledge: boolean; complete: boolean };
  child: { givenName: string; ageYears: number | null; sex: Sex | null };
  category: Category;
  riskLevel: RiskLevel | null;
  areaCode: string;
  caseStatus: CaseStatus;
}

/** What every write answers: the case's new version and the event store position it reached. */
export interface WriteResult {
  caseId: string;
  version: number;
  position: number;
  referralId?: string;
  planId?: string;
}

export interface OpenCaseBody {
  child: ChildDetails;
  category: Category;
  summary: string;
  location: { areaCode: string };
  reportedAt: string;
  source: ReportSource;
  reporter?: Reporter;
}
