// Issue 20, point 6: Redis losing what it held. redis-outage.int.spec.ts stops a Redis that fsyncs every write;
// here Redis runs with production's settings (docker-compose.yml: AOF, `appendfsync everysec`, `noeviction`) and
// (1) is killed with SIGKILL under traffic, (2) loses every key (FLUSHALL) after the relay has sent the delivery
// jobs and the deadline timers. Either way the outbox's redelivery (OUTBOX_REDELIVER_MS: rows sent but with no
// delivery recorded are sent again) and the worker's deadline sweep (DEADLINE_SWEEP_MS) bring everything back:
// each referral delivered once, each acknowledgement deadline that passed marked overdue once.
// Projector (with the relay) and worker run as real processes. Needs `npm run build`.
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { seedAreas } from '@sen/reference';
import { createTestDatabase, type TestDatabase } from '@sen/testing';
import { count, faultTest } from '../support/fault-test';
import { kill, killAll, startProcess, waitUntil } from '../support/processes';
import { PrivateRedis } from '../support/redis-server';
import { issueReferral } from '../support/referral-traffic';
import { storeFixture } from '../support/store-fixture';
import { WebhookReceiver } from '../support/webhook-receiver';

const REFERRALS = count(40, 200);
/** Emergency referrals must be acknowledged within this; nobody acknowledges, so each deadline passes in the test. */
const ACK_SECONDS = count(20, 45);
const REDELIVER_MS = 3_000;

interface Setup {
  db: TestDatabase;
  redis: PrivateRedis;
  webhook: WebhookReceiver;
  env: Record<string, string>;
}

async function setUp(label: string): Promise<Setup> {
  const db = await createTestDatabase(label);
  await seedAreas(db.sql);
  const redis = await PrivateRedis.start({ appendfsync: 'everysec' });
  const webhook = new WebhookReceiver(() => 20);
  await webhook.start();
  const env = {
    DATABASE_URL: db.url,
    REDIS_URL: redis.url,
    QUEUE_PREFIX: label,
    NOTIFY_WEBHOOK_URL: webhook.url,
    JOB_LOCK_MS: '3000',
    OUTBOX_REDELIVER_MS: String(REDELIVER_MS),
    DEADLINE_SWEEP_MS: '1000',
  };
  return { db, redis, webhook, env };
}

/** True once every referral is delivered and every acknowledgement deadline marked; else what is still missing. */
async function everythingBack(db: TestDatabase, issued: string[]): Promise<true | string> {
  const delivered = new Set(
    (
      await db.sql<{ id: string }[]>`select referral_id::text as id from referral_deliveries where status = 'delivered'`
    ).map((r) => r.id),
  );
  const marked = new Set(
    (
      await db.sql<
        { id: string }[]
      >`select referral_id::text as id from rm_referrals where overdue @> array['acknowledge']`
    ).map((r) => r.id),
  );
  const undelivered = issued.filter((id) => !delivered.has(id));
  const unmarked = issued.filter((id) => !marked.has(id));
  if (undelivered.length === 0 && unmarked.length === 0) return true;
  return `${undelivered.length} of ${issued.length} referrals not delivered (e.g. ${undelivered.slice(0, 3).join(', ') || '-'}), ${unmarked.length} acknowledgement deadlines not marked overdue (e.g. ${unmarked.slice(0, 3).join(', ') || '-'})`;
}

/** The exactly-once checks, once everything is back. */
async function expectEachOnce(s: Setup, issued: string[]): Promise<void> {
  const deliveries = await s.db.sql<
    { id: string; status: string }[]
  >`select referral_id::text as id, status from referral_deliveries`;
  expect(deliveries).toHaveLength(issued.length);
  expect(new Set(deliveries.map((d) => d.id))).toEqual(new Set(issued));
  expect(deliveries.every((d) => d.status === 'delivered')).toBe(true);
  const overdue = await s.db.sql<{ id: string; n: number }[]>`
    select data ->> 'referralId' as id, count(*)::int as n from events
     where type = 'ReferralOverdue' and data ->> 'deadline' = 'acknowledge' group by 1`;
  expect(overdue).toHaveLength(issued.length);
  expect(new Set(overdue.map((o) => o.id))).toEqual(new Set(issued));
  expect(overdue.every((o) => o.n === 1)).toBe(true);
  // The agency's system heard of each referral; a repeat (a job cut short) carries the same idempotency key.
  const received = s.webhook.referrals();
  expect(issued.every((id) => (received.get(id) ?? 0) >= 1)).toBe(true);
  const keys = new Map<string, Set<string>>();
  for (const c of s.webhook.calls)
    if (c.referralId) keys.set(c.referralId, (keys.get(c.referralId) ?? new Set()).add(c.idempotencyKey));
  expect([...keys.values()].every((k) => k.size === 1)).toBe(true);
}

async function tearDown(s: Setup | undefined): Promise<void> {
  await killAll();
  await s?.redis.stop();
  await s?.webhook.stop();
  await s?.db.drop();
}

describe('Redis with production settings losing its data', () => {
  let s: Setup | undefined;
  afterEach(async () => {
    await tearDown(s);
    s = undefined;
  });

  faultTest(
    `brings back all ${REFERRALS} referrals and their deadlines after Redis is killed with SIGKILL under traffic`,
    count(90_000, 240_000),
    async () => {
      s = await setUp('redis_crash');
      const fx = await storeFixture(s.db.sql, {
        referralAcknowledgeHours: { emergency: ACK_SECONDS / 3600, urgent: 12, routine: 72 },
      });
      startProcess('apps/projector/src/main.js', s.env);
      startProcess('apps/worker/src/main.js', s.env);

      const issued: string[] = [];
      let issuedWhileDown = 0;
      for (let n = 0; n < REFERRALS; n++) {
        if (n === Math.floor(REFERRALS / 2)) {
          // Jobs are being added, taken and completed right now: the kill lands on all of it.
          await s.redis.crash();
          for (let k = 0; k < 10; k++, n++, issuedWhileDown++)
            issued.push((await issueReferral(fx.executor, n)).referralId);
          await new Promise((r) => setTimeout(r, 3_000));
          await s.redis.up(); // the same directory: Redis replays its AOF
        }
        issued.push((await issueReferral(fx.executor, n)).referralId);
        await new Promise((r) => setTimeout(r, 50));
      }
      const db = s.db;
      await waitUntil(
        () => everythingBack(db, issued),
        ACK_SECONDS * 1000 + 60_000,
        'every referral delivered and every deadline marked',
      );
      await new Promise((r) => setTimeout(r, 2_000)); // a repeat would land now
      const [again] = await db.sql<
        { n: number }[]
      >`select count(*)::int as n from outbox where queue like 'referrals.%' and attempts > 1`;
      console.log(
        `redis SIGKILL (appendfsync everysec): ${issued.length} referrals, ${issuedWhileDown} issued while Redis was dead, ${again!.n} delivery jobs sent again by the relay, ${s.webhook.calls.length} webhook calls`,
      );
      expect(issuedWhileDown).toBe(10);
      await expectEachOnce(s, issued);
    },
  );

  faultTest(
    `brings back all ${REFERRALS} referrals and their deadline timers after FLUSHALL once the relay has sent them`,
    count(90_000, 180_000),
    async () => {
      s = await setUp('redis_flush');
      const fx = await storeFixture(s.db.sql, {
        referralAcknowledgeHours: { emergency: ACK_SECONDS / 3600, urgent: 12, routine: 72 },
      });
      // The projector (and its relay) only: the jobs and timers it sends stay in Redis, untouched by a worker.
      const projector = startProcess('apps/projector/src/main.js', s.env);
      const issued: string[] = [];
      for (let n = 0; n < REFERRALS; n++) issued.push((await issueReferral(fx.executor, n)).referralId);
      const db = s.db;
      await waitUntil(
        async () => {
          const [o] = await db.sql<{ unsent: number; referrals: number }[]>`
          select count(*) filter (where sent_at is null)::int as unsent, count(*) filter (where queue like 'referrals.%')::int as referrals from outbox`;
          return o!.unsent === 0 && o!.referrals === REFERRALS
            ? true
            : `${REFERRALS - o!.referrals} referrals not yet in the outbox, ${o!.unsent} outbox rows not yet sent`;
        },
        60_000,
        'every outbox row sent',
      );

      const connection = new Redis(s.redis.url, { maxRetriesPerRequest: null });
      const jobs = async () => {
        let waiting = 0;
        let delayed = 0;
        for (const name of [
          'referrals.police',
          'referrals.health',
          'referrals.education',
          'referrals.social_affairs',
          'sla',
        ]) {
          const queue = new Queue(name, { connection, prefix: 'redis_flush' });
          const c = await queue.getJobCounts('waiting', 'delayed');
          waiting += c.waiting ?? 0;
          delayed += c.delayed ?? 0;
          await queue.close();
        }
        return { waiting, delayed };
      };
      const before = await jobs();
      // Each referral's delivery waits in its agency's queue; its two timers (acknowledge, complete) and the case's
      // first-response timer are delayed in `sla`.
      expect(before).toEqual({ waiting: REFERRALS, delayed: 3 * REFERRALS });
      // The projector stops before the flush: its relay would otherwise start sending again the rows older than
      // OUTBOX_REDELIVER_MS (the recovery itself) between the flush and the count below, on a slow machine.
      await kill(projector, 'SIGTERM');
      await s.redis.flushAll();
      const keys = await connection.dbsize();
      const after = await jobs();
      connection.disconnect();
      expect(after).toEqual({ waiting: 0, delayed: 0 });

      const flushedAt = Date.now();
      startProcess('apps/projector/src/main.js', s.env);
      startProcess('apps/worker/src/main.js', s.env);
      await waitUntil(
        () => everythingBack(db, issued),
        ACK_SECONDS * 1000 + 60_000,
        'every referral delivered and every deadline marked',
      );
      const seconds = (Date.now() - flushedAt) / 1000;
      await new Promise((r) => setTimeout(r, 2_000));
      const [again] = await db.sql<
        { n: number }[]
      >`select count(*)::int as n from outbox where queue like 'referrals.%' and attempts > 1`;
      console.log(
        `redis FLUSHALL: ${before.waiting} delivery jobs and ${before.delayed} timers flushed (${keys} keys left); ${again!.n} delivery jobs sent again by the relay; all back ${seconds.toFixed(1)} s after the flush`,
      );
      expect(keys).toBe(0);
      // Every delivery came back through the relay's redelivery (a second send of its outbox row).
      expect(again!.n).toBe(REFERRALS);
      await expectEachOnce(s, issued);
    },
  );
});
