import type { CompleteReferral } from '../case.commands';
import { ErrorCodes as E, IllegalStateError } from '../case.errors';
import { type DecideOn, eventMeta, unfinishedReferral } from './rules';

export const completeReferral: DecideOn<CompleteReferral> = (command, state) => {
  const r = unfinishedReferral(state, command.data.referralId);
  if (r.status !== 'accepted') {
    throw new IllegalStateError(E.REFERRAL_NOT_ACCEPTED, `referral ${r.referralId} must be accepted before completion`);
  }
  return [
    {
      type: 'ReferralCompleted',
      data: {
        caseId: state.caseId,
        referralId: r.referralId,
        outcome: command.data.outcome,
        servicesProvided: command.data.servicesProvided,
        at: command.metadata.occurredAt,
      },
      metadata: eventMeta(command, state.childId),
    },
  ];
};
