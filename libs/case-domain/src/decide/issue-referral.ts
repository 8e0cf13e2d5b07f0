import type { IssueReferral } from '../case.commands';
import { ErrorCodes as E, IllegalStateError, RuleViolationError } from '../case.errors';
import { acknowledgeDeadline, defaultReferralDue } from '../deadlines';
import { type DecideOn, eventMeta } from './rules';

export const issueReferral: DecideOn<IssueReferral> = (command, state, ctx) => {
  const d = command.data;
  const now = command.metadata.occurredAt;
  if (state.referrals.some((r) => r.referralId === d.referralId)) {
    throw new IllegalStateError(E.REFERRAL_EXISTS, `referral ${d.referralId} already exists on this case`);
  }
  const consented = state.consentForReferral;
  if (!consented) {
    if (d.urgency !== 'emergency') {
      throw new RuleViolationError(
        E.CONSENT_REQUIRED,
        'a non-emergency referral needs consent for referral to be recorded first',
        { urgency: d.urgency },
      );
    }
    if (!d.consentWaivedReason || d.consentWaivedReason.trim() === '') {
      throw new RuleViolationError(
        E.CONSENT_WAIVER_REASON_REQUIRED,
        'an emergency referral without recorded consent must say why (consentWaivedReason)',
        { field: 'consentWaivedReason' },
      );
    }
  }
  const dueAt = d.dueAt ?? defaultReferralDue(now, ctx.policy);
  if (Date.parse(dueAt) <= Date.parse(now)) {
    throw new RuleViolationError(E.REFERRAL_DUE_BEFORE_ISSUE, `dueAt (${dueAt}) must be after the referral is issued`, {
      field: 'dueAt',
    });
  }
  return [
    {
      type: 'ReferralIssued',
      data: {
        caseId: state.caseId,
        referralId: d.referralId,
        toAgency: d.toAgency,
        ...(d.unitCode ? { unitCode: d.unitCode } : {}),
        reason: d.reason,
        urgency: d.urgency,
        acknowledgeBy: acknowledgeDeadline(now, d.urgency, ctx.policy),
        dueAt,
        ...(!consented ? { consentWaivedReason: d.consentWaivedReason } : {}),
        areaCode: state.areaCode,
      },
      metadata: eventMeta(command, state.childId),
    },
  ];
};
