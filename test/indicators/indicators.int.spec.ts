// Issue 5: indicators 9, 12 and 13 from hand-built event sets, through the real command path and the real
// projections (ProjectionRunner), on a database of this file's own. Every expected figure is worked out in the
// comments beside it. Times are Vietnam time (+07:00) unless written with Z.
import { randomUUID } from 'node:crypto';
import {
  indicator12,
  indicator13,
  indicator9,
  indicatorCatalogue,
  indicatorTable,
  resolutionAt,
  timeliness,
  timelinessFromCases,
} from '@sen/read-models';
import { type Indicator, seedAreas, seedIndicators, seedPopulation } from '@sen/reference';
import { createTestDatabase, type TestDatabase } from '@sen/testing';
import { storeFixture } from '../support/store-fixture';
import { caseWriter, project } from './indicator-fixture';

describe('Indicators 9, 12 and 13', () => {
  let db: TestDatabase;
  let fx: Awaited<ReturnType<typeof storeFixture>>;
  let w: ReturnType<typeof caseWriter>;
  let catalogue: Indicator[];
  const deps = () => ({ sql: db.sql, areas: fx.areas });
  const ind = (n: number) => catalogue.find((i) => i.number === n)!;
  const NOW = new Date('2026-11-20T05:00:00Z'); // 12:00 on 20 November 2026 in Đồng Tháp

  beforeAll(async () => {
    db = await createTestDatabase('indicators');
    await seedAreas(db.sql);
    await seedIndicators(db.sql);
    await seedPopulation(db.sql);
    fx = await storeFixture(db.sql);
    w = caseWriter(fx);
    catalogue = await indicatorCatalogue(db.sql);
  });
  afterAll(async () => {
    await db?.drop();
  });

  describe('indicator 9: children abused over all children (Xã Tân Thành 29938)', () => {
    beforeAll(async () => {
      // Child X: two abuse cases in 2026, both confirmed — one child.
      const x = randomUUID();
      const x1 = await w.open({
        category: 'neglect',
        areaCode: '29938',
        reportedAt: '2026-02-01T09:00:00+07:00',
        childId: x,
      });
      await w.assess(x1, 'confirmed', '2026-02-01T15:00:00+07:00');
      const x2 = await w.open({
        category: 'physical_violence',
        areaCode: '29938',
        reportedAt: '2026-06-01T09:00:00+07:00',
        childId: x,
      });
      await w.assess(x2, 'confirmed', '2026-06-01T15:00:00+07:00');
      // Child Y: sexual abuse, confirmed.
      const y = await w.open({ category: 'sexual_abuse', areaCode: '29938', reportedAt: '2026-03-01T09:00:00+07:00' });
      await w.assess(y, 'confirmed', '2026-03-01T10:00:00+07:00');
      // Not counted: unfounded; confirmed then re-assessed unfounded; inconclusive; never assessed;
      // confirmed but child labour (not an abuse category of indicator 9).
      const z = await w.open({
        category: 'emotional_abuse',
        areaCode: '29938',
        reportedAt: '2026-03-02T09:00:00+07:00',
      });
      await w.assess(z, 'unfounded', '2026-03-02T10:00:00+07:00');
      const v = await w.open({
        category: 'physical_violence',
        areaCode: '29938',
        reportedAt: '2026-03-03T09:00:00+07:00',
      });
      await w.assess(v, 'confirmed', '2026-03-03T10:00:00+07:00');
      await w.assess(v, 'unfounded', '2026-03-05T10:00:00+07:00');
      const u = await w.open({ category: 'neglect', areaCode: '29938', reportedAt: '2026-03-04T09:00:00+07:00' });
      await w.assess(u, 'inconclusive', '2026-03-04T10:00:00+07:00');
      await w.open({ category: 'trafficking', areaCode: '29938', reportedAt: '2026-03-05T09:00:00+07:00' });
      const l = await w.open({ category: 'child_labour', areaCode: '29938', reportedAt: '2026-03-06T09:00:00+07:00' });
      await w.assess(l, 'confirmed', '2026-03-06T10:00:00+07:00');
      // Reported at 23:30 on 31 December 2025 in Vietnam (16:30Z): counts in 2025, not 2026.
      const t = await w.open({ category: 'neglect', areaCode: '29938', reportedAt: '2025-12-31T23:30:00+07:00' });
      await w.assess(t, 'confirmed', '2026-01-01T08:00:00+07:00');
      // Reported at 00:10 on 1 January 2027 in Vietnam (still 31 December 2026 in UTC): counts in 2027.
      const s = await w.open({ category: 'neglect', areaCode: '29938', reportedAt: '2027-01-01T00:10:00+07:00' });
      await w.assess(s, 'confirmed', '2027-01-01T08:00:00+07:00');
      await project(fx, db.sql);
    });

    it('counts a child with two confirmed abuse cases once, and no unfounded, inconclusive or non-abuse case', async () => {
      const r = await indicator9(deps(), ind(9), { year: 2026, areaCode: '29938' });
      // Children X and Y; cases x1, x2, y.
      expect(r.children).toBe(2);
      expect(r.cases).toBe(3);
      // 3,630 children under 16 in Xã Tân Thành in 2026 (seeds/population.json): 2 / 3630 = 0.0550964 %,
      // 55.0964187 per 100,000; the plan's 2030 target (used for 2026–2030) is below 4 %: met.
      expect(r.population).toBe(3630);
      expect(r.populationBasis).toBe('seeded');
      expect(r.percent).toBeCloseTo(0.055096, 6);
      expect(r.per100000).toBeCloseTo(55.096419, 6);
      expect(r.unit).toBe('percent');
      expect(r.value).toBe(r.percent);
      expect(r.target).toEqual({ year: 2030, value: 4, max: null, direction: 'below', unit: 'percent' });
      expect(r.targetMet).toBe(true);
      expect(r.noData).toBeNull();
    });

    it('shows the target in the unit asked for: 4 % is 4,000 per 100,000', async () => {
      const r = await indicator9(deps(), ind(9), { year: 2026, areaCode: '29938' }, 'per_100000_children');
      expect(r.value).toBeCloseTo(55.096419, 6);
      expect(r.target?.value).toBe(4000);
      expect(r.targetMet).toBe(true);
    });

    it('counts a case reported at 23:30 on 31 December, Vietnam time, in that year', async () => {
      const r2025 = await indicator9(deps(), ind(9), { year: 2025, areaCode: '29938' });
      // Only child T: 1 / 3,660 children (2025) = 0.0273224 %; the 2025 target is below 4.5 %.
      expect(r2025.children).toBe(1);
      expect(r2025.percent).toBeCloseTo(0.027322, 6);
      expect(r2025.target?.value).toBe(4.5);
      const r2027 = await indicator9(deps(), ind(9), { year: 2027, areaCode: '29938' });
      expect(r2027.children).toBe(1); // child S, reported 00:10 on 1 January 2027 local
    });

    it('includes the areas under an area: the province', async () => {
      const r = await indicator9(deps(), ind(9), { year: 2026, areaCode: '82' });
      // The same 2 children over 734,219 children of the province in 2026: 0.000272398 % → 0.000272.
      expect(r.children).toBe(2);
      expect(r.population).toBe(734219);
      expect(r.percent).toBeCloseTo(0.000272, 6);
    });

    it('answers "no data" with a reason, not a division error, where no population is known', async () => {
      const r = await indicator9(deps(), ind(9), { year: 2019, areaCode: '29938' });
      expect(r.children).toBe(0);
      expect(r.value).toBeNull();
      expect(r.targetMet).toBeNull();
      expect(r.noData).toMatch(/no estimate of the child population of 29938 in 2019/);
    });
  });

  describe('indicator 12: timely support (Xã Tân Hồng 29926, 2026)', () => {
    let pendingReport: string;
    beforeAll(async () => {
      // 1. Emergency measure 11 hours after the report: met, 11 h.
      const c1 = await w.open({ category: 'sexual_abuse', areaCode: '29926', reportedAt: '2026-03-01T08:00:00+07:00' });
      await w.emergency(c1, '2026-03-01T19:00:00+07:00');
      // 2. Support one minute after the 12-hour deadline (20:00): missed, 12.0166667 h.
      const c2 = await w.open({
        category: 'physical_violence',
        areaCode: '29926',
        reportedAt: '2026-03-02T08:00:00+07:00',
      });
      await w.support(c2, 'police', '2026-03-02T20:01:00+07:00');
      // 3. Support exactly at the deadline: met, 12 h.
      const c3 = await w.open({ category: 'disaster', areaCode: '29926', reportedAt: '2026-03-03T08:00:00+07:00' });
      await w.support(c3, 'health', '2026-03-03T20:00:00+07:00');
      // 4. No response at all, deadline long passed: missed (no hours).
      await w.open({ category: 'neglect', areaCode: '29926', reportedAt: '2026-03-04T08:00:00+07:00' });
      // 5. Reported an hour before "now"; the deadline (20:00 local) is still ahead: pending.
      pendingReport = '2026-11-20T08:00:00+07:00';
      await w.open({ category: 'trafficking', areaCode: '29926', reportedAt: pendingReport });
      // 6. Closed as a duplicate without a response: excluded (another case carries the child).
      const c6 = await w.open({ category: 'neglect', areaCode: '29926', reportedAt: '2026-03-06T08:00:00+07:00' });
      await w.close(c6, 'duplicate', '2026-03-06T09:00:00+07:00');
      // 7. Assessed unfounded, no response: excluded (no child in need).
      const c7 = await w.open({
        category: 'emotional_abuse',
        areaCode: '29926',
        reportedAt: '2026-03-07T08:00:00+07:00',
      });
      await w.assess(c7, 'unfounded', '2026-03-07T10:00:00+07:00');
      // 8. Closed "child safe" without any response: still missed once the deadline passed.
      const c8 = await w.open({ category: 'neglect', areaCode: '29926', reportedAt: '2026-03-08T08:00:00+07:00' });
      await w.close(c8, 'child_safe', '2026-03-08T09:00:00+07:00');
      // 9. Child labour: not an indicator 12 category, no deadline, not counted.
      await w.open({ category: 'child_labour', areaCode: '29926', reportedAt: '2026-03-09T08:00:00+07:00' });
      await project(fx, db.sql);
    });

    it('counts a response one minute late as missed and keeps pending out of the rate', async () => {
      const r = await indicator12(deps(), ind(12), { year: 2026, areaCode: '29926' }, NOW);
      // met: 1, 3 → 2; missed: 2, 4, 8 → 3; pending: 5; excluded: 6, 7.
      expect([r.met, r.missed, r.pending, r.excluded]).toEqual([2, 3, 1, 2]);
      // Rate 2 / (2 + 3) = 40 % (not 2 / 6: the pending case is reported apart). Target 100 %: not met.
      expect(r.ratePercent).toBe(40);
      expect(r.value).toBe(40);
      expect(r.targetMet).toBe(false);
      // Hours to first response: 11, 12, 12.0166667. Exact median 12, p90 (percentile_cont: rank 0.9 × 2 = 1.8)
      // 12 + 0.8 × 0.0166667 = 12.0133333, as the reference over the case rows gives them.
      const [exact] = await timelinessFromCases(db.sql, { year: 2026, areaCode: '29926', groupBy: [], now: NOW });
      expect(exact!.medianHours).toBeCloseTo(12, 6);
      expect(exact!.p90Hours).toBeCloseTo(12.013333, 6);
      // From the roll-up's bands: 11 h alone in its 10-minute band, so exact; 12 h and 12 h 1 min share the
      // 30-minute band [12, 12.5) with a mean of 12.0083 h: placed at 12 and 12.1333, each within the band's width.
      expect(r.medianHours).toBeCloseTo(12, 6);
      expect(r.p90Hours).toBeCloseTo(12 + 0.8 * (8 / 60), 6);
      expect(Math.abs(r.p90Hours! - exact!.p90Hours!)).toBeLessThanOrEqual(resolutionAt(12));
      expect(r.hoursHistogram).toEqual(exact!.hoursHistogram);
    });

    it('breaks the rate down by category and responding agency', async () => {
      const r = await indicator12(deps(), ind(12), { year: 2026, areaCode: '29926' }, NOW);
      const agency = Object.fromEntries(r.byAgency.map((g) => [g.agency, [g.met, g.missed, g.pending, g.excluded]]));
      // social_worker: case 1 (emergency measure); police: case 2 (late); health: case 3; none: 4, 5, 6, 7, 8.
      expect(agency).toEqual({
        health: [1, 0, 0, 0],
        none: [0, 2, 1, 2],
        police: [0, 1, 0, 0],
        social_worker: [1, 0, 0, 0],
      });
      // The police's one response, 12 h 1 min, alone in its band: its mean is its value.
      expect(r.byAgency.find((g) => g.agency === 'police')?.medianHours).toBeCloseTo(12.016667, 6);
      const neglect = r.byCategory.find((g) => g.category === 'neglect')!;
      // Neglect: case 4 missed, case 6 excluded, case 8 missed → rate 0 %.
      expect([neglect.met, neglect.missed, neglect.excluded, neglect.ratePercent]).toEqual([0, 2, 1, 0]);
      expect(r.byCategory.map((g) => g.category)).not.toContain('child_labour');
      expect(r.byArea).toEqual([expect.objectContaining({ area: '29926', met: 2, missed: 3, pending: 1 })]);
    });

    it('turns pending into missed once the deadline has passed', async () => {
      const later = new Date(Date.parse(pendingReport) + 12 * 3_600_000 + 60_000); // one minute after its deadline
      const r = await indicator12(deps(), ind(12), { year: 2026, areaCode: '29926' }, later);
      // met 2, missed 4 → 33.333333 %.
      expect([r.met, r.missed, r.pending]).toEqual([2, 4, 0]);
      expect(r.ratePercent).toBeCloseTo(33.333333, 6);
    });

    it('answers "no data" where nothing has been met or missed', async () => {
      const r = await indicator12(deps(), ind(12), { year: 2030, areaCode: '29926' }, NOW);
      expect([r.met, r.missed, r.pending]).toEqual([0, 0, 0]);
      expect(r.value).toBeNull();
      expect(r.medianHours).toBeNull();
      expect(r.noData).toMatch(/has been met or missed/);
    });

    it('groups by month for the dashboard', async () => {
      const groups = await timeliness(db.sql, { year: 2026, areaCode: '29926', groupBy: ['month'], now: NOW });
      expect(groups.map((g) => [g.month, g.met, g.missed, g.pending, g.excluded])).toEqual([
        ['2026-03', 2, 3, 0, 2],
        ['2026-11', 0, 0, 1, 0],
      ]);
    });
  });

  describe('indicator 13: child marriages (Xã Tân Thành 29938)', () => {
    beforeAll(async () => {
      const outcome = async (o: 'occurred' | 'prevented', at: string) => {
        const c = await w.open({ category: 'child_marriage', areaCode: '29938', reportedAt: at });
        await w.marriage(c, o, at);
      };
      // 2025: 4 occurred, 1 prevented.
      for (const d of ['02-01', '04-01', '06-01', '08-01']) await outcome('occurred', `2025-${d}T10:00:00+07:00`);
      await outcome('prevented', '2025-09-01T10:00:00+07:00');
      // 2026: 3 occurred (one at 23:30 on 31 December local time), 2 prevented — prevented are not counted.
      await outcome('occurred', '2026-02-01T10:00:00+07:00');
      await outcome('occurred', '2026-05-01T10:00:00+07:00');
      await outcome('occurred', '2026-12-31T23:30:00+07:00');
      await outcome('prevented', '2026-03-01T10:00:00+07:00');
      await outcome('prevented', '2026-04-01T10:00:00+07:00');
      // 2027: nothing recorded. 2029: one prevented only (a real zero). 2030: one occurred.
      await outcome('prevented', '2029-05-01T10:00:00+07:00');
      await outcome('occurred', '2030-05-01T10:00:00+07:00');
      await project(fx, db.sql);
    });

    it('counts marriages that occurred, not those prevented, and the change against the year before', async () => {
      const r = await indicator13(deps(), ind(13), { year: 2026, areaCode: '29938' });
      // 3 occurred in 2026 against 4 in 2025: −1, −25 %, a reduction of 25 % ≥ the plan's 2 % → met.
      expect(r.occurred).toBe(3);
      expect(r.prevented).toBe(2);
      expect(r.previousYear).toEqual({ year: 2025, occurred: 4, prevented: 1 });
      expect(r.change).toEqual({ absolute: -1, percent: -25 });
      expect(r.reductionPercent).toBe(25);
      expect(r.target).toEqual({
        year: 2030,
        value: 2,
        max: 3,
        direction: 'reduce_by',
        unit: 'percent_reduction_per_year',
      });
      expect(r.targetMet).toBe(true);
      expect(r.noData).toBeNull();
    });

    it('answers "no data" for an empty year, and for the change after one', async () => {
      const empty = await indicator13(deps(), ind(13), { year: 2027, areaCode: '29938' });
      expect(empty.occurred).toBeNull();
      expect(empty.value).toBeNull();
      expect(empty.noData).toMatch(/no child marriage outcome .* recorded in 2027/);
      const after = await indicator13(deps(), ind(13), { year: 2028, areaCode: '29938' });
      expect(after.previousYear.occurred).toBeNull();
      expect(after.change).toEqual({ absolute: null, percent: null });
      expect(after.noData).toMatch(/2028/);
    });

    it('gives no percentage, but the absolute change, after a year of zero marriages', async () => {
      const r = await indicator13(deps(), ind(13), { year: 2030, areaCode: '29938' });
      // 2029: 0 occurred (1 prevented); 2030: 1 occurred → +1, percent undefined.
      expect(r.previousYear.occurred).toBe(0);
      expect(r.change).toEqual({ absolute: 1, percent: null });
      expect(r.value).toBeNull();
      expect(r.noData).toMatch(/no child marriage occurred in 2029/);
    });
  });

  describe('a case transferred between areas counts where it is now', () => {
    // Rule: the indicators count a case in the area it is in now (the child moved, the case moved with them),
    // for every year, including years before the transfer.
    beforeAll(async () => {
      const c = await w.open({ category: 'neglect', areaCode: '29926', reportedAt: '2028-02-01T08:00:00+07:00' });
      await w.assess(c, 'confirmed', '2028-02-01T10:00:00+07:00');
      await w.emergency(c, '2028-02-01T12:00:00+07:00');
      await w.transfer(c, '29938', '2028-03-01T08:00:00+07:00');
      await project(fx, db.sql);
    });

    it('moves the indicator 9 and 12 figures to the new area', async () => {
      const to = await indicator9(deps(), ind(9), { year: 2028, areaCode: '29938' });
      const from = await indicator9(deps(), ind(9), { year: 2028, areaCode: '29926' });
      expect([to.children, from.children]).toEqual([1, 0]);
      // 1 / 3,570 children of Xã Tân Thành in 2028 = 0.0280112 %.
      expect(to.percent).toBeCloseTo(0.028011, 6);
      const t12 = await indicator12(deps(), ind(12), { year: 2028, areaCode: '29938' }, NOW);
      const f12 = await indicator12(deps(), ind(12), { year: 2028, areaCode: '29926' }, NOW);
      expect([t12.met, f12.met]).toEqual([1, 0]);
      expect(t12.medianHours).toBe(4);
      // The province counts it once either way.
      expect((await indicator9(deps(), ind(9), { year: 2028, areaCode: '82' })).children).toBe(1);
    });
  });

  describe('cases of the communes before July 2025', () => {
    beforeAll(async () => {
      // Thị trấn Sa Rài (29926-2021), which became part of Xã Tân Hồng (29926) on 1 July 2025.
      const c = await w.open({
        category: 'sexual_abuse',
        areaCode: '29926-2021',
        reportedAt: '2024-05-01T08:00:00+07:00',
      });
      await w.assess(c, 'confirmed', '2024-05-01T10:00:00+07:00');
      await project(fx, db.sql);
    });

    it("count in the old areas and in their successors, with the successors' population summed from their predecessors", async () => {
      const old = await indicator9(deps(), ind(9), { year: 2024, areaCode: '87' });
      expect([old.children, old.population, old.populationBasis]).toEqual([1, 352046, 'seeded']);
      const now = await indicator9(deps(), ind(9), { year: 2024, areaCode: '82' });
      // The new province in 2024 = the old province's communes (Tiền Giang has no cases here): 352,046.
      expect([now.children, now.population, now.populationBasis]).toEqual([1, 352046, 'predecessors']);
      const commune = await indicator9(deps(), ind(9), { year: 2024, areaCode: '29926' });
      // Xã Tân Hồng was formed from Sa Rài (1,846), 29935 (1,845) and 29947 (1,845) in 2024: 5,536.
      expect([commune.children, commune.population]).toEqual([1, 5536]);
    });
  });

  describe('the indicator table', () => {
    it('has every sub-target of the 24 indicators, 9, 12 and 13 computed and the others waiting for figures', async () => {
      const lines = await indicatorTable(deps(), { year: 2026, areaCode: '29938' }, NOW);
      expect(lines).toHaveLength(35);
      expect(new Set(lines.map((l) => l.number)).size).toBe(24);
      const by = (n: number) => lines.find((l) => l.number === n)!;
      expect([by(9).value, by(9).numerator, by(9).denominator]).toEqual([0.055096, 2, 3630]);
      expect([by(13).value, by(13).numerator, by(13).denominator]).toEqual([25, 3, 4]);
      expect(by(1)).toMatchObject({ computed: false, value: null, source: null, leadAgency: 'social_affairs' });
      expect(by(1).noData).toMatch(/no figure entered/);
      expect(by(14).leadAgency).toBe('justice');
    });
  });
});
