import type { Indicator } from '@sen/reference';
import { ApiError } from '../common/api-error';

/** `:number` of /indicators/:number: 1–24 in the plan; anything not a number is a 400 naming the parameter. */
export function parseIndicatorNumber(raw: string): number {
  if (!/^\d{1,3}$/.test(raw)) {
    throw new ApiError(400, 'VALIDATION_FAILED', 'number must be an indicator number, 1 to 24', [
      { field: 'number', problems: ['must be an indicator number, 1 to 24'] },
    ]);
  }
  return Number(raw);
}

export function findIndicator(indicators: Indicator[], number: number): Indicator {
  const found = indicators.find((i) => i.number === number);
  if (!found)
    throw new ApiError(404, 'INDICATOR_NOT_FOUND', `the plan has no indicator ${number} (1 to ${indicators.length})`);
  return found;
}

/** An indicator as the plan states it: names, goal, lead agency, computed or entered, sub-targets. */
export function indicatorMeta(i: Indicator) {
  return {
    number: i.number,
    goal: i.goal,
    nameVi: i.nameVi,
    nameEn: i.nameEn,
    leadAgency: i.leadAgency,
    leadAgencyVi: i.leadAgencyVi,
    computed: i.computed,
    supportAgencies: i.supportAgencies,
    dataSuppliers: i.dataSuppliers,
    targets: i.targets.map((t) => ({
      key: t.key,
      labelVi: t.labelVi,
      labelEn: t.labelEn,
      unit: t.unit,
      direction: t.direction,
      directionByYear: t.directionByYear,
      target2025: t.target2025,
      target2025Max: t.target2025Max,
      target2030: t.target2030,
      target2030Max: t.target2030Max,
    })),
  };
}
