import type { ApplyEmergencyMeasure } from '../case.commands';
import { type DecideOn, eventMeta, notBeforeReport, notInFuture } from './rules';

export const applyEmergencyMeasure: DecideOn<ApplyEmergencyMeasure> = (command, state) => {
  const d = command.data;
  notInFuture('appliedAt', d.appliedAt, command.metadata.occurredAt);
  notBeforeReport('appliedAt', d.appliedAt, state);
  return [
    {
      type: 'EmergencyMeasureApplied',
      data: { caseId: state.caseId, ...d },
      metadata: eventMeta(command, state.childId),
    },
  ];
};
