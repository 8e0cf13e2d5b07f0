import type { Sql, TransactionSql } from '@sen/db';
import type { CaseRows, Row, TableSpec } from '../projection';

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
export async function loadCaseRows(tx: Sql | TransactionSql, tables: readonly TableSpec[], caseIds: string[]): Promise<Map<string, CaseRows>> {
  const out = new Map<string, CaseRows>(caseIds.map((id) => [id, Object.fromEntries(tables.map((t) => [t.table, [] as Row[]]))]));
  if (caseIds.length === 0) return out;
  for (const spec of tables) {
    const rows = await tx<Row[]>`select * from ${tx(spec.table)} where case_id = any(${caseIds}::uuid[]) order by ${tx(spec.key as string[])}`;
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
      const now = rows[spec.table] ?? [];
      const was = before.get(caseId)?.[spec.table] ?? [];
      const kept = new Set(now.map((r) => keyOf(spec, r)));
      for (const r of was) if (!kept.has(keyOf(spec, r))) deletes.push(r);
      const previous = new Map(was.map((r) => [keyOf(spec, r), r]));
      for (const r of now) {
        const old = previous.get(keyOf(spec, r));
        if (!old || JSON.stringify(pick(old, spec.columns)) !== JSON.stringify(pick(r, spec.columns))) upserts.push(r);
      }
    }
    const updatable = spec.columns.filter((c) => !spec.key.includes(c));
    for (let i = 0; i < upserts.length; i += CHUNK) {
      const chunk = upserts.slice(i, i + CHUNK).map((r) => toParams(tx, spec, r));
      await tx`
        insert into ${tx(spec.table)} ${tx(chunk, spec.columns as string[])}
        on conflict (${tx(spec.key as string[])}) do update set
        ${tx.unsafe(updatable.map((c) => `"${c}" = excluded."${c}"`).join(', '))}`;
    }
    for (const r of deletes) {
      const where = spec.key.map((k) => tx`${tx(k)} = ${r[k] as string}`);
      await tx`delete from ${tx(spec.table)} where ${where.reduce((a, b) => tx`${a} and ${b}`)}`;
    }
  }
}

function pick(row: Row, columns: readonly string[]): Row {
  const out: Row = {};
  for (const c of columns) out[c] = row[c] ?? null;
  return out;
}

function toParams(tx: TransactionSql, spec: TableSpec, row: Row): Row {
  const out = pick(row, spec.columns);
  for (const c of spec.json ?? []) out[c] = tx.json(out[c] as never);
  return out;
}
