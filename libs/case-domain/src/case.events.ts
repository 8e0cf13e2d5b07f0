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
  Role,
  ServiceKind,
  Sex,
  Urgency,
  Verification,
} from './case.types';

/** Every event and command carries who did it, why, and when (the clock is never read in the domain). */
export interface Metadata {
  actorId: string;
  actorRole: Role;
  correlationId: string;
  causationId: string;
  /** ISO-8601 instant. */
  occurredAt: string;
  /** The case's child, so that adapters can find the child's data key without folding the stream. */
  childId?: string;
  /** On CaseOpened sent with an Idempotency-Key: the key and a keyed digest of the request, to answer retries. */
  idempotencyKey?: string;
  requestDigest?: string;
}

export interface Message<Type extends string, Data> {
  type: Type;
  data: Data;
  metadata: Metadata;
}

export interface ChildDetails {
  /** PII */
  fullName: string;
  sex: Sex;
  /** PII; either this or ageYears. YYYY-MM-DD. */
  dateOfBirth?: string;
  ageYears?: number;
  /** PII, a special category (Decree 13/2023/NĐ-CP, art. 2(4)); stored in clear before issue 15. */
  ethnicity?: string;
  /** PII, a special category (Decree 13/2023/NĐ-CP, art. 2(4)); stored in clear before issue 15. */
  disability?: string;
}

export interface Reporter {
  /** PII */
  name: string;
  /** PII */
  phone: string;
  relation: string;
}

export interface CaseDeadlines {
  /** First response (an emergency measure or support) due; null for categories indicator 12 does not follow. */
  firstResponseBy: string | null;
  /** Support and intervention plan (form 04) to be proposed by. */
  planBy: string;
}

export type CaseOpened = Message<
  'CaseOpened',
  {
    caseId: string;
    childId: string;
    child: ChildDetails;
    category: Category;
    /** PII */
    summary: string;
    location: { areaCode: string };
    reportedAt: string;
    source: ReportSource;
    reporter?: Reporter;
    incidentId?: string;
    level: Level;
    /** Computed by the decider from the deadline policy in force when the case was opened. */
    deadlines: CaseDeadlines;
  }
>;

export type RiskAssessed = Message<
  'RiskAssessed',
  {
    caseId: string;
    level: RiskLevel;
    verification: Verification;
    factors: string[];
    /** PII */
    notes: string;
    assessedAt: string;
  }
>;

export type EmergencyMeasureApplied = Message<
  'EmergencyMeasureApplied',
  { caseId: string; measure: EmergencyMeasure; appliedAt: string; /** PII */ notes: string }
>;

export type CaseAssigned = Message<'CaseAssigned', { caseId: string; assigneeId: string }>;

export type CaseTransferred = Message<
  'CaseTransferred',
  { caseId: string; fromAreaCode: string; toAreaCode: string; toAssigneeId?: string; reason: string }
>;

export type ConsentRecorded = Message<
  'ConsentRecorded',
  {
    caseId: string;
    givenBy: ConsentGiver;
    forServices: boolean;
    forReferral: boolean;
    forReporting: boolean;
  }
>;

export type DetailedAssessmentCompleted = Message<
  'DetailedAssessmentCompleted',
  { caseId: string; needs: string[]; /** PII */ notes: string; at: string }
>;

export type CaseEscalated = Message<
  'CaseEscalated',
  { caseId: string; fromLevel: Level; toLevel: Level; reason: string; automatic: boolean }
>;

export interface PlannedService {
  service: ServiceKind;
  agency: Agency;
  dueAt: string;
}

export type SupportPlanProposed = Message<
  'SupportPlanProposed',
  { caseId: string; planId: string; goals: string[]; services: PlannedService[]; reviewAt: string }
>;

export type SupportPlanApproved = Message<
  'SupportPlanApproved',
  { caseId: string; planId: string; approverId: string; comment: string }
>;

export type SupportPlanRejected = Message<
  'SupportPlanRejected',
  { caseId: string; planId: string; approverId: string; comment: string }
>;

export type SupportProvided = Message<
  'SupportProvided',
  {
    caseId: string;
    service: ServiceKind;
    agency: Agency;
    providedAt: string;
    /** PII */
    notes: string;
    /** Set when the support answers a referral (so response times can be credited to the agency). */
    referralId?: string;
  }
>;

export type ReferralIssued = Message<
  'ReferralIssued',
  {
    caseId: string;
    referralId: string;
    toAgency: Agency;
    unitCode?: string;
    reason: string;
    urgency: Urgency;
    acknowledgeBy: string;
    dueAt: string;
    /** Why an emergency referral went out without recorded consent for referral. */
    consentWaivedReason?: string;
    /** Area of the case when referred, so that agency inboxes can be scoped without folding the case. */
    areaCode: string;
  }
>;

export type ReferralAcknowledged = Message<'ReferralAcknowledged', { caseId: string; referralId: string; at: string }>;
export type ReferralAccepted = Message<'ReferralAccepted', { caseId: string; referralId: string; at: string }>;
export type ReferralDeclined = Message<
  'ReferralDeclined',
  { caseId: string; referralId: string; reason: string; at: string }
>;
export type ReferralCompleted = Message<
  'ReferralCompleted',
  { caseId: string; referralId: string; outcome: string; servicesProvided: ServiceKind[]; at: string }
>;
export type ReferralOverdue = Message<
  'ReferralOverdue',
  { caseId: string; referralId: string; deadline: ReferralDeadlineKind; dueAt: string }
>;

export type ChildMarriageOutcomeRecorded = Message<
  'ChildMarriageOutcomeRecorded',
  { caseId: string; outcome: ChildMarriageOutcome; at: string }
>;

export type CaseClosed = Message<'CaseClosed', { caseId: string; reason: ClosureReason; /** PII */ notes: string }>;
export type CaseReopened = Message<'CaseReopened', { caseId: string; reason: string }>;

export type PersonalDataErased = Message<'PersonalDataErased', { caseId: string; childId: string; reason: string }>;

export type CaseEvent =
  | CaseOpened
  | RiskAssessed
  | EmergencyMeasureApplied
  | CaseAssigned
  | CaseTransferred
  | ConsentRecorded
  | DetailedAssessmentCompleted
  | CaseEscalated
  | SupportPlanProposed
  | SupportPlanApproved
  | SupportPlanRejected
  | SupportProvided
  | ReferralIssued
  | ReferralAcknowledged
  | ReferralAccepted
  | ReferralDeclined
  | ReferralCompleted
  | ReferralOverdue
  | ChildMarriageOutcomeRecorded
  | CaseClosed
  | CaseReopened
  | PersonalDataErased;

export type CaseEventType = CaseEvent['type'];

export const CASE_EVENT_TYPES: readonly CaseEventType[] = [
  'CaseOpened',
  'RiskAssessed',
  'EmergencyMeasureApplied',
  'CaseAssigned',
  'CaseTransferred',
  'ConsentRecorded',
  'DetailedAssessmentCompleted',
  'CaseEscalated',
  'SupportPlanProposed',
  'SupportPlanApproved',
  'SupportPlanRejected',
  'SupportProvided',
  'ReferralIssued',
  'ReferralAcknowledged',
  'ReferralAccepted',
  'ReferralDeclined',
  'ReferralCompleted',
  'ReferralOverdue',
  'ChildMarriageOutcomeRecorded',
  'CaseClosed',
  'CaseReopened',
  'PersonalDataErased',
];

/**
 * Personal data fields of each event, as paths into `data`. Adapters encrypt these with the child's key
 * (DESIGN.md section 6); the domain itself only ever sees plaintext or the erased marker.
 */
export const PII_FIELDS: { readonly [T in CaseEventType]: readonly string[] } = {
  CaseOpened: [
    'child.fullName',
    'child.dateOfBirth',
    'child.ethnicity',
    'child.disability',
    'summary',
    'reporter.name',
    'reporter.phone',
  ],
  RiskAssessed: ['notes'],
  EmergencyMeasureApplied: ['notes'],
  CaseAssigned: [],
  CaseTransferred: [],
  ConsentRecorded: [],
  DetailedAssessmentCompleted: ['notes'],
  CaseEscalated: [],
  SupportPlanProposed: [],
  SupportPlanApproved: [],
  SupportPlanRejected: [],
  SupportProvided: ['notes'],
  ReferralIssued: [],
  ReferralAcknowledged: [],
  ReferralAccepted: [],
  ReferralDeclined: [],
  ReferralCompleted: [],
  ReferralOverdue: [],
  ChildMarriageOutcomeRecorded: [],
  CaseClosed: ['notes'],
  CaseReopened: [],
  PersonalDataErased: [],
};

/** What a personal data field reads as once the child's key is destroyed. */
export const ERASED = '[erased]';

export function streamIdOf(caseId: string): string {
  return `case-${caseId}`;
}
