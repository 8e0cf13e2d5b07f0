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

/** A secondary index of a read model table, as `pg_get_indexdef` gives it (enough to create it again). */
export interface IndexDefinition {
  table: string;
  name: string;
  definition: string;
}

/**
 * The indexes of the tables that neither back a constraint (primary keys, unique keys: the upserts need them)
 * nor are unique: what a rebuild can drop and create again once the rows are in.
 */
export async function secondaryIndexes(sql: Sql, tables: readonly string[]): Promise<IndexDefinition[]> {
  return sql<IndexDefinition[]>`
    select c.relname as table, i.relname as name, pg_get_indexdef(i.oid) as definition
      from pg_index x
      join pg_class i on i.oid = x.indexrelid
      join pg_class c on c.oid = x.indrelid
      join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = current_schema() and c.relname = any(${tables as string[]}::text[])
       and not x.indisunique and not x.indisprimary
       and not exists (select 1 from pg_constraint k where k.conindid = i.oid)
     order by c.relname, i.relname`;
}
