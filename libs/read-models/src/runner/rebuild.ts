import type { Sql } from '@sen/db';
import { type Projection, tablesOf } from '../projection';
import { resetCheckpoint } from './checkpoints';

/**
 * Truncates the projections' tables and puts their checkpoints back to zero, in one transaction: a projector
 * running at the same time sees its checkpoint move, rolls its batch back, and replays from zero.
 */
export async function resetProjections(sql: Sql, projections: readonly Projection[]): Promise<void> {
  await sql.begin(async (tx) => {
    for (const p of projections) {
      for (const t of tablesOf(p)) await tx`truncate table ${tx(t.table)}`;
      await resetCheckpoint(tx, p.name);
      // The replay from zero meets the events again: one still failing is parked again.
      await tx`delete from projection_parked_events where projection = ${p.name}`;
    }
  });
}

/** md5 of a table's rows in primary-key order: equal digests, equal tables. */
export async function tableDigest(
  sql: Sql,
  table: string,
  key: readonly string[],
): Promise<{ rows: number; md5: string }> {
  const [row] = await sql.unsafe<{ rows: number; md5: string | null }[]>(
    `select count(*)::bigint as rows, md5(coalesce(string_agg(t::text, E'\\n' order by ${key.map((k) => `t."${k}"`).join(', ')}), '')) as md5 from "${table}" t`,
  );
  return { rows: row!.rows, md5: row!.md5 ?? '' };
}
