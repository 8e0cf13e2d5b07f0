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

/** What a table's comment holds while its indexes are dropped (see dropSecondaryIndexes). */
const STASH = 'sen rebuild: indexes to create again: ';

/**
 * Drops the secondary indexes of tables about to be filled from empty (a full rebuild: index upkeep row by row costs
 * more than building each index once at the end). The definitions are kept in each table's comment, in the same
 * transaction as the drop: if the process dies before createIndexesAgain, the next rebuild creates them first.
 */
export async function dropSecondaryIndexes(sql: Sql, tables: readonly string[]): Promise<IndexDefinition[]> {
  const indexes = await secondaryIndexes(sql, tables);
  await sql.begin(async (tx) => {
    for (const table of new Set(indexes.map((i) => i.table))) {
      const mine = indexes.filter((i) => i.table === table);
      // COMMENT takes no parameters; the text is pg_get_indexdef's, quoted as a literal.
      const text = `${STASH}${JSON.stringify(mine)}`.replace(/'/g, "''");
      await tx.unsafe(`comment on table "${table}" is '${text}'`);
      for (const i of mine) await tx`drop index ${tx(i.name)}`;
    }
  });
  return indexes;
}

/**
 * Creates again the indexes dropSecondaryIndexes dropped from any of the tables (those of this rebuild, or of one
 * that died before it could), a table a connection, and clears the tables' comments. Returns how many it created.
 */
export async function createIndexesAgain(sql: Sql, tables: readonly string[]): Promise<number> {
  const stashed = await sql<{ table: string; comment: string }[]>`
    select c.relname as table, obj_description(c.oid, 'pg_class') as comment
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = current_schema() and c.relname = any(${tables as string[]}::text[])
       and obj_description(c.oid, 'pg_class') like ${STASH + '%'}`;
  const created = await Promise.all(
    stashed.map(async ({ table, comment }) => {
      const indexes = JSON.parse(comment.slice(STASH.length)) as IndexDefinition[];
      for (const i of indexes) {
        // pg_get_indexdef gives "CREATE INDEX name ON ..."; one that exists already (an interrupted run) is kept.
        await sql.unsafe(i.definition.replace(/^CREATE INDEX /, 'CREATE INDEX IF NOT EXISTS '));
      }
      await sql.unsafe(`comment on table "${table}" is null`);
      return indexes.length;
    }),
  );
  return created.reduce((a, b) => a + b, 0);
}
