import type { AssessRisk } from '../case.commands';
import { type DecideOn, eventMeta, notBeforeReport, notInFuture } from './rules';

export const assessRisk: DecideOn<AssessRisk> = (command, state) => {
  const d = command.data;
  notInFuture('assessedAt', d.assessedAt, command.metadata.occurredAt);
  notBeforeReport('assessedAt', d.assessedAt, state);
  return [{ type: 'RiskAssessed', data: { caseId: state.caseId, ...d }, metadata: eventMeta(command, state.childId) }];
};
