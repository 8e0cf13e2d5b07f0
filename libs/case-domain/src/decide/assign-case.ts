import type { AssignCase } from '../case.commands';
import { type DecideOn, eventMeta } from './rules';

/** Who may be assigned (an active worker of the case's area) is the guard's rule: it needs the users. */
export const assignCase: DecideOn<AssignCase> = (command, state) => [
  {
    type: 'CaseAssigned',
    data: { caseId: state.caseId, assigneeId: command.data.assigneeId },
    metadata: eventMeta(command, state.childId),
  },
];
