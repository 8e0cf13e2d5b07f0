// Support plan, support provided, and whole histories up to a plan in force (see case-fixtures.ts).
import {
  type ApproveSupportPlan,
  type ProposeSupportPlan,
  type ProvideSupport,
  type RejectSupportPlan,
  type RiskAssessed,
  type SupportPlanApproved,
  type SupportPlanProposed,
  type SupportPlanRejected,
  type SupportProvided,
} from '@sen/case-domain';
import {
  CASE_ID,
  WORKER,
  PLAN_ID,
  h,
  type By,
  commandMeta,
  eventMeta,
  T,
  caseOpened,
  riskAssessed,
  detailedAssessmentCompleted,
  asSupervisor,
} from './case-fixtures';

const plannedServices = [
  { service: 'psychological' as const, agency: 'health' as const, dueAt: h(24 * 14) },
  { service: 'education' as const, agency: 'education' as const, dueAt: h(24 * 21) },
];

export function proposeSupportPlan(data: Partial<ProposeSupportPlan['data']> = {}, by: By = {}): ProposeSupportPlan {
  return {
    type: 'ProposeSupportPlan',
    data: {
      planId: PLAN_ID,
      goals: ['safe at home', 'back at school'],
      services: plannedServices,
      reviewAt: h(24 * 30),
      ...data,
    },
    metadata: commandMeta(h(T.proposed), by),
  };
}

export function supportPlanProposed(data: Partial<SupportPlanProposed['data']> = {}, by: By = {}): SupportPlanProposed {
  return {
    type: 'SupportPlanProposed',
    data: {
      caseId: CASE_ID,
      planId: PLAN_ID,
      goals: ['safe at home', 'back at school'],
      services: plannedServices,
      reviewAt: h(24 * 30),
      ...data,
    },
    metadata: eventMeta(h(T.proposed), by),
  };
}

export function approveSupportPlan(data: Partial<ApproveSupportPlan['data']> = {}, by: By = {}): ApproveSupportPlan {
  by = { ...asSupervisor, ...by };
  return {
    type: 'ApproveSupportPlan',
    data: { comment: 'approved', ...data },
    metadata: commandMeta(h(T.decided), by),
  };
}

export function supportPlanApproved(data: Partial<SupportPlanApproved['data']> = {}, by: By = {}): SupportPlanApproved {
  by = { ...asSupervisor, ...by };
  return {
    type: 'SupportPlanApproved',
    data: { caseId: CASE_ID, planId: PLAN_ID, approverId: by.actorId ?? WORKER, comment: 'approved', ...data },
    metadata: eventMeta(h(T.decided), by),
  };
}

export function rejectSupportPlan(data: Partial<RejectSupportPlan['data']> = {}, by: By = {}): RejectSupportPlan {
  by = { ...asSupervisor, ...by };
  return {
    type: 'RejectSupportPlan',
    data: { comment: 'add a school visit', ...data },
    metadata: commandMeta(h(T.decided), by),
  };
}

export function supportPlanRejected(data: Partial<SupportPlanRejected['data']> = {}, by: By = {}): SupportPlanRejected {
  by = { ...asSupervisor, ...by };
  return {
    type: 'SupportPlanRejected',
    data: {
      caseId: CASE_ID,
      planId: PLAN_ID,
      approverId: by.actorId ?? WORKER,
      comment: 'add a school visit',
      ...data,
    },
    metadata: eventMeta(h(T.decided), by),
  };
}

export function provideSupport(data: Partial<ProvideSupport['data']> = {}, by: By = {}): ProvideSupport {
  return {
    type: 'ProvideSupport',
    data: {
      service: 'psychological',
      agency: 'health',
      providedAt: h(T.support),
      notes: 'first counselling session',
      ...data,
    },
    metadata: commandMeta(h(T.support), by),
  };
}

export function supportProvided(data: Partial<SupportProvided['data']> = {}, by: By = {}): SupportProvided {
  return {
    type: 'SupportProvided',
    data: {
      caseId: CASE_ID,
      service: 'psychological',
      agency: 'health',
      providedAt: h(T.support),
      notes: 'first counselling session',
      ...data,
    },
    metadata: eventMeta(h(T.support), by),
  };
}

// ---- histories -----------------------------------------------------------------------------------------

/** Opened and assessed (status `assessed`), at the given risk level. */
export function assessedCase(level: RiskAssessed['data']['level'] = 'medium') {
  return [caseOpened(), riskAssessed({ level })];
}

/** Opened, assessed and with the detailed assessment (form 03) done: ready for a plan. */
export function readyForPlan(level: RiskAssessed['data']['level'] = 'medium') {
  return [...assessedCase(level), detailedAssessmentCompleted()];
}

/** A plan in force (status `in_support`). */
export function inSupportCase() {
  return [...readyForPlan(), supportPlanProposed(), supportPlanApproved()];
}
