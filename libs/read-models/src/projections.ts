import { casesProjection } from './cases/cases.projection';
import { deadlinesProjection } from './deadlines/deadlines.projection';
import { indicatorsProjection } from './indicators/indicators.projection';
import { outboxProjection } from './outbox/outbox.projection';
import type { Projection } from './projection';
import { referralsProjection } from './referrals/referrals.projection';

/** Every projection the projector runs, by name (`npm run sen -- rebuild <name|all>`). */
export const PROJECTIONS: readonly Projection[] = [
  casesProjection,
  referralsProjection,
  deadlinesProjection,
  indicatorsProjection,
  outboxProjection,
];

export function projectionsNamed(name: string): Projection[] {
  if (name === 'all') return [...PROJECTIONS];
  const found = PROJECTIONS.filter((p) => p.name === name);
  if (found.length === 0)
    throw new Error(`no projection named ${name}; known: ${PROJECTIONS.map((p) => p.name).join(', ')}, all`);
  return found;
}
