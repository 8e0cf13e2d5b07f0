// Issue "projections", done-when 2: two projector processes, only one projects; the second takes over after
// the first is killed, with no event skipped or applied twice. Needs `npm run build` (npm test does it).
// The killed one comes back as the standby: one take-over under `npm test`, three with SEN_FULL=1.
import pino from 'pino';
import { START } from '@sen/event-store';
import { PROJECTIONS, PROJECTOR_LOCK, ProjectionRunner, loadCheckpoints, resetProjections } from '@sen/read-models';
import { seedAreas } from '@sen/reference';
import { caseTraffic, createTestDatabase, type TestDatabase } from '@sen/testing';
import { count, faultTest } from '../support/fault-test';
import {
  freePort,
  kill,
  killAll,
  metric,
  type RunningProcess,
  startProcess,
  waitUntil,
  within,
} from '../support/processes';
import { storeFixture } from '../support/store-fixture';
import { digests, projectionsBehind } from '../support/projections';

const FAILOVERS = count(1, 3);

describe('Two projectors', () => {
  let db: TestDatabase;
  let fx: Awaited<ReturnType<typeof storeFixture>>;

  beforeAll(async () => {
    db = await createTestDatabase('projector_failover');
    await seedAreas(db.sql);
    fx = await storeFixture(db.sql);
  });
  afterAll(async () => {
    await killAll();
    await db?.drop();
  });

  // pg_locks is server-wide: count only this test's database, or any other projector on the server (another
  // test file's, another checkout's) holding the same lock number is counted too.
  const lockHolders = async () =>
    Number(
      (
        await db.sql`
        select count(*)::int as n from pg_locks
         where locktype = 'advisory' and objid = ${PROJECTOR_LOCK} and granted
           and database = (select oid from pg_database where datname = current_database())`
      )[0]!.n,
    );

  faultTest(
    `lets one project while the other stands by, and fails over ${FAILOVERS} times within seconds without skipping or doubling`,
    count(90_000, 240_000),
    async () => {
      const traffic = caseTraffic(fx.executor, fx.repository, {
        seed: 42,
        areaCodes: ['29926', '29938'],
        clock: () => new Date(),
      });
      let appending = true;
      const writer = (async () => {
        while (appending) await traffic.step();
      })();

      const env = (port: number) => ({ DATABASE_URL: db.url, PORT: String(port) });
      let [active, standby] = [{ port: await freePort() }, { port: await freePort() }] as {
        port: number;
        p?: RunningProcess;
      }[];
      active!.p = startProcess('apps/projector/src/main.js', env(active!.port));
      await waitUntil(
        async () => (await metric(active!.port, 'sen_projector_active')) === 1,
        20_000,
        'the first projector active',
      );
      standby!.p = startProcess('apps/projector/src/main.js', env(standby!.port));
      await waitUntil(
        async () => (await metric(standby!.port, 'sen_projector_active')) !== null,
        20_000,
        'the standby up',
      );

      const takeovers: number[] = [];
      for (let f = 0; f < FAILOVERS; f++) {
        const [a, b] = [active!, standby!];
        // For three seconds of traffic, the active one projects and the standby only waits.
        const applied0 = (await metric(a.port, 'sen_projection_position')) ?? 0;
        for (let i = 0; i < 6; i++) {
          await new Promise((r) => setTimeout(r, 500));
          expect(await metric(a.port, 'sen_projector_active')).toBe(1);
          expect(await metric(b.port, 'sen_projector_active')).toBe(0);
          expect(await lockHolders()).toBe(1);
        }
        await waitUntil(
          async () => ((await metric(a.port, 'sen_projection_position')) ?? 0) > applied0,
          10_000,
          'the active projector progressing',
        );

        await kill(a.p!, 'SIGKILL');
        const killedAt = Date.now();
        await waitUntil(
          async () => (await metric(b.port, 'sen_projector_active')) === 1 || 'the standby still not active',
          15_000,
          `failover ${f + 1}`,
        );
        takeovers.push((Date.now() - killedAt) / 1000);
        // The killed one comes back as the new standby.
        a.p = startProcess('apps/projector/src/main.js', env(a.port));
        await waitUntil(
          async () => (await metric(a.port, 'sen_projector_active')) !== null,
          20_000,
          'the new standby up',
        );
        [active, standby] = [b, a];
      }

      await new Promise((r) => setTimeout(r, 1500));
      appending = false;
      await within(writer, 30_000, 'the writer stopping');
      await waitUntil(() => projectionsBehind(db, fx.store), 60_000, 'the last active projector caught up');
      await kill(active!.p!, 'SIGKILL');
      await kill(standby!.p!, 'SIGKILL');

      const total = await fx.store.countAfter(START, Number.MAX_SAFE_INTEGER, { streamPrefix: 'case-' });
      const applied = [
        ...(
          await loadCheckpoints(
            db.sql,
            PROJECTIONS.map((p) => p.name),
          )
        ).values(),
      ].map((c) => c.eventsApplied);
      const incremental = await digests(db);
      await resetProjections(db.sql, PROJECTIONS);
      const runner = new ProjectionRunner({
        sql: db.sql,
        store: fx.store,
        projections: PROJECTIONS,
        context: { areas: fx.areas },
        pii: fx.pii,
        keys: fx.keys,
        logger: pino({ level: 'silent' }),
      });
      await runner.catchUp();

      console.log(
        `failover: ${FAILOVERS} take-overs, ${takeovers.map((t) => t.toFixed(1)).join(', ')} s after the kill; ${total} events`,
      );
      expect(takeovers).toHaveLength(FAILOVERS);
      expect(takeovers.every((t) => t < 10)).toBe(true);
      expect(applied).toEqual(PROJECTIONS.map(() => total));
      expect(await digests(db)).toEqual(incremental);
    },
  );
});
