// Issue 20, point 10: the rebuild's fast path (replayInParallel: each projection on a connection of its own, in
// batches whose rows and roll-up deltas are netted, into tables without their secondary indexes) gives the very
// tables live projection gives, digest for digest (the outbox's content and order too); a failure midway leaves
// checkpoints the runner finishes from; and the dropped indexes come back, even after a rebuild that died.
import pino from 'pino';
import { START } from '@sen/event-store';
import {
  type CaseProjection,
  PROJECTIONS,
  ProjectionRunner,
  type Projection,
  casesProjection,
  createIndexesAgain,
  dropSecondaryIndexes,
  loadCheckpoints,
  replayInParallel,
  resetProjections,
  secondaryIndexes,
  tablesOf,
} from '@sen/read-models';
import { seedAreas } from '@sen/reference';
import { type TestDatabase, caseTraffic, createTestDatabase } from '@sen/testing';
import { digests } from '../support/projections';
import { storeFixture } from '../support/store-fixture';

const AREAS = ['29926', '29938', '29869', '30154'];
const logger = pino({ level: 'silent' });

describe('parallel replay (sen rebuild)', () => {
  let db: TestDatabase;
  let fx: Awaited<ReturnType<typeof storeFixture>>;
  let live: Awaited<ReturnType<typeof everything>>;

  const runner = (projections: readonly Projection[] = PROJECTIONS, batchSize = 500) =>
    new ProjectionRunner({
      sql: db.sql,
      store: fx.store,
      projections,
      context: { areas: fx.areas },
      pii: fx.pii,
      keys: fx.keys,
      logger,
      batchSize,
    });
  const replay = (projections: readonly Projection[], batchSize: number) =>
    replayInParallel({
      sql: db.sql,
      store: fx.store,
      projections,
      context: { areas: fx.areas },
      pii: fx.pii,
      keys: fx.keys,
      logger,
      batchSize,
    });
  const total = () => fx.store.countAfter(START, Number.MAX_SAFE_INTEGER, { streamPrefix: 'case-' });
  const applied = async () =>
    [
      ...(
        await loadCheckpoints(
          db.sql,
          PROJECTIONS.map((p) => p.name),
        )
      ).values(),
    ].map((c) => c.eventsApplied);
  /** Every read model's digest, and the outbox's content in the order of its ids (its ids and times differ by run). */
  async function everything(): Promise<Record<string, { rows: number; md5: string }>> {
    const [outbox] = await db.sql<{ rows: number; md5: string }[]>`
      select count(*)::int as rows,
             md5(string_agg(concat_ws('|', dedupe_key, queue, job_name, payload::text, run_at::text), E'\\n' order by id)) as md5
        from outbox`;
    return { ...(await digests(db)), outbox: outbox! };
  }
  async function fromZero() {
    await resetProjections(db.sql, PROJECTIONS);
    await db.sql`truncate outbox`;
  }

  beforeAll(async () => {
    db = await createTestDatabase('parallel_replay');
    await seedAreas(db.sql);
    fx = await storeFixture(db.sql);
    const traffic = caseTraffic(fx.executor, fx.repository, {
      seed: 20261205,
      areaCodes: AREAS,
      clock: () => new Date(),
    });
    // Live projection: the projector's runner follows the cases as they come.
    const projector = runner(PROJECTIONS, 50);
    projector.start();
    for (let i = 0; i < 200; i++) await traffic.step();
    await projector.stop();
    await runner().catchUp();
    live = await everything();
    expect(live.rm_cases!.rows).toBeGreaterThan(20);
    expect(live.rm_timeliness!.rows).toBeGreaterThan(20);
    expect(live.outbox!.rows).toBeGreaterThan(20);
  });
  afterAll(async () => {
    await db?.drop();
  });

  it.each([5000, 37])('in batches of %i, gives the tables live projection gave', async (batchSize) => {
    await fromZero();
    const n = await total();
    expect(await replay(PROJECTIONS, batchSize)).toBe(n);
    expect(await applied()).toEqual(PROJECTIONS.map(() => n));
    expect(await everything()).toEqual(live);
  });

  it('stopped by a projection failing midway, leaves checkpoints the runner finishes from to the same tables', async () => {
    await fromZero();
    let calls = 0;
    const failing: CaseProjection = {
      ...casesProjection,
      evolve: (rows, event, ctx) => {
        if (++calls === 150) throw new Error('a projection bug');
        return casesProjection.evolve(rows, event, ctx);
      },
    };
    const n = await total();
    const reached = await replay(
      PROJECTIONS.map((p) => (p.name === casesProjection.name ? failing : p)),
      40,
    );
    expect(calls).toBeGreaterThanOrEqual(150);
    expect(reached).toBeLessThan(n);
    const cases = (await loadCheckpoints(db.sql, [casesProjection.name])).get(casesProjection.name)!;
    expect(cases.eventsApplied).toBeLessThan(n);
    await runner().catchUp();
    expect(await applied()).toEqual(PROJECTIONS.map(() => n)); // nothing applied twice
    expect(await everything()).toEqual(live);
  });

  it('does nothing when a projection has parked events (the runner knows what to do with them)', async () => {
    await fromZero();
    const [event] = await db.sql<
      { global_position: string; stream_id: string; stream_revision: number; event_id: string; event_type: string }[]
    >`
      select global_position, stream_id, stream_revision, event_id, type as event_type from events where stream_id like 'case-%' limit 1`;
    await db.sql`
      insert into projection_parked_events (projection, stream_id, stream_revision, global_position, event_id, event_type, error_code, error_message)
      values ('cases', ${event!.stream_id}, ${event!.stream_revision}, ${event!.global_position}, ${event!.event_id}, ${event!.event_type}, 'test', 'test')`;
    expect(await replay(PROJECTIONS, 5000)).toBe(0);
    expect(await applied()).toEqual(PROJECTIONS.map(() => 0));
    await db.sql`delete from projection_parked_events`;
  });

  it('drops the secondary indexes and creates them again as they were, also after a rebuild that died between', async () => {
    const tables = PROJECTIONS.flatMap((p) => tablesOf(p).map((t) => t.table));
    const before = await secondaryIndexes(db.sql, tables);
    expect(before.map((i) => i.name)).toEqual(
      expect.arrayContaining(['rm_cases_search', 'rm_cases_area', 'rm_deadlines_open']),
    );
    const dropped = await dropSecondaryIndexes(db.sql, tables);
    expect(dropped).toEqual(before);
    expect(await secondaryIndexes(db.sql, tables)).toEqual([]);
    // The process dies here; the next rebuild starts by creating them again, from the tables' comments.
    expect(await createIndexesAgain(db.sql, tables)).toBe(before.length);
    expect(await secondaryIndexes(db.sql, tables)).toEqual(before);
    expect(await createIndexesAgain(db.sql, tables)).toBe(0);
    const [comments] = await db.sql<{ n: number }[]>`
      select count(*)::int as n from pg_class where relname = any(${tables}::text[]) and obj_description(oid, 'pg_class') is not null`;
    expect(comments!.n).toBe(0);
  });
});
