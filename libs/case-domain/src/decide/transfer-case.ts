import type { TransferCase } from '../case.commands';
import { ErrorCodes as E, RuleViolationError } from '../case.errors';
import { type DecideOn, eventMeta } from './rules';

export const transferCase: DecideOn<TransferCase> = (command, state) => {
  const d = command.data;
  if (d.toAreaCode === state.areaCode) {
    throw new RuleViolationError(E.SAME_AREA, `the case is already in area ${state.areaCode}`, {
      field: 'toAreaCode',
    });
  }
  return [
    {
      type: 'CaseTransferred',
      data: {
        caseId: state.caseId,
        fromAreaCode: state.areaCode,
        toAreaCode: d.toAreaCode,
        ...(d.toAssigneeId ? { toAssigneeId: d.toAssigneeId } : {}),
        reason: d.reason,
      },
      metadata: eventMeta(command, state.childId),
    },
  ];
};
