// What several decide functions share: "now" checks, the level order, the event metadata, finding a referral.
import type { CaseCommand } from '../case.commands';
import type { Metadata } from '../case.events';
import { ErrorCodes as E, IllegalStateError, NotFoundError, RuleViolationError } from '../case.errors';
import type { CaseFacts, ExistingCase, ReferralFacts } from '../case.state';
import { LEVELS, type Level } from '../case.types';
import type { DeadlinePolicy, WorkingCalendar } from '../deadlines';

export interface DecideContext {
  policy: DeadlinePolicy;
  calendar: WorkingCalendar;
}

/** One command's decision on an existing case. Pure: "now" is `command.metadata.occurredAt`. */
export type DecideOn<C extends CaseCommand> = (
  command: C,
  state: ExistingCase,
  ctx: DecideContext,
) => import('../case.events').CaseEvent[];

/** Clocks of field phones and offices drift; an instant up to this far ahead of "now" is still accepted. */
const CLOCK_SKEW_MS = 5 * 60_000;

export function eventMeta(command: CaseCommand, childId: string): Metadata {
  return { ...command.metadata, childId };
}

export function notInFuture(field: string, instant: string, now: string): void {
  if (Date.parse(instant) > Date.parse(now) + CLOCK_SKEW_MS) {
    throw new RuleViolationError(E.TIME_IN_FUTURE, `${field} (${instant}) is later than now (${now})`, { field });
  }
}

export function notBeforeReport(field: string, instant: string, state: CaseFacts): void {
  if (Date.parse(instant) < Date.parse(state.reportedAt)) {
    throw new RuleViolationError(
      E.TIME_BEFORE_REPORT,
      `${field} (${instant}) is earlier than the report (${state.reportedAt})`,
      { field },
    );
  }
}

export function levelRank(level: Level): number {
  return LEVELS.indexOf(level);
}

export function findReferral(state: CaseFacts, referralId: string): ReferralFacts {
  const referral = state.referrals.find((r) => r.referralId === referralId);
  if (!referral) throw new NotFoundError(E.REFERRAL_NOT_FOUND, `referral ${referralId} is not on this case`);
  return referral;
}

/** A referral an agency still acts on: neither declined nor completed. */
export function unfinishedReferral(state: CaseFacts, referralId: string): ReferralFacts {
  const r = findReferral(state, referralId);
  if (r.status === 'declined' || r.status === 'completed') {
    throw new IllegalStateError(E.REFERRAL_FINISHED, `referral ${r.referralId} is already ${r.status}`, {
      status: r.status,
    });
  }
  return r;
}

/** The latest plan, when it awaits a decision by someone other than its author. */
export function planAwaitingDecision(state: CaseFacts, actorId: string): NonNullable<CaseFacts['latestPlan']> {
  const plan = state.latestPlan;
  if (plan === null || plan.status !== 'proposed') {
    throw new IllegalStateError(E.PLAN_NOT_PROPOSED, 'there is no proposed plan awaiting a decision');
  }
  if (plan.proposedBy === actorId) {
    throw new RuleViolationError(E.PLAN_SELF_APPROVAL, 'nobody approves or rejects their own plan');
  }
  return plan;
}
