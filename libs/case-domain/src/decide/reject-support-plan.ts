import type { RejectSupportPlan } from '../case.commands';
import { type DecideOn, eventMeta, planAwaitingDecision } from './rules';

export const rejectSupportPlan: DecideOn<RejectSupportPlan> = (command, state) => {
  const plan = planAwaitingDecision(state, command.metadata.actorId);
  return [
    {
      type: 'SupportPlanRejected',
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
