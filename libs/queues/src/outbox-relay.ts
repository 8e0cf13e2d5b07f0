import { setTimeout as sleep } from 'node:timers/promises';
import { Queue } from 'bullmq';
import type Redis from 'ioredis';
import type { Logger } from 'pino';
import type { Sql } from '@sen/db';
import type { OutboxRow } from './outbox';
import { DEFAULT_JOB_OPTIONS, type QueueName, jobId } from './queues';
import { RedisPolicyError, assertNoEviction } from './redis-policy';
import { undeliveredReferral } from './referral-deliveries';

export interface RelayOptions {
  sql: Sql;
  /** A fail-fast producer connection: an outage fails the add at once instead of queueing it in memory. */
  redis: Redis;
  prefix: string;
  logger: Logger;
  now: () => Date;
  batchSize?: number;
  /** Referral jobs sent this long ago without a recorded delivery are sent again (a Redis that lost data). */
  redeliverAfterMs?: number;
}

/**
 * Moves outbox rows to BullMQ: the dedupe key is the job id, so sending a row twice (a crash between the
 * add and the update, two relays) adds one job. No transaction is held across a Redis call. When Redis is
 * down, rows stay unsent and are retried with backoff; nothing is lost.
 */
export class OutboxRelay {
  private readonly queues = new Map<QueueName, Queue>();
  private controller = new AbortController();
  private loop: Promise<void> | null = null;
  sent = 0;
  failures = 0;

  constructor(private readonly o: RelayOptions) {}

  private queue(name: QueueName): Queue {
    let q = this.queues.get(name);
    if (!q) {
      q = new Queue(name, { connection: this.o.redis, prefix: this.o.prefix, defaultJobOptions: DEFAULT_JOB_OPTIONS });
      q.on('error', () => undefined); // the relay reports failures itself
      this.queues.set(name, q);
    }
    return q;
  }

  start(): void {
    if (this.loop) return;
    this.controller = new AbortController();
    const signal = this.controller.signal;
    this.loop = (async () => {
      let pause = 10;
      let policyChecked = false;
      while (!signal.aborted) {
        try {
          if (!policyChecked) {
            await assertNoEviction(this.o.redis);
            policyChecked = true;
          }
          const n = await this.relayOnce();
          pause = n > 0 ? 0 : Math.min(200, Math.max(10, pause * 2));
        } catch (error) {
          if (error instanceof RedisPolicyError) {
            this.o.logger.fatal(
              { err: error.message },
              'outbox relay refuses this Redis; referrals stay in the outbox',
            );
            return;
          }
          this.failures++;
          this.o.logger.warn(
            { err: { type: (error as Error).name, code: (error as { code?: string }).code } },
            'outbox relay: queue unavailable, retrying',
          );
          pause = Math.min(5_000, Math.max(500, pause * 2));
        }
        // A pause cut short by stop() rejects with an AbortError; the loop then sees the aborted signal and ends.
        if (pause > 0) await sleep(pause, undefined, { signal }).catch(() => undefined);
      }
    })();
  }

  async stop(): Promise<void> {
    this.controller.abort();
    await this.loop;
    this.loop = null;
    await Promise.all([...this.queues.values()].map((q) => q.close().catch(() => undefined)));
  }

  /** Sends one batch of unsent rows (and overdue redeliveries); returns how many were sent. */
  async relayOnce(): Promise<number> {
    const { sql } = this.o;
    const rows = await sql<OutboxRow[]>`
      select id, dedupe_key, queue, job_name, payload, run_at from outbox
       where sent_at is null order by id limit ${this.o.batchSize ?? 200}`;
    const again = await sql<OutboxRow[]>`
      select o.id, o.dedupe_key, o.queue, o.job_name, o.payload, o.run_at from outbox o
       where o.sent_at < now() - make_interval(secs => ${(this.o.redeliverAfterMs ?? 120_000) / 1000})
         and o.queue like 'referrals.%' and o.attempts < 20
         and ${undeliveredReferral(sql, sql`(o.payload ->> 'referralId')::uuid`)}
       order by o.id limit 50`;
    const all = [...rows, ...again];
    if (all.length === 0) return 0;
    const now = this.o.now().getTime();
    // One addBulk a queue, not one add a row: a disaster batch of 1,000 children makes some 4,000 rows (a
    // first-response timer each, a delivery and two timers a referral), and a round trip to Redis for each
    // held the deliveries back (bench/surge.bench.ts). Rows keep their order within a queue; the dedupe key is
    // still the job id, so a row sent twice is still one job.
    const byQueue = new Map<QueueName, OutboxRow[]>();
    for (const row of all) byQueue.set(row.queue, [...(byQueue.get(row.queue) ?? []), row]);
    await Promise.all(
      [...byQueue].map(([name, rows]) =>
        this.queue(name).addBulk(
          rows.map((row) => ({
            name: row.job_name,
            data: row.payload,
            opts: { jobId: jobId(row.dedupe_key), delay: Math.max(0, row.run_at.getTime() - now) },
          })),
        ),
      ),
    );
    await sql`update outbox set sent_at = now(), attempts = attempts + 1, last_error = null where id = any(${all.map((r) => r.id)}::bigint[])`;
    this.sent += all.length;
    return all.length;
  }
}
