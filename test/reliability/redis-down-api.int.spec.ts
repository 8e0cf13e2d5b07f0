// Issue "hardening", outage 2: with Redis down, commands are still accepted over HTTP and stored; readiness
// says Redis is down; when Redis returns, the referrals go out. Sen runs as the real single-process start,
// on a Redis of the test's own. Needs `npm run build`. Under `npm test` 8 referrals; SEN_FULL=1 20.
import { createTestDatabase, type TestDatabase } from '@sen/testing';
import { count, faultTest } from '../support/fault-test';
import { freePort, killAll, startProcess, waitUntil } from '../support/processes';

const REFERRALS = count(8, 20);
import { PrivateRedis } from '../support/redis-server';

describe('Redis down', () => {
  let db: TestDatabase;
  let redis: PrivateRedis;

  beforeAll(async () => {
    db = await createTestDatabase('redis_down', { migrate: false });
    redis = await PrivateRedis.start();
  });
  afterAll(async () => {
    await killAll();
    await redis?.stop();
    await db?.drop();
  });

  faultTest(
    `accepts and stores ${REFERRALS} referrals while Redis is down, and sends them when it returns`,
    120_000,
    async () => {
      const port = await freePort();
      const base = `http://127.0.0.1:${port}`;
      startProcess(
        'apps/cli/src/main.js',
        { DATABASE_URL: db.url, REDIS_URL: redis.url, PORT: String(port), QUEUE_PREFIX: 'redisdown' },
        ['start'],
      );
      await waitUntil(
        async () => (await fetch(`${base}/health/ready`).catch(() => null))?.ok === true,
        60_000,
        'Sen ready',
      );
      const { accessToken } = (await (
        await fetch(`${base}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'worker1', password: 'sen-demo-2030' }),
        })
      ).json()) as { accessToken: string };
      const headers = { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' };

      await redis.down();
      const ready = await fetch(`${base}/health/ready`);
      expect(ready.status).toBe(503);
      expect(JSON.stringify(await ready.json())).toMatch(/redis/);

      const referrals: string[] = [];
      for (let i = 0; i < REFERRALS; i++) {
        const opened = await fetch(`${base}/api/v1/cases`, {
          method: 'POST',
          headers,
          body: JSON.stringify({
            child: { fullName: `Trẻ Khi Mất Redis ${i}`, sex: 'male', ageYears: 7 },
            category: 'physical_violence',
            summary: 's',
            location: { areaCode: '29926' },
            reportedAt: new Date(Date.now() - 60_000).toISOString(),
            source: 'school',
          }),
        });
        expect(opened.status).toBe(201);
        const { caseId } = (await opened.json()) as { caseId: string };
        const referred = await fetch(`${base}/api/v1/cases/${caseId}/referrals`, {
          method: 'POST',
          headers: { ...headers, 'if-match': '1' },
          body: JSON.stringify({
            toAgency: 'police',
            reason: 'x',
            urgency: 'emergency',
            consentWaivedReason: 'khẩn cấp',
          }),
        });
        expect(referred.status).toBe(201);
        referrals.push(((await referred.json()) as { referralId: string }).referralId);
      }
      await new Promise((r) => setTimeout(r, 2000));
      const stored = Number((await db.sql`select count(*)::int as n from events where type = 'ReferralIssued'`)[0]!.n);
      const waiting = Number(
        (await db.sql`select count(*)::int as n from outbox where sent_at is null and queue = 'referrals.police'`)[0]!
          .n,
      );
      const deliveredWhileDown = Number((await db.sql`select count(*)::int as n from referral_deliveries`)[0]!.n);
      expect(stored).toBe(REFERRALS);
      expect(waiting).toBe(REFERRALS);
      expect(deliveredWhileDown).toBe(0);

      await redis.up();
      await waitUntil(
        async () => {
          const delivered = Number(
            (await db.sql`select count(*)::int as n from referral_deliveries where status = 'delivered'`)[0]!.n,
          );
          return delivered === REFERRALS || `${REFERRALS - delivered} of ${REFERRALS} referrals not delivered`;
        },
        60_000,
        'referrals delivered',
      );
      const delivered = (await db.sql<{ referral_id: string }[]>`select referral_id from referral_deliveries`)
        .map((r) => r.referral_id)
        .sort();
      expect(delivered).toEqual([...referrals].sort());
      await waitUntil(async () => (await fetch(`${base}/health/ready`)).ok, 30_000, 'ready again');
    },
  );
});
