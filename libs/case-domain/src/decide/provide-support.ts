import type { ProvideSupport } from '../case.commands';
import { type DecideOn, eventMeta, findReferral, notBeforeReport, notInFuture } from './rules';

export const provideSupport: DecideOn<ProvideSupport> = (command, state) => {
  const d = command.data;
  notInFuture('providedAt', d.providedAt, command.metadata.occurredAt);
  notBeforeReport('providedAt', d.providedAt, state);
  if (d.referralId !== undefined) findReferral(state, d.referralId);
  return [
    {
      type: 'SupportProvided',
      data: {
        caseId: state.caseId,
        service: d.service,
        agency: d.agency,
        providedAt: d.providedAt,
        notes: d.notes,
        ...(d.referralId ? { referralId: d.referralId } : {}),
      },
      metadata: eventMeta(command, state.childId),
    },
  ];
};
