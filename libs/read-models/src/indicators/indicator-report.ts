import type { Sql } from '@sen/db';
import { type AreaDirectory, type Indicator, type IndicatorTarget, loadIndicators, populationOf } from '@sen/reference';
import { type ApplicableTarget, applicableTarget, meetsTarget, round6 } from './indicator-targets';
import { type TimelinessGroup, countAbusedChildren, countChildMarriages, timelinessSets } from './indicators.queries';
import { HOURS_BUCKET_EDGES } from './response-bands';

export interface ReportDeps {
  sql: Sql;
  areas: AreaDirectory;
}

export interface Where {
  year: number;
  areaCode: string;
}

export const INDICATOR_9_UNITS = ['percent', 'per_100000_children'] as const;
export type Indicator9Unit = (typeof INDICATOR_9_UNITS)[number];

const areaName = (areas: AreaDirectory, code: string) => areas.get(code)?.name ?? null;

export function targetOf(indicator: Indicator, key?: string): IndicatorTarget {
  const t = key ? indicator.targets.find((x) => x.key === key) : indicator.targets[0];
  if (!t) throw new Error(`indicator ${indicator.number} has no target ${key ?? ''}`);
  return t;
}

/** The seeded indicator, or an error naming what is missing (the seed step has not run). */
export async function indicatorCatalogue(sql: Sql): Promise<Indicator[]> {
  const all = await loadIndicators(sql);
  if (all.length === 0) throw new Error('no indicators seeded: run `npm run sen -- seed`');
  return all;
}

// ---------------------------------------------------------------------------------------------- indicator 9

export interface Indicator9 {
  number: 9;
  year: number;
  areaCode: string;
  areaName: string | null;
  /** Distinct children with a confirmed abuse case reported in the year (a child with two cases counts once). */
  children: number;
  cases: number;
  population: number | null;
  populationBasis: 'seeded' | 'predecessors' | null;
  percent: number | null;
  per100000: number | null;
  unit: Indicator9Unit;
  value: number | null;
  target: ApplicableTarget | null;
  targetMet: boolean | null;
  noData: string | null;
}

export async function indicator9(
  deps: ReportDeps,
  indicator: Indicator,
  w: Where,
  unit?: Indicator9Unit,
): Promise<Indicator9> {
  const target = targetOf(indicator);
  const shown: Indicator9Unit = unit ?? (target.unit === 'per_100000_children' ? 'per_100000_children' : 'percent');
  const { children, cases } = await countAbusedChildren(deps.sql, w.year, w.areaCode);
  const population = await populationOf(deps.sql, deps.areas, w.areaCode, w.year);
  const usable = population !== null && population.children > 0;
  const percent = usable ? round6((children / population.children) * 100) : null;
  const per100000 = usable ? round6((children / population.children) * 100_000) : null;
  const value = shown === 'percent' ? percent : per100000;
  // The plan states the target in %; shown per 100,000 it is the same threshold: 4.5 % = 4,500 per 100,000.
  const seeded = applicableTarget(target, w.year);
  const factor =
    seeded && seeded.unit === 'percent' && shown === 'per_100000_children'
      ? 1000
      : seeded && seeded.unit === 'per_100000_children' && shown === 'percent'
        ? 0.001
        : 1;
  const converted = seeded ? { ...seeded, value: seeded.value * factor, unit: shown } : null;
  return {
    number: 9,
    year: w.year,
    areaCode: w.areaCode,
    areaName: areaName(deps.areas, w.areaCode),
    children,
    cases,
    population: population?.children ?? null,
    populationBasis: population?.basis ?? null,
    percent,
    per100000,
    unit: shown,
    value,
    target: converted,
    targetMet: meetsTarget(value, converted),
    noData: usable ? null : `no estimate of the child population of ${w.areaCode} in ${w.year} (seeds/population.json)`,
  };
}

// --------------------------------------------------------------------------------------------- indicator 12

export interface TimelinessLine extends TimelinessGroup {
  /** met / (met + missed) in percent; null when nothing is met or missed yet. */
  ratePercent: number | null;
  areaName?: string | null;
}

export interface Indicator12 extends TimelinessLine {
  number: 12;
  year: number;
  areaCode: string;
  areaName: string | null;
  value: number | null;
  unit: 'percent';
  target: ApplicableTarget | null;
  targetMet: boolean | null;
  noData: string | null;
  byArea: TimelinessLine[];
  byCategory: TimelinessLine[];
  byAgency: TimelinessLine[];
}

export function withRate<T extends TimelinessGroup>(g: T): T & { ratePercent: number | null } {
  const decided = g.met + g.missed;
  return {
    ...g,
    medianHours: round6(g.medianHours),
    p90Hours: round6(g.p90Hours),
    ratePercent: decided === 0 ? null : round6((g.met / decided) * 100),
  };
}

/** The areas directly under an area (its districts or communes), for grouping by area. */
export function childAreasOf(areas: AreaDirectory, code: string): string[] {
  return areas
    .all()
    .filter((a) => a.parentCode === code)
    .map((a) => a.code)
    .sort();
}

/** `options.baseline`: the previous query shape of timelinessSets (for the scale benchmark's before). */
export async function indicator12(
  deps: ReportDeps,
  indicator: Indicator,
  w: Where,
  now: Date,
  breakdown = true,
  options: { baseline?: boolean } = {},
): Promise<Indicator12> {
  const base = { year: w.year, areaCode: w.areaCode, now };
  const dims = ['area', 'category', 'agency'] as const;
  const sets = await timelinessSets(
    deps.sql,
    { ...base, childAreas: childAreasOf(deps.areas, w.areaCode) },
    breakdown ? [[], ...dims.map((d) => [d])] : [[]],
    options,
  );
  const [total] = sets[0]!;
  const line = withRate(
    total ?? {
      met: 0,
      missed: 0,
      pending: 0,
      excluded: 0,
      medianHours: null,
      p90Hours: null,
      hoursHistogram: HOURS_BUCKET_EDGES.map(() => 0).concat(0),
    },
  );
  const target = applicableTarget(targetOf(indicator), w.year);
  const by = (i: number) =>
    breakdown
      ? sets[i + 1]!.map((g) => ({
          ...withRate(g),
          ...(dims[i] === 'area' ? { areaName: areaName(deps.areas, g.area!) } : {}),
        }))
      : [];
  return {
    number: 12,
    ...line,
    year: w.year,
    areaCode: w.areaCode,
    areaName: areaName(deps.areas, w.areaCode),
    value: line.ratePercent,
    unit: 'percent',
    target,
    targetMet: meetsTarget(line.ratePercent, target),
    noData:
      line.ratePercent === null
        ? `no first response due for a case reported in ${w.year} in ${w.areaCode} has been met or missed yet (${line.pending} pending)`
        : null,
    byArea: by(0),
    byCategory: by(1),
    byAgency: by(2),
  };
}

// --------------------------------------------------------------------------------------------- indicator 13

export interface MarriageYear {
  year: number;
  /** Null (no data) when no child marriage outcome, occurred or prevented, was recorded in the year. */
  occurred: number | null;
  prevented: number | null;
}

export interface Indicator13 {
  number: 13;
  year: number;
  areaCode: string;
  areaName: string | null;
  occurred: number | null;
  prevented: number | null;
  previousYear: MarriageYear;
  change: { absolute: number | null; percent: number | null };
  /** (previous − this year) / previous, in percent: what the plan's 2–3 % a year is about. */
  reductionPercent: number | null;
  value: number | null;
  unit: 'percent_reduction_per_year';
  target: ApplicableTarget | null;
  targetMet: boolean | null;
  noData: string | null;
}

export async function indicator13(deps: ReportDeps, indicator: Indicator, w: Where): Promise<Indicator13> {
  const counts = await countChildMarriages(deps.sql, [w.year - 1, w.year], w.areaCode);
  const yearOf = (year: number): MarriageYear => {
    const c = counts.get(year);
    return { year, occurred: c?.occurred ?? null, prevented: c?.prevented ?? null };
  };
  const cur = yearOf(w.year);
  const prev = yearOf(w.year - 1);
  const empty = (y: number) => `no child marriage outcome (occurred or prevented) recorded in ${y} in ${w.areaCode}`;
  let noData: string | null = null;
  let absolute: number | null = null;
  let percent: number | null = null;
  if (cur.occurred === null) noData = empty(w.year);
  else if (prev.occurred === null) noData = empty(w.year - 1);
  else {
    absolute = cur.occurred - prev.occurred;
    if (prev.occurred === 0)
      noData = `no child marriage occurred in ${w.year - 1} in ${w.areaCode}: a change in percent is undefined`;
    else percent = round6((absolute / prev.occurred) * 100);
  }
  const reduction = percent === null ? null : round6(-percent);
  const target = applicableTarget(targetOf(indicator), w.year);
  return {
    number: 13,
    year: w.year,
    areaCode: w.areaCode,
    areaName: areaName(deps.areas, w.areaCode),
    occurred: cur.occurred,
    prevented: cur.prevented,
    previousYear: prev,
    change: { absolute, percent },
    reductionPercent: reduction,
    value: reduction,
    unit: 'percent_reduction_per_year',
    target,
    targetMet: meetsTarget(reduction, target),
    noData,
  };
}
