import type { Direction, IndicatorTarget } from '@sen/reference';

/** The plan's milestone a year is judged against: 2025 for 2021–2025, 2030 for 2026–2030 (and later years). */
export function milestoneOf(year: number): 2025 | 2030 {
  return year <= 2025 ? 2025 : 2030;
}

export interface ApplicableTarget {
  year: 2025 | 2030;
  value: number;
  /** Upper end of a range target (indicator 13: a reduction of 2 to 3 %); null otherwise. */
  max: number | null;
  direction: Direction;
  unit: string;
}

/** The target a year's figure is judged against, or null when the plan sets none for that milestone. */
export function applicableTarget(t: IndicatorTarget, year: number): ApplicableTarget | null {
  const milestone = milestoneOf(year);
  const value = milestone === 2025 ? t.target2025 : t.target2030;
  if (value === null) return null;
  return {
    year: milestone,
    value,
    max: milestone === 2025 ? t.target2025Max : t.target2030Max,
    direction: t.directionByYear[String(milestone)] ?? t.direction,
    unit: t.unit,
  };
}

/** Is the target met? For `reduce_by` the value is the year's reduction in percent, met from the range's lower end. */
export function meetsTarget(value: number | null, target: ApplicableTarget | null): boolean | null {
  if (value === null || target === null) return null;
  switch (target.direction) {
    case 'at_most':
      return value <= target.value;
    case 'below':
      return value < target.value;
    case 'at_least':
    case 'reduce_by':
      return value >= target.value;
    case 'above':
      return value > target.value;
    default: {
      const never: never = target.direction;
      throw new Error(`unknown direction ${String(never)}`);
    }
  }
}

/** Six decimals: enough for a rate per child population, and the same digits in JSON, CSV and the CLI. */
export function round6(x: number | null): number | null {
  return x === null || !Number.isFinite(x) ? null : Math.round(x * 1e6) / 1e6;
}
