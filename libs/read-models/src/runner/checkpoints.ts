import type { Sql, TransactionSql } from '@sen/db';
import { type Checkpoint, START } from '@sen/event-store';

export interface StoredCheckpoint extends Checkpoint {
  name: string;
  lastPosition: number;
  lastRecordedAt: string | null;
  eventsApplied: number;
}

export class CheckpointMovedError extends Error {
  constructor(readonly projection: string) {
    super(`the checkpoint of ${projection} moved under this projector (a rebuild, or another projector)`);
  }
}

export async function ensureCheckpoints(sql: Sql | TransactionSql, names: readonly string[]): Promise<void> {
  await sql`insert into projection_checkpoints (name) select unnest(${names as string[]}::text[]) on conflict (name) do nothing`;
}

export async function loadCheckpoints(
  sql: Sql | TransactionSql,
  names: readonly string[],
): Promise<Map<string, StoredCheckpoint>> {
  const rows = await sql<
    {
      name: string;
      commit_position: number;
      prepare_position: number;
      last_position: number;
      last_recorded_at: Date | null;
      events_applied: number;
    }[]
  >`select * from projection_checkpoints where name = any(${names as string[]}::text[])`;
  return new Map(
    rows.map((r) => [
      r.name,
      {
        name: r.name,
        commit: r.commit_position,
        prepare: r.prepare_position,
        lastPosition: r.last_position,
        lastRecordedAt: r.last_recorded_at?.toISOString() ?? null,
        eventsApplied: r.events_applied,
      },
    ]),
  );
}

/**
 * Moves a checkpoint only if it still is where this projector read it: if a rebuild reset it or another
 * projector moved it, the whole batch transaction is rolled back and nothing is applied twice.
 */
export async function advanceCheckpoint(
  tx: TransactionSql,
  from: StoredCheckpoint,
  to: Checkpoint & { position: number; recordedAt: string; count: number },
): Promise<void> {
  const result = await tx`
    update projection_checkpoints
       set commit_position = ${to.commit}, prepare_position = ${to.prepare}, last_position = ${to.position},
           last_recorded_at = ${to.recordedAt}, events_applied = events_applied + ${to.count}
     where name = ${from.name} and commit_position = ${from.commit} and prepare_position = ${from.prepare}`;
  if (result.count !== 1) throw new CheckpointMovedError(from.name);
}

/** Back to position zero (a rebuild), in the caller's transaction with the truncation of the tables. */
export async function resetCheckpoint(tx: TransactionSql, name: string): Promise<void> {
  await tx`
    insert into projection_checkpoints (name, commit_position, prepare_position, last_position, events_applied, rebuilt_at)
    values (${name}, ${START.commit}, ${START.prepare}, -1, 0, now())
    on conflict (name) do update set commit_position = ${START.commit}, prepare_position = ${START.prepare},
      last_position = -1, last_recorded_at = null, events_applied = 0, rebuilt_at = now()`;
}
