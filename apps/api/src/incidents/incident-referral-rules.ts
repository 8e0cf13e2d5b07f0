import type { Agency, Urgency } from '@sen/case-domain';
import { readSeed } from '@sen/reference';

export type ChildFlag = 'injured' | 'separated' | 'unaccompanied';

interface RuleSeed {
  when: ChildFlag[];
  toAgency: Agency;
  urgency: Urgency;
  reason: string;
  /** Applies only when no other rule matched (the default referral). */
  unlessOther?: boolean;
}

export interface ReferralRules {
  consentWaivedReason: string;
  rules: RuleSeed[];
}

export function loadReferralRules(): ReferralRules {
  return readSeed<ReferralRules>('incident-referral-rules.json');
}

/** The referrals a registered child gets by default, from the flags of their row. */
export function referralsFor(flags: Record<ChildFlag, boolean>, rules: ReferralRules): RuleSeed[] {
  const matched = rules.rules.filter((r) => !r.unlessOther && r.when.every((f) => flags[f]));
  if (matched.length > 0) return matched;
  return rules.rules.filter((r) => r.unlessOther && r.when.every((f) => flags[f]));
}
