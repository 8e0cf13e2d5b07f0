import type { EscalateCase } from '../case.commands';
import { ErrorCodes as E, RuleViolationError } from '../case.errors';
import { type DecideOn, eventMeta, levelRank } from './rules';

/** Whether the area has that level at all (the district level ended on 1 July 2025) is the guard's rule. */
export const escalateCase: DecideOn<EscalateCase> = (command, state) => {
  const d = command.data;
  if (levelRank(d.toLevel) <= levelRank(state.level)) {
    throw new RuleViolationError(
      E.ESCALATION_NOT_UPWARD,
      `an escalation goes only upwards: the case is at ${state.level}, ${d.toLevel} is not above it`,
      { field: 'toLevel', currentLevel: state.level },
    );
  }
  return [
    {
      type: 'CaseEscalated',
      data: {
        caseId: state.caseId,
        fromLevel: state.level,
        toLevel: d.toLevel,
        reason: d.reason,
        automatic: d.automatic,
      },
      metadata: eventMeta(command, state.childId),
    },
  ];
};
