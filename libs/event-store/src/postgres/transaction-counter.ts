import type { Sql } from '@sen/db';

// The global order of the PostgreSQL event store is (transaction id, position), and a transaction id is the
// cluster's counter (migration 00001_events). A dump restored into another cluster keeps the events' ids but not
// the counter: if the new cluster's counter is below the largest restored id, new events sort *before* old
// ones, and a projector whose checkpoint is at the last old event never sees them. So every process that
// appends or projects checks the counter at start-up and refuses to run behind it.

export interface TransactionCounterState {
  /** Largest transaction id of a stored event (xid8 as a decimal string), or null when the store is empty. */
  maxEventTransactionId: string | null;
  /** The next transaction id the cluster will hand out (xid8 as a decimal string). */
  nextTransactionId: string;
  /** New events would sort after every stored one. */
  ahead: boolean;
}

export class TransactionCounterBehindError extends Error {
  readonly code = 'TRANSACTION_COUNTER_BEHIND';
  constructor(readonly state: TransactionCounterState) {
    super(
      `refusing to start: the PostgreSQL transaction counter (next id ${state.nextTransactionId}) is not past the ` +
        `largest transaction id of a stored event (${state.maxEventTransactionId}). This happens after a dump is ` +
        `restored into another cluster; new events would sort before old ones and projections would miss them. ` +
        `Fix: stop every Sen process and run \`sen advance-xid\` once (it burns transaction ids until the counter is ` +
        `past the events'), then start Sen again (deploy/OPERATIONS.md, "Restore a dump").`,
    );
    this.name = 'TransactionCounterBehindError';
  }
}

/**
 * Reads the counter without taking a transaction id: the next id is the xmax of the current snapshot. Both sides
 * are xid8 (the column's type and pg_snapshot_xmax's), so the epoch is compared too. null when the database has
 * no events table yet (migrations not applied).
 */
export async function readTransactionCounter(sql: Sql): Promise<TransactionCounterState | null> {
  const [exists] = await sql<{ present: boolean }[]>`select to_regclass('events') is not null as present`;
  if (!exists?.present) return null;
  const [row] = await sql<{ max: string | null; next: string; ahead: boolean }[]>`
    select m.max::text as max, pg_snapshot_xmax(s.snap)::text as next,
           (m.max is null or m.max < pg_snapshot_xmax(s.snap)) as ahead
      from (select max(transaction_id) as max from events) m, (select pg_current_snapshot() as snap) s`;
  return { maxEventTransactionId: row!.max, nextTransactionId: row!.next, ahead: row!.ahead };
}

/** Throws TransactionCounterBehindError when new events would sort before stored ones. */
export async function assertTransactionCounterAhead(sql: Sql): Promise<void> {
  const state = await readTransactionCounter(sql);
  if (state && !state.ahead) throw new TransactionCounterBehindError(state);
}

/**
 * Burns transaction ids, each in a transaction of its own (a DO block that commits after every id), until the
 * counter is past the largest stored one. Safe on a live cluster, but run it with Sen stopped. Returns the state
 * reached. Speed: tens of thousands of ids a second; for a gap of hundreds of millions use `pg_resetwal -e` on
 * the new cluster before the restore instead (deploy/OPERATIONS.md).
 */
export async function advanceTransactionCounter(
  sql: Sql,
  options: { batch?: number; onProgress?: (state: TransactionCounterState) => void } = {},
): Promise<TransactionCounterState> {
  const batch = options.batch ?? 50_000;
  return sql.reserve().then(async (conn) => {
    try {
      // Nothing is written but the commit records: no need to wait for each to reach the disk.
      await conn`set synchronous_commit = off`;
      for (;;) {
        const state = await readTransactionCounter(conn as unknown as Sql);
        if (!state) throw new Error('no events table in this database: run `sen migrate` first');
        options.onProgress?.(state);
        if (state.ahead) return state;
        const gap = BigInt(state.maxEventTransactionId!) - BigInt(state.nextTransactionId) + 1n;
        const n = gap < BigInt(batch) ? Number(gap) : batch;
        await conn.unsafe(`do $$ begin for i in 1..${n} loop perform pg_current_xact_id(); commit; end loop; end $$`);
      }
    } finally {
      await conn`reset synchronous_commit`.catch(() => undefined);
      conn.release();
    }
  });
}
