// Issue 16 point 3 and issue 20 point 11: the read paths rewritten for a province's size give what the plain ones
// give. On a database of this file's own: a simulated province in bulk (the decider's events through the real
// event store), hand-built cases on the deadline's edges (a response exactly at the deadline, 1 ms after; open
// deadlines due exactly at UTC midnight, 1 ms before and after it), projected by the real ProjectionRunner. Then:
// - the SQL of the deadline rule (deadline-rule.sql.ts) against the domain's deadlineOutcome on the same instants;
// - timelinessSets (percentiles in SQL from the cumulative band counts) against its baseline (every band to Node):
//   equal to the last bit, for every grouping, with a category, for tiny and empty groups;
// - overdueDeadlines' total (roll-up of open deadlines per area and UTC day + today live) against the live count
//   and against a count in JavaScript by the domain's rule over every open deadline row.
import { type DeadlineOutcome, deadlineOutcome, pastDue } from '@sen/case-domain';
import {
  childAreasOf,
  deadlineOutcomeSql,
  overdueDeadlines,
  PROJECTIONS,
  ProjectionRunner,
  timelinessSets,
  type TimelinessDimension,
} from '@sen/read-models';
import { AreaDirectory, seedAreas, seedIndicators, seedPopulation } from '@sen/reference';
import { createTestDatabase, type TestDatabase } from '@sen/testing';
import { createLogger } from '@sen/platform';
import { bulkLoad, decideContext, simAreas } from '@sen/simulation';
import { storeFixture } from '../support/store-fixture';
import { caseWriter } from './indicator-fixture';

const START = '2025-11-01T00:00:00+07:00';
/** A UTC midnight some open deadlines fall due at, just before and just after. */
const MIDNIGHT = Date.parse('2026-03-10T00:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

describe('read paths at scale agree with the plain ones', () => {
  let db: TestDatabase;
  let fx: Awaited<ReturnType<typeof storeFixture>>;
  let areas: AreaDirectory;

  beforeAll(async () => {
    db = await createTestDatabase('read_paths');
    await seedAreas(db.sql);
    await seedIndicators(db.sql);
    await seedPopulation(db.sql);
    areas = await AreaDirectory.load(db.sql);
    fx = await storeFixture(db.sql);
    const context = decideContext();
    const summary = await bulkLoad(
      fx.repository,
      fx.keys,
      {
        seed: 16_20,
        children: 4000,
        days: 240,
        start: new Date(START).toISOString(),
        areas: simAreas(areas, START, context.policy.utcOffsetMinutes),
        context,
      },
      { cases: 2500, concurrency: 4 },
    );
    expect(summary.cases).toBe(2500);

    // The edges, by the command path (12 hours to the first response).
    const w = caseWriter(fx);
    const at = (ms: number) => iso(ms);
    const due = (reported: number) => reported + 12 * 3_600_000;
    // Responses exactly at the deadline (met) and 1 ms after it (missed), in a commune and a month of their own.
    const r1 = Date.parse('2026-02-02T01:00:00.000Z');
    const met = await w.open({ category: 'neglect', areaCode: '29926', reportedAt: at(r1) });
    await w.emergency(met, at(due(r1)));
    const r2 = r1 + 3_600_000;
    const late = await w.open({ category: 'neglect', areaCode: '29926', reportedAt: at(r2) });
    await w.support(late, 'police', at(due(r2) + 1));
    // Open first-response deadlines due 1 ms before, exactly at and 1 ms after a UTC midnight, and one due at the
    // midnight a day later.
    for (const d of [MIDNIGHT - 1, MIDNIGHT, MIDNIGHT + 1, MIDNIGHT + 86_400_000]) {
      await w.open({ category: 'physical_violence', areaCode: '29938', reportedAt: at(d - 12 * 3_600_000) });
    }

    const runner = new ProjectionRunner({
      sql: db.sql,
      store: fx.store,
      projections: PROJECTIONS,
      context: { areas },
      pii: fx.pii,
      keys: fx.keys,
      logger: createLogger('silent', 'test'),
      batchSize: 500,
    });
    await runner.catchUp();
  }, 240_000);
  afterAll(async () => {
    await fx?.store.close();
    await db?.drop();
  });

  it('applies the deadline rule in SQL as the domain does, to the millisecond', async () => {
    const dueAt = MIDNIGHT;
    const edges: [string, number | null, number | null, number][] = [
      ['done exactly at the deadline', dueAt, dueAt, dueAt + 5_000],
      ['done 1 ms before it', dueAt, dueAt - 1, dueAt - 1],
      ['done 1 ms after it', dueAt, dueAt + 1, dueAt + 1],
      ['done late, looked at before the deadline', dueAt, dueAt + 1, dueAt - 60_000],
      ['open an hour before the deadline', dueAt, null, dueAt - 3_600_000],
      ['open at the deadline', dueAt, null, dueAt],
      ['open 1 ms after it', dueAt, null, dueAt + 1],
      ['open a year after it', dueAt, null, dueAt + 365 * 86_400_000],
      ['no deadline', null, null, dueAt],
    ];
    for (const [name, d, done, now] of edges) {
      const [row] = await db.sql<{ outcome: DeadlineOutcome | null }[]>`
        select ${deadlineOutcomeSql(db.sql, d === null ? db.sql`null::timestamptz` : new Date(d), done === null ? db.sql`null::timestamptz` : new Date(done), new Date(now))} as outcome`;
      const want = d === null ? null : deadlineOutcome(d, done, now);
      expect({ name, outcome: row!.outcome }).toEqual({ name, outcome: want });
    }
    // And over the stored deadlines, as the overdue list reads them, at instants on their edges.
    const sample = await db.sql<
      { due_at: Date; done_at: Date | null }[]
    >`select due_at, done_at from rm_deadlines order by case_id, kind, ref_id limit 400`;
    for (const offset of [-1, 0, 1]) {
      const rows = await db.sql<{ due_at: Date; done_at: Date | null; now: Date; outcome: DeadlineOutcome }[]>`
        select due_at, done_at, due_at + ${offset} * interval '1 millisecond' as now,
               ${deadlineOutcomeSql(db.sql, db.sql`due_at`, db.sql`done_at`, db.sql`due_at + ${offset} * interval '1 millisecond'`)} as outcome
          from rm_deadlines order by case_id, kind, ref_id limit 400`;
      expect(rows.map((r) => r.outcome)).toEqual(rows.map((r) => deadlineOutcome(r.due_at, r.done_at, r.now)));
    }
    expect(sample.length).toBe(400);
  });

  it('gives indicator 12 and the response times with the percentiles in SQL exactly as from every band in Node', async () => {
    const sets: TimelinessDimension[][] = [
      [],
      ['area'],
      ['category'],
      ['agency'],
      ['category', 'agency'],
      ['month'],
      ['area', 'month'],
      ['area', 'category', 'agency', 'month'],
    ];
    let tiny = 0;
    let groups = 0;
    for (const year of [2025, 2026]) {
      for (const area of ['82', '29926', '29938']) {
        for (const now of [
          new Date('2026-02-02T13:00:00.000Z'),
          new Date('2026-04-01T00:00:00.000Z'),
          new Date('2027-01-01T00:00:00.000Z'),
        ]) {
          for (const category of [undefined, 'neglect']) {
            const f = {
              year,
              areaCode: area,
              now,
              childAreas: childAreasOf(areas, area),
              ...(category ? { category } : {}),
            };
            const fast = await timelinessSets(db.sql, f, sets, { baseline: false });
            const baseline = await timelinessSets(db.sql, f, sets, { baseline: true });
            expect(fast).toEqual(baseline);
            for (const g of fast.flat()) {
              groups++;
              if (g.met + g.missed <= 2) tiny++;
            }
          }
        }
      }
    }
    // The data reach the edges the SQL must get right: groups of one and two responses, groups of none.
    expect(tiny).toBeGreaterThan(100);
    expect(groups).toBeGreaterThan(1000);
    const [province] = await timelinessSets(
      db.sql,
      { year: 2026, areaCode: '82', now: new Date('2026-04-01T00:00:00Z') },
      [[]],
    );
    expect(province![0]!.met + province![0]!.missed).toBeGreaterThan(500);
    expect(province![0]!.medianHours).not.toBeNull();
  });

  it('totals the overdue deadlines from the roll-up of days as the live count and the domain rule do', async () => {
    const open = await db.sql<
      { due_at: Date; area_path: string[]; kind: string }[]
    >`select due_at, area_path, kind from rm_deadlines where status = 'open'`;
    expect(open.length).toBeGreaterThan(300);
    const commune = childAreasOf(areas, '82')[0]!;
    const nows = [
      MIDNIGHT - 2,
      MIDNIGHT - 1,
      MIDNIGHT,
      MIDNIGHT + 1,
      MIDNIGHT + 2,
      MIDNIGHT + 86_400_000,
      MIDNIGHT + 86_400_000 + 1,
      Date.parse('2025-10-01T00:00:00Z'),
      Date.parse('2026-01-15T09:30:00.123Z'),
      Date.parse('2027-06-01T00:00:00Z'),
      ...open.slice(0, 5).flatMap((r) => [r.due_at.getTime(), r.due_at.getTime() + 1]),
    ];
    const filters: { scopeAreas: string[]; areaCode?: string; kind?: string }[] = [
      { scopeAreas: ['82'] },
      { scopeAreas: ['82'], kind: 'first_response' },
      { scopeAreas: ['82'], kind: 'referral_complete' },
      { scopeAreas: ['82'], areaCode: '29938' },
      { scopeAreas: ['82'], areaCode: commune, kind: 'plan' },
      { scopeAreas: ['29938'] },
      { scopeAreas: ['29938'], areaCode: '29938' },
      { scopeAreas: ['29926'], areaCode: '29938' }, // outside the user's area: none, counted live
      { scopeAreas: ['29938', '82'] }, // several areas: counted live
    ];
    let nonZero = 0;
    for (const nowMs of nows) {
      const now = new Date(nowMs);
      for (const f of filters) {
        const q = { ...f, now, limit: 5 };
        const fast = await overdueDeadlines(db.sql, q);
        const baseline = await overdueDeadlines(db.sql, q, { baseline: true });
        const reference = open.filter(
          (r) =>
            pastDue(r.due_at, now) &&
            r.area_path.some((a) => f.scopeAreas.includes(a)) &&
            (f.areaCode === undefined || r.area_path.includes(f.areaCode)) &&
            (f.kind === undefined || r.kind === f.kind),
        ).length;
        expect({ now: now.toISOString(), ...f, total: fast.total }).toEqual({
          now: now.toISOString(),
          ...f,
          total: reference,
        });
        expect(fast).toEqual(baseline);
        if (fast.total > 0) nonZero++;
      }
    }
    expect(nonZero).toBeGreaterThan(40);
    // The midnight edges: the deadline due at midnight is overdue from 1 ms after it, not at it.
    const at = async (ms: number) =>
      (await overdueDeadlines(db.sql, { scopeAreas: ['29938'], kind: 'first_response', now: new Date(ms), limit: 1 }))
        .total;
    expect((await at(MIDNIGHT)) - (await at(MIDNIGHT - 1))).toBe(1); // the one due 1 ms before midnight
    expect((await at(MIDNIGHT + 1)) - (await at(MIDNIGHT))).toBe(1); // the one due at midnight
    expect((await at(MIDNIGHT + 2)) - (await at(MIDNIGHT + 1))).toBe(1); // the one due 1 ms after
  });

  it('keeps the roll-up of open deadlines equal to the open deadline rows', async () => {
    const rolled = await db.sql<{ area_code: string; kind: string; due_day: number; n: number }[]>`
      select area_code, kind, due_day, n from rm_open_deadline_days order by 1, 2, 3`;
    const rows = await db.sql<{ area_code: string; kind: string; due_day: number; n: number }[]>`
      select a.code as area_code, kind, floor(extract(epoch from due_at) / 86400)::int as due_day, count(*)::int as n
        from rm_deadlines cross join lateral unnest(area_path) as a(code) where status = 'open' group by 1, 2, 3 order by 1, 2, 3`;
    expect(rolled.length).toBeGreaterThan(100);
    expect(rolled).toEqual(rows);
  });
});
