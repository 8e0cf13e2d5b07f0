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
  type EventStore,
  type EventToAppend,
  type ExpectedRevision,
  type ReadAllOptions,
  type RecordedEvent,
  type SubscribeOptions,
  type Subscription,
  START,
  compareCheckpoints,
} from '../event-store.port';
import {
  isKnownPosition,
  keepEvent,
  normaliseConnectionString,
  toCheckpoint,
  toEsdbExpectedRevision,
  toPortError,
  toReadPosition,
  toRecordedEvent,
  toSafeNumber,
  withRecordedAt,
} from './esdb-mapping';
import { esdbCatchUpSubscription } from './esdb-subscription';

/** Pages of $all are read this large; filtering is on the client (readAll in client 6.x has no server filter). */
const PAGE = 500;

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

  constructor(private readonly client: EventStoreDBClient) {}

  static fromConnectionString(url: string): EsdbEventStore {
    return new EsdbEventStore(EventStoreDBClient.connectionString(normaliseConnectionString(url)));
  }

  async appendToStream(
    streamId: string,
    events: EventToAppend[],
    { expectedRevision }: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    if (events.length === 0) throw new Error('appendToStream needs at least one event');
    const expected = toEsdbExpectedRevision(expectedRevision);
    const data = events.map((e) =>
      jsonEvent({ id: e.eventId ?? randomUUID(), type: e.type, data: e.data as Record<string, unknown>, metadata: withRecordedAt(e.metadata, e.recordedAt) }),
    );
    try {
      const result = await this.client.appendToStream(streamId, data, { expectedRevision: expected });
      // The append's position is the commit position of its last event (each event of a gRPC append is its own commit).
      return {
        nextRevision: toSafeNumber(result.nextExpectedRevision, 'stream revision'),
        position: isKnownPosition(result.position) ? toSafeNumber(result.position.commit, 'commit position') : await this.lastPositionOf(streamId),
      };
    } catch (error) {
      throw toPortError(error, streamId, expectedRevision);
    }
  }

  async readStream(streamId: string, options: { fromRevision?: number; maxCount?: number } = {}): Promise<RecordedEvent[]> {
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

  subscribe(from: Checkpoint, handler: (batch: RecordedEvent[]) => Promise<void>, options: SubscribeOptions = {}): Subscription {
    return esdbCatchUpSubscription(this.client, from, handler, options);
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
    for await (const resolved of this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 })) void resolved;
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }

  /**
   * Reads $all forwards strictly after `from` in pages, calling `visit` with every event (system ones too) until it
   * returns false or the log ends. Reads from a position include the event at that position, so it is skipped.
   */
  private async scanAll(from: Checkpoint, visit: (e: NonNullable<AllStreamResolvedEvent['event']>) => boolean): Promise<void> {
    let cursor = from;
    let stopped = false;
    for (;;) {
      let read = 0;
      // Each page is read to its end (it is bounded) rather than abandoned half-way, so no gRPC call is left open.
      for await (const resolved of this.client.readAll({ direction: FORWARDS, fromPosition: toReadPosition(cursor), maxCount: PAGE })) {
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

  private async lastPositionOf(streamId: string): Promise<number> {
    let position = -1;
    for await (const resolved of this.client.readStream(streamId, { direction: BACKWARDS, fromRevision: END, maxCount: 1 })) {
      if (resolved.event) position = toRecordedEvent(resolved.event).position;
    }
    return position;
  }
}
