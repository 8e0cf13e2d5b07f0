// Issue 15, point 1 (the projector's half): events holding NUL, control characters and lone surrogates, and an event
// a projection cannot apply, written straight through the event store port, must stop neither the projections nor
// the rest of the log. Runs the ProjectionRunner on a database of its own (no processes, no build needed).
import pino from 'pino';
import { START } from '@sen/event-store';
import {
  type CaseProjection,
  PROJECTIONS,
  type Projection,
  ProjectionRunner,
  REPLACEMENT,
  casesProjection,
  countParked,
  listParked,
  loadCheckpoints,
  replayAllParked,
  replayParked,
  resetProjections,
  saveCaseRows,
} from '@sen/read-models';
import { seedAreas } from '@sen/reference';
import { createTestDatabase, type TestDatabase } from '@sen/testing';
import type { CaseEvent } from '@sen/case-domain';
import { parkedList, parkedReplay } from '../../apps/cli/src/parked.command';
import { storeFixture } from '../support/store-fixture';
import { acknowledged, append, assessed, issued, newCase, opened, type PoisonCase } from '../support/poison-events';

describe('Projections meeting poison events', () => {
  let db: TestDatabase;
  let fx: Awaited<ReturnType<typeof storeFixture>>;
  const logger = pino({ level: 'silent' });

  beforeAll(async () => {
    db = await createTestDatabase('parking');
    await seedAreas(db.sql);
    fx = await storeFixture(db.sql);
  });
  afterAll(async () => {
    await db?.drop();
  });
  beforeEach(async () => {
    await resetProjections(db.sql, PROJECTIONS);
    await db.sql`delete from projection_parked_events`;
  });

  const runnerWith = (projections: readonly Projection[], batchSize = 500) =>
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
  const deps = (projections: readonly Projection[]) => ({
    sql: db.sql,
    store: fx.store,
    projections,
    context: { areas: fx.areas },
    pii: fx.pii,
    keys: fx.keys,
  });
  const total = () => fx.store.countAfter(START, Number.MAX_SAFE_INTEGER, { streamPrefix: 'case-' });
  const applied = async (names: string[]) =>
    [...(await loadCheckpoints(db.sql, names)).values()].map((c) => Number(c.eventsApplied));
  const caseRow = async (c: PoisonCase) =>
    (
      await db.sql<
        { child_name: string; version: number; search_text: string }[]
      >`select child_name, version, search_text from rm_cases where case_id = ${c.caseId}::uuid`
    )[0];
  const delivered = async (c: PoisonCase) =>
    (
      await db.sql<
        { dedupe_key: string }[]
      >`select dedupe_key from outbox where dedupe_key = any(${c.referralIds.map((r) => `deliver.${r}`)}::text[]) order by dedupe_key`
    ).length;

  it('projects events holding NUL, C0 and C1 controls in encrypted and clear fields, cleaned, and parks nothing', async () => {
    const good = newCase();
    const bad = newCase();
    const after = newCase();
    await append(fx.store, fx.pii, good, [
      opened(good, { child: { fullName: 'Lê Thị Hoa', sex: 'female', ageYears: 9 } }),
      issued(good, 0),
    ]);
    await append(fx.store, fx.pii, bad, [
      opened(bad, { child: { fullName: 'A\u0000B\u0085C\u001bD', sex: 'male', ageYears: 7 }, summary: 'x\u0000y' }),
      issued(bad, 0, 'lý do\u0085\u0007'),
      assessed(bad, ['f\u009b1', 'f2\r\n']),
    ]);
    await append(fx.store, fx.pii, after, [opened(after), issued(after, 0)]);

    await runnerWith(PROJECTIONS).catchUp(undefined, 30_000);

    const n = await total();
    expect(await applied(PROJECTIONS.map((p) => p.name))).toEqual(PROJECTIONS.map(() => n));
    expect(await listParked(db.sql)).toEqual([]);
    expect((await caseRow(bad))!.child_name).toBe(`A${REPLACEMENT}B${REPLACEMENT}C${REPLACEMENT}D`);
    expect((await caseRow(bad))!.version).toBe(3);
    const [referral] = await db.sql<
      { reason: string }[]
    >`select reason from rm_referrals where referral_id = ${bad.referralIds[0]!}`;
    expect(referral?.reason).toBe(`lý do${REPLACEMENT}${REPLACEMENT}`);
    for (const c of [good, bad, after]) expect(await delivered(c)).toBe(1);
  });

  it('cannot store NUL or lone surrogates in clear fields (jsonb refuses them): only C0/C1 controls and encrypted fields reach projections', async () => {
    const c = newCase();
    await expect(append(fx.store, fx.pii, c, [opened(c), issued(c, 0, 'a\u0000b')])).rejects.toMatchObject({
      code: '22P05',
    });
    await expect(append(fx.store, fx.pii, c, [opened(c), issued(c, 0, 'a\uD800b')])).rejects.toMatchObject({
      code: '22P02',
    });
    // A lone surrogate in an encrypted field is stored, but as UTF-8: it decrypts as U+FFFD.
    await append(fx.store, fx.pii, c, [opened(c, { child: { fullName: 'Lan\uD800', sex: 'female', ageYears: 5 } })]);
    await runnerWith(PROJECTIONS).catchUp(undefined, 30_000);
    expect((await caseRow(c))!.child_name).toBe(`Lan${REPLACEMENT}`);
  });

  it('writes rows holding lone surrogates and NUL (as another event store could hand them over), cleaned', async () => {
    const c = newCase();
    await append(fx.store, fx.pii, c, [opened(c)]);
    await runnerWith(PROJECTIONS).catchUp(undefined, 30_000);
    const [row] = await db.sql`select * from rm_cases where case_id = ${c.caseId}::uuid`;
    const rows = (name: string) =>
      new Map([
        [
          c.caseId,
          {
            rm_cases: [
              {
                ...row,
                reported_at: row!.reported_at.toISOString(),
                opened_at: row!.opened_at.toISOString(),
                plan_due: row!.plan_due.toISOString(),
                first_response_due: row!.first_response_due?.toISOString() ?? null,
                last_event_at: row!.last_event_at.toISOString(),
                child_name: name,
              },
            ],
          },
        ],
      ]);
    await db.sql.begin((tx) =>
      saveCaseRows(
        tx,
        casesProjection.tables.filter((t) => t.table === 'rm_cases'),
        rows('Lan'),
        rows('\uD800L\u0000a\uDC00n'),
      ),
    );
    expect((await caseRow(c))!.child_name).toBe(`${REPLACEMENT}L${REPLACEMENT}a${REPLACEMENT}n`);
  });

  describe('an event a projection cannot apply', () => {
    let broken = true;
    let victim = '';
    // The cases projection with a bug for one case's events after its opening (what a projection code change fixes).
    const buggy: CaseProjection = {
      ...casesProjection,
      evolve(rows, e, ctx) {
        if (broken && e.caseId === victim && e.version >= 2)
          throw new TypeError(`cannot project the name "${JSON.stringify(rows)}"`);
        return casesProjection.evolve(rows, e, ctx);
      },
    };
    const projections = PROJECTIONS.map((p) => (p.name === 'cases' ? buggy : p));

    it('is parked for that projection only, with the later events of its case behind it; the rest goes on; a replay after the fix applies them in order', async () => {
      const [a, bad, c] = [newCase(), newCase(), newCase()];
      victim = bad.caseId;
      broken = true;
      await append(fx.store, fx.pii, a, [opened(a), issued(a, 0)]);
      await append(fx.store, fx.pii, bad, [
        opened(bad, { child: { fullName: 'Phạm Thị Bé', sex: 'female', ageYears: 6 } }),
        issued(bad, 0),
      ]);
      await append(fx.store, fx.pii, c, [opened(c), issued(c, 0)]);
      await append(fx.store, fx.pii, bad, [acknowledged(bad, 0)]);
      await append(fx.store, fx.pii, a, [acknowledged(a, 0)]);

      // Small batches: the parked case's later event comes in another batch than the parked one.
      const runner = runnerWith(projections, 4);
      await runner.catchUp(undefined, 30_000);

      const n = await total();
      expect(await applied(projections.map((p) => p.name))).toEqual(projections.map(() => n));
      const parked = await listParked(db.sql);
      expect(parked.map((p) => [p.projection, p.caseId, p.streamRevision, p.eventType, p.errorCode])).toEqual([
        ['cases', bad.caseId, 1, 'ReferralIssued', 'TypeError'],
        ['cases', bad.caseId, 2, 'ReferralAcknowledged', 'BEHIND_PARKED'],
      ]);
      // What is stored says where the error came from, never the value (the name).
      expect(parked[0]!.errorMessage).toMatch(/^TypeError: cannot project the name … at /);
      expect(JSON.stringify(parked)).not.toContain('Phạm');
      expect(
        Object.fromEntries(
          await countParked(
            db.sql,
            projections.map((p) => p.name),
          ),
        ),
      ).toEqual({ cases: 2, referrals: 0, deadlines: 0, indicators: 0, outbox: 0 });
      // The parked case is stale in the cases projection only; the other cases and projections are current.
      expect((await caseRow(bad))!.version).toBe(1);
      expect((await caseRow(a))!.version).toBe(3);
      expect((await caseRow(c))!.version).toBe(2);
      const [ref] = await db.sql<
        { status: string }[]
      >`select status from rm_referrals where referral_id = ${bad.referralIds[0]!}`;
      expect(ref?.status).toBe('acknowledged');
      for (const x of [a, bad, c]) expect(await delivered(x)).toBe(1);

      // Replayed while still broken: nothing applied, still parked, with the attempt counted.
      const failed = await replayParked(deps(projections), parked[1]!.id);
      expect(failed).toMatchObject({
        outcome: 'failed',
        projection: 'cases',
        caseId: bad.caseId,
        error: { id: parked[0]!.id, code: 'TypeError' },
      });
      expect((await caseRow(bad))!.version).toBe(1);
      expect((await listParked(db.sql)).map((p) => p.attempts)).toEqual([1, 1]);

      // The fix (a projection code change), then the replay: both events in order, the case current again.
      broken = false;
      const replayed = await replayParked(deps(projections), parked[0]!.id);
      expect(replayed).toMatchObject({ outcome: 'replayed', ids: [parked[0]!.id, parked[1]!.id] });
      expect((await caseRow(bad))!.version).toBe(3);
      expect(await listParked(db.sql)).toEqual([]);
      expect((await listParked(db.sql, { all: true })).map((p) => p.status)).toEqual(['replayed', 'replayed']);
      expect((await countParked(db.sql, ['cases'])).get('cases')).toBe(0);

      // The case's next event is applied as any other.
      await append(fx.store, fx.pii, bad, [issued(bad, 1)]);
      await runner.catchUp(undefined, 30_000);
      expect((await caseRow(bad))!.version).toBe(4);
      expect(await listParked(db.sql)).toEqual([]);
    });

    it('applies an erasure even behind a parked event, and again after the replayed ones', async () => {
      const bad = newCase();
      victim = bad.caseId;
      broken = true;
      await append(fx.store, fx.pii, bad, [
        opened(bad, { child: { fullName: 'Đỗ Văn Tí', sex: 'male', ageYears: 8 } }),
        issued(bad, 0),
      ]);
      await runnerWith(projections).catchUp(undefined, 30_000);
      await fx.keys.destroy(bad.childId, 'test');
      await fx.store.appendToStream(
        `case-${bad.caseId}`,
        [
          {
            type: 'PersonalDataErased',
            data: { caseId: bad.caseId, childId: bad.childId, reason: 'test' },
            metadata: { ...opened(bad).metadata, actorRole: 'admin' },
          },
        ],
        { expectedRevision: 'any' },
      );
      broken = false; // the erasure itself must not be held back by the bug, whether or not it is fixed
      await runnerWith(projections).catchUp(undefined, 30_000);
      const row = (
        await db.sql<{ child_name: string; personal_data_erased: boolean; version: number }[]>`
        select child_name, personal_data_erased, version from rm_cases where case_id = ${bad.caseId}::uuid`
      )[0]!;
      expect(row).toMatchObject({ personal_data_erased: true, version: 3 });
      expect(row.child_name).not.toContain('Đỗ');
      const results = await replayAllParked(deps(projections));
      expect(results.map((r) => r.outcome)).toEqual(['replayed']);
      expect(
        (await db.sql`select version, personal_data_erased from rm_cases where case_id = ${bad.caseId}::uuid`)[0],
      ).toMatchObject({ version: 3, personal_data_erased: true });
    });

    it('parks nothing for a connection error or a projection failing every case: the batch is retried as before', async () => {
      const cases = Array.from({ length: 12 }, newCase);
      for (const c of cases) await append(fx.store, fx.pii, c, [opened(c), issued(c, 0)]);
      const failing = (error: () => Error): CaseProjection => ({
        ...casesProjection,
        evolve(rows, e, ctx) {
          if (e.version >= 2) throw error();
          return casesProjection.evolve(rows, e, ctx);
        },
      });
      const lost = () =>
        Object.assign(new Error('write CONNECTION_CLOSED 127.0.0.1:5432'), { code: 'CONNECTION_CLOSED' });
      for (const bug of [failing(lost), failing(() => new TypeError('a bug for every case'))]) {
        const runner = runnerWith(PROJECTIONS.map((p) => (p.name === 'cases' ? bug : p)));
        await expect(runner.step()).rejects.toThrow();
        expect(await listParked(db.sql)).toEqual([]);
        expect((await loadCheckpoints(db.sql, ['cases'])).get('cases')!.eventsApplied).toBe(0);
      }
    });
  });

  // Last: its poisoned case stays in the store, and would be parked again in every later test.
  it('lists and replays parked events from the command line (sen parked list|replay)', async () => {
    const c = newCase();
    const poisoned = opened(c) as Extract<CaseEvent, { type: 'CaseOpened' }>;
    poisoned.data.reportedAt = 'not a date';
    await append(fx.store, fx.pii, c, [poisoned]);
    await runnerWith(PROJECTIONS).catchUp(undefined, 30_000);
    const rt = {
      config: fx.config,
      sql: db.sql,
      store: fx.store,
      areas: fx.areas,
      keys: fx.keys,
      pii: fx.pii,
      logger,
      close: async () => undefined,
    };
    const list = await parkedList(rt, { all: false });
    expect(list).toContain(`cases\t${c.caseId}\trev 0`);
    expect(list).toContain('CaseOpened\t22007');
    expect(list).not.toContain('not a date');
    const replay = await parkedReplay(rt, 'all');
    expect(replay.failed).toBeGreaterThan(0);
    expect(replay.text).toContain(`still failing: cases case ${c.caseId}`);
    await expect(parkedReplay(rt, 'abc')).rejects.toThrow(/id or all/);
    expect(await parkedList(rt, { all: false })).toContain(c.caseId);
  });
});
