import type { Sql, TransactionSql } from '@sen/db';
import type { CaseRows, RollupSpec, Row, TableSpec } from '../projection';
import { sanitizeValue } from './sanitize';

const CHUNK = 500;

function normalise(row: Row): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) out[k] = v instanceof Date ? v.toISOString() : v;
  return out;
}

function keyOf(spec: TableSpec, row: Row): string {
  return spec.key.map((k) => String(row[k])).join('\u0000');
}

/** Loads the rows of the given cases from each table of a projection. */
export async function loadCaseRows(
  tx: Sql | TransactionSql,
  tables: readonly TableSpec[],
  caseIds: string[],
): Promise<Map<string, CaseRows>> {
  const out = new Map<string, CaseRows>(
    caseIds.map((id) => [id, Object.fromEntries(tables.map((t) => [t.table, [] as Row[]]))]),
  );
  if (caseIds.length === 0) return out;
  for (const spec of tables) {
    const rows = await tx<
      Row[]
    >`select * from ${tx(spec.table)} where case_id = any(${caseIds}::uuid[]) order by ${tx(spec.key as string[])}`;
    for (const row of rows) out.get(String(row.case_id))?.[spec.table]?.push(normalise(row));
  }
  return out;
}

/** Writes back what changed: upserts the rows present after, deletes those gone. */
export async function saveCaseRows(
  tx: TransactionSql,
  tables: readonly TableSpec[],
  before: Map<string, CaseRows>,
  after: Map<string, CaseRows>,
): Promise<void> {
  for (const spec of tables) {
    const upserts: Row[] = [];
    const deletes: Row[] = [];
    for (const [caseId, rows] of after) {
      // Cleaned before the comparison with the stored rows, which were cleaned when written.
      const now = (rows[spec.table] ?? []).map(sanitizeValue);
      const was = before.get(caseId)?.[spec.table] ?? [];
      const kept = new Set(now.map((r) => keyOf(spec, r)));
      for (const r of was) if (!kept.has(keyOf(spec, r))) deletes.push(r);
      const previous = new Map(was.map((r) => [keyOf(spec, r), r]));
      for (const r of now) {
        const old = previous.get(keyOf(spec, r));
        if (!old || JSON.stringify(pick(old, spec.columns)) !== JSON.stringify(pick(r, spec.columns))) upserts.push(r);
      }
    }
    const columns = tx(spec.columns as string[]);
    const updatable = spec.columns.filter((c) => !spec.key.includes(c));
    // Rows go as one jsonb parameter that jsonb_populate_recordset turns into rows of the table's own type: one
    // statement text whatever the number of rows (a multi-row VALUES list was a new statement for PostgreSQL to
    // parse and plan at nearly every batch, and thousands of parameters for the client to serialise).
    for (let i = 0; i < upserts.length; i += CHUNK) {
      await tx`
        insert into ${tx(spec.table)} (${columns})
        select ${columns} from jsonb_populate_recordset(null::${tx(spec.table)}, ${rowsJson(tx, spec, upserts.slice(i, i + CHUNK))})
        on conflict (${tx(spec.key as string[])}) do update set
        ${tx.unsafe(updatable.map((c) => `"${c}" = excluded."${c}"`).join(', '))}`;
    }
    for (let i = 0; i < deletes.length; i += CHUNK) {
      const matches = spec.key.map((k) => `t."${k}" = d."${k}"`).join(' and ');
      await tx`
        delete from ${tx(spec.table)} t
         using jsonb_populate_recordset(null::${tx(spec.table)}, ${rowsJson(tx, spec, deletes.slice(i, i + CHUNK))}) d
         where ${tx.unsafe(matches)}`;
    }
  }
}

function pick(row: Row, columns: readonly string[]): Row {
  const out: Row = {};
  for (const c of columns) out[c] = row[c] ?? null;
  return out;
}

/**
 * The rows' columns as one jsonb parameter: jsonb columns nest, text[] ones are JSON arrays. Not cleaned again (as
 * rowsParameter would): saveCaseRows upserts rows it has cleaned, and deletes rows read from the table.
 */
function rowsJson(tx: TransactionSql, spec: TableSpec, rows: Row[]) {
  return tx.json(rows.map((r) => pick(r, spec.columns)) as never);
}

/**
 * Rows as the one jsonb parameter that `jsonb_populate_recordset` turns into a table's rows: every write of
 * read-model rows (case rows, roll-ups, the outbox) goes through here or saveRollups, so every string is cleaned
 * by sanitizeValue on its way in: an event holding NUL or a lone surrogate (stored before the API refused them)
 * cannot fail the write (22P05) and stall the projections.
 */
export function rowsParameter(tx: TransactionSql, rows: readonly Row[]) {
  return tx.json(rows.map(sanitizeValue) as never);
}

interface Delta {
  row: Row;
  n: number;
  sums: number[];
}

interface CountTable {
  table: string;
  key: readonly string[];
  types: readonly string[];
  sums: readonly string[];
}

const keyString = (key: readonly string[], row: Row) => key.map((c) => String(row[c])).join('\u0000');

/**
 * Adds the deltas to a table of counts in one upsert and deletes the rows whose count fell to 0. Returns each
 * delta's count after it: equal to the delta, the row is new (no row is left at 0); 0, the row is gone.
 */
async function applyDeltas(tx: TransactionSql, t: CountTable, changed: Delta[]): Promise<number[]> {
  if (changed.length === 0) return [];
  const column = (values: unknown[], type: string) => tx`unnest(${values as string[]}::${tx.unsafe(type)}[])`;
  const list = (xs: ReturnType<typeof column>[]) => xs.reduce((a, b) => tx`${a}, ${b}`);
  const keys = tx(t.key as string[]);
  const after = await tx<Row[]>`
    insert into ${tx(t.table)} (${tx([...t.key, 'n', ...t.sums])})
    select ${list([
      ...t.key.map((c, i) =>
        column(
          changed.map((d) => d.row[c]),
          t.types[i]!,
        ),
      ),
      column(
        changed.map((d) => d.n),
        'int',
      ),
      ...t.sums.map((_, i) =>
        column(
          changed.map((d) => d.sums[i]),
          'bigint',
        ),
      ),
    ])}
    on conflict (${keys}) do update set
    ${tx.unsafe(['n', ...t.sums].map((c) => `"${c}" = "${t.table}"."${c}" + excluded."${c}"`).join(', '))}
    returning ${keys}, n`;
  const counts = new Map(after.map((r) => [keyString(t.key, r), Number(r.n)]));
  const zero = after.filter((r) => Number(r.n) === 0);
  if (zero.length > 0) {
    await tx`
      delete from ${tx(t.table)} z
       where (${tx.unsafe(t.key.map((c) => `z."${c}"`).join(', '))}) in (select ${list(
         t.key.map((c, i) =>
           column(
             zero.map((r) => r[c]),
             t.types[i]!,
           ),
         ),
       )})
         and z.n = 0`;
  }
  return changed.map((d) => counts.get(keyString(t.key, d.row))!);
}

/**
 * Applies the change of a batch's cases to a projection's roll-ups: -1 for each row a case contributed before,
 * +1 for each it contributes after, netted by key; one upsert per roll-up, then the rows that fell to 0 go.
 * A roll-up's `distinct` table then gains 1 for each of its rows that appeared and loses 1 for each that went.
 */
export async function saveRollups(
  tx: TransactionSql,
  rollups: readonly RollupSpec[],
  before: Map<string, CaseRows>,
  after: Map<string, CaseRows>,
): Promise<void> {
  for (const spec of rollups) {
    const sums = spec.sums ?? [];
    const deltas = new Map<string, Delta>();
    const add = (rows: Row[], sign: 1 | -1) => {
      for (const row of rows) {
        const k = keyString(spec.key, row);
        const d = deltas.get(k) ?? { row, n: 0, sums: sums.map(() => 0) };
        d.n += sign;
        sums.forEach((c, i) => (d.sums[i]! += sign * Number(row[c])));
        deltas.set(k, d);
      }
    };
    // Contributions cleaned as the rows are (see rowsParameter): a key holding a control character counts under its
    // cleaned form on both sides, so the -1 and +1 of an unchanged case net to nothing.
    for (const [caseId, rows] of after) {
      const was = before.get(caseId);
      if (was) add(spec.contributions(was).map(sanitizeValue), -1);
      add(spec.contributions(rows).map(sanitizeValue), 1);
    }
    const changed = [...deltas.values()].filter((d) => d.n !== 0 || d.sums.some((x) => x !== 0));
    const counts = await applyDeltas(tx, { table: spec.table, key: spec.key, types: spec.types, sums }, changed);
    if (!spec.distinct) continue;
    const { table, key, types } = spec.distinct;
    const groups = new Map<string, Delta>();
    changed.forEach((d, i) => {
      const appeared = counts[i] === d.n && d.n > 0 ? 1 : 0;
      const went = counts[i] === 0 ? 1 : 0;
      const k = keyString(key, d.row);
      const g = groups.get(k) ?? { row: d.row, n: 0, sums: [0] };
      g.n += appeared - went;
      g.sums[0]! += d.n;
      groups.set(k, g);
    });
    await applyDeltas(
      tx,
      { table, key, types, sums: ['cases'] },
      [...groups.values()].filter((g) => g.n !== 0 || g.sums[0] !== 0),
    );
  }
}
