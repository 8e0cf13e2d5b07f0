// Issue 20, point 9: `sen rebuild` itself, as an operator runs it (the built CLI), alone and while the projector
// runs and cases keep coming. Either way the read models end equal, digest for digest, to a replay from position
// zero in this process, and each event is applied once by each projection. Needs `npm run build`.
import pino from 'pino';
import { START } from '@sen/event-store';
import { PROJECTIONS, ProjectionRunner, loadCheckpoints, resetProjections } from '@sen/read-models';
import { seedAreas } from '@sen/reference';
import { type TestDatabase, caseTraffic, createTestDatabase } from '@sen/testing';
import { kill, killAll, startProcess, waitUntil } from '../support/processes';
import { caughtUp, digests } from '../support/projections';
import { storeFixture } from '../support/store-fixture';

const AREAS = ['29926', '29938', '29869', '30154'];

describe('sen rebuild', () => {
  let db: TestDatabase;
  let fx: Awaited<ReturnType<typeof storeFixture>>;
  let traffic: ReturnType<typeof caseTraffic>;

  beforeAll(async () => {
    db = await createTestDatabase('rebuild_cli');
    await seedAreas(db.sql);
    fx = await storeFixture(db.sql);
    traffic = caseTraffic(fx.executor, fx.repository, { seed: 20261204, areaCodes: AREAS, clock: () => new Date() });
  });
  afterAll(async () => {
    await killAll();
    await db?.drop();
  });

  const total = () => fx.store.countAfter(START, Number.MAX_SAFE_INTEGER, { streamPrefix: 'case-' });
  async function freshReplay() {
    await resetProjections(db.sql, PROJECTIONS);
    const runner = new ProjectionRunner({
      sql: db.sql,
      store: fx.store,
      projections: PROJECTIONS,
      context: { areas: fx.areas },
      pii: fx.pii,
      keys: fx.keys,
      logger: pino({ level: 'silent' }),
      batchSize: 500,
    });
    await runner.catchUp();
    return digests(db);
  }
  async function runRebuild() {
    const cli = startProcess('apps/cli/src/main.js', { DATABASE_URL: db.url }, ['rebuild', 'all', '--no-progress']);
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([
      cli.exited,
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`sen rebuild still running after 120 s:\n${cli.output.join('').slice(-2000)}`)),
          120_000,
        );
      }),
    ]).finally(() => clearTimeout(timer)); // else the timer holds jest open for 120 s after the run
    return { code, output: cli.output.join('') };
  }

  it('alone: replays the whole log into emptied read models and repairs a damaged one', async () => {
    for (let i = 0; i < 150; i++) await traffic.step();
    const expected = await freshReplay();
    expect(expected.rm_cases!.rows).toBeGreaterThan(20);
    await db.sql`delete from rm_cases where ctid in (select ctid from rm_cases limit 5)`; // a damaged read model

    const { code, output } = await runRebuild();
    expect(code).toBe(0);
    const n = await total();
    expect(output).toContain(`rebuilt all: ${n} events`);
    expect(await digests(db)).toEqual(expected);
    const applied = [
      ...(
        await loadCheckpoints(
          db.sql,
          PROJECTIONS.map((p) => p.name),
        )
      ).values(),
    ].map((c) => c.eventsApplied);
    expect(applied).toEqual(PROJECTIONS.map(() => n));
  });

  it('while the projector runs and cases keep coming: the projector replays, and ends equal to a fresh replay', async () => {
    const projector = startProcess('apps/projector/src/main.js', { DATABASE_URL: db.url });
    await waitUntil(() => caughtUp(db, fx.store), 60_000, 'projector caught up');
    let appending = true;
    const writer = (async () => {
      while (appending) await traffic.step();
    })();
    const before = await total();
    const { code, output } = await runRebuild();
    appending = false;
    await writer;
    expect(code).toBe(0);
    expect(output).toMatch(/rebuilt all: \d+ events/);
    expect(Number(/rebuilt all: (\d+) events/.exec(output)![1])).toBeGreaterThanOrEqual(before);

    await waitUntil(() => caughtUp(db, fx.store), 60_000, 'projector caught up after the rebuild');
    await kill(projector, 'SIGTERM');
    const n = await total();
    expect(n).toBeGreaterThan(before); // cases did come during the rebuild
    const applied = [
      ...(
        await loadCheckpoints(
          db.sql,
          PROJECTIONS.map((p) => p.name),
        )
      ).values(),
    ].map((c) => c.eventsApplied);
    expect(applied).toEqual(PROJECTIONS.map(() => n)); // each event applied once by each projection
    const incremental = await digests(db);
    expect(await freshReplay()).toEqual(incremental);
  });
});
