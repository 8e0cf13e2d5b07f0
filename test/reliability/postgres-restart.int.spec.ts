// Issue "hardening", outage 1: on a PostgreSQL cluster of its own, the database is stopped under load and
// started again. While it is down the API answers 503 with Retry-After (and readiness says so); it recovers
// by itself; every write it acknowledged is stored exactly once, and nothing is doubled. Sen runs as the real
// single-process start (API, projector, worker). Needs `npm run build`.
import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { dropQueueKeys } from '../support/api-harness';
import { FULL, faultTest } from '../support/fault-test';
import { freePort, killAll, startProcess, waitUntil, within } from '../support/processes';
import { PrivateCluster } from '../support/postgres-cluster';

const DOWN_MS = Number(process.env.SEN_PG_DOWN_SECONDS ?? (FULL ? 15 : 6)) * 1000;

describe('PostgreSQL restarted under load', () => {
  let cluster: PrivateCluster;
  const prefix = `pgrestart_${process.pid}`;

  beforeAll(async () => {
    cluster = await PrivateCluster.create();
  });
  afterAll(async () => {
    await killAll();
    cluster?.drop();
    await dropQueueKeys(prefix);
  });

  faultTest(
    'answers 503 with Retry-After while the database is down, recovers, and loses or doubles nothing',
    150_000,
    async () => {
      const port = await freePort();
      const base = `http://127.0.0.1:${port}`;
      const sen = startProcess(
        'apps/cli/src/main.js',
        { DATABASE_URL: cluster.url(), PORT: String(port), QUEUE_PREFIX: prefix },
        ['start'],
      );
      await waitUntil(
        async () => (await fetch(`${base}/health/ready`).catch(() => null))?.ok === true,
        60_000,
        'Sen ready',
      ).catch((e) => {
        throw new Error(`${e.message}\n${sen.output.join('').slice(-2000)}`);
      });
      const login = (await (
        await fetch(`${base}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'worker1', password: 'sen-demo-2030' }),
        })
      ).json()) as { accessToken: string };
      const headers = { authorization: `Bearer ${login.accessToken}`, 'content-type': 'application/json' };

      const outcomes: {
        correlationId: string;
        status: number;
        retryAfter: string | null;
        startedAt: number;
        finishedAt: number;
        caseId?: string;
      }[] = [];
      let running = true;
      const client = async () => {
        while (running) {
          const correlationId = randomUUID();
          const startedAt = Date.now();
          try {
            const res = await fetch(`${base}/api/v1/cases`, {
              method: 'POST',
              headers: { ...headers, 'x-correlation-id': correlationId },
              body: JSON.stringify({
                child: { fullName: 'Trẻ Khi Mất Điện', sex: 'male', ageYears: 6 },
                category: 'neglect',
                summary: 's',
                location: { areaCode: '29926' },
                reportedAt: new Date(Date.now() - 60_000).toISOString(),
                source: 'walk_in',
              }),
              signal: AbortSignal.timeout(20_000),
            });
            const body = (await res.json().catch(() => ({}))) as { caseId?: string };
            outcomes.push({
              correlationId,
              status: res.status,
              retryAfter: res.headers.get('retry-after'),
              startedAt,
              finishedAt: Date.now(),
              ...(body.caseId ? { caseId: body.caseId } : {}),
            });
          } catch {
            outcomes.push({ correlationId, status: 0, retryAfter: null, startedAt, finishedAt: Date.now() });
          }
          await new Promise((r) => setTimeout(r, 20));
        }
      };
      const clients = Array.from({ length: 4 }, client);
      await new Promise((r) => setTimeout(r, 1500));

      cluster.stop();
      const stoppedAt = Date.now(); // pg_ctlcluster returns once the server is down
      await new Promise((r) => setTimeout(r, DOWN_MS / 2));
      const ready = await fetch(`${base}/health/ready`);
      expect(ready.status).toBe(503);
      await new Promise((r) => setTimeout(r, DOWN_MS / 2));
      const restartingAt = Date.now();
      await cluster.start();
      // The API recovers by itself: a write succeeds again within a short while.
      await waitUntil(
        () =>
          outcomes.some((o) => o.startedAt > restartingAt && o.status === 201) ||
          `a write answered 201 since the restart (${outcomes.filter((o) => o.startedAt > restartingAt).length} sent since)`,
        30_000,
        'writes succeed again',
      );
      await new Promise((r) => setTimeout(r, 1500));
      running = false;
      await within(Promise.all(clients), 30_000, 'the clients stopping');

      // Writes sent while the database was down (a write sent just before may still have been answered 201).
      const during = outcomes.filter((o) => o.startedAt >= stoppedAt && o.startedAt < restartingAt);
      const statuses = new Map<number, number>();
      for (const o of outcomes) statuses.set(o.status, (statuses.get(o.status) ?? 0) + 1);
      console.log(
        `postgres restart: ${outcomes.length} writes, statuses ${JSON.stringify(Object.fromEntries(statuses))}, ${during.length} while down`,
      );
      // Each is refused with 503 and Retry-After, or waited for its connection and succeeded once the database
      // was back (postgres.js queues a query while it reconnects).
      expect(during.filter((o) => o.status === 503).length).toBeGreaterThan(0);
      expect(
        during.every(
          (o) => (o.status === 503 && o.retryAfter !== null) || (o.status === 201 && o.finishedAt >= restartingAt),
        ),
      ).toBe(true);
      expect(outcomes.every((o) => o.status === 201 || o.status === 503)).toBe(true);

      // Every acknowledged write is stored exactly once; no write is stored twice.
      const sql = postgres(cluster.url(), { max: 1, onnotice: () => undefined });
      const rows = await sql<{ c: string; n: number }[]>`
      select metadata ->> 'correlationId' as c, count(*)::int as n from events where type = 'CaseOpened' group by 1`;
      await sql.end();
      const stored = new Map(rows.map((r) => [r.c, r.n]));
      expect([...stored.values()].every((n) => n === 1)).toBe(true);
      expect(outcomes.filter((o) => o.status === 201).every((o) => stored.get(o.correlationId) === 1)).toBe(true);
      // A write answered 503 may have been stored (committed just before the connection broke); never twice.
      expect(outcomes.filter((o) => o.status === 201).length).toBeGreaterThan(10);
    },
  );
});
