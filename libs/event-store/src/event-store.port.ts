// The event store port: the only source of truth. Two adapters implement it (PostgreSQL, EventStoreDB);
// one contract suite (event-store.contract.ts) holds both to the same behaviour.

/** What the writer read: no stream yet, any state, an existing stream, or an exact revision (0-based). */
export type ExpectedRevision = 'no_stream' | 'any' | 'stream_exists' | number;

export interface EventToAppend {
  /**
   * The event's id; generated when absent. An id is written once: see `EventStore.appendToStream` for what a
   * repeated id does (callers derive ids from an idempotency key to make a retry detectable).
   */
  eventId?: string;
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
  /** When the event was first recorded, kept when copying between stores; the store's clock otherwise. */
  recordedAt?: Date;
}

/**
 * A point in the global order, opaque to callers. PostgreSQL: (transaction id, position); EventStoreDB:
 * (commit, prepare) of `$all`. Both are pairs of integers compared lexicographically.
 */
export interface Checkpoint {
  commit: number;
  prepare: number;
}

export const START: Checkpoint = { commit: -1, prepare: -1 };

export interface RecordedEvent {
  eventId: string;
  streamId: string;
  /** 0-based revision of the event in its stream. */
  revision: number;
  /** Global position: increasing in append order per stream, unique across the store. */
  position: number;
  checkpoint: Checkpoint;
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
  recordedAt: Date;
}

export interface AppendResult {
  /** Revision of the last event appended. */
  nextRevision: number;
  /** Global position of the last event appended. */
  position: number;
}

export interface ReadAllOptions {
  /** Only streams whose id starts with this prefix (Sen's are `case-`). */
  streamPrefix?: string;
}

export interface EventStore {
  readonly kind: 'postgres' | 'esdb';
  /**
   * Appends the events atomically if the stream is at `expectedRevision`, else throws ConcurrencyError and writes
   * nothing.
   *
   * Repeated event ids: an append holding an event id that the stream already holds (or the same id twice) throws
   * ConcurrencyError and writes nothing, whatever the expected revision, and also when the repeat is the very same
   * append sent again (same ids, same content, same expected revision). It is never answered with success: a caller
   * that retries with derived ids gets the error and decides from the stored events whether its first attempt
   * succeeded (apps/api/src/incidents/register-children.service.ts answers the replay or IDEMPOTENCY_CONFLICT).
   * PostgreSQL refuses an id held by any stream of the store; only the stream's own ids are promised.
   * (EventStoreDB on its own answers a repeated append with success and writes an id again elsewhere in a stream;
   * its adapter checks, esdb-event-store.ts. The contract: event-store.repeated-ids.contract.ts.)
   */
  appendToStream(
    streamId: string,
    events: EventToAppend[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult>;
  /** Events of one stream in revision order; an empty array when the stream does not exist. */
  readStream(streamId: string, options?: { fromRevision?: number; maxCount?: number }): Promise<RecordedEvent[]>;
  /** Up to `limit` events after `from` in the global order. Never skips an event that commits later. */
  readAll(from: Checkpoint, limit: number, options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /** Position of the last event appended, or -1 when the store is empty. */
  headPosition(): Promise<number>;
  /** Has a reader at `checkpoint` seen the event at global `position`? */
  hasPassed(checkpoint: Checkpoint, position: number): Promise<boolean>;
  /** Events in the global order after `checkpoint` (capped at `cap`), for lag metrics. */
  countAfter(checkpoint: Checkpoint, cap: number, options?: ReadAllOptions): Promise<number>;
  /** Streams with their last revision, in creation order, for migration between stores. */
  listStreams(after: string | null, limit: number): Promise<{ streamId: string; revision: number }[]>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export class ConcurrencyError extends Error {
  readonly code = 'CONCURRENCY';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: number,
  ) {
    super(`stream ${streamId}: expected revision ${String(expected)}, actual ${actual === -1 ? 'no stream' : actual}`);
    this.name = 'ConcurrencyError';
  }
}

export function compareCheckpoints(a: Checkpoint, b: Checkpoint): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}
