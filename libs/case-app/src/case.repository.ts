import {
  type CaseEvent,
  type CaseState,
  type Metadata,
  evolve,
  initialState,
  streamIdOf,
} from '@sen/case-domain';
import type { EventStore, ExpectedRevision, RecordedEvent } from '@sen/event-store';
import type { PiiCodec } from './pii/pii-codec';

export interface StoredCaseEvent {
  event: CaseEvent;
  revision: number;
  position: number;
  recordedAt: Date;
}

export interface LoadedCase {
  state: CaseState;
  /** Number of events in the stream (0 = no case). `If-Match` and `ETag` carry this. */
  version: number;
  events: StoredCaseEvent[];
}

export function toCaseEvent(recorded: RecordedEvent): CaseEvent {
  return { type: recorded.type, data: recorded.data, metadata: recorded.metadata as unknown as Metadata } as CaseEvent;
}

/** Reads and writes case streams, encrypting personal data on the way in and decrypting it on the way out. */
export class CaseRepository {
  constructor(
    private readonly store: EventStore,
    private readonly pii: PiiCodec,
  ) {}

  async load(caseId: string): Promise<LoadedCase> {
    const recorded = await this.store.readStream(streamIdOf(caseId));
    const events: StoredCaseEvent[] = [];
    for (const r of recorded) {
      events.push({ event: await this.pii.decrypt(toCaseEvent(r)), revision: r.revision, position: r.position, recordedAt: r.recordedAt });
    }
    return CaseRepository.fold(events);
  }

  /** The case as it stood at `asOf`: only the events recorded by then. */
  static cut(loaded: LoadedCase, asOf: Date): LoadedCase {
    return CaseRepository.fold(loaded.events.filter((e) => e.recordedAt <= asOf));
  }

  private static fold(events: StoredCaseEvent[]): LoadedCase {
    const state = events.reduce<CaseState>((s, e) => evolve(s, e.event), initialState());
    return { state, version: events.length, events };
  }

  /** Appends events after `version` (0 = a new case). Returns the new version and the store position reached. */
  async append(caseId: string, events: CaseEvent[], version: number | 'any', eventIds?: string[]): Promise<{ version: number; position: number }> {
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
