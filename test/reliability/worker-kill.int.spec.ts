// Issue "referrals", fault test 2: the worker is killed with SIGKILL mid-job, again and again, and
// restarted; afterwards no referral is lost and none is delivered twice (one delivery record each; the
// agency's webhook got every referral, any repeat carrying the same idempotency key). Needs `npm run build`.
// Under `npm test` 100 referrals and 4 kills; SEN_FULL=1 the issue's 300 and 10.
import { seedAreas } from '@sen/reference';
import { createTestDatabase, prng, type TestDatabase } from '@sen/testing';
import { dropQueueKeys } from '../support/api-harness';
import { count, faultTest } from '../support/fault-test';
import { kill, killAll, type RunningProcess, startProcess, waitUntil } from '../support/processes';
import { issueReferral } from '../support/referral-traffic';
import { storeFixture } from '../support/store-fixture';
import { WebhookReceiver } from '../support/webhook-receiver';

const REFERRALS = Number(process.env.SEN_WORKER_KILL_REFERRALS ?? count(100, 300));
const KILLS = Number(process.env.SEN_WORKER_KILLS ?? count(4, 10));

describe('Worker under SIGKILL', () => {
  let db: TestDatabase;
  let webhook: WebhookReceiver;
  const rnd = prng(99);
  const prefix = `workerkill_${process.pid}`;
  const procs: RunningProcess[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('worker_kill');
    await seedAreas(db.sql);
    // The agency's system answers in 50–250 ms, so that kills land while jobs are in hand; in 300–1,300 ms with
    // the reduced count, so that the fewer referrals still last over the kills.
    const [least, spread] = [count(300, 50), count(1000, 200)];
    webhook = new WebhookReceiver(() => least + rnd.int(spread));
    await webhook.start();
  });
  afterAll(async () => {
    await killAll();
    for (const p of procs) await kill(p);
    await webhook?.stop();
    await db?.drop();
    await dropQueueKeys(prefix);
  });

  faultTest(`loses and doubles no referral over ${KILLS} kills`, count(100_000, 270_000), async () => {
    const fx = await storeFixture(db.sql);
    const env = {
      DATABASE_URL: db.url,
      QUEUE_PREFIX: prefix,
      NOTIFY_WEBHOOK_URL: webhook.url,
      JOB_LOCK_MS: '2000',
      WORKER_CONCURRENCY: '4',
      DEADLINE_SWEEP_MS: '600000',
    };
    procs.push(startProcess('apps/projector/src/main.js', env));
    const issued: string[] = [];
    for (let n = 0; n < REFERRALS; n++) issued.push((await issueReferral(fx.executor, n)).referralId);

    let worker = startProcess('apps/worker/src/main.js', env);
    let killsMidJob = 0;
    for (let k = 0; k < KILLS; k++) {
      // Each kill lands while the worker is calling the agency's system: a fixed pause let a slow-starting worker
      // (a loaded machine) be killed before it took any job.
      await waitUntil(
        () => webhook.inFlight > 0 || 'a call to the agency system in flight',
        30_000,
        `kill ${k + 1}: a delivery in hand`,
      );
      await new Promise((r) => setTimeout(r, rnd.int(100)));
      const pending = Number(
        (await db.sql`select count(*)::int as n from referral_deliveries where status = 'pending'`)[0]!.n,
      );
      if (pending > 0) killsMidJob++;
      await kill(worker, 'SIGKILL');
      worker = startProcess('apps/worker/src/main.js', env);
    }
    procs.push(worker);
    await waitUntil(
      async () => {
        const [d] = await db.sql<{ delivered: number; pending: number }[]>`
          select count(*) filter (where status = 'delivered')::int as delivered, count(*) filter (where status = 'pending')::int as pending from referral_deliveries`;
        return (
          d!.delivered === REFERRALS ||
          `${REFERRALS - d!.delivered} of ${REFERRALS} referrals not delivered (${d!.pending} pending, ${REFERRALS - d!.delivered - d!.pending} never taken)`
        );
      },
      180_000,
      'every referral delivered',
    );
    await new Promise((r) => setTimeout(r, 3000));

    const rows = await db.sql<
      { referral_id: string; status: string; attempts: number }[]
    >`select referral_id, status, attempts from referral_deliveries`;
    const received = webhook.referrals();
    const repeats = [...received.values()].reduce((a, n) => a + (n - 1), 0);
    const keysPerReferral = new Map<string, Set<string>>();
    for (const c of webhook.calls) {
      if (!c.referralId) continue;
      keysPerReferral.set(c.referralId, (keysPerReferral.get(c.referralId) ?? new Set()).add(c.idempotencyKey));
    }
    console.log(
      `worker kills: ${KILLS} kills (${killsMidJob} with a delivery in hand), ${REFERRALS} referrals, ${rows.filter((r) => r.attempts > 1).length} jobs retried, ${repeats} repeated webhook calls (same idempotency key)`,
    );

    expect(killsMidJob).toBeGreaterThan(0);
    expect(rows).toHaveLength(REFERRALS); // one delivery record per referral: none lost, none twice
    expect(rows.every((r) => r.status === 'delivered')).toBe(true);
    expect(new Set(rows.map((r) => r.referral_id))).toEqual(new Set(issued));
    expect(received.size).toBe(REFERRALS);
    // A kill while the agency's system is being called (the call lands, the record does not) repeats that call
    // once the claim lapses; the repeat carries the same idempotency key, so the agency's system drops it. At
    // most every job in hand at a kill repeats: 4 agency queues × concurrency 4.
    expect([...keysPerReferral.values()].every((keys) => keys.size === 1)).toBe(true);
    expect(repeats).toBeLessThanOrEqual(KILLS * 4 * 4);
  });
});
