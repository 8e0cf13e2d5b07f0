import { type CaseEvent, type CaseState, type Metadata, evolve, initialState, streamIdOf } from '@sen/case-domain';
import type { EventStore, ExpectedRevision, RecordedEvent } from '@sen/event-store';
import type { PiiCodec } from './pii/pii-codec';

export interface StoredCaseEvent {
  event: CaseEvent;
  revision: number;
  position: number;
  recordedAt: Date;
}

/** A case as the command path loads it: the decision state, folded from the events as stored. */
export interface LoadedCase {
  state: CaseState;
  /** Number of events in the stream (0 = no case). `If-Match` and `ETag` carry this. */
  version: number;
  /** As stored: personal data fields are still encrypted. Read them through `history`. */
  events: StoredCaseEvent[];
}

export function toCaseEvent(recorded: RecordedEvent): CaseEvent {
  return { type: recorded.type, data: recorded.data, metadata: recorded.metadata as unknown as Metadata } as CaseEvent;
}

function stored(r: RecordedEvent, event: CaseEvent): StoredCaseEvent {
  return { event, revision: r.revision, position: r.position, recordedAt: r.recordedAt };
}

/** Reads and writes case streams, encrypting personal data on the way in. */
export class CaseRepository {
  constructor(
    private readonly store: EventStore,
    private readonly pii: PiiCodec,
  ) {}

  /**
   * For deciding: the decision state reads no personal data field, so nothing is decrypted (no key is
   * fetched, and a command works the same on a case whose child's data was erased).
   */
  async load(caseId: string): Promise<LoadedCase> {
    const events = (await this.store.readStream(streamIdOf(caseId))).map((r) => stored(r, toCaseEvent(r)));
    const state = events.reduce<CaseState>((s, e) => evolve(s, e.event), initialState());
    return { state, version: events.length, events };
  }

  /** For reading: every event of the case, personal data decrypted (or ERASED once the child's key is gone). */
  async history(caseId: string): Promise<StoredCaseEvent[]> {
    const recorded = await this.store.readStream(streamIdOf(caseId));
    const events: StoredCaseEvent[] = [];
    for (const r of recorded) events.push(stored(r, await this.pii.decrypt(toCaseEvent(r))));
    return events;
  }

  /** Appends events after `version` (0 = a new case). Returns the new version and the store position reached. */
  async append(
    caseId: string,
    events: CaseEvent[],
    version: number | 'any',
    eventIds?: string[],
  ): Promise<{ version: number; position: number }> {
    const encrypted = await Promise.all(events.map((e) => this.pii.encrypt(e)));
    const expectedRevision: ExpectedRevision = version === 'any' ? 'any' : version === 0 ? 'no_stream' : version - 1;
    const result = await this.store.appendToStream(
      streamIdOf(caseId),
      encrypted.map((e, i) => ({
        ...(eventIds?.[i] ? { eventId: eventIds[i] } : {}),
        type: e.type,
        data: e.data,
        metadata: e.metadata as unknown as Record<string, unknown>,
      })),
      { expectedRevision },
    );
    return { version: result.nextRevision + 1, position: result.position };
  }
}
