import { randomUUID } from 'node:crypto';
import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  StreamNotFoundError,
  type AllStreamResolvedEvent,
  type Position,
  jsonEvent,
} from '@eventstore/db-client';
import {
  type AppendResult,
  type Checkpoint,
  ConcurrencyError,
  type EventStore,
  type EventToAppend,
  type ExpectedRevision,
  type ReadAllOptions,
  type RecordedEvent,
  START,
  compareCheckpoints,
} from '../event-store.port';
import {
  appendIdOf,
  fromEsdbCurrentRevision,
  isKnownPosition,
  keepEvent,
  normaliseConnectionString,
  toCheckpoint,
  toEsdbExpectedRevision,
  toPortError,
  toReadPosition,
  toRecordedEvent,
  toSafeNumber,
  withAppendId,
  withRecordedAt,
} from './esdb-mapping';

/** Pages of $all are read this large; filtering is on the client (readAll in client 6.x has no server filter). */
const PAGE = 500;

/** What the adapter reaches of the client beyond its typed surface (both are its own members in 6.x). */
interface ClientInternals {
  /** false when the connection string says throwOnAppendFailure=false: failed appends then resolve. */
  throwOnAppendFailure: boolean;
  /** The gRPC channel every call goes through, opened on first use and again after a reconnection. */
  getChannel: () => Promise<{ close(): void }>;
}

/**
 * The EventStoreDB/KurrentDB adapter. Streams are the case streams themselves (`case-<id>`); the global order is
 * `$all`, filtered to Sen's streams without system events; a checkpoint is an `$all` position (commit, prepare).
 * Requires EventStoreDB 22.10 or later (or KurrentDB): older servers send no `$all` position on stream reads.
 */
export class EsdbEventStore implements EventStore {
  readonly kind = 'esdb' as const;
  /** Streams seen in `$all` with their last revision, and how far `$all` was scanned for them (listStreams). */
  private readonly streamIndex = new Map<string, number>();
  private streamIndexAt: Checkpoint = START;

  /** Every gRPC channel the client opened: its dispose() cancels the calls in flight but leaves them open. */
  private readonly channels = new Set<Promise<{ close(): void }>>();

  constructor(private readonly client: EventStoreDBClient) {
    const internals = client as unknown as ClientInternals;
    if (internals.throwOnAppendFailure === false) {
      throw new Error(
        'EventStoreDB client with throwOnAppendFailure=false: Sen needs failed appends to throw (remove it from EVENTSTORE_URL)',
      );
    }
    const getChannel = internals.getChannel;
    internals.getChannel = () => {
      const channel = getChannel();
      this.channels.add(channel);
      return channel;
    };
  }

  static fromConnectionString(url: string): EsdbEventStore {
    return new EsdbEventStore(EventStoreDBClient.connectionString(normaliseConnectionString(url)));
  }

  /**
   * Appends as the port's contract says, also where the server would not: ESDB answers a repeat of an append (the
   * same event ids at the same place) with success and writes nothing, and writes an id again elsewhere in the
   * stream. So the stream's ids are checked first, and the append's first event carries an id of this append,
   * read back afterwards: an append the server answered as a repeat of another (a concurrent twin) is refused too.
   */
  async appendToStream(
    streamId: string,
    events: EventToAppend[],
    { expectedRevision }: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    if (events.length === 0) throw new Error('appendToStream needs at least one event');
    const expected = toEsdbExpectedRevision(expectedRevision);
    const ids = events.map((e) => e.eventId ?? randomUUID());
    const held = await this.readStream(streamId);
    const heldIds = new Set(held.map((e) => e.eventId));
    const current = held.length > 0 ? held[held.length - 1]!.revision : -1;
    if (ids.some((id, i) => heldIds.has(id) || ids.indexOf(id) !== i))
      throw new ConcurrencyError(streamId, expectedRevision, current);

    const appendId = randomUUID();
    const data = events.map((e, i) => {
      const metadata = withRecordedAt(e.metadata, e.recordedAt);
      return jsonEvent({
        id: ids[i]!,
        type: e.type,
        data: e.data as Record<string, unknown>,
        metadata: i === 0 ? withAppendId(metadata, appendId) : metadata,
      });
    });
    let result: Awaited<ReturnType<EventStoreDBClient['appendToStream']>>;
    try {
      result = await this.client.appendToStream(streamId, data, { expectedRevision: expected });
    } catch (error) {
      throw toPortError(error, streamId, expectedRevision);
    }
    // A client told not to throw resolves a failed append; the constructor refuses such a client, and this holds anyway.
    if (!result.success)
      throw new ConcurrencyError(streamId, expectedRevision, fromEsdbCurrentRevision(result.nextExpectedRevision));
    const nextRevision = toSafeNumber(result.nextExpectedRevision, 'stream revision');
    const first = await this.rawEventAt(streamId, nextRevision - events.length + 1);
    if (!first || appendIdOf(first) !== appendId) throw new ConcurrencyError(streamId, expectedRevision, nextRevision);
    // The append's position is the commit position of its last event (each event of a gRPC append is its own commit).
    return {
      nextRevision,
      position: isKnownPosition(result.position)
        ? toSafeNumber(result.position.commit, 'commit position')
        : await this.lastPositionOf(streamId),
    };
  }

  async readStream(
    streamId: string,
    options: { fromRevision?: number; maxCount?: number } = {},
  ): Promise<RecordedEvent[]> {
    const out: RecordedEvent[] = [];
    try {
      const read = this.client.readStream(streamId, {
        direction: FORWARDS,
        fromRevision: options.fromRevision ? BigInt(options.fromRevision) : 'start',
        ...(options.maxCount ? { maxCount: options.maxCount } : {}),
      });
      for await (const resolved of read) if (resolved.event) out.push(toRecordedEvent(resolved.event));
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return out;
  }

  async readAll(from: Checkpoint, limit: number, options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const out: RecordedEvent[] = [];
    await this.scanAll(from, (e) => {
      if (keepEvent(e.streamId, e.type, options.streamPrefix)) out.push(toRecordedEvent(e));
      return out.length < limit;
    });
    return out;
  }

  async headPosition(): Promise<number> {
    let position: Position | 'end' = END;
    for (;;) {
      let read = 0;
      let last: Position | null = null;
      let head: number | null = null;
      const page = this.client.readAll({ direction: BACKWARDS, fromPosition: position, maxCount: PAGE });
      for await (const resolved of page) {
        read++;
        const e: AllStreamResolvedEvent['event'] = resolved.event;
        if (head !== null || !e) continue;
        last = e.position;
        if (keepEvent(e.streamId, e.type)) head = toSafeNumber(e.position.commit, 'commit position');
      }
      if (head !== null) return head;
      if (read < PAGE || !last) return -1;
      position = last;
    }
  }

  async hasPassed(checkpoint: Checkpoint, position: number): Promise<boolean> {
    // An event's position is its commit position, and a reader at (commit, prepare) has seen every event whose
    // commit position is at or below its own. A position from the future is not passed; START passes nothing.
    return position >= 0 && checkpoint.commit >= position;
  }

  async countAfter(checkpoint: Checkpoint, cap: number, options: ReadAllOptions = {}): Promise<number> {
    let n = 0;
    await this.scanAll(checkpoint, (e) => {
      if (keepEvent(e.streamId, e.type, options.streamPrefix)) n++;
      return n < cap;
    });
    return n;
  }

  /**
   * ESDB keeps no ordered list of streams (the $streams projection may be off), so the adapter builds one from
   * $all: on each call it scans what was appended since the last call, then answers from the sorted index.
   */
  async listStreams(after: string | null, limit: number): Promise<{ streamId: string; revision: number }[]> {
    let at = this.streamIndexAt;
    await this.scanAll(this.streamIndexAt, (e) => {
      if (keepEvent(e.streamId, e.type)) {
        const revision = toSafeNumber(e.revision, 'stream revision');
        if (revision > (this.streamIndex.get(e.streamId) ?? -1)) this.streamIndex.set(e.streamId, revision);
      }
      at = toCheckpoint(e.position);
      return true;
    });
    this.streamIndexAt = at;
    return [...this.streamIndex.keys()]
      .filter((id) => after === null || id > after)
      .sort()
      .slice(0, limit)
      .map((streamId) => ({ streamId, revision: this.streamIndex.get(streamId)! }));
  }

  async ping(): Promise<void> {
    for await (const resolved of this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 }))
      void resolved;
  }

  /** Cancels the calls in flight and closes the gRPC channels (a channel still discovering is closed once it opens). */
  async close(): Promise<void> {
    await this.client.dispose();
    const closing = [...this.channels].map((channel) =>
      channel.then(
        (c) => c.close(),
        () => undefined,
      ),
    );
    this.channels.clear();
    await Promise.race([Promise.all(closing), new Promise((resolve) => setTimeout(resolve, 1_000).unref())]);
  }

  /**
   * Reads $all forwards strictly after `from` in pages, calling `visit` with every event (system ones too) until it
   * returns false or the log ends. Reads from a position include the event at that position, so it is skipped.
   */
  private async scanAll(
    from: Checkpoint,
    visit: (e: NonNullable<AllStreamResolvedEvent['event']>) => boolean,
  ): Promise<void> {
    let cursor = from;
    let stopped = false;
    for (;;) {
      let read = 0;
      // Each page is read to its end (it is bounded) rather than abandoned half-way, so no gRPC call is left open.
      for await (const resolved of this.client.readAll({
        direction: FORWARDS,
        fromPosition: toReadPosition(cursor),
        maxCount: PAGE,
      })) {
        read++;
        const e = resolved.event;
        if (stopped || !e) continue;
        const checkpoint = toCheckpoint(e.position);
        if (compareCheckpoints(checkpoint, cursor) <= 0) continue;
        cursor = checkpoint;
        if (!visit(e)) stopped = true;
      }
      if (stopped || read < PAGE) return;
    }
  }

  /** The event at a revision as the server holds it (metadata untouched), or null. */
  private async rawEventAt(streamId: string, revision: number) {
    if (revision < 0) return null;
    try {
      for await (const resolved of this.client.readStream(streamId, {
        direction: FORWARDS,
        fromRevision: BigInt(revision),
        maxCount: 1,
      })) {
        if (resolved.event) return resolved.event;
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return null;
      throw error;
    }
    return null;
  }

  private async lastPositionOf(streamId: string): Promise<number> {
    let position = -1;
    for await (const resolved of this.client.readStream(streamId, {
      direction: BACKWARDS,
      fromRevision: END,
      maxCount: 1,
    })) {
      if (resolved.event) position = toRecordedEvent(resolved.event).position;
    }
    return position;
  }
}
