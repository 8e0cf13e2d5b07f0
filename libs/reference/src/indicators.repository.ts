import type { Sql } from '@sen/db';
import type { AreaDirectory } from './areas.repository';

export type Direction = 'at_most' | 'below' | 'at_least' | 'above' | 'reduce_by';

export interface IndicatorTarget {
  key: string;
  indicatorNumber: number;
  labelVi: string;
  labelEn: string;
  unit: string;
  direction: Direction;
  directionByYear: Record<string, Direction>;
  target2025: number | null;
  target2025Max: number | null;
  target2030: number | null;
  target2030Max: number | null;
  note: string | null;
}

export interface Indicator {
  number: number;
  goal: number;
  nameVi: string;
  nameEn: string;
  leadAgency: string;
  leadAgencyVi: string;
  computed: boolean;
  supportAgencies: string[];
  dataSuppliers: string[];
  note: string | null;
  targets: IndicatorTarget[];
}

interface IndicatorRow {
  number: number;
  goal: number;
  name_vi: string;
  name_en: string;
  lead_agency: string;
  lead_agency_vi: string;
  computed: boolean;
  support_agencies: string[];
  data_suppliers: string[];
  note: string | null;
}

interface TargetRow {
  target_key: string;
  indicator_number: number;
  label_vi: string;
  label_en: string;
  unit: string;
  direction: Direction;
  direction_by_year: Record<string, Direction>;
  target_2025: string | null;
  target_2025_max: string | null;
  target_2030: string | null;
  target_2030_max: string | null;
  note: string | null;
}

const num = (v: string | null) => (v === null ? null : Number(v));

/** The 24 indicators with their sub-targets, in the plan's order. */
export async function loadIndicators(sql: Sql): Promise<Indicator[]> {
  const indicators = await sql<IndicatorRow[]>`select * from indicators order by number`;
  const targets = await sql<TargetRow[]>`select * from indicator_targets order by indicator_number, position`;
  return indicators.map((i) => ({
    number: i.number,
    goal: i.goal,
    nameVi: i.name_vi,
    nameEn: i.name_en,
    leadAgency: i.lead_agency,
    leadAgencyVi: i.lead_agency_vi,
    computed: i.computed,
    supportAgencies: i.support_agencies,
    dataSuppliers: i.data_suppliers,
    note: i.note,
    targets: targets
      .filter((t) => t.indicator_number === i.number)
      .map((t) => ({
        key: t.target_key,
        indicatorNumber: t.indicator_number,
        labelVi: t.label_vi,
        labelEn: t.label_en,
        unit: t.unit,
        direction: t.direction,
        directionByYear: t.direction_by_year,
        target2025: num(t.target_2025),
        target2025Max: num(t.target_2025_max),
        target2030: num(t.target_2030),
        target2030Max: num(t.target_2030_max),
        note: t.note,
      })),
  }));
}

export interface Population {
  children: number;
  /** `seeded`: a row of seeds/population.json; `predecessors`: summed from the pre-July-2025 communes that became the area. */
  basis: 'seeded' | 'predecessors';
}

/**
 * Children under 16 in an area in a year. Where the seed has no row for a post-2025 area in a year before 2025,
 * the figure is the sum over the old communes that became (part of) the area, a commune split between k
 * successors counting 1/k to each (as seeds/population.json itself divides them), so that the denominator
 * covers exactly the communes whose cases the numerator counts. Null when neither exists.
 */
export async function populationOf(
  sql: Sql,
  areas: AreaDirectory,
  areaCode: string,
  year: number,
): Promise<Population | null> {
  const [row] = await sql<
    { children: number }[]
  >`select children from population where area_code = ${areaCode} and year = ${year}`;
  if (row) return { children: row.children, basis: 'seeded' };
  const weights = new Map<string, number>();
  for (const c of areas.all()) {
    if (c.level !== 'commune' || c.ancestors.includes(areaCode)) continue;
    const path = areas.scopePath(c.code);
    if (!path.includes(areaCode)) continue;
    const successors = path.filter(
      (s) => s !== c.code && areas.get(s)?.level === 'commune' && !c.ancestors.includes(s),
    );
    if (successors.length === 0) continue;
    const under = successors.filter((s) => areas.get(s)?.ancestors.includes(areaCode)).length;
    if (under > 0) weights.set(c.code, under / successors.length);
  }
  if (weights.size === 0) return null;
  const rows = await sql<{ area_code: string; children: number }[]>`
    select area_code, children from population where year = ${year} and area_code = any(${[...weights.keys()]}::text[])`;
  if (rows.length < weights.size) return null; // some predecessor has no estimate that year
  const children = rows.reduce((sum, r) => sum + r.children * weights.get(r.area_code)!, 0);
  return { children: Math.round(children), basis: 'predecessors' };
}

export interface IndicatorFigure {
  targetKey: string;
  year: number;
  areaCode: string;
  value: number;
  note: string | null;
  enteredRole: string;
  enteredAgency: string | null;
  enteredAt: string;
}

interface FigureRow {
  target_key: string;
  year: number;
  area_code: string;
  value: string;
  note: string | null;
  entered_role: string;
  entered_agency: string | null;
  entered_at: Date;
}

const toFigure = (r: FigureRow): IndicatorFigure => ({
  targetKey: r.target_key,
  year: r.year,
  areaCode: r.area_code,
  value: Number(r.value),
  note: r.note,
  enteredRole: r.entered_role,
  enteredAgency: r.entered_agency,
  enteredAt: r.entered_at.toISOString(),
});

/** The figures in force for an area, for one year or (years omitted) every year. */
export async function loadFigures(sql: Sql, areaCode: string, years?: number[]): Promise<IndicatorFigure[]> {
  const rows = await sql<FigureRow[]>`
    select target_key, year, area_code, value, note, entered_role, entered_agency, entered_at
      from indicator_figures
     where area_code = ${areaCode} ${years ? sql`and year = any(${years}::int[])` : sql``}
     order by target_key, year`;
  return rows.map(toFigure);
}

export interface FigureInput {
  targetKey: string;
  year: number;
  areaCode: string;
  value: number;
  note: string | null;
  enteredBy: string;
  enteredRole: string;
  enteredAgency: string | null;
  enteredAt: string;
}

/** Enters (or corrects) a figure: the figure in force is replaced, and the entry is kept in the history. */
export async function recordFigure(sql: Sql, f: FigureInput): Promise<IndicatorFigure> {
  return sql.begin(async (tx) => {
    await tx`
      insert into indicator_figure_entries (target_key, year, area_code, value, note, entered_by, entered_role, entered_agency, entered_at)
      values (${f.targetKey}, ${f.year}, ${f.areaCode}, ${f.value}, ${f.note}, ${f.enteredBy}::uuid, ${f.enteredRole}, ${f.enteredAgency}, ${f.enteredAt})`;
    const [row] = await tx<FigureRow[]>`
      insert into indicator_figures (target_key, year, area_code, value, note, entered_by, entered_role, entered_agency, entered_at)
      values (${f.targetKey}, ${f.year}, ${f.areaCode}, ${f.value}, ${f.note}, ${f.enteredBy}::uuid, ${f.enteredRole}, ${f.enteredAgency}, ${f.enteredAt})
      on conflict (target_key, year, area_code) do update set
        value = excluded.value, note = excluded.note, entered_by = excluded.entered_by, entered_role = excluded.entered_role,
        entered_agency = excluded.entered_agency, entered_at = excluded.entered_at
      returning target_key, year, area_code, value, note, entered_role, entered_agency, entered_at`;
    return toFigure(row!);
  });
}
