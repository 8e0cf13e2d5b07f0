import { casesProjection } from './cases/cases.projection';
import { deadlinesProjection } from './deadlines/deadlines.projection';
import { indicatorsProjection } from './indicators/indicators.projection';
import type { CaseProjection } from './projection';
import { referralsProjection } from './referrals/referrals.projection';

/** Every projection the projector runs, by name (`npm run sen -- rebuild <name|all>`). */
export const PROJECTIONS: readonly CaseProjection[] = [
  casesProjection,
  referralsProjection,
  deadlinesProjection,
  indicatorsProjection,
];

export function projectionsNamed(name: string): CaseProjection[] {
  if (name === 'all') return [...PROJECTIONS];
  const found = PROJECTIONS.filter((p) => p.name === name);
  if (found.length === 0) throw new Error(`no projection named ${name}; known: ${PROJECTIONS.map((p) => p.name).join(', ')}, all`);
  return found;
}
