import type { Sql, SqlFragment } from '@sen/db';
import { type ReferralDeliveryJobData, referralQueue } from './queues';

// The referral_deliveries table (libs/db/migrations/00004_outbox): what the worker did with each referral job,
// one row per referral whatever the retries. The worker's delivery service writes it through these functions;
// the relay reads it (redeliveries) through `undeliveredReferral`. Each step is its own short statement: no
// transaction stays open across the notifier's network call.

/**
 * Claims the delivery of a referral for `claimSeconds` with `token`, or finds it delivered, or claimed by a live
 * worker (whose token comes back). Every call counts an attempt.
 */
export async function claimReferralDelivery(
  sql: Sql,
  job: ReferralDeliveryJobData,
  token: string,
  claimSeconds: number,
): Promise<{ status: string; claim_token: string | null } | undefined> {
  const [row] = await sql<{ status: string; claim_token: string | null }[]>`
      insert into referral_deliveries (referral_id, case_id, agency, queue, status, claim_token, claim_expires_at)
      values (${job.referralId}::uuid, ${job.caseId}::uuid, ${job.agency}, ${referralQueue(job.agency)}, 'pending', ${token},
              now() + make_interval(secs => ${claimSeconds}))
      on conflict (referral_id) do update set
        attempts = referral_deliveries.attempts + 1,
        claim_token = case when referral_deliveries.status = 'pending' and referral_deliveries.claim_expires_at < now()
                           then excluded.claim_token else referral_deliveries.claim_token end,
        claim_expires_at = case when referral_deliveries.status = 'pending' and referral_deliveries.claim_expires_at < now()
                                then excluded.claim_expires_at else referral_deliveries.claim_expires_at end
      returning status, claim_token`;
  return row;
}

/** Records the delivery made under the claim `token` (a claim taken over meanwhile records nothing). */
export async function recordReferralDelivered(
  sql: Sql,
  referralId: string,
  token: string,
  channel: string,
): Promise<void> {
  await sql`
      update referral_deliveries set status = 'delivered', delivered_at = now(), channel = ${channel},
             claim_token = null, claim_expires_at = null
       where referral_id = ${referralId}::uuid and claim_token = ${token}`;
}

/** An SQL condition: the referral whose id is the SQL expression `referralId` has no recorded delivery. */
export function undeliveredReferral(sql: Sql, referralId: SqlFragment) {
  return sql`not exists (select 1 from referral_deliveries d where d.referral_id = ${referralId} and d.status = 'delivered')`;
}
