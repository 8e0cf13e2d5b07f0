import type { Sql } from '@sen/db';
import type { QueueJob } from './queues';

// The outbox table (libs/db/migrations/00004_outbox): the projector's outbox projection writes a row per job in
// the transaction of its checkpoint; the relay (outbox-relay.ts) moves the unsent ones to their queue. Both
// use this contract, so a row's queue, job name and payload always belong together.

type OutboxJobColumns<J> = J extends QueueJob ? { queue: J['queue']; job_name: J['name']; payload: J['data'] } : never;

/** An outbox row as written: a job, the key that makes it one job (its BullMQ job id), and when it is due. */
export type OutboxInsert = OutboxJobColumns<QueueJob> & { dedupe_key: string; run_at: string };

/** An outbox row as the relay reads it. */
export type OutboxRow = OutboxJobColumns<QueueJob> & { id: number; dedupe_key: string; run_at: Date };

export function outboxInsert(dedupeKey: string, job: QueueJob, runAt: string): OutboxInsert {
  return {
    dedupe_key: dedupeKey,
    queue: job.queue,
    job_name: job.name,
    payload: job.data,
    run_at: runAt,
  } as OutboxInsert;
}

/** Rows not yet moved to their queue (the projector's gauge; it grows while Redis is down). */
export async function countUnsentOutboxRows(sql: Sql): Promise<number> {
  const [row] = await sql<{ n: number }[]>`select count(*)::bigint as n from outbox where sent_at is null`;
  return row?.n ?? 0;
}
