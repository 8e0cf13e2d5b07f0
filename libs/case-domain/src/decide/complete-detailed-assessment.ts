import type { CompleteDetailedAssessment } from '../case.commands';
import { ErrorCodes as E, RuleViolationError } from '../case.errors';
import { type DecideOn, eventMeta, notBeforeReport, notInFuture } from './rules';

export const completeDetailedAssessment: DecideOn<CompleteDetailedAssessment> = (command, state) => {
  // Form 03 follows the verification and first assessment of form 02.
  if (state.riskLevel === null) {
    throw new RuleViolationError(E.RISK_NOT_ASSESSED, 'the detailed assessment needs a risk assessment first');
  }
  notInFuture('at', command.data.at, command.metadata.occurredAt);
  notBeforeReport('at', command.data.at, state);
  return [
    {
      type: 'DetailedAssessmentCompleted',
      data: { caseId: state.caseId, ...command.data },
      metadata: eventMeta(command, state.childId),
    },
  ];
};
