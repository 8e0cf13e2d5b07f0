import type { AcknowledgeReferral } from '../case.commands';
import { ErrorCodes as E, IllegalStateError } from '../case.errors';
import { type DecideOn, eventMeta, unfinishedReferral } from './rules';

export const acknowledgeReferral: DecideOn<AcknowledgeReferral> = (command, state) => {
  const r = unfinishedReferral(state, command.data.referralId);
  if (r.status !== 'issued') {
    throw new IllegalStateError(E.REFERRAL_ALREADY_ACKNOWLEDGED, `referral ${r.referralId} is already ${r.status}`);
  }
  return [
    {
      type: 'ReferralAcknowledged',
      data: { caseId: state.caseId, referralId: r.referralId, at: command.metadata.occurredAt },
      metadata: eventMeta(command, state.childId),
    },
  ];
};
