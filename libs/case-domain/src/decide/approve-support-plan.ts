import type { ApproveSupportPlan } from '../case.commands';
import { ErrorCodes as E, RuleViolationError } from '../case.errors';
import { hasEmergencyResponse } from '../case.state';
import { type DecideOn, eventMeta, planAwaitingDecision } from './rules';

export const approveSupportPlan: DecideOn<ApproveSupportPlan> = (command, state) => {
  const plan = planAwaitingDecision(state, command.metadata.actorId);
  if (state.riskLevel === 'critical' && !hasEmergencyResponse(state)) {
    throw new RuleViolationError(
      E.EMERGENCY_RESPONSE_REQUIRED,
      'the child is in immediate danger: an emergency measure or emergency referral must come before a plan',
    );
  }
  return [
    {
      type: 'SupportPlanApproved',
      data: {
        caseId: state.caseId,
        planId: plan.planId,
        approverId: command.metadata.actorId,
        comment: command.data.comment,
      },
      metadata: eventMeta(command, state.childId),
    },
  ];
};
