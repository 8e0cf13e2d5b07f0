import type { Sql } from '@sen/db';
import { doneInTimeSql, pastDueSql } from '../deadline-rule.sql';
import { utcDay } from '../deadlines/deadlines.projection';
import { TIMELINESS_GRAINS } from './indicators.projection';
import {
  type Bands,
  HOURS_BUCKET_EDGES,
  type RankedBand,
  addBand,
  coarseHistogram,
  percentileOfBands,
  percentileOfRankedBands,
} from './response-bands';

// Queries of the `indicators` read model (rm_indicator_cases) and of the open deadlines (rm_deadlines). Every
// answer is an aggregate: no child, no name, no summary leaves here.

/** Indicator 9's numerator: distinct children with a confirmed abuse case reported in the year, in the area (rm_abused_counts). */
export async function countAbusedChildren(
  sql: Sql,
  year: number,
  areaCode: string,
): Promise<{ children: number; cases: number }> {
  const [row] = await sql<{ children: number; cases: number }[]>`
    select n as children, cases::int as cases from rm_abused_counts where year = ${year} and area_code = ${areaCode}`;
  return row ?? { children: 0, cases: 0 };
}

/** Indicator 13: child marriage outcomes by the (Vietnam) year they happened, in the area (rm_marriages). */
export async function countChildMarriages(
  sql: Sql,
  years: number[],
  areaCode: string,
): Promise<Map<number, { occurred: number; prevented: number }>> {
  const rows = await sql<{ year: number; occurred: number; prevented: number }[]>`
    select year,
           coalesce(sum(n) filter (where outcome = 'occurred'), 0)::int as occurred,
           coalesce(sum(n) filter (where outcome = 'prevented'), 0)::int as prevented
      from rm_marriages
     where year = any(${years}::int[]) and area_code = ${areaCode}
     group by year`;
  return new Map(rows.map((r) => [r.year, { occurred: r.occurred, prevented: r.prevented }]));
}

export const TIMELINESS_DIMENSIONS = ['area', 'category', 'agency', 'month'] as const;
export type TimelinessDimension = (typeof TIMELINESS_DIMENSIONS)[number];

export interface TimelinessFilter {
  year: number;
  /**
   * The area: every case whose area path holds it. Callers resolve it within the user's reach first
   * (AreaScope.resolve), which puts every case under it within the user's areas.
   */
  areaCode: string;
  groupBy: readonly TimelinessDimension[];
  /**
   * With groupBy area: the areas directly under `areaCode`. A case counts under each of them its area path holds,
   * as it does when that area is asked alone (only a case of an old commune split between two new ones holds two).
   */
  childAreas?: string[];
  category?: string;
  now: Date;
}

export interface TimelinessFigures {
  met: number;
  missed: number;
  pending: number;
  excluded: number;
  /**
   * Hours from report to first response, over the cases that had one (met or missed); null when none did. Read
   * from counts per band of minutes (response-bands.ts): within the width of the band the value falls in
   * (10 minutes below 12 hours, 30 minutes to 24 hours, 2 hours to 72 hours).
   */
  medianHours: number | null;
  p90Hours: number | null;
  /**
   * The distribution of those hours: counts of cases whose first response came before each edge of
   * HOURS_BUCKET_EDGES and not before the previous one, the last count for the rest (one more count than edges).
   */
  hoursHistogram: number[];
}

export interface TimelinessGroup extends TimelinessFigures {
  area?: string;
  category?: string;
  agency?: string;
  month?: string;
}

/**
 * Indicator 12 and the response-time dashboard. A case with a first-response deadline (an indicator 12 category)
 * reported in the year is:
 * - met: first response (emergency measure or support) at or before the deadline;
 * - missed: first response after the deadline, or none and the deadline has passed (`now`), whether or not
 *   the case has been closed since;
 * - excluded: no first response and either assessed `unfounded` (no child in need) or closed as a `duplicate`
 *   (another case carries the child); a response once given is never excluded, so a late one cannot be hidden;
 * - pending: no first response yet and the deadline not passed.
 */
export async function timeliness(sql: Sql, f: TimelinessFilter): Promise<TimelinessGroup[]> {
  const [groups] = await timelinessSets(sql, f, [f.groupBy]);
  return groups!;
}

/** The grain of rm_timeliness that holds a grouping (and the category filter): the smallest that covers it. */
function grainFor(dims: readonly string[]): readonly string[] {
  return (TIMELINESS_GRAINS as readonly (readonly string[])[]).find((g) => dims.every((d) => g.includes(d)))!;
}

const monthKey = (year: number, month: number) => `${year}-${String(month).padStart(2, '0')}`;

/**
 * Several groupings of the same cases (indicator 12's total and its breakdowns by area, category and agency, or
 * the dashboard's totals and groups). Met, missed with a response, and excluded come from the roll-up
 * rm_timeliness (a bounded number of rows whatever the number of cases); cases without a response, pending or
 * missed by `now`, are counted live (rm_indicator_cases_open). The empty grouping always gives one group.
 *
 * Each group's counts, histogram and the few bands its median and 90th percentile fall in are computed in SQL
 * from the cumulative band counts: one row a group comes back (102 for a province's communes, not 11,000 band
 * rows). `baseline` selects the previous shape, every band row to Node (the scale benchmark's before; the
 * integration test holds the two equal).
 */
export async function timelinessSets(
  sql: Sql,
  f: Omit<TimelinessFilter, 'groupBy'>,
  sets: readonly (readonly TimelinessDimension[])[],
  options: { baseline?: boolean } = {},
): Promise<TimelinessGroup[][]> {
  // Served by the band-rows shape unless `baseline: false` asks for the percentiles in SQL: measured in one run at
  // 200,000 cases (bench/RESULTS.md, issue 20 point 11) the SQL percentiles were about twice as slow; they stay
  // selectable, held equal by the integration test, until a 1,000,000-case run says which shape wins there.
  const inSql = options.baseline === false;
  return Promise.all(sets.map((set) => (inSql ? timelinessSet(sql, f, set) : timelinessSetBaseline(sql, f, set))));
}

/** The quantiles timelinessSets gives: the bands around their ranks are what the SQL returns. */
const QUANTILES = [0.5, 0.9] as const;

async function timelinessSet(
  sql: Sql,
  f: Omit<TimelinessFilter, 'groupBy'>,
  set: readonly TimelinessDimension[],
): Promise<TimelinessGroup[]> {
  const dims = [...new Set(set)]; // groups come ordered by these, in the order asked
  const byArea = dims.includes('area');
  const byAgency = dims.includes('agency');
  const areas = byArea && f.childAreas && f.childAreas.length > 0 ? f.childAreas : [f.areaCode];
  const grain = grainFor([...dims.filter((d) => d !== 'area'), ...(f.category ? ['category'] : [])]);
  const has = (d: string) => grain.includes(d);
  // Bucket i of the histogram: bands from the previous edge (minutes) to this one, the last without an upper edge.
  const edges = [0, ...HOURS_BUCKET_EDGES.map((h) => h * 60)];
  const histogram = edges
    .map((lo, i) => {
      const hi = edges[i + 1];
      return sql`coalesce(sum(n) filter (where ${i === 0 ? sql`true` : sql`bucket >= ${lo}::int`} ${hi === undefined ? sql`` : sql`and bucket < ${hi}::int`}), 0)::int`;
    })
    .reduce((x, y) => sql`${x}, ${y}`);
  // The bands holding ranks floor(p (total - 1)) and the next for each quantile, with a rank of margin on each
  // side (the float rank of JavaScript and the numeric one of PostgreSQL may round apart).
  const nearRanks = QUANTILES.map(
    (p) =>
      sql`(before <= floor(${p}::numeric * (total - 1)) + 2 and before + n > floor(${p}::numeric * (total - 1)) - 1)`,
  ).reduce((x, y) => sql`${x} or ${y}`);
  const settled = sql<
    {
      area_code: string;
      month: number;
      category: string;
      agency: string;
      met: number;
      missed: number;
      excluded: number;
      total: number;
      histogram: number[];
      bands: [number, number, number, number][];
    }[]
  >`
    with r as (
      select ${byArea ? sql`area_code` : sql`''::text`} as g_area, ${dims.includes('month') ? sql`month` : sql`0::smallint`} as g_month,
             ${dims.includes('category') ? sql`category` : sql`''::text`} as g_category, ${byAgency ? sql`agency` : sql`''::text`} as g_agency,
             outcome, bucket, n, seconds
        from rm_timeliness
       where year = ${f.year} and area_code = any(${areas}::text[])
         and month ${has('month') ? sql`<>` : sql`=`} 0 and category ${has('category') ? sql`<>` : sql`=`} '*' and agency ${has('agency') ? sql`<>` : sql`=`} '*'
         ${f.category ? sql`and category = ${f.category}` : sql``}
    ), b as (
      select g_area, g_month, g_category, g_agency, bucket,
             coalesce(sum(n) filter (where outcome = 'met'), 0) as met,
             coalesce(sum(n) filter (where outcome = 'missed'), 0) as missed,
             coalesce(sum(n) filter (where outcome = 'excluded'), 0) as excluded,
             coalesce(sum(n) filter (where outcome <> 'excluded'), 0) as n,
             coalesce(sum(seconds) filter (where outcome <> 'excluded'), 0) as seconds
        from r group by g_area, g_month, g_category, g_agency, bucket
    ), c as (
      select b.*, sum(n) over (partition by g_area, g_month, g_category, g_agency order by bucket) - n as before,
             sum(n) over (partition by g_area, g_month, g_category, g_agency) as total
        from b
    )
    select g_area as area_code, g_month as month, g_category as category, g_agency as agency,
           sum(met)::int as met, sum(missed)::int as missed, sum(excluded)::int as excluded, max(total)::float8 as total,
           array[${histogram}] as histogram,
           coalesce(json_agg(json_build_array(bucket, n, seconds, before) order by bucket) filter (where n > 0 and (${nearRanks})), '[]') as bands
      from c
     group by g_area, g_month, g_category, g_agency`;
  const open = sql<{ area_code: string; month: number; category: string; missed: number; pending: number }[]>`
    select ${byArea ? sql`a.code` : sql`''::text`} as area_code, ${dims.includes('month') ? sql`reported_month` : sql`0::smallint`} as month,
           ${dims.includes('category') ? sql`category` : sql`''::text`} as category,
           count(*) filter (where ${pastDueSql(sql, sql`first_response_due`, f.now)})::int as missed,
           count(*) filter (where not ${pastDueSql(sql, sql`first_response_due`, f.now)})::int as pending
      from rm_indicator_cases ${byArea ? sql`cross join lateral unnest(area_path) as a(code)` : sql``}
     where timely_followed and first_response_at is null
       and coalesce(verification, '') <> 'unfounded' and not (closed and coalesce(closure_reason, '') = 'duplicate')
       and reported_year = ${f.year} and ${f.areaCode} = any(area_path)
       ${byArea ? sql`and a.code = any(${areas}::text[])` : sql``}
       ${f.category ? sql`and category = ${f.category}` : sql``}
     group by 1, 2, 3`;
  const [settledRows, openRows] = await Promise.all([settled, open]);

  const groups = new Map<
    string,
    {
      key: Record<string, string>;
      met: number;
      missed: number;
      pending: number;
      excluded: number;
      total: number;
      histogram: number[];
      bands: RankedBand[];
    }
  >();
  const group = (r: { area_code: string; month: number; category: string; agency?: string }) => {
    const id = `${r.area_code}\u0000${r.month}\u0000${r.category}\u0000${byAgency ? (r.agency ?? 'none') : ''}`;
    let g = groups.get(id);
    if (!g) {
      const key: Record<string, string> = {};
      if (dims.includes('area')) key.area = r.area_code;
      if (dims.includes('category')) key.category = r.category;
      if (dims.includes('agency')) key.agency = r.agency ?? 'none'; // cases without a response have no agency
      if (dims.includes('month')) key.month = monthKey(f.year, r.month);
      groups.set(
        id,
        (g = {
          key,
          met: 0,
          missed: 0,
          pending: 0,
          excluded: 0,
          total: 0,
          histogram: HOURS_BUCKET_EDGES.map(() => 0).concat(0),
          bands: [],
        }),
      );
    }
    return g;
  };
  for (const r of settledRows) {
    const g = group(r);
    g.met += r.met;
    g.missed += r.missed;
    g.excluded += r.excluded;
    g.total = r.total;
    g.histogram = r.histogram;
    g.bands = r.bands.map(([lo, n, seconds, before]) => ({
      lo,
      n: Number(n),
      seconds: Number(seconds),
      before: Number(before),
    }));
  }
  for (const r of openRows) {
    const g = group(r);
    g.missed += r.missed;
    g.pending += r.pending;
  }
  if (dims.length === 0 && groups.size === 0) group({ area_code: '', month: 0, category: '' });
  const ordered = [...groups.values()].sort((a, b) => {
    for (const d of dims) {
      const c = a.key[d]! < b.key[d]! ? -1 : a.key[d]! > b.key[d]! ? 1 : 0;
      if (c !== 0) return c;
    }
    return 0;
  });
  return ordered.map((g) => ({
    ...g.key,
    met: g.met,
    missed: g.missed,
    pending: g.pending,
    excluded: g.excluded,
    medianHours: percentileOfRankedBands(g.bands, g.total, 0.5),
    p90Hours: percentileOfRankedBands(g.bands, g.total, 0.9),
    hoursHistogram: g.histogram,
  }));
}

/** timelinessSet as it was before the percentiles moved into SQL: every band row of the groups comes to Node. */
async function timelinessSetBaseline(
  sql: Sql,
  f: Omit<TimelinessFilter, 'groupBy'>,
  set: readonly TimelinessDimension[],
): Promise<TimelinessGroup[]> {
  const dims = [...new Set(set)]; // groups come ordered by these, in the order asked
  const byArea = dims.includes('area');
  const areas = byArea && f.childAreas && f.childAreas.length > 0 ? f.childAreas : [f.areaCode];
  const grain = grainFor([...dims.filter((d) => d !== 'area'), ...(f.category ? ['category'] : [])]);
  const has = (d: string) => grain.includes(d);
  // The grain's rows are one per group and band unless it holds a dimension the grouping sums over.
  const exact = grain.every((d) => dims.includes(d as TimelinessDimension));
  const settled = sql<
    {
      area_code: string;
      month: number;
      category: string;
      agency: string;
      outcome: string;
      bucket: number;
      n: number;
      seconds: number;
    }[]
  >`
    select ${byArea ? sql`area_code` : sql`''::text as area_code`}, ${dims.includes('month') ? sql`month` : sql`0::smallint as month`},
           ${dims.includes('category') ? sql`category` : sql`''::text as category`}, ${dims.includes('agency') ? sql`agency` : sql`''::text as agency`},
           outcome, bucket, ${exact ? sql`n, seconds::float8 as seconds` : sql`sum(n)::int as n, sum(seconds)::float8 as seconds`}
      from rm_timeliness
     where year = ${f.year} and area_code = any(${areas}::text[])
       and month ${has('month') ? sql`<>` : sql`=`} 0 and category ${has('category') ? sql`<>` : sql`=`} '*' and agency ${has('agency') ? sql`<>` : sql`=`} '*'
       ${f.category ? sql`and category = ${f.category}` : sql``}
     ${exact ? sql`` : sql`group by 1, 2, 3, 4, outcome, bucket`}`;
  const open = sql<{ area_code: string; month: number; category: string; missed: number; pending: number }[]>`
    select ${byArea ? sql`a.code` : sql`''::text`} as area_code, ${dims.includes('month') ? sql`reported_month` : sql`0::smallint`} as month,
           ${dims.includes('category') ? sql`category` : sql`''::text`} as category,
           count(*) filter (where ${pastDueSql(sql, sql`first_response_due`, f.now)})::int as missed,
           count(*) filter (where not ${pastDueSql(sql, sql`first_response_due`, f.now)})::int as pending
      from rm_indicator_cases ${byArea ? sql`cross join lateral unnest(area_path) as a(code)` : sql``}
     where timely_followed and first_response_at is null
       and coalesce(verification, '') <> 'unfounded' and not (closed and coalesce(closure_reason, '') = 'duplicate')
       and reported_year = ${f.year} and ${f.areaCode} = any(area_path)
       ${byArea ? sql`and a.code = any(${areas}::text[])` : sql``}
       ${f.category ? sql`and category = ${f.category}` : sql``}
     group by 1, 2, 3`;
  const [settledRows, openRows] = await Promise.all([settled, open]);

  const byAgency = dims.includes('agency');
  const groups = new Map<
    string,
    { key: Record<string, string>; met: number; missed: number; pending: number; excluded: number; bands: Bands }
  >();
  const group = (r: { area_code: string; month: number; category: string; agency?: string }) => {
    // The columns not grouped by come back empty: the id is cheap, the key is built once a group.
    const id = `${r.area_code}\u0000${r.month}\u0000${r.category}\u0000${byAgency ? (r.agency ?? 'none') : ''}`;
    let g = groups.get(id);
    if (!g) {
      const key: Record<string, string> = {};
      if (dims.includes('area')) key.area = r.area_code;
      if (dims.includes('category')) key.category = r.category;
      if (dims.includes('agency')) key.agency = r.agency ?? 'none'; // cases without a response have no agency
      if (dims.includes('month')) key.month = monthKey(f.year, r.month);
      groups.set(id, (g = { key, met: 0, missed: 0, pending: 0, excluded: 0, bands: new Map() }));
    }
    return g;
  };
  for (const r of settledRows) {
    const g = group(r);
    if (r.outcome === 'excluded') g.excluded += r.n;
    else {
      if (r.outcome === 'met') g.met += r.n;
      else g.missed += r.n;
      addBand(g.bands, r.bucket, r.n, r.seconds);
    }
  }
  for (const r of openRows) {
    const g = group(r);
    g.missed += r.missed;
    g.pending += r.pending;
  }
  if (dims.length === 0 && groups.size === 0) group({ area_code: '', month: 0, category: '' });
  const ordered = [...groups.values()].sort((a, b) => {
    for (const d of dims) {
      const c = a.key[d]! < b.key[d]! ? -1 : a.key[d]! > b.key[d]! ? 1 : 0;
      if (c !== 0) return c;
    }
    return 0;
  });
  return ordered.map((g) => ({
    ...g.key,
    met: g.met,
    missed: g.missed,
    pending: g.pending,
    excluded: g.excluded,
    medianHours: percentileOfBands(g.bands, 0.5),
    p90Hours: percentileOfBands(g.bands, 0.9),
    hoursHistogram: coarseHistogram(g.bands),
  }));
}

/**
 * The same figures computed from every case row with exact percentiles (percentile_cont), one grouping: the
 * reference the roll-up is tested against (and the shape the scale benchmark compares with). Not for the API:
 * it reads every case of the year.
 */
export async function timelinessFromCases(sql: Sql, f: TimelinessFilter): Promise<TimelinessGroup[]> {
  const dims = [...new Set(f.groupBy)];
  const byArea = dims.includes('area');
  const areas = byArea && f.childAreas && f.childAreas.length > 0 ? f.childAreas : [f.areaCode];
  const keys = {
    area: sql`area_key`,
    category: sql`category`,
    agency: sql`coalesce(first_response_by, 'none')`,
    month: sql`to_char(make_date(reported_year, reported_month, 1), 'YYYY-MM')`,
  };
  type Fragment = (typeof keys)['area'];
  const list = (xs: Fragment[]) => xs.reduce((x, y) => sql`${x}, ${y}`);
  const bucketBounds = [0, ...HOURS_BUCKET_EDGES].map((lo, i) => [lo, HOURS_BUCKET_EDGES[i] ?? null] as const);
  const histogram = bucketBounds
    .map(
      ([lo, hi]) =>
        sql`count(*) filter (where hours >= ${lo}::float8 ${hi === null ? sql`` : sql`and hours < ${hi}::float8`})::int`,
    )
    .reduce((x, y) => sql`${x}, ${y}`);
  const rows = await sql<
    (TimelinessGroup & { median_hours: number | null; p90_hours: number | null; hours_histogram: number[] })[]
  >`
    with t as (
      select *,
             case
               when first_response_at is not null then case when ${doneInTimeSql(sql, sql`first_response_due`, sql`first_response_at`)} then 'met' else 'missed' end
               when verification = 'unfounded' or (closed and closure_reason = 'duplicate') then 'excluded'
               when ${pastDueSql(sql, sql`first_response_due`, f.now)} then 'missed'
               else 'pending'
             end as outcome,
             extract(epoch from (first_response_at - reported_at)) / 3600.0 as hours
             ${byArea ? sql`, a.code as area_key` : sql``}
        from rm_indicator_cases ${byArea ? sql`cross join lateral unnest(area_path) as a(code)` : sql``}
       where timely_followed and reported_year = ${f.year} and ${f.areaCode} = any(area_path)
         ${byArea ? sql`and a.code = any(${areas}::text[])` : sql``}
         ${f.category ? sql`and category = ${f.category}` : sql``}
    )
    select ${dims.length === 0 ? sql`` : sql`${list(dims.map((d) => sql`${keys[d]} as ${sql(d)}`))},`}
           count(*) filter (where outcome = 'met')::int as met,
           count(*) filter (where outcome = 'missed')::int as missed,
           count(*) filter (where outcome = 'pending')::int as pending,
           count(*) filter (where outcome = 'excluded')::int as excluded,
           (percentile_cont(0.5) within group (order by hours))::float8 as median_hours,
           (percentile_cont(0.9) within group (order by hours))::float8 as p90_hours,
           array[${histogram}] as hours_histogram
      from t
     ${dims.length === 0 ? sql`` : sql`group by ${list(dims.map((d) => keys[d]))} order by ${list(dims.map((d) => keys[d]))}`}`;
  return rows.map((r) => ({
    ...Object.fromEntries(dims.map((d) => [d, (r as unknown as Record<string, string>)[d]])),
    met: r.met,
    missed: r.missed,
    pending: r.pending,
    excluded: r.excluded,
    medianHours: r.median_hours,
    p90Hours: r.p90_hours,
    hoursHistogram: r.hours_histogram,
  }));
}

export interface OverdueFilter {
  scopeAreas: string[];
  areaCode?: string;
  kind?: string;
  now: Date;
  limit: number;
  cursor?: OverdueCursor;
}

export interface OverdueCursor {
  dueAt: string;
  caseId: string;
  kind: string;
  refId: string;
}

export interface OverdueItem {
  caseId: string;
  kind: string;
  referralId: string | null;
  dueAt: string;
  hoursOverdue: number;
  agency: string | null;
  urgency: string | null;
  category: string;
  areaCode: string;
  reportedAt: string;
}

/**
 * What is late now: open deadlines past due (rm_deadlines), oldest first, keyset-paged, and their total. The total
 * of one area (the area asked, within the user's areas, or the user's one area) is the roll-up
 * rm_open_deadline_days summed over the UTC days before today plus today's open deadlines past due counted live;
 * several areas without one asked (a deadline may lie under two of them) are counted live. `baseline` counts
 * live always (the scale benchmark's before; the integration test holds the two equal).
 */
export async function overdueDeadlines(
  sql: Sql,
  f: OverdueFilter,
  options: { baseline?: boolean } = {},
): Promise<{ items: OverdueItem[]; total: number; nextCursor: OverdueCursor | null }> {
  const where = sql`
    status = 'open' and ${pastDueSql(sql, sql`due_at`, f.now)} and area_path && ${f.scopeAreas}::text[]
    ${f.areaCode ? sql`and ${f.areaCode} = any(area_path)` : sql``}
    ${f.kind ? sql`and kind = ${f.kind}` : sql``}`;
  const rows = await sql<
    {
      case_id: string;
      kind: string;
      ref_id: string;
      due_at: Date;
      agency: string | null;
      urgency: string | null;
      category: string;
      area_code: string;
      reported_at: Date;
    }[]
  >`
    select case_id, kind, ref_id, due_at, agency, urgency, category, area_code, reported_at
      from rm_deadlines
     where ${where}
       ${f.cursor ? sql`and (due_at, case_id, kind, ref_id) > (${f.cursor.dueAt}::timestamptz, ${f.cursor.caseId}::uuid, ${f.cursor.kind}, ${f.cursor.refId})` : sql``}
     order by due_at, case_id, kind, ref_id
     limit ${f.limit + 1}`;
  const area = options.baseline ? null : await overdueRollupArea(sql, f);
  const [count] =
    area === null
      ? await sql<{ n: number }[]>`select count(*)::int as n from rm_deadlines where ${where}`
      : await overdueTotal(sql, area, f);
  const page = rows.slice(0, f.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({
      caseId: r.case_id,
      kind: r.kind,
      referralId: r.ref_id === '' ? null : r.ref_id,
      dueAt: r.due_at.toISOString(),
      hoursOverdue: (f.now.getTime() - r.due_at.getTime()) / 3_600_000,
      agency: r.agency,
      urgency: r.urgency,
      category: r.category,
      areaCode: r.area_code,
      reportedAt: r.reported_at.toISOString(),
    })),
    total: count?.n ?? 0,
    nextCursor:
      rows.length > f.limit && last
        ? { dueAt: last.due_at.toISOString(), caseId: last.case_id, kind: last.kind, refId: last.ref_id }
        : null,
  };
}

const DAY_MS = 86_400_000;

/**
 * The one area whose deadlines are those the filter counts, or null: the area asked when it lies within one of
 * the user's areas (a deadline's area path holds every ancestor of each area in it, so one under the area asked
 * is under that user's area too), or the user's only area.
 */
async function overdueRollupArea(sql: Sql, f: OverdueFilter): Promise<string | null> {
  if (f.areaCode === undefined) return f.scopeAreas.length === 1 ? f.scopeAreas[0]! : null;
  if (f.scopeAreas.includes(f.areaCode)) return f.areaCode;
  const [within] = await sql`select 1 from areas where code = ${f.areaCode} and ancestors && ${f.scopeAreas}::text[]`;
  return within ? f.areaCode : null;
}

/** Open deadlines past due under `area`: the roll-up's days before today (UTC) and today's counted live. */
async function overdueTotal(sql: Sql, area: string, f: OverdueFilter): Promise<{ n: number }[]> {
  const today = utcDay(f.now);
  const kind = f.kind ? sql`and kind = ${f.kind}` : sql``;
  return sql<{ n: number }[]>`
    select ((select coalesce(sum(n), 0) from rm_open_deadline_days where area_code = ${area} and due_day < ${today}::int ${kind})
          + (select count(*) from rm_deadlines
              where status = 'open' and due_at >= ${new Date(today * DAY_MS)} and ${pastDueSql(sql, sql`due_at`, f.now)}
                and ${area} = any(area_path) ${kind}))::int as n`;
}
