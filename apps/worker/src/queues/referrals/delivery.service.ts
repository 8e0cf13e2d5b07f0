import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Counter, Registry } from 'prom-client';
import type { Sql } from '@sen/db';
import { SQL } from '@sen/platform';
import { type ReferralDeliveryJobData, referralQueue } from '@sen/queues';
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
    this.delivered = new Counter({ name: 'sen_referrals_delivered_total', help: 'Referrals delivered to their agency', labelNames: ['agency'], registers: [registry] });
    this.repeats = new Counter({ name: 'sen_referral_jobs_repeated_total', help: 'Referral jobs for referrals already delivered (no-ops)', registers: [registry] });
  }

  async deliver(job: ReferralDeliveryJobData): Promise<'delivered' | 'already'> {
    const token = randomUUID();
    // Claim the delivery for the notifier's call (or find it delivered, or claimed by a live worker).
    const [row] = await this.sql<{ status: string; claim_token: string | null }[]>`
      insert into referral_deliveries (referral_id, case_id, agency, queue, status, claim_token, claim_expires_at)
      values (${job.referralId}::uuid, ${job.caseId}::uuid, ${job.agency}, ${referralQueue(job.agency)}, 'pending', ${token},
              now() + make_interval(secs => ${CLAIM_SECONDS}))
      on conflict (referral_id) do update set
        attempts = referral_deliveries.attempts + 1,
        claim_token = case when referral_deliveries.status = 'pending' and referral_deliveries.claim_expires_at < now()
                           then excluded.claim_token else referral_deliveries.claim_token end,
        claim_expires_at = case when referral_deliveries.status = 'pending' and referral_deliveries.claim_expires_at < now()
                                then excluded.claim_expires_at else referral_deliveries.claim_expires_at end
      returning status, claim_token`;
    if (row?.status === 'delivered') {
      this.repeats.inc();
      return 'already';
    }
    if (row?.claim_token !== token) throw new DeliveryInProgressError(job.referralId);
    await this.notifier.referralDelivered(job, `referral-${job.referralId}`);
    await this.sql`
      update referral_deliveries set status = 'delivered', delivered_at = now(), channel = ${this.notifier.channel},
             claim_token = null, claim_expires_at = null
       where referral_id = ${job.referralId}::uuid and claim_token = ${token}`;
    this.delivered.inc({ agency: job.agency });
    return 'delivered';
  }
}
