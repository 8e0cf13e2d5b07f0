import type { ChildDetails, Message, PlannedService, Reporter } from './case.events';
import type {
  Agency,
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
} from './case.types';

// Commands are imperative; `metadata.occurredAt` is "now" for the decider, and ids are made by the caller.

export type OpenCase = Message<
  'OpenCase',
  {
    caseId: string;
    childId: string;
    child: ChildDetails;
    category: Category;
    summary: string;
    location: { areaCode: string };
    reportedAt: string;
    source: ReportSource;
    reporter?: Reporter;
    incidentId?: string;
  }
>;
export type AssessRisk = Message<
  'AssessRisk',
  { level: RiskLevel; verification: Verification; factors: string[]; notes: string; assessedAt: string }
>;
export type ApplyEmergencyMeasure = Message<
  'ApplyEmergencyMeasure',
  { measure: EmergencyMeasure; appliedAt: string; notes: string }
>;
export type AssignCase = Message<'AssignCase', { assigneeId: string }>;
export type TransferCase = Message<'TransferCase', { toAreaCode: string; toAssigneeId?: string; reason: string }>;
export type RecordConsent = Message<
  'RecordConsent',
  { givenBy: ConsentGiver; forServices: boolean; forReferral: boolean; forReporting: boolean }
>;
export type CompleteDetailedAssessment = Message<
  'CompleteDetailedAssessment',
  { needs: string[]; notes: string; at: string }
>;
/** `automatic` is true only when the system escalates for a missed first response. */
export type EscalateCase = Message<'EscalateCase', { toLevel: Level; reason: string; automatic: boolean }>;
export type ProposeSupportPlan = Message<
  'ProposeSupportPlan',
  { planId: string; goals: string[]; services: PlannedService[]; reviewAt: string }
>;
export type ApproveSupportPlan = Message<'ApproveSupportPlan', { comment: string }>;
export type RejectSupportPlan = Message<'RejectSupportPlan', { comment: string }>;
export type ProvideSupport = Message<
  'ProvideSupport',
  { service: ServiceKind; agency: Agency; providedAt: string; notes: string; referralId?: string }
>;
export type IssueReferral = Message<
  'IssueReferral',
  {
    referralId: string;
    toAgency: Agency;
    unitCode?: string;
    reason: string;
    urgency: Urgency;
    /** Completion due; defaults to the policy's number of days after issue. */
    dueAt?: string;
    consentWaivedReason?: string;
  }
>;
export type AcknowledgeReferral = Message<'AcknowledgeReferral', { referralId: string }>;
export type AcceptReferral = Message<'AcceptReferral', { referralId: string }>;
export type DeclineReferral = Message<'DeclineReferral', { referralId: string; reason: string }>;
export type CompleteReferral = Message<
  'CompleteReferral',
  { referralId: string; outcome: string; servicesProvided: ServiceKind[] }
>;
/** Sent by the deadline timer; decides nothing when the deadline was met or is already marked. */
export type MarkReferralOverdue = Message<
  'MarkReferralOverdue',
  { referralId: string; deadline: ReferralDeadlineKind }
>;
/** Sent by the first-response timer; escalates one level when the first response is late. */
export type CheckFirstResponse = Message<'CheckFirstResponse', { nextLevel: Level | null }>;
export type RecordChildMarriageOutcome = Message<
  'RecordChildMarriageOutcome',
  { outcome: ChildMarriageOutcome; at: string }
>;
export type CloseCase = Message<'CloseCase', { reason: ClosureReason; notes: string }>;
export type ReopenCase = Message<'ReopenCase', { reason: string }>;
export type ErasePersonalData = Message<'ErasePersonalData', { reason: string }>;

export type CaseCommand =
  | OpenCase
  | AssessRisk
  | ApplyEmergencyMeasure
  | AssignCase
  | TransferCase
  | RecordConsent
  | CompleteDetailedAssessment
  | EscalateCase
  | ProposeSupportPlan
  | ApproveSupportPlan
  | RejectSupportPlan
  | ProvideSupport
  | IssueReferral
  | AcknowledgeReferral
  | AcceptReferral
  | DeclineReferral
  | CompleteReferral
  | MarkReferralOverdue
  | CheckFirstResponse
  | RecordChildMarriageOutcome
  | CloseCase
  | ReopenCase
  | ErasePersonalData;

export type CaseCommandType = CaseCommand['type'];
