import type { CloseCase } from '../case.commands';
import { ErrorCodes as E, IllegalStateError, RuleViolationError } from '../case.errors';
import { hasEmergencyResponse, openReferrals } from '../case.state';
import { type DecideOn, eventMeta } from './rules';

export const closeCase: DecideOn<CloseCase> = (command, state) => {
  const open = openReferrals(state);
  if (open.length > 0) {
    throw new IllegalStateError(
      E.REFERRAL_OPEN,
      'a case cannot be closed while a referral is neither completed nor declined',
      { referralIds: open.map((r) => r.referralId) },
    );
  }
  if (state.riskLevel === 'critical' && !hasEmergencyResponse(state)) {
    throw new RuleViolationError(
      E.EMERGENCY_RESPONSE_REQUIRED,
      'a case assessed critical cannot close before an emergency measure or an emergency referral',
    );
  }
  return [
    {
      type: 'CaseClosed',
      data: { caseId: state.caseId, ...command.data },
      metadata: eventMeta(command, state.childId),
    },
  ];
};
