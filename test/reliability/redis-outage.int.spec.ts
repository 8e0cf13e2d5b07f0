// Issue "referrals", fault test 1: on a Redis server of its own, Redis is stopped while at least 500
// referrals are being issued, kept down for 30 seconds, and started again; afterwards every referral has
// been delivered to its agency's queue exactly once. Commands keep being accepted while Redis is down.
// Projector (with the outbox relay) and worker run as real processes. Needs `npm run build`.
// Under `npm test` 150 referrals and 8 seconds; SEN_FULL=1 the issue's 500 and 30.
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { seedAreas } from '@sen/reference';
import { createTestDatabase, type TestDatabase } from '@sen/testing';
import { count, faultTest } from '../support/fault-test';
import { kill, killAll, type RunningProcess, startProcess, waitUntil } from '../support/processes';
import { PrivateRedis } from '../support/redis-server';
import { issueReferral } from '../support/referral-traffic';
import { storeFixture } from '../support/store-fixture';
import { WebhookReceiver } from '../support/webhook-receiver';

const REFERRALS = Number(process.env.SEN_OUTAGE_REFERRALS ?? count(150, 500));
const DOWN_MS = Number(process.env.SEN_OUTAGE_SECONDS ?? count(8, 30)) * 1000;

describe('Redis outage while referrals are issued', () => {
  let db: TestDatabase;
  let redis: PrivateRedis;
  let webhook: WebhookReceiver;
  const procs: RunningProcess[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('redis_outage');
    await seedAreas(db.sql);
    redis = await PrivateRedis.start();
    webhook = new WebhookReceiver();
    await webhook.start();
  });
  afterAll(async () => {
    await killAll();
    for (const p of procs) await kill(p);
    await redis?.stop();
    await webhook?.stop();
    await db?.drop();
  });

  faultTest(
    `delivers each of ${REFERRALS} referrals exactly once across a ${DOWN_MS / 1000}-second outage`,
    count(100_000, 240_000),
    async () => {
      const fx = await storeFixture(db.sql);
      const env = {
        DATABASE_URL: db.url,
        REDIS_URL: redis.url,
        QUEUE_PREFIX: 'outage',
        NOTIFY_WEBHOOK_URL: webhook.url,
        JOB_LOCK_MS: '5000',
        DEADLINE_SWEEP_MS: '600000',
      };
      procs.push(startProcess('apps/projector/src/main.js', env), startProcess('apps/worker/src/main.js', env));

      const issued: { referralId: string; agency: string }[] = [];
      let issuedWhileDown = 0;
      let down = false;
      let downSince = 0;
      for (let n = 0; n < REFERRALS; n++) {
        if (n === Math.floor(REFERRALS / 5)) {
          await redis.down();
          down = true;
          downSince = Date.now();
        }
        issued.push(await issueReferral(fx.executor, n));
        if (down) issuedWhileDown++;
        // Spread the issuing over the outage, so that Redis goes away and comes back while referrals flow.
        if (down) await new Promise((r) => setTimeout(r, Math.max(0, (DOWN_MS * 0.9) / (REFERRALS * 0.8))));
      }
      await new Promise((r) => setTimeout(r, Math.max(0, DOWN_MS - (Date.now() - downSince))));
      const unsentDuringOutage = Number(
        (await db.sql`select count(*)::int as n from outbox where sent_at is null`)[0]!.n,
      );
      await redis.up();

      await waitUntil(
        async () => {
          const delivered = Number(
            (await db.sql`select count(*)::int as n from referral_deliveries where status = 'delivered'`)[0]!.n,
          );
          const unsent = Number((await db.sql`select count(*)::int as n from outbox where sent_at is null`)[0]!.n);
          return (
            delivered === REFERRALS ||
            `${REFERRALS - delivered} of ${REFERRALS} referrals not delivered, ${unsent} outbox rows not sent`
          );
        },
        120_000,
        'every referral delivered',
      );
      await new Promise((r) => setTimeout(r, 2000)); // any repeat would arrive now

      const connection = new Redis(redis.url, { maxRetriesPerRequest: null });
      const perAgency = new Map<string, number>();
      for (const r of issued) perAgency.set(r.agency, (perAgency.get(r.agency) ?? 0) + 1);
      for (const [agency, count] of perAgency) {
        const queue = new Queue(`referrals.${agency}`, { connection, prefix: 'outage' });
        const counts = await queue.getJobCounts('completed', 'failed', 'waiting', 'active', 'delayed');
        expect({ agency, ...counts }).toEqual({
          agency,
          completed: count,
          failed: 0,
          waiting: 0,
          active: 0,
          delayed: 0,
        });
        await queue.close();
      }
      connection.disconnect();

      const received = webhook.referrals();
      console.log(
        `redis outage: ${REFERRALS} referrals, ${issuedWhileDown} issued while Redis was down, ${unsentDuringOutage} outbox rows waiting when it came back`,
      );
      expect(issuedWhileDown).toBeGreaterThan(REFERRALS / 2);
      expect(unsentDuringOutage).toBeGreaterThan(0);
      expect(received.size).toBe(REFERRALS);
      expect([...received.values()].every((n) => n === 1)).toBe(true);
      expect(issued.every((r) => received.get(r.referralId) === 1)).toBe(true);
    },
  );
});
