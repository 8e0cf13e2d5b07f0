import type { RecordChildMarriageOutcome } from '../case.commands';
import { ErrorCodes as E, RuleViolationError } from '../case.errors';
import { type DecideOn, eventMeta, notInFuture } from './rules';

export const recordChildMarriageOutcome: DecideOn<RecordChildMarriageOutcome> = (command, state) => {
  if (state.category !== 'child_marriage') {
    throw new RuleViolationError(
      E.NOT_CHILD_MARRIAGE_CASE,
      `the case's category is ${state.category}, not child_marriage`,
    );
  }
  notInFuture('at', command.data.at, command.metadata.occurredAt);
  return [
    {
      type: 'ChildMarriageOutcomeRecorded',
      data: { caseId: state.caseId, ...command.data },
      metadata: eventMeta(command, state.childId),
    },
  ];
};
