// The plan's indicators: GET /indicators, GET /indicators/:number, GET /indicators/export
// (apps/api/src/indicators/indicators.controller.ts, libs/read-models/src/indicators/indicator-report.ts).
import type { Timeliness } from './dashboard';
import { request } from './http';

/** The target a year's figure is judged against (the 2025 milestone up to 2025, then 2030). */
export interface ApplicableTarget {
  year: 2025 | 2030;
  value: number;
  /** Upper end of a range target (indicator 13: a reduction of 2 to 3 %). */
  max: number | null;
  direction: string;
  unit: string;
}

export interface IndicatorFigure {
  value: number | null;
  unit: string;
  numerator: number | null;
  denominator: number | null;
  target: ApplicableTarget | null;
  targetMet: boolean | null;
  source: string;
  noData: string | null;
  note?: string | null;
  enteredAt?: string | null;
  enteredAgency?: string | null;
}

export interface IndicatorTarget {
  key: string;
  labelVi: string;
  labelEn: string;
  unit: string;
  direction: string;
  target2025: number | null;
  target2025Max?: number | null;
  target2030: number | null;
  target2030Max?: number | null;
  figure?: IndicatorFigure;
}

export interface Indicator {
  number: number;
  goal: string;
  nameVi: string;
  nameEn: string;
  leadAgency: string;
  leadAgencyVi?: string;
  computed: boolean;
  targets: IndicatorTarget[];
}

export interface IndicatorList {
  year: number;
  areaCode: string;
  areaName: string | null;
  indicators: Indicator[];
}

export const indicators = (q: { year?: number; areaCode?: string }) =>
  request<IndicatorList>('GET', '/indicators', { query: q });

interface ResultBase {
  year: number;
  areaCode: string;
  areaName: string | null;
  value: number | null;
  unit: string;
  target: ApplicableTarget | null;
  targetMet: boolean | null;
  noData: string | null;
}

export interface Indicator9Result extends ResultBase {
  number: 9;
  children: number;
  cases: number;
  population: number | null;
  percent: number | null;
  per100000: number | null;
}

export interface Indicator12Result
  extends ResultBase, Omit<Timeliness, 'area' | 'areaName' | 'category' | 'agency' | 'month'> {
  number: 12;
  byArea: Timeliness[];
  byCategory: Timeliness[];
  byAgency: Timeliness[];
}

export interface Indicator13Result extends ResultBase {
  number: 13;
  occurred: number | null;
  prevented: number | null;
  previousYear: { year: number; occurred: number | null; prevented: number | null };
  change: { absolute: number | null; percent: number | null };
  reductionPercent: number | null;
}

export type IndicatorResult = Indicator9Result | Indicator12Result | Indicator13Result;

/** 9, 12 and 13 carry `result`; the others `figures`, entered by their lead agency. */
export interface IndicatorDetail extends Indicator {
  year: number;
  areaCode: string;
  areaName: string | null;
  result?: IndicatorResult;
  figures?: (IndicatorFigure & { targetKey: string })[];
}

export const indicator = (number: number, q: { year?: number; areaCode?: string }) =>
  request<IndicatorDetail>('GET', `/indicators/${number}`, { query: q });

/** `GET /indicators/export?format=csv|xlsx`: fetched with the token by the page, then saved as a file. */
export const indicatorsExportPath = (q: { year?: number; areaCode?: string; format: 'csv' | 'xlsx' }) =>
  `/indicators/export?${new URLSearchParams(
    Object.entries(q)
      .filter(([, v]) => v !== undefined && v !== '')
      .map(([k, v]) => [k, String(v)]),
  ).toString()}`;
