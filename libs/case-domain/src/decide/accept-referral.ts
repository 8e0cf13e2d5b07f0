import type { AcceptReferral } from '../case.commands';
import { ErrorCodes as E, IllegalStateError } from '../case.errors';
import { type DecideOn, eventMeta, unfinishedReferral } from './rules';

export const acceptReferral: DecideOn<AcceptReferral> = (command, state) => {
  const r = unfinishedReferral(state, command.data.referralId);
  if (r.status === 'issued') {
    throw new IllegalStateError(E.REFERRAL_NOT_ACKNOWLEDGED, `referral ${r.referralId} must be acknowledged first`);
  }
  if (r.status === 'accepted') {
    throw new IllegalStateError(E.REFERRAL_ALREADY_ACCEPTED, `referral ${r.referralId} is already accepted`);
  }
  return [
    {
      type: 'ReferralAccepted',
      data: { caseId: state.caseId, referralId: r.referralId, at: command.metadata.occurredAt },
      metadata: eventMeta(command, state.childId),
    },
  ];
};
