import type { Sql } from '@sen/db';

// Queries of the `indicators` read model (rm_indicator_cases) and of the open deadlines (rm_deadlines). Every
// answer is an aggregate: no child, no name, no summary leaves here.

/** Indicator 9's numerator: distinct children with a confirmed abuse case reported in the year, in the area. */
export async function countAbusedChildren(sql: Sql, year: number, areaCode: string): Promise<{ children: number; cases: number }> {
  const [row] = await sql<{ children: number; cases: number }[]>`
    select count(distinct child_id)::int as children, count(*)::int as cases
      from rm_indicator_cases
     where abuse and verification = 'confirmed' and reported_year = ${year} and ${areaCode} = any(area_path)`;
  return row ?? { children: 0, cases: 0 };
}

/** Indicator 13: child marriage outcomes by the (Vietnam) year they happened, in the area. */
export async function countChildMarriages(
  sql: Sql,
  years: number[],
  areaCode: string,
): Promise<Map<number, { occurred: number; prevented: number }>> {
  const rows = await sql<{ year: number; occurred: number; prevented: number }[]>`
    select marriage_year as year,
           count(*) filter (where marriage_outcome = 'occurred')::int as occurred,
           count(*) filter (where marriage_outcome = 'prevented')::int as prevented
      from rm_indicator_cases
     where marriage_outcome is not null and marriage_year = any(${years}::int[]) and ${areaCode} = any(area_path)
     group by marriage_year`;
  return new Map(rows.map((r) => [r.year, { occurred: r.occurred, prevented: r.prevented }]));
}

export const TIMELINESS_DIMENSIONS = ['area', 'category', 'agency', 'month'] as const;
export type TimelinessDimension = (typeof TIMELINESS_DIMENSIONS)[number];

export interface TimelinessFilter {
  year: number;
  areaCode: string;
  /** Only cases in these areas (the user's scope); omitted: no further limit. */
  scopeAreas?: string[];
  groupBy: readonly TimelinessDimension[];
  /** With groupBy area: the areas directly under `areaCode`; a case counts under the one its area path holds. */
  childAreas?: string[];
  category?: string;
  now: Date;
}

export interface TimelinessFigures {
  met: number;
  missed: number;
  pending: number;
  excluded: number;
  /** Hours from report to first response, over the cases that had one (met or missed); null when none did. */
  medianHours: number | null;
  p90Hours: number | null;
  /**
   * The distribution of those hours: counts of cases whose first response came before each edge of
   * HOURS_BUCKET_EDGES and not before the previous one, the last count for the rest (one more count than edges).
   */
  hoursHistogram: number[];
}

/** Upper edges, in hours, of the buckets of `hoursHistogram`: under 1, 1–3, 3–6, 6–12 (the deadline), 12–24 … 72 and more. */
export const HOURS_BUCKET_EDGES = [1, 3, 6, 12, 24, 48, 72] as const;

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
 * Median and 90th percentile: percentile_cont (linear interpolation) of the hours to the first response.
 */
export async function timeliness(sql: Sql, f: TimelinessFilter): Promise<TimelinessGroup[]> {
  const [groups] = await timelinessSets(sql, f, [f.groupBy]);
  return groups!;
}

/**
 * Several groupings of the same cases in one scan (GROUPING SETS): indicator 12's total and its breakdowns by
 * area, category and agency, or the dashboard's totals and groups. One pass over a year's cases instead of one
 * per grouping; the figures are those `timeliness` gives for each grouping alone.
 */
export async function timelinessSets(
  sql: Sql,
  f: Omit<TimelinessFilter, 'groupBy'>,
  sets: readonly (readonly TimelinessDimension[])[],
): Promise<TimelinessGroup[][]> {
  const dims = [...new Set(sets.flat())];
  const keys = {
    area: sql`coalesce((select min(c) from unnest(area_path) c where c = any(${f.childAreas ?? []}::text[])), ${f.areaCode}::text)`,
    category: sql`category`,
    agency: sql`coalesce(first_response_by, 'none')`,
    month: sql`to_char(make_date(reported_year, reported_month, 1), 'YYYY-MM')`,
  };
  const col = (d: TimelinessDimension) => sql`${sql(`k_${d}`)}`;
  const list = (xs: ReturnType<typeof col>[]) => xs.reduce((x, y) => sql`${x}, ${y}`);
  const keyColumns = dims.length === 0 ? sql`` : sql`, ${list(dims.map((d) => sql`${keys[d]} as ${col(d)}`))}`;
  const selectKeys = dims.length === 0 ? sql`` : sql`${list(dims.map((d) => sql`${col(d)} as ${sql(d)}`))}, grouping(${list(dims.map(col))})::int as set_bits,`;
  const groupingSets = list(sets.map((set) => (set.length === 0 ? sql`()` : sql`(${list(set.map(col))})`)));
  const orderBy = dims.length === 0 ? sql`` : sql`order by set_bits, ${list(dims.map(col))}`;
  const bucketBounds = [0, ...HOURS_BUCKET_EDGES].map((lo, i) => [lo, HOURS_BUCKET_EDGES[i] ?? null] as const);
  const histogram = bucketBounds
    .map(([lo, hi]) => sql`count(*) filter (where hours >= ${lo}::float8 ${hi === null ? sql`` : sql`and hours < ${hi}::float8`})::int`)
    .reduce((x, y) => sql`${x}, ${y}`);
  const rows = await sql<(TimelinessGroup & { set_bits?: number; median_hours: number | null; p90_hours: number | null; hours_histogram: number[] })[]>`
    with t as (
      select *,
             case
               when first_response_at is not null then case when first_response_at <= first_response_due then 'met' else 'missed' end
               when verification = 'unfounded' or (closed and closure_reason = 'duplicate') then 'excluded'
               when first_response_due < ${f.now} then 'missed'
               else 'pending'
             end as outcome,
             extract(epoch from (first_response_at - reported_at)) / 3600.0 as hours
             ${keyColumns}
        from rm_indicator_cases
       where timely_followed and reported_year = ${f.year} and ${f.areaCode} = any(area_path)
         ${f.scopeAreas ? sql`and area_path && ${f.scopeAreas}::text[]` : sql``}
         ${f.category ? sql`and category = ${f.category}` : sql``}
    )
    select ${selectKeys}
           count(*) filter (where outcome = 'met')::int as met,
           count(*) filter (where outcome = 'missed')::int as missed,
           count(*) filter (where outcome = 'pending')::int as pending,
           count(*) filter (where outcome = 'excluded')::int as excluded,
           (percentile_cont(0.5) within group (order by hours))::float8 as median_hours,
           (percentile_cont(0.9) within group (order by hours))::float8 as p90_hours,
           array[${histogram}] as hours_histogram
      from t
     group by grouping sets (${groupingSets})
      ${orderBy}`;
  // grouping() sets a bit, first dimension highest, for each dimension a row is not grouped by.
  const bitsOf = (set: readonly TimelinessDimension[]) => dims.reduce((bits, d, i) => (set.includes(d) ? bits : bits | (1 << (dims.length - 1 - i))), 0);
  return sets.map((set) => {
    const bits = bitsOf(set);
    return rows
      .filter((r) => (r.set_bits ?? 0) === bits)
      .map((r) => ({
        ...Object.fromEntries(set.map((d) => [d, (r as unknown as Record<string, string>)[d]])),
        met: r.met,
        missed: r.missed,
        pending: r.pending,
        excluded: r.excluded,
        medianHours: r.median_hours,
        p90Hours: r.p90_hours,
        hoursHistogram: r.hours_histogram,
      }));
  });
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

/** What is late now: open deadlines past due (rm_deadlines), oldest first, keyset-paged. */
export async function overdueDeadlines(
  sql: Sql,
  f: OverdueFilter,
): Promise<{ items: OverdueItem[]; total: number; nextCursor: OverdueCursor | null }> {
  const where = sql`
    status = 'open' and due_at < ${f.now} and area_path && ${f.scopeAreas}::text[]
    ${f.areaCode ? sql`and ${f.areaCode} = any(area_path)` : sql``}
    ${f.kind ? sql`and kind = ${f.kind}` : sql``}`;
  const rows = await sql<
    { case_id: string; kind: string; ref_id: string; due_at: Date; agency: string | null; urgency: string | null; category: string; area_code: string; reported_at: Date }[]
  >`
    select case_id, kind, ref_id, due_at, agency, urgency, category, area_code, reported_at
      from rm_deadlines
     where ${where}
       ${f.cursor ? sql`and (due_at, case_id, kind, ref_id) > (${f.cursor.dueAt}::timestamptz, ${f.cursor.caseId}::uuid, ${f.cursor.kind}, ${f.cursor.refId})` : sql``}
     order by due_at, case_id, kind, ref_id
     limit ${f.limit + 1}`;
  const [count] = await sql<{ n: number }[]>`select count(*)::int as n from rm_deadlines where ${where}`;
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
    nextCursor: rows.length > f.limit && last ? { dueAt: last.due_at.toISOString(), caseId: last.case_id, kind: last.kind, refId: last.ref_id } : null,
  };
}
