import { type EventStore, type EventToAppend, type RecordedEvent, START } from '../event-store.port';

export interface CopyProgress {
  lastStreamId: string | null;
  streamsDone: number;
  /** Events of the finished streams, copied or already there (where a resumed progress bar starts). */
  eventsExamined: number;
  eventsCopied: number;
}

/** Where a copy saves how far it got (PostgreSQL: migration-progress.ts). */
export interface CopyProgressStore {
  load(): Promise<CopyProgress | null>;
  save(progress: CopyProgress, finished: boolean): Promise<void>;
  reset(): Promise<void>;
}

export interface CopyOptions {
  source: EventStore;
  target: EventStore;
  progress: CopyProgressStore;
  /** Events per append to the target (one append is atomic in both stores). */
  batchSize?: number;
  /** Bytes per append to the target at most (EventStoreDB refuses an append over its MaxAppendSize, 1 MiB by default). */
  maxAppendBytes?: number;
  /** Streams listed per page of the source. */
  pageSize?: number;
  /** Forget saved progress and check every stream again (still copying only what is missing). */
  restart?: boolean;
  /** Called once with the saved progress, then after each stream. */
  onStream?: (state: { streamId: string | null; examined: number; copied: number }) => void;
  /** Stops after the stream in hand; the saved progress lets the next run resume. */
  signal?: AbortSignal;
}

export interface CopyResult {
  streams: number;
  eventsCopied: number;
  eventsAlreadyThere: number;
  finished: boolean;
}

/** The target holds a stream that is not a prefix of the source's: copying on would interleave two histories. */
export class StreamsDivergedError extends Error {
  readonly code = 'STREAMS_DIVERGED';
  constructor(
    readonly streamId: string,
    readonly revision: number,
  ) {
    super(
      `stream ${streamId} differs between source and target at revision ${revision}; nothing was written to it (fix or remove the target's stream, then run again)`,
    );
    this.name = 'StreamsDivergedError';
  }
}

/** EventStoreDB's default MaxAppendSize: the server refuses a whole append whose events pass 1 MiB. */
export const MAX_APPEND_BYTES = 1024 * 1024;
/** Bytes an event costs beyond its data and metadata (id, type, content type, framing, the adapter's own keys): generous. */
export const EVENT_OVERHEAD_BYTES = 512;

/** What an event weighs in an append, as the server counts it (UTF-8 bytes of its JSON), plus the overhead. */
export function appendSize(e: EventToAppend): number {
  return (
    Buffer.byteLength(JSON.stringify(e.data ?? null), 'utf8') +
    Buffer.byteLength(JSON.stringify(e.metadata ?? {}), 'utf8') +
    Buffer.byteLength(e.type, 'utf8') +
    EVENT_OVERHEAD_BYTES
  );
}

/**
 * Splits events, in order, into appends of at most `maxEvents` events and `maxBytes` bytes. An event that alone
 * passes `maxBytes` cannot be copied by any append: refused, naming it, before anything of its stream is written.
 */
export function splitForAppend<E extends EventToAppend>(
  events: E[],
  maxEvents: number,
  maxBytes = MAX_APPEND_BYTES,
): E[][] {
  const batches: E[][] = [];
  let batch: E[] = [];
  let bytes = 0;
  for (const e of events) {
    const size = appendSize(e);
    if (size > maxBytes) {
      throw new RangeError(
        `event ${e.eventId ?? '(no id)'} (${e.type}) weighs ${size} bytes, over the ${maxBytes}-byte append limit: it cannot be copied (raise the server's MaxAppendSize)`,
      );
    }
    if (batch.length > 0 && (batch.length >= maxEvents || bytes + size > maxBytes)) {
      batches.push(batch);
      batch = [];
      bytes = 0;
    }
    batch.push(e);
    bytes += size;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}

/** How many events the source holds in all (the progress bar's total). */
export function countSourceEvents(source: EventStore): Promise<number> {
  return source.countAfter(START, Number.MAX_SAFE_INTEGER);
}

/**
 * Copies an event store into another, stream by stream in stream id order. Within a stream the order, revisions,
 * event ids, types, data, metadata and original recorded times are kept. Resumable twice over: saved progress
 * skips the streams already finished, and each stream's target revision is compared with the source's so only
 * the missing tail is appended (with the target's revision as the expected one, so a concurrent writer to the
 * target fails the copy rather than being interleaved). The global order across streams is the copy's own: after
 * switching stores, projections are rebuilt from the new store (their checkpoints are positions of the old one).
 */
export async function copyEventStore(o: CopyOptions): Promise<CopyResult> {
  const batchSize = o.batchSize ?? 500;
  const pageSize = o.pageSize ?? 100;
  if (o.restart) await o.progress.reset();
  const saved = (await o.progress.load()) ?? { lastStreamId: null, streamsDone: 0, eventsExamined: 0, eventsCopied: 0 };
  const progress: CopyProgress = { ...saved };
  const result: CopyResult = { streams: 0, eventsCopied: 0, eventsAlreadyThere: 0, finished: false };
  o.onStream?.({ streamId: progress.lastStreamId, examined: progress.eventsExamined, copied: 0 });

  for (;;) {
    const streams = await o.source.listStreams(progress.lastStreamId, pageSize);
    if (streams.length === 0) break;
    for (const { streamId } of streams) {
      if (o.signal?.aborted) return result;
      const source = await o.source.readStream(streamId);
      const target = await o.target.readStream(streamId);
      const present = sameHistoryLength(streamId, source, target);
      const missing = source.slice(present);
      let expected = present - 1;
      for (const chunk of splitForAppend(missing.map(toAppend), batchSize, o.maxAppendBytes)) {
        await o.target.appendToStream(streamId, chunk, { expectedRevision: expected < 0 ? 'no_stream' : expected });
        expected += chunk.length;
      }
      progress.lastStreamId = streamId;
      progress.streamsDone++;
      progress.eventsCopied += missing.length;
      progress.eventsExamined += source.length;
      await o.progress.save(progress, false);
      result.streams++;
      result.eventsCopied += missing.length;
      result.eventsAlreadyThere += present;
      o.onStream?.({ streamId, examined: progress.eventsExamined, copied: result.eventsCopied });
    }
  }
  await o.progress.save(progress, true);
  result.finished = true;
  return result;
}

/** How many of the source's first events the target already holds; refuses a target that went its own way. */
function sameHistoryLength(streamId: string, source: RecordedEvent[], target: RecordedEvent[]): number {
  if (target.length > source.length) throw new StreamsDivergedError(streamId, source.length);
  for (let i = 0; i < target.length; i++) {
    if (target[i]!.eventId !== source[i]!.eventId || target[i]!.revision !== source[i]!.revision) {
      throw new StreamsDivergedError(streamId, i);
    }
  }
  return target.length;
}

function toAppend(e: RecordedEvent): EventToAppend {
  return { eventId: e.eventId, type: e.type, data: e.data, metadata: e.metadata, recordedAt: e.recordedAt };
}
