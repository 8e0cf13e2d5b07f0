import type { ProposeSupportPlan } from '../case.commands';
import { ErrorCodes as E, RuleViolationError } from '../case.errors';
import { hasEmergencyResponse } from '../case.state';
import { type DecideOn, eventMeta } from './rules';

export const proposeSupportPlan: DecideOn<ProposeSupportPlan> = (command, state) => {
  const d = command.data;
  if (!state.detailedAssessmentDone) {
    throw new RuleViolationError(
      E.DETAILED_ASSESSMENT_REQUIRED,
      'a support plan (form 04) is built on the detailed assessment (form 03); complete it first',
    );
  }
  if (state.riskLevel === 'critical' && !hasEmergencyResponse(state)) {
    throw new RuleViolationError(
      E.EMERGENCY_RESPONSE_REQUIRED,
      'the child is in immediate danger: apply an emergency measure or issue an emergency referral before planning',
    );
  }
  const early = d.services.find((s) => Date.parse(s.dueAt) < Date.parse(command.metadata.occurredAt));
  if (early) {
    throw new RuleViolationError(E.PLAN_SERVICE_DUE_BEFORE_PROPOSAL, `service ${early.service} is due before today`, {
      field: 'services.dueAt',
    });
  }
  return [
    { type: 'SupportPlanProposed', data: { caseId: state.caseId, ...d }, metadata: eventMeta(command, state.childId) },
  ];
};
