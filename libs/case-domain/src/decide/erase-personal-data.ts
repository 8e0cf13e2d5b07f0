import type { ErasePersonalData } from '../case.commands';
import { type DecideOn, eventMeta } from './rules';

/** Works on any case, closed or not; a second erasure appends nothing. */
export const erasePersonalData: DecideOn<ErasePersonalData> = (command, state) => {
  if (state.personalDataErased) return [];
  return [
    {
      type: 'PersonalDataErased',
      data: { caseId: state.caseId, childId: state.childId, reason: command.data.reason },
      metadata: eventMeta(command, state.childId),
    },
  ];
};
