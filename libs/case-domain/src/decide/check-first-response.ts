import type { CheckFirstResponse } from '../case.commands';
import { doneInTime } from '../deadline-rule';
import { type DecideOn, eventMeta, levelRank } from './rules';

/** The first-response timer's command: one automatic escalation when no response came by the deadline. */
export const checkFirstResponse: DecideOn<CheckFirstResponse> = (command, state) => {
  const due = state.deadlines.firstResponseBy;
  if (due === null || Date.parse(command.metadata.occurredAt) < Date.parse(due)) return [];
  if (state.firstResponseAt !== null && doneInTime(due, state.firstResponseAt)) return [];
  if (state.automaticallyEscalated) return [];
  const next = command.data.nextLevel;
  if (next === null || levelRank(next) <= levelRank(state.level)) return [];
  return [
    {
      type: 'CaseEscalated',
      data: {
        caseId: state.caseId,
        fromLevel: state.level,
        toLevel: next,
        reason: `no first response within the deadline (${due})`,
        automatic: true,
      },
      metadata: eventMeta(command, state.childId),
    },
  ];
};
