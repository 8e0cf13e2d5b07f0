import type { CaseView, SupportPlan } from '../../api/types';

/** The forms of Decree 56/2017/NĐ-CP that Sen prints from a case. */
export const FORM_NUMBERS = ['01', '02', '03', '04', '05'] as const;
export type FormNumber = (typeof FORM_NUMBERS)[number];

export function isFormNumber(v: string | undefined): v is FormNumber {
  return (FORM_NUMBERS as readonly string[]).includes(v ?? '');
}

/** The plan a decision (form 05) is about: the latest if it was decided, else the one in force. */
export function decidedPlan(c: CaseView): SupportPlan | null {
  const latest = c.plan.latest;
  if (latest && latest.status !== 'proposed') return latest;
  return c.plan.approved;
}

export function formAvailable(c: CaseView, n: FormNumber): boolean {
  switch (n) {
    case '01':
      return true;
    case '02':
      return c.risk !== null;
    case '03':
      return c.detailedAssessment !== null;
    case '04':
      return c.plan.latest !== null;
    case '05':
      return decidedPlan(c) !== null;
    default: {
      const never: never = n;
      return never;
    }
  }
}
