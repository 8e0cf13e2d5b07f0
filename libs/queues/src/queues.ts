import type { Agency, ReferralDeadlineKind, Urgency } from '@sen/case-domain';
import { AGENCIES } from '@sen/case-domain';
import type { JobsOptions } from 'bullmq';

// The queues' contract, declared once: queue and job names are constants, job payloads are typed `XJobData`
// (CONVENTIONS.md), and `QueueJob` ties each payload to its queue and job name. The outbox projection writes
// jobs of this type, the relay moves them, the worker's processors consume them.

/** One queue per receiving agency: `referrals.<agency>`. */
export type ReferralQueue = `referrals.${Agency}`;
export const referralQueue = (agency: Agency): ReferralQueue => `referrals.${agency}`;
export const REFERRAL_QUEUES: readonly ReferralQueue[] = AGENCIES.map(referralQueue);
/** Deadline timers, as delayed jobs. */
export const SLA_QUEUE = 'sla';
/** Unmet deadlines put before the supervisors of the case's area. */
export const ESCALATIONS_QUEUE = 'escalations';
export type QueueName = ReferralQueue | typeof SLA_QUEUE | typeof ESCALATIONS_QUEUE;
export const ALL_QUEUES: readonly QueueName[] = [...REFERRAL_QUEUES, SLA_QUEUE, ESCALATIONS_QUEUE];

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
  kind: 'first_response' | `referral_${ReferralDeadlineKind}`;
  refId: string;
  dueAt: string | null;
}

/** Every job Sen queues: its queue, its job name and its payload, one member per kind of job. */
export type QueueJob =
  | { queue: ReferralQueue; name: typeof JOB_DELIVER_REFERRAL; data: ReferralDeliveryJobData }
  | { queue: typeof SLA_QUEUE; name: typeof JOB_DEADLINE; data: DeadlineJobData }
  | { queue: typeof ESCALATIONS_QUEUE; name: typeof JOB_ESCALATE; data: EscalationJobData };

/** The payload of the jobs of a queue. */
export type JobDataOf<Q extends QueueName> = Q extends ReferralQueue
  ? ReferralDeliveryJobData
  : Q extends typeof SLA_QUEUE
    ? DeadlineJobData
    : EscalationJobData;

/** A referral sent to its agency's queue. */
export const deliverReferralJob = (data: ReferralDeliveryJobData): QueueJob => ({
  queue: referralQueue(data.agency),
  name: JOB_DELIVER_REFERRAL,
  data,
});
/** A deadline's timer. */
export const deadlineJob = (data: DeadlineJobData): QueueJob => ({ queue: SLA_QUEUE, name: JOB_DEADLINE, data });
/** An unmet deadline put before the supervisors. */
export const escalationJob = (data: EscalationJobData): QueueJob => ({
  queue: ESCALATIONS_QUEUE,
  name: JOB_ESCALATE,
  data,
});

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
