import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Counter, Registry } from 'prom-client';
import type { Sql } from '@sen/db';
import { SQL } from '@sen/platform';
import { type ReferralDeliveryJobData, claimReferralDelivery, recordReferralDelivered } from '@sen/queues';
import { NOTIFIER, type Notifier } from '../../notifier/notifier';

/** Longer than the notifier's timeout: a live claim always ends before it lapses. */
const CLAIM_SECONDS = 30;

/** Another worker is delivering this referral right now; the job is retried later (and then finds it delivered). */
export class DeliveryInProgressError extends Error {
  constructor(referralId: string) {
    super(`referral ${referralId} is being delivered by another worker`);
  }
}

/**
 * Delivers a referral to its agency once: a row per referral records it (pending, then delivered); a job for
 * a referral already delivered does nothing. No transaction is held across the notifier call.
 */
@Injectable()
export class DeliveryService {
  private readonly delivered: Counter;
  private readonly repeats: Counter;

  constructor(
    @Inject(SQL) private readonly sql: Sql,
    @Inject(NOTIFIER) private readonly notifier: Notifier,
    registry: Registry,
  ) {
    this.delivered = new Counter({
      name: 'sen_referrals_delivered_total',
      help: 'Referrals delivered to their agency',
      labelNames: ['agency'],
      registers: [registry],
    });
    this.repeats = new Counter({
      name: 'sen_referral_jobs_repeated_total',
      help: 'Referral jobs for referrals already delivered (no-ops)',
      registers: [registry],
    });
  }

  async deliver(job: ReferralDeliveryJobData): Promise<'delivered' | 'already'> {
    const token = randomUUID();
    // Claim the delivery for the notifier's call (or find it delivered, or claimed by a live worker).
    const row = await claimReferralDelivery(this.sql, job, token, CLAIM_SECONDS);
    if (row?.status === 'delivered') {
      this.repeats.inc();
      return 'already';
    }
    if (row?.claim_token !== token) throw new DeliveryInProgressError(job.referralId);
    await this.notifier.referralDelivered(job, `referral-${job.referralId}`);
    await recordReferralDelivered(this.sql, job.referralId, token, this.notifier.channel);
    this.delivered.inc({ agency: job.agency });
    return 'delivered';
  }
}
