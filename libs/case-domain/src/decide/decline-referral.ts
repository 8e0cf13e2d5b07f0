import type { DeclineReferral } from '../case.commands';
import { ErrorCodes as E, IllegalStateError } from '../case.errors';
import { type DecideOn, eventMeta, unfinishedReferral } from './rules';

export const declineReferral: DecideOn<DeclineReferral> = (command, state) => {
  const r = unfinishedReferral(state, command.data.referralId);
  if (r.status === 'accepted') {
    throw new IllegalStateError(
      E.REFERRAL_ALREADY_ACCEPTED,
      `referral ${r.referralId} was accepted; an accepted referral is completed, not declined`,
    );
  }
  return [
    {
      type: 'ReferralDeclined',
      data: {
        caseId: state.caseId,
        referralId: r.referralId,
        reason: command.data.reason,
        at: command.metadata.occurredAt,
      },
      metadata: eventMeta(command, state.childId),
    },
  ];
};
