// Issue "projections", done-when 1: the projector is killed with SIGKILL at random moments while events are
// appended (at least 20 kills), restarted, and afterwards every read model equals, digest for digest, a
// fresh rebuild from position zero. Needs `npm run build` (npm test does it).
// Under `npm test` 6 kills; SEN_FULL=1 the 20.
import pino from 'pino';
import { START } from '@sen/event-store';
import { PROJECTIONS, ProjectionRunner, loadCheckpoints, resetProjections } from '@sen/read-models';
import { seedAreas } from '@sen/reference';
import { caseTraffic, createTestDatabase, prng, type TestDatabase } from '@sen/testing';
import { count, faultTest } from '../support/fault-test';
import { kill, killAll, type RunningProcess, startProcess, waitUntil, within } from '../support/processes';
import { caughtUp, digests, projectionsBehind } from '../support/projections';
import { storeFixture } from '../support/store-fixture';

const KILLS = Number(process.env.SEN_PROJECTOR_KILLS ?? count(6, 20));
const AREAS = ['29926', '29938', '29869', '30154'];

describe('Projector under SIGKILL', () => {
  let db: TestDatabase;
  let fx: Awaited<ReturnType<typeof storeFixture>>;

  beforeAll(async () => {
    db = await createTestDatabase('projector_kill');
    await seedAreas(db.sql);
    fx = await storeFixture(db.sql);
  });
  afterAll(async () => {
    await killAll();
    await db?.drop();
  });

  faultTest(
    `loses and doubles nothing over ${KILLS} kills, and equals a fresh rebuild`,
    count(100_000, 240_000),
    async () => {
      const env = { DATABASE_URL: db.url };
      const traffic = caseTraffic(fx.executor, fx.repository, {
        seed: 20261128,
        areaCodes: AREAS,
        clock: () => new Date(),
      });
      let appending = true;
      const writer = (async () => {
        while (appending) await traffic.step();
      })();

      const rnd = prng(7);
      let projector: RunningProcess = startProcess('apps/projector/src/main.js', env);
      let kills = 0;
      let killedWhileBehind = 0;
      for (; kills < KILLS; kills++) {
        await new Promise((r) => setTimeout(r, 300 + rnd.int(1200)));
        if (!(await caughtUp(db, fx.store))) killedWhileBehind++;
        await kill(projector, 'SIGKILL');
        projector = startProcess('apps/projector/src/main.js', env);
      }
      appending = false;
      await within(writer, 30_000, 'the writer stopping');

      // The last projector catches up with everything appended.
      await waitUntil(() => projectionsBehind(db, fx.store), 60_000, 'projector caught up');
      await kill(projector, 'SIGKILL');
      const incremental = await digests(db);
      const total = await fx.store.countAfter(START, Number.MAX_SAFE_INTEGER, { streamPrefix: 'case-' });
      const applied = [
        ...(
          await loadCheckpoints(
            db.sql,
            PROJECTIONS.map((p) => p.name),
          )
        ).values(),
      ].map((c) => c.eventsApplied);

      // A fresh rebuild from position zero, in this process.
      await resetProjections(db.sql, PROJECTIONS);
      const runner = new ProjectionRunner({
        sql: db.sql,
        store: fx.store,
        projections: PROJECTIONS,
        context: { areas: fx.areas },
        pii: fx.pii,
        keys: fx.keys,
        logger: pino({ level: 'silent' }),
        batchSize: 700,
      });
      await runner.catchUp();
      const rebuilt = await digests(db);

      expect(kills).toBe(KILLS);
      expect(killedWhileBehind).toBeGreaterThan(0); // the kills did land while there was work in hand
      // (Traffic runs while the kills go on: fewer kills, fewer events.)
      expect(total).toBeGreaterThan(count(50, 500));
      expect(applied).toEqual(PROJECTIONS.map(() => total)); // each event applied once by each projection
      expect(incremental.rm_cases!.rows).toBeGreaterThan(count(10, 100));
      expect(incremental.rm_referrals!.rows).toBeGreaterThan(count(1, 10));
      expect(rebuilt).toEqual(incremental);
    },
  );
});
