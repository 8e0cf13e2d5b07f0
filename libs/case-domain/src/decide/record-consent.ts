import type { RecordConsent } from '../case.commands';
import { type DecideOn, eventMeta } from './rules';

export const recordConsent: DecideOn<RecordConsent> = (command, state) => [
  {
    type: 'ConsentRecorded',
    data: { caseId: state.caseId, ...command.data },
    metadata: eventMeta(command, state.childId),
  },
];
