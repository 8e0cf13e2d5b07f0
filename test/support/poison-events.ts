// Case events written straight through the event store port, as a database from before the API refused control
// characters holds them (issue 15): personal data encrypted by the PII codec, the rest in clear.
import { randomUUID } from 'node:crypto';
import type { PiiCodec } from '@sen/case-app';
import type { CaseEvent, Metadata } from '@sen/case-domain';
import type { EventStore } from '@sen/event-store';
import { caseOpened, referralAcknowledged, referralIssued, riskAssessed } from '@sen/testing';

export const AREA = '29926';

export interface PoisonCase {
  caseId: string;
  childId: string;
  referralIds: string[];
}

export function newCase(): PoisonCase {
  return { caseId: randomUUID(), childId: randomUUID(), referralIds: [randomUUID(), randomUUID()] };
}

const meta = (c: PoisonCase, at: string): Metadata => ({
  actorId: randomUUID(),
  actorRole: 'social_worker',
  correlationId: randomUUID(),
  causationId: randomUUID(),
  occurredAt: at,
  childId: c.childId,
});

/** CaseOpened of a case; `child`, `summary` and other fields as given (fullName and summary are encrypted). */
export function opened(
  c: PoisonCase,
  data: Partial<Extract<CaseEvent, { type: 'CaseOpened' }>['data']> = {},
): CaseEvent {
  const e = caseOpened({ caseId: c.caseId, childId: c.childId, location: { areaCode: AREA }, ...data });
  return { ...e, metadata: meta(c, e.metadata.occurredAt) };
}

/** The case's n-th referral (0 or 1), issued with the given reason (clear text). */
export function issued(c: PoisonCase, n: number, reason = 'điều tra'): CaseEvent {
  const e = referralIssued({
    caseId: c.caseId,
    referralId: c.referralIds[n]!,
    reason,
    areaCode: AREA,
    urgency: 'emergency',
  });
  return { ...e, metadata: meta(c, e.metadata.occurredAt) };
}

export function acknowledged(c: PoisonCase, n: number): CaseEvent {
  const e = referralAcknowledged({ caseId: c.caseId, referralId: c.referralIds[n]! });
  return { ...e, metadata: meta(c, e.metadata.occurredAt) };
}

export function assessed(c: PoisonCase, factors: string[]): CaseEvent {
  const e = riskAssessed({ caseId: c.caseId, factors });
  return { ...e, metadata: meta(c, e.metadata.occurredAt) };
}

/** Appends events to the case's stream through the port, personal data encrypted as the repository would. */
export async function append(store: EventStore, pii: PiiCodec, c: PoisonCase, events: CaseEvent[]) {
  const encrypted = await Promise.all(events.map((e) => pii.encrypt(e)));
  return store.appendToStream(
    `case-${c.caseId}`,
    encrypted.map((e) => ({ type: e.type, data: e.data, metadata: e.metadata as unknown as Record<string, unknown> })),
    { expectedRevision: 'any' },
  );
}
