import {
  type AreaDirectory,
  type Indicator,
  type IndicatorFigure,
  type IndicatorTarget,
  loadFigures,
} from '@sen/reference';
import { type ApplicableTarget, applicableTarget, meetsTarget } from './indicator-targets';
import {
  type Indicator9Unit,
  type ReportDeps,
  type Where,
  indicator12,
  indicator13,
  indicator9,
  indicatorCatalogue,
  targetOf,
} from './indicator-report';

const areaName = (areas: AreaDirectory, code: string) => areas.get(code)?.name ?? null;

/** One line of the indicator table: one sub-target of the plan for a year and an area. */
export interface IndicatorLine {
  number: number;
  goal: number;
  targetKey: string;
  nameEn: string;
  nameVi: string;
  labelEn: string;
  leadAgency: string;
  computed: boolean;
  year: number;
  areaCode: string;
  areaName: string | null;
  unit: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  target: ApplicableTarget | null;
  targetMet: boolean | null;
  source: 'computed' | 'entered' | null;
  noData: string | null;
  note: string | null;
  enteredAt: string | null;
  enteredAgency: string | null;
}

export function enteredLine(
  indicator: Indicator,
  t: IndicatorTarget,
  w: Where,
  areas: AreaDirectory,
  figure: IndicatorFigure | undefined,
): IndicatorLine {
  const target = applicableTarget(t, w.year);
  const value = figure ? figure.value : null;
  return {
    ...lineBase(indicator, t, w, areas),
    unit: t.unit,
    value,
    numerator: null,
    denominator: null,
    target,
    targetMet: meetsTarget(value, target),
    source: figure ? 'entered' : null,
    noData: figure
      ? null
      : `no figure entered by the lead agency (${indicator.leadAgency}) for ${w.year} in ${w.areaCode}`,
    note: figure?.note ?? null,
    enteredAt: figure?.enteredAt ?? null,
    enteredAgency: figure?.enteredAgency ?? null,
  };
}

function lineBase(indicator: Indicator, t: IndicatorTarget, w: Where, areas: AreaDirectory) {
  return {
    number: indicator.number,
    goal: indicator.goal,
    targetKey: t.key,
    nameEn: indicator.nameEn,
    nameVi: indicator.nameVi,
    labelEn: t.labelEn,
    leadAgency: indicator.leadAgency,
    computed: indicator.computed,
    year: w.year,
    areaCode: w.areaCode,
    areaName: areaName(areas, w.areaCode),
  };
}

const computedLine = (
  indicator: Indicator,
  w: Where,
  areas: AreaDirectory,
  r: {
    unit: string;
    value: number | null;
    target: ApplicableTarget | null;
    targetMet: boolean | null;
    noData: string | null;
  },
  numerator: number | null,
  denominator: number | null,
): IndicatorLine => ({
  ...lineBase(indicator, targetOf(indicator), w, areas),
  unit: r.unit,
  value: r.value,
  numerator,
  denominator,
  target: r.target,
  targetMet: r.targetMet,
  source: 'computed',
  noData: r.noData,
  note: null,
  enteredAt: null,
  enteredAgency: null,
});

/** Every sub-target of the plan for a year and an area: 9, 12 and 13 computed, the others as entered. */
export async function indicatorTable(
  deps: ReportDeps,
  w: Where,
  now: Date,
  options: { unit9?: Indicator9Unit; indicators?: Indicator[] } = {},
): Promise<IndicatorLine[]> {
  const indicators = options.indicators ?? (await indicatorCatalogue(deps.sql));
  const figures = new Map((await loadFigures(deps.sql, w.areaCode, [w.year])).map((f) => [f.targetKey, f]));
  const lines: IndicatorLine[] = [];
  for (const i of indicators) {
    if (i.number === 9) {
      const r = await indicator9(deps, i, w, options.unit9);
      lines.push(computedLine(i, w, deps.areas, r, r.children, r.population));
    } else if (i.number === 12) {
      const r = await indicator12(deps, i, w, now, false);
      lines.push(computedLine(i, w, deps.areas, r, r.met, r.met + r.missed));
    } else if (i.number === 13) {
      const r = await indicator13(deps, i, w);
      lines.push(computedLine(i, w, deps.areas, r, r.occurred, r.previousYear.occurred));
    } else {
      for (const t of i.targets) lines.push(enteredLine(i, t, w, deps.areas, figures.get(t.key)));
    }
  }
  return lines;
}
