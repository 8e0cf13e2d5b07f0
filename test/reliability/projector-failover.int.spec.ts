// Issue "projections", done-when 2: two projector processes, only one projects; the second takes over after
// the first is killed, with no event skipped or applied twice. Needs `npm run build` (npm test does it).
import pino from 'pino';
import { START } from '@sen/event-store';
import { PROJECTIONS, PROJECTOR_LOCK, ProjectionRunner, loadCheckpoints, resetProjections } from '@sen/read-models';
import { seedAreas } from '@sen/reference';
import { caseTraffic, createTestDatabase, type TestDatabase } from '@sen/testing';
import { freePort, kill, metric, startProcess, waitUntil } from '../support/processes';
import { storeFixture } from '../support/store-fixture';
import { caughtUp, digests } from '../support/projections';

describe('Two projectors', () => {
  let db: TestDatabase;
  let fx: Awaited<ReturnType<typeof storeFixture>>;

  beforeAll(async () => {
    db = await createTestDatabase('projector_failover');
    await seedAreas(db.sql);
    fx = await storeFixture(db.sql);
  });
  afterAll(async () => {
    await db?.drop();
  });

  const lockHolders = async () =>
    // pg_locks shows every database's locks: count only this test's, not those of projectors other tests run meanwhile.
    Number((await db.sql`select count(*)::int as n from pg_locks where locktype = 'advisory' and objid = ${PROJECTOR_LOCK} and granted and database = (select oid from pg_database where datname = current_database())`)[0]!.n);

  it('lets one project while the other stands by, and fails over within seconds without skipping or doubling', async () => {
    const traffic = caseTraffic(fx.executor, fx.repository, { seed: 42, areaCodes: ['29926', '29938'], clock: () => new Date() });
    let appending = true;
    const writer = (async () => {
      while (appending) await traffic.step();
    })();

    const [portA, portB] = [await freePort(), await freePort()];
    const a = startProcess('apps/projector/src/main.js', { DATABASE_URL: db.url, PORT: String(portA) });
    await waitUntil(async () => (await metric(portA, 'sen_projector_active')) === 1, 20_000, 'A active');
    const b = startProcess('apps/projector/src/main.js', { DATABASE_URL: db.url, PORT: String(portB) });
    await waitUntil(async () => (await metric(portB, 'sen_projector_active')) !== null, 20_000, 'B up');

    // For three seconds of traffic, A projects and B only waits.
    const aApplied0 = (await metric(portA, 'sen_projection_position')) ?? 0;
    for (let i = 0; i < 6; i++) {
      await new Promise((r) => setTimeout(r, 500));
      expect(await metric(portA, 'sen_projector_active')).toBe(1);
      expect(await metric(portB, 'sen_projector_active')).toBe(0);
      expect(await lockHolders()).toBe(1);
    }
    await waitUntil(async () => ((await metric(portA, 'sen_projection_position')) ?? 0) > aApplied0, 10_000, 'A progressing');

    await kill(a, 'SIGKILL');
    const killedAt = Date.now();
    await waitUntil(async () => (await metric(portB, 'sen_projector_active')) === 1, 15_000, 'B takes over');
    const takeoverSeconds = (Date.now() - killedAt) / 1000;

    await new Promise((r) => setTimeout(r, 1500));
    appending = false;
    await writer;
    await waitUntil(() => caughtUp(db, fx.store), 60_000, 'B caught up');
    await kill(b, 'SIGKILL');

    const total = await fx.store.countAfter(START, Number.MAX_SAFE_INTEGER, { streamPrefix: 'case-' });
    const applied = [...(await loadCheckpoints(db.sql, PROJECTIONS.map((p) => p.name))).values()].map((c) => c.eventsApplied);
    const incremental = await digests(db);
    await resetProjections(db.sql, PROJECTIONS);
    const runner = new ProjectionRunner({ sql: db.sql, store: fx.store, projections: PROJECTIONS, context: { areas: fx.areas }, pii: fx.pii, keys: fx.keys, logger: pino({ level: 'silent' }) });
    while ((await runner.step()) !== 'none');

    console.log(`failover: B took over ${takeoverSeconds.toFixed(1)} s after A was killed; ${total} events`);
    expect(takeoverSeconds).toBeLessThan(10);
    expect(applied).toEqual(PROJECTIONS.map(() => total));
    expect(await digests(db)).toEqual(incremental);
  });
});
