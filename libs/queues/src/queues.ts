import type { Agency, ReferralDeadlineKind, Urgency } from '@sen/case-domain';
import { AGENCIES } from '@sen/case-domain';
import type { JobsOptions } from 'bullmq';

// Queue and job names are constants; job payloads are typed (CONVENTIONS.md).

/** One queue per receiving agency: `referrals.<agency>`. */
export const referralQueue = (agency: Agency) => `referrals.${agency}`;
export const REFERRAL_QUEUES = AGENCIES.map(referralQueue);
/** Deadline timers, as delayed jobs. */
export const SLA_QUEUE = 'sla';
/** Unmet deadlines put before the supervisors of the case's area. */
export const ESCALATIONS_QUEUE = 'escalations';
export const ALL_QUEUES = [...REFERRAL_QUEUES, SLA_QUEUE, ESCALATIONS_QUEUE];

export const JOB_DELIVER_REFERRAL = 'deliver-referral';
export const JOB_DEADLINE = 'deadline';
export const JOB_ESCALATE = 'escalate';

export interface ReferralDeliveryJobData {
  referralId: string;
  caseId: string;
  agency: Agency;
  unitCode: string | null;
  urgency: Urgency;
  areaCode: string;
  acknowledgeBy: string;
  dueAt: string;
}

export type DeadlineJobData =
  | { kind: 'first_response'; caseId: string; dueAt: string }
  | { kind: 'referral'; deadline: ReferralDeadlineKind; caseId: string; referralId: string; dueAt: string };

export interface EscalationJobData {
  caseId: string;
  kind: 'first_response' | 'referral_acknowledge' | 'referral_complete';
  refId: string;
  dueAt: string | null;
}

/**
 * Retention and retries (BullMQ's production guide): jobs retried with backoff, completed jobs kept a week
 * (and at most 10,000 per queue), failed ones a month, so Redis does not grow without bound.
 */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 12,
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 10_000 },
  removeOnFail: { age: 30 * 24 * 3600 },
};

/** BullMQ forbids ':' in custom job ids; Sen's dedupe keys use '.'. */
export function jobId(dedupeKey: string): string {
  return dedupeKey.replace(/:/g, '.');
}
