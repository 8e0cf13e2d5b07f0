import type { Sql } from '@sen/db';
import type { CopyProgress, CopyProgressStore } from './copy-event-store';

/** Saved progress of one copy (source → target) in Sen's PostgreSQL, table event_store_migrations (00005). */
export class PostgresCopyProgress implements CopyProgressStore {
  readonly id: string;

  constructor(
    private readonly sql: Sql,
    readonly source: string,
    readonly target: string,
  ) {
    this.id = `${source} -> ${target}`;
  }

  async load(): Promise<CopyProgress | null> {
    const [row] = await this.sql<
      { last_stream_id: string | null; streams_done: number; events_examined: number; events_copied: number }[]
    >`
      select last_stream_id, streams_done, events_examined, events_copied from event_store_migrations where id = ${this.id}`;
    return row
      ? {
          lastStreamId: row.last_stream_id,
          streamsDone: Number(row.streams_done),
          eventsExamined: Number(row.events_examined),
          eventsCopied: Number(row.events_copied),
        }
      : null;
  }

  async save(p: CopyProgress, finished: boolean): Promise<void> {
    await this.sql`
      insert into event_store_migrations (id, source, target, last_stream_id, streams_done, events_examined, events_copied, finished_at)
      values (${this.id}, ${this.source}, ${this.target}, ${p.lastStreamId}, ${p.streamsDone}, ${p.eventsExamined}, ${p.eventsCopied},
              ${finished ? this.sql`now()` : null})
      on conflict (id) do update set last_stream_id = excluded.last_stream_id, streams_done = excluded.streams_done,
        events_examined = excluded.events_examined, events_copied = excluded.events_copied, updated_at = now(),
        finished_at = excluded.finished_at`;
  }

  async reset(): Promise<void> {
    await this.sql`delete from event_store_migrations where id = ${this.id}`;
  }
}
