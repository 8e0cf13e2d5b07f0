import { randomUUID } from 'node:crypto';
import type { Sql } from '@sen/db';
import {
  type AppendResult,
  type Checkpoint,
  ConcurrencyError,
  type EventStore,
  type EventToAppend,
  type ExpectedRevision,
  type ReadAllOptions,
  type RecordedEvent,
} from '../event-store.port';

interface EventRow {
  global_position: number;
  txid: number;
  stream_id: string;
  stream_revision: number;
  event_id: string;
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
  recorded_at: Date;
}

function toRecorded(row: EventRow): RecordedEvent {
  return {
    eventId: row.event_id,
    streamId: row.stream_id,
    revision: row.stream_revision,
    position: row.global_position,
    checkpoint: { commit: row.txid, prepare: row.global_position },
    type: row.type,
    data: row.data,
    metadata: row.metadata,
    recordedAt: row.recorded_at,
  };
}

function likePrefix(prefix: string): string {
  return `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * sen_append refused to run in a transaction that had already written (SQLSTATE SEN02, migration 00017): its
 * transaction id could be older than the stream's previous revision's, and the global order would read them
 * the wrong way round. Append in a transaction of its own, or as the transaction's first write.
 */
export class AppendInWrittenTransactionError extends Error {
  readonly code = 'APPEND_IN_WRITTEN_TRANSACTION';
  constructor(
    readonly streamId: string,
    cause: unknown,
  ) {
    super(`stream ${streamId}: an append must be its transaction's first write (${(cause as Error).message})`, {
      cause,
    });
    this.name = 'AppendInWrittenTransactionError';
  }
}

/** The PostgreSQL adapter (migrations 00001_events and 00017_event_store_safety explain the global-order scheme). */
export class PostgresEventStore implements EventStore {
  readonly kind = 'postgres' as const;

  constructor(private readonly sql: Sql) {}

  async appendToStream(
    streamId: string,
    events: EventToAppend[],
    { expectedRevision }: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    if (events.length === 0) throw new Error('appendToStream needs at least one event');
    const kind = typeof expectedRevision === 'number' ? 'exact' : expectedRevision;
    const expected = typeof expectedRevision === 'number' ? expectedRevision : -1;
    const payload = events.map((e) => ({
      eventId: e.eventId ?? randomUUID(),
      type: e.type,
      data: e.data,
      metadata: e.metadata,
    }));
    const append = async (sql: Sql) => {
      const [row] = await sql<{ next_revision: number; last_position: number }[]>`
        select next_revision, last_position
          from sen_append(${streamId}, ${kind}, ${expected}::bigint, ${sql.json(payload as never)}::jsonb)`;
      return { nextRevision: row!.next_revision, position: row!.last_position };
    };
    const kept = events.flatMap((e, i) =>
      e.recordedAt ? [{ id: payload[i]!.eventId, at: e.recordedAt.toISOString() }] : [],
    );
    try {
      if (kept.length === 0) return await append(this.sql);
      // A copy from another store keeps the original times, in the append's own transaction.
      return await this.sql.begin(async (tx) => {
        const result = await append(tx as unknown as Sql);
        await tx`
          update events e set recorded_at = k.at
            from (select unnest(${kept.map((k) => k.id)}::uuid[]) as id, unnest(${kept.map((k) => k.at)}::timestamptz[]) as at) k
           where e.event_id = k.id`;
        return result;
      });
    } catch (error) {
      const e = error as { code?: string; detail?: string };
      if (e.code === 'SEN01') throw new ConcurrencyError(streamId, expectedRevision, Number(e.detail ?? -1));
      if (e.code === 'SEN02') throw new AppendInWrittenTransactionError(streamId, error);
      // Two appends racing to create the same stream, or to take the same revision under 'any'.
      if (
        e.code === '23505' &&
        (kind !== 'any' || (error as { constraint_name?: string }).constraint_name === 'events_event_id_key')
      ) {
        const [current] = await this.sql<
          { revision: number }[]
        >`select revision from streams where stream_id = ${streamId}`;
        throw new ConcurrencyError(streamId, expectedRevision, current?.revision ?? -1);
      }
      throw error;
    }
  }

  async readStream(
    streamId: string,
    options: { fromRevision?: number; maxCount?: number } = {},
  ): Promise<RecordedEvent[]> {
    const rows = await this.sql<EventRow[]>`
      select global_position, transaction_id::text::bigint as txid, stream_id, stream_revision, event_id, type, data,
             metadata, recorded_at
        from events
       where stream_id = ${streamId} and stream_revision >= ${options.fromRevision ?? 0}
       order by stream_revision
       ${options.maxCount ? this.sql`limit ${options.maxCount}` : this.sql``}`;
    return rows.map(toRecorded);
  }

  async readAll(from: Checkpoint, limit: number, options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    // One statement, one snapshot: the xmin below which every transaction has finished is taken from the very
    // snapshot the rows are read in.
    const rows = await this.sql<EventRow[]>`
      select global_position, transaction_id::text::bigint as txid, stream_id, stream_revision, event_id, type, data,
             metadata, recorded_at
        from events
       where (transaction_id, global_position) > (${String(from.commit < 0 ? 0 : from.commit)}::xid8, ${from.prepare}::bigint)
         and transaction_id < pg_snapshot_xmin(pg_current_snapshot())
         ${options.streamPrefix ? this.sql`and stream_id like ${likePrefix(options.streamPrefix)}` : this.sql``}
       order by transaction_id, global_position
       limit ${limit}`;
    return rows.map(toRecorded);
  }

  async headPosition(): Promise<number> {
    const [row] = await this.sql<{ head: number | null }[]>`select max(global_position) as head from events`;
    return row?.head ?? -1;
  }

  async hasPassed(checkpoint: Checkpoint, position: number): Promise<boolean> {
    const [row] = await this.sql<{ passed: boolean }[]>`
      select (transaction_id, global_position) <= (${String(Math.max(checkpoint.commit, 0))}::xid8, ${checkpoint.prepare}::bigint) as passed
        from events where global_position = ${position}`;
    // No such event (a gap left by a rolled-back append, or a made-up number): passed once the reader's
    // position is beyond it, which is what a reader of the order would have seen.
    return row?.passed ?? position <= checkpoint.prepare;
  }

  async countAfter(checkpoint: Checkpoint, cap: number, options: ReadAllOptions = {}): Promise<number> {
    const [row] = await this.sql<{ n: number }[]>`
      select count(*)::bigint as n from (
        select 1 from events
         where (transaction_id, global_position) > (${String(Math.max(checkpoint.commit, 0))}::xid8, ${checkpoint.prepare}::bigint)
           ${options.streamPrefix ? this.sql`and stream_id like ${likePrefix(options.streamPrefix)}` : this.sql``}
         limit ${cap}) t`;
    return row?.n ?? 0;
  }

  async listStreams(after: string | null, limit: number): Promise<{ streamId: string; revision: number }[]> {
    const rows = await this.sql<{ stream_id: string; revision: number }[]>`
      select stream_id, revision from streams
       ${after === null ? this.sql`` : this.sql`where stream_id > ${after}`}
       order by stream_id limit ${limit}`;
    return rows.map((r) => ({ streamId: r.stream_id, revision: r.revision }));
  }

  /**
   * Seconds the oldest transaction holding an xid has been open (or, for a prepared transaction, prepared): what
   * holds readers of the global order back. Other roles' xact_start needs pg_read_all_stats (migration 00017).
   */
  async oldestTransactionSeconds(): Promise<number> {
    const [row] = await this.sql<{ s: number | null }[]>`
      select extract(epoch from greatest(
               (select max(now() - xact_start) from pg_stat_activity where backend_xid is not null and pid <> pg_backend_pid()),
               (select max(now() - prepared) from pg_prepared_xacts)))::float8 as s`;
    return row?.s ?? 0;
  }

  /**
   * Committed events that readers cannot pass yet because an older transaction is still open. The snapshot's xmin
   * already stops at prepared transactions (they keep their xid in the server's list of running ones).
   */
  async heldBackEvents(): Promise<number> {
    const [row] = await this.sql<{ n: number }[]>`
      select count(*)::bigint as n from events where transaction_id >= pg_snapshot_xmin(pg_current_snapshot())`;
    return row?.n ?? 0;
  }

  async ping(): Promise<void> {
    await this.sql`select 1`;
  }

  async close(): Promise<void> {
    // The SQL client belongs to whoever made it.
  }
}
