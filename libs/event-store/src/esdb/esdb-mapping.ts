// Pure translations between the EventStore port and @eventstore/db-client: expected revisions, errors,
// positions and the filter on Sen's streams. Kept apart from the adapter so they are unit-tested without a server.
import {
  ANY,
  type AllStreamResolvedEvent,
  type AppendExpectedRevision,
  NO_STREAM,
  type Position,
  type ResolvedEvent,
  STREAM_EXISTS,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import {
  type Checkpoint,
  ConcurrencyError,
  type ExpectedRevision,
  type RecordedEvent,
  START,
} from '../event-store.port';

/**
 * Our revisions are 0-based like ESDB stream revisions, so a number maps to the same bigint. Anything that is
 * not one of the four forms is a programming error and is refused before it reaches the server.
 */
export function toEsdbExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'no_stream':
      return NO_STREAM;
    case 'any':
      return ANY;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      if (typeof expected !== 'number' || !Number.isSafeInteger(expected) || expected < 0) {
        throw new TypeError(
          `expected revision must be 'no_stream', 'any', 'stream_exists' or an integer >= 0 (got ${JSON.stringify(expected)})`,
        );
      }
      return BigInt(expected);
  }
}

/** ESDB's current revision (a bigint, or 'no_stream') as ours: the revision, or -1 for no stream. */
export function fromEsdbCurrentRevision(current: unknown): number {
  if (typeof current === 'bigint') return toSafeNumber(current, 'stream revision');
  if (typeof current === 'number') return current;
  return -1; // 'no_stream', or a server that did not say: treat as no stream
}

/** WrongExpectedVersion becomes our typed ConcurrencyError (HTTP 409); every other error passes through. */
export function toPortError(error: unknown, streamId: string, expected: ExpectedRevision): unknown {
  if (error instanceof WrongExpectedVersionError)
    return new ConcurrencyError(streamId, expected, fromEsdbCurrentRevision(error.actualVersion));
  return error;
}

/**
 * ESDB log positions are byte offsets in the transaction log, unsigned 64-bit on the wire. JavaScript numbers
 * hold integers exactly up to 2^53 - 1 (9 PiB of log), far beyond any province's store; past it we refuse
 * rather than round, since a rounded checkpoint could skip or repeat events.
 */
export function toSafeNumber(value: bigint, what: string): number {
  if (value < 0n || value > BigInt(Number.MAX_SAFE_INTEGER))
    throw new RangeError(`${what} ${value} is outside the safe integer range`);
  return Number(value);
}

/** Servers before stream reads carried $all positions (EventStoreDB < 22.6) send 2^64 - 1 ("unknown"). */
const UNKNOWN_POSITION = 0xffff_ffff_ffff_ffffn;

export function isKnownPosition(position: Position | undefined): position is Position {
  return !!position && position.commit !== UNKNOWN_POSITION && position.prepare !== UNKNOWN_POSITION;
}

/** An $all position as our checkpoint (commit, prepare); `position` of an event is its commit position. */
export function toCheckpoint(position: Position | undefined): Checkpoint {
  if (!isKnownPosition(position)) return START;
  return {
    commit: toSafeNumber(position.commit, 'commit position'),
    prepare: toSafeNumber(position.prepare, 'prepare position'),
  };
}

/** Our checkpoint as a position to read from; START (or anything negative) is the start of $all. */
export function toReadPosition(from: Checkpoint): Position | 'start' {
  if (from.commit < 0 || from.prepare < 0) return 'start';
  return { commit: BigInt(from.commit), prepare: BigInt(from.prepare) };
}

/** ESDB's own streams and events start with `$` ($stats, $scavenges, $settings, links `$>`, metadata `$metadata`). */
export function isSystemEvent(streamId: string, type: string): boolean {
  return streamId.startsWith('$') || type.startsWith('$');
}

/** Sen's events in the global order: never a system event, and only streams with the prefix when one is given. */
export function keepEvent(streamId: string, type: string, streamPrefix?: string): boolean {
  if (isSystemEvent(streamId, type)) return false;
  return !streamPrefix || streamId.startsWith(streamPrefix);
}

/**
 * The client (6.x) parses esdb:// and esdb+discover:// only; KurrentDB's own schemes name the same protocol.
 */
export function normaliseConnectionString(url: string): string {
  return url.replace(
    /^(kurrentdb|kdb)(\+discover)?:\/\//i,
    (_m, _scheme: string, discover: string | undefined) => `esdb${discover ?? ''}://`,
  );
}

/** The server's address without credentials, for logs and errors. */
export function redactConnectionString(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}

type EsdbRecorded = NonNullable<AllStreamResolvedEvent['event']> | NonNullable<ResolvedEvent['event']>;

/** One ESDB recorded event as ours. `position` is the commit position; -1 when the server did not send one. */
export function toRecordedEvent(e: EsdbRecorded): RecordedEvent {
  const checkpoint = toCheckpoint(e.position);
  const metadata = e.metadata;
  return {
    eventId: e.id,
    streamId: e.streamId,
    revision: toSafeNumber(e.revision, 'stream revision'),
    position: isKnownPosition(e.position) ? checkpoint.commit : -1,
    checkpoint,
    type: e.type,
    data: e.data,
    ...splitRecordedAt(
      metadata && typeof metadata === 'object' && !(metadata instanceof Uint8Array) && !Array.isArray(metadata)
        ? (metadata as Record<string, unknown>)
        : {},
      e.created,
    ),
  };
}

/**
 * ESDB sets an event's `created` itself. A copy from another store keeps the original time in this metadata key,
 * and reads take it back out, so callers see the original `recordedAt` and the metadata they wrote.
 */
export const RECORDED_AT_KEY = '$recordedAt';

export function withRecordedAt(
  metadata: Record<string, unknown>,
  recordedAt: Date | undefined,
): Record<string, unknown> {
  return recordedAt ? { ...metadata, [RECORDED_AT_KEY]: recordedAt.toISOString() } : metadata;
}

/**
 * Marks the first event of an append with an id of that append, so that the adapter can tell an append it wrote
 * from one the server answered as an idempotent repeat (same event ids at the same place: success, nothing
 * written). Taken out again on reads like the recorded time.
 */
export const APPEND_ID_KEY = '$appendId';

export function withAppendId(metadata: Record<string, unknown>, appendId: string): Record<string, unknown> {
  return { ...metadata, [APPEND_ID_KEY]: appendId };
}

/** The append id an ESDB event was written with, if any. */
export function appendIdOf(e: { metadata?: unknown }): string | null {
  const metadata = e.metadata;
  if (!metadata || typeof metadata !== 'object' || metadata instanceof Uint8Array || Array.isArray(metadata))
    return null;
  const id = (metadata as Record<string, unknown>)[APPEND_ID_KEY];
  return typeof id === 'string' ? id : null;
}

function splitRecordedAt(
  metadata: Record<string, unknown>,
  created: Date,
): { metadata: Record<string, unknown>; recordedAt: Date } {
  const { [APPEND_ID_KEY]: _appendId, ...withoutAppendId } = metadata;
  const kept = withoutAppendId[RECORDED_AT_KEY];
  if (typeof kept !== 'string' || Number.isNaN(Date.parse(kept)))
    return { metadata: withoutAppendId, recordedAt: created };
  const { [RECORDED_AT_KEY]: _kept, ...rest } = withoutAppendId;
  return { metadata: rest, recordedAt: new Date(kept) };
}
