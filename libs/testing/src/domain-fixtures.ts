import {
  type CaseCommand,
  type DeadlinePolicy,
  type Metadata,
  type Role,
  INDICATOR_12_CATEGORIES,
  makeCalendar,
} from '@sen/case-domain';

export const testPolicy: DeadlinePolicy = {
  utcOffsetMinutes: 420,
  firstResponse: { hours: 12, categories: INDICATOR_12_CATEGORIES },
  plan: { workingDays: 5 },
  referralAcknowledgeHours: { emergency: 2, urgent: 12, routine: 72 },
  referralCompletionDefaultDays: 7,
};

/** A small calendar for tests: 2026's Tết days off and the 30/4–1/5 holidays. */
export const testCalendar = makeCalendar({
  daysOff: ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-04-30', '2026-05-01'],
  workingDays: [],
});

export function meta(occurredAt: string, actorId = 'worker-1', actorRole: Role = 'social_worker'): Metadata {
  return { actorId, actorRole, correlationId: 'corr-1', causationId: 'cause-1', occurredAt };
}

export function command<C extends CaseCommand>(type: C['type'], data: C['data'], m: Metadata): C {
  return { type, data, metadata: m } as C;
}
