// Events and commands of one case, for the decider's given/when/then specs. Every factory has defaults
// that make a plausible case (a physical violence report on Monday 2 March 2026, 09:00 in Vietnam), and
// takes overrides for what a test is about. Event and command factories of the same step share their
// defaults, so `when(assessRisk())` decides `[riskAssessed()]`; tests of computed fields spell the
// expected values out instead of trusting the factories.
import {
  type ApplyEmergencyMeasure,
  type AssessRisk,
  type AssignCase,
  type CaseAssigned,
  type CaseCommand,
  type CaseEvent,
  type CaseState,
  type CaseEscalated,
  type CaseOpened,
  type CaseTransferred,
  type CompleteDetailedAssessment,
  type ConsentRecorded,
  type DecideContext,
  type DetailedAssessmentCompleted,
  type EmergencyMeasureApplied,
  type EscalateCase,
  type Metadata,
  type OpenCase,
  type RecordConsent,
  type RiskAssessed,
  type Role,
  type TransferCase,
  addHours,
  caseDecider,
  firstResponseDeadline,
  planDeadline,
} from '@sen/case-domain';
import { type CaseDetailState, type CaseFile, evolveCaseDetail, initialCaseDetail } from '@sen/read-models';
import { deciderSpec } from './decider-spec';
import { meta, testCalendar, testPolicy } from './domain-fixtures';

export const CASE_ID = 'case-1';
export const CHILD_ID = 'child-1';
export const WORKER = 'worker-1';
export const OTHER_WORKER = 'worker-2';
export const SUPERVISOR = 'supervisor-1';
export const OFFICER = 'officer-police-1';
export const AREA = '29881';
export const OTHER_AREA = '29884';
export const REFERRAL_ID = 'ref-1';
export const PLAN_ID = 'plan-1';

/** Monday 2 March 2026, 09:00 in Vietnam (UTC+7). */
export const REPORTED_AT = '2026-03-02T02:00:00.000Z';

/** An instant `hours` after the report. */
export function h(hours: number): string {
  return addHours(REPORTED_AT, hours);
}

/** Who did it and when; the defaults are the social worker who owns the case, at the step's usual time. */
export interface By {
  at?: string;
  actorId?: string;
  actorRole?: Role;
}

export function commandMeta(defaultAt: string, by: By): Metadata {
  return meta(by.at ?? defaultAt, by.actorId ?? WORKER, by.actorRole ?? 'social_worker');
}

/** Events carry the command's metadata plus the case's child. */
export function eventMeta(defaultAt: string, by: By): Metadata {
  return { ...commandMeta(defaultAt, by), childId: CHILD_ID };
}

/** The usual time of each step, in hours after the report. */
export const T = {
  opened: 0.5,
  assigned: 1,
  transferred: 1,
  risk: 1,
  emergency: 2,
  consent: 2,
  referral: 3,
  acknowledged: 4,
  accepted: 5,
  declined: 5,
  escalated: 6,
  detailed: 24,
  completed: 72,
  proposed: 48,
  decided: 50,
  support: 60,
  outcome: 240,
  closed: 720,
  reopened: 744,
  erased: 960,
} as const;

export const asSupervisor: By = { actorId: SUPERVISOR, actorRole: 'supervisor' };
export const asOfficer: By = { actorId: OFFICER, actorRole: 'agency_officer' };
export const asSystem: By = { actorId: 'system', actorRole: 'system' };

/** The decider with the test policy and the test calendar (or another context) behind given/when/then. */
export function caseSpec(ctx: DecideContext = { policy: testPolicy, calendar: testCalendar }) {
  const decider = caseDecider(ctx);
  return deciderSpec<CaseCommand, CaseEvent, SpecState>({
    initialState: () => ({ ...initialCaseDetail(), decision: decider.initialState() }),
    evolve: (state, event) => {
      const decision = decider.evolve(state.decision, event);
      const detail = evolveCaseDetail(state, event);
      // The two folds of one stream must agree on where the case stands.
      if (detail.status !== decision.status) {
        throw new Error(
          `after ${event.type} the case detail is ${detail.status} but the decision state ${decision.status}`,
        );
      }
      return { ...detail, decision };
    },
    decide: (command, state) => decider.decide(command, state.decision),
  });
}

/**
 * What the given/when/then sees: the case as it is read (libs/read-models/src/case-detail), with the decision
 * state the decider reads beside it. Specs assert on the first; the decider sees only the second.
 */
export type SpecState = CaseDetailState & { decision: CaseState };

// ---- opening -------------------------------------------------------------------------------------------

const child = { fullName: 'Nguyễn Thị Lan', sex: 'female' as const, dateOfBirth: '2015-06-01' };
const reporter = { name: 'Trần Văn Bình', phone: '0912345678', relation: 'neighbour' };

export function openCase(data: Partial<OpenCase['data']> = {}, by: By = {}): OpenCase {
  return {
    type: 'OpenCase',
    data: {
      caseId: CASE_ID,
      childId: CHILD_ID,
      child,
      category: 'physical_violence',
      summary: 'bruises seen at school',
      location: { areaCode: AREA },
      reportedAt: REPORTED_AT,
      source: 'hotline_111',
      reporter,
      ...data,
    },
    metadata: commandMeta(h(T.opened), by),
  };
}

/** A case as opened; its deadlines follow from the report and the test policy unless given. */
export function caseOpened(data: Partial<CaseOpened['data']> = {}, by: By = {}): CaseOpened {
  const reportedAt = data.reportedAt ?? REPORTED_AT;
  const category = data.category ?? 'physical_violence';
  return {
    type: 'CaseOpened',
    data: {
      caseId: CASE_ID,
      childId: CHILD_ID,
      child: { ...child, ageYears: 10 },
      category,
      summary: 'bruises seen at school',
      location: { areaCode: AREA },
      reportedAt,
      source: 'hotline_111',
      reporter,
      level: 'commune',
      deadlines: {
        firstResponseBy: firstResponseDeadline(reportedAt, category, testPolicy),
        planBy: planDeadline(reportedAt, testPolicy, testCalendar),
      },
      ...data,
    },
    metadata: eventMeta(h(T.opened), by),
  };
}

// ---- assessment and first response ---------------------------------------------------------------------

export function assessRisk(data: Partial<AssessRisk['data']> = {}, by: By = {}): AssessRisk {
  return {
    type: 'AssessRisk',
    data: {
      level: 'medium',
      verification: 'confirmed',
      factors: ['repeated violence'],
      notes: 'form 02',
      assessedAt: h(T.risk),
      ...data,
    },
    metadata: commandMeta(h(T.risk), by),
  };
}

export function riskAssessed(data: Partial<RiskAssessed['data']> = {}, by: By = {}): RiskAssessed {
  return {
    type: 'RiskAssessed',
    data: {
      caseId: CASE_ID,
      level: 'medium',
      verification: 'confirmed',
      factors: ['repeated violence'],
      notes: 'form 02',
      assessedAt: h(T.risk),
      ...data,
    },
    metadata: eventMeta(h(T.risk), by),
  };
}

export function applyEmergencyMeasure(
  data: Partial<ApplyEmergencyMeasure['data']> = {},
  by: By = {},
): ApplyEmergencyMeasure {
  return {
    type: 'ApplyEmergencyMeasure',
    data: { measure: 'temporary_shelter', appliedAt: h(T.emergency), notes: 'taken to the shelter', ...data },
    metadata: commandMeta(h(T.emergency), by),
  };
}

export function emergencyMeasureApplied(
  data: Partial<EmergencyMeasureApplied['data']> = {},
  by: By = {},
): EmergencyMeasureApplied {
  return {
    type: 'EmergencyMeasureApplied',
    data: {
      caseId: CASE_ID,
      measure: 'temporary_shelter',
      appliedAt: h(T.emergency),
      notes: 'taken to the shelter',
      ...data,
    },
    metadata: eventMeta(h(T.emergency), by),
  };
}

export function assignCase(data: Partial<AssignCase['data']> = {}, by: By = {}): AssignCase {
  return { type: 'AssignCase', data: { assigneeId: OTHER_WORKER, ...data }, metadata: commandMeta(h(T.assigned), by) };
}

export function caseAssigned(data: Partial<CaseAssigned['data']> = {}, by: By = {}): CaseAssigned {
  return {
    type: 'CaseAssigned',
    data: { caseId: CASE_ID, assigneeId: OTHER_WORKER, ...data },
    metadata: eventMeta(h(T.assigned), by),
  };
}

export function transferCase(data: Partial<TransferCase['data']> = {}, by: By = {}): TransferCase {
  return {
    type: 'TransferCase',
    data: { toAreaCode: OTHER_AREA, reason: 'the family moved', ...data },
    metadata: commandMeta(h(T.transferred), by),
  };
}

export function caseTransferred(data: Partial<CaseTransferred['data']> = {}, by: By = {}): CaseTransferred {
  return {
    type: 'CaseTransferred',
    data: { caseId: CASE_ID, fromAreaCode: AREA, toAreaCode: OTHER_AREA, reason: 'the family moved', ...data },
    metadata: eventMeta(h(T.transferred), by),
  };
}

export function recordConsent(data: Partial<RecordConsent['data']> = {}, by: By = {}): RecordConsent {
  return {
    type: 'RecordConsent',
    data: { givenBy: 'parent', forServices: true, forReferral: true, forReporting: true, ...data },
    metadata: commandMeta(h(T.consent), by),
  };
}

export function consentRecorded(data: Partial<ConsentRecorded['data']> = {}, by: By = {}): ConsentRecorded {
  return {
    type: 'ConsentRecorded',
    data: { caseId: CASE_ID, givenBy: 'parent', forServices: true, forReferral: true, forReporting: true, ...data },
    metadata: eventMeta(h(T.consent), by),
  };
}

export function completeDetailedAssessment(
  data: Partial<CompleteDetailedAssessment['data']> = {},
  by: By = {},
): CompleteDetailedAssessment {
  return {
    type: 'CompleteDetailedAssessment',
    data: { needs: ['psychological support', 'safe home'], notes: 'form 03', at: h(T.detailed), ...data },
    metadata: commandMeta(h(T.detailed), by),
  };
}

export function detailedAssessmentCompleted(
  data: Partial<DetailedAssessmentCompleted['data']> = {},
  by: By = {},
): DetailedAssessmentCompleted {
  return {
    type: 'DetailedAssessmentCompleted',
    data: {
      caseId: CASE_ID,
      needs: ['psychological support', 'safe home'],
      notes: 'form 03',
      at: h(T.detailed),
      ...data,
    },
    metadata: eventMeta(h(T.detailed), by),
  };
}

export function escalateCase(data: Partial<EscalateCase['data']> = {}, by: By = {}): EscalateCase {
  return {
    type: 'EscalateCase',
    data: { toLevel: 'province', reason: 'needs the province shelter', automatic: false, ...data },
    metadata: commandMeta(h(T.escalated), by),
  };
}

export function caseEscalated(data: Partial<CaseEscalated['data']> = {}, by: By = {}): CaseEscalated {
  return {
    type: 'CaseEscalated',
    data: {
      caseId: CASE_ID,
      fromLevel: 'commune',
      toLevel: 'province',
      reason: 'needs the province shelter',
      automatic: false,
      ...data,
    },
    metadata: eventMeta(h(T.escalated), by),
  };
}

/** The case file of a state that has one (every status but `none`). */
export function fileOf(state: CaseDetailState): CaseFile {
  if (state.status === 'none') throw new Error('the case does not exist');
  return state.file;
}
