import type { ReopenCase } from '../case.commands';
import { ErrorCodes as E, IllegalStateError } from '../case.errors';
import { type DecideOn, eventMeta } from './rules';

export const reopenCase: DecideOn<ReopenCase> = (command, state) => {
  if (state.status !== 'closed') throw new IllegalStateError(E.CASE_NOT_CLOSED, 'only a closed case can be reopened');
  return [
    {
      type: 'CaseReopened',
      data: { caseId: state.caseId, reason: command.data.reason },
      metadata: eventMeta(command, state.childId),
    },
  ];
};
