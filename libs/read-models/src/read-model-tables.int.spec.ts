import { createTestDatabase, type TestDatabase } from '@sen/testing';
import { isBatchProjection } from './projection';
import { PROJECTIONS } from './projections';
import { CASES_TABLE } from './cases/cases.tables';
import { DEADLINES_TABLE } from './deadlines/deadlines.tables';
import { REFERRALS_TABLE, REFERRAL_CONTEXT_TABLE } from './referrals/referrals.tables';
import type { AnyReadModelTable } from './table';

// The table specs are the one declaration of each read model's rows (their row types and the column lists the
// runner writes come from them); the migrations are the other. This holds the two together.

interface DbColumn {
  column_name: string;
  udt_name: string;
  is_nullable: 'YES' | 'NO';
}

describe('Read-model table specs', () => {
  let db: TestDatabase;
  const columnsOf = (table: string) =>
    db.sql<DbColumn[]>`
      select column_name, udt_name, is_nullable from information_schema.columns
       where table_schema = current_schema() and table_name = ${table} order by ordinal_position`;
  const primaryKeyOf = async (table: string) =>
    (
      await db.sql<{ column_name: string }[]>`
        select a.attname as column_name from pg_index i
          join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
         where i.indrelid = ${table}::regclass and i.indisprimary
         order by array_position(i.indkey::int2[], a.attnum)`
    ).map((r) => r.column_name);

  beforeAll(async () => {
    db = await createTestDatabase('rm_tables');
  });
  afterAll(async () => {
    await db?.drop();
  });

  const specs: AnyReadModelTable[] = [CASES_TABLE, REFERRALS_TABLE, REFERRAL_CONTEXT_TABLE, DEADLINES_TABLE];

  it.each(specs.map((s) => [s.table, s] as const))(
    '%s: the spec has the columns of the migrated table, in order, with their types and nullability',
    async (_, spec) => {
      const actual = await columnsOf(spec.table);
      expect(actual.length).toBeGreaterThan(0);
      expect(spec.columns.map((c) => [c, spec.schema[c]!.pg, spec.schema[c]!.nullable ? 'YES' : 'NO'])).toEqual(
        actual.map((c) => [c.column_name, c.udt_name, c.is_nullable]),
      );
      expect(spec.key).toEqual(await primaryKeyOf(spec.table));
    },
  );

  it("every table a case projection writes exists with exactly the spec's columns", async () => {
    const tables = PROJECTIONS.flatMap((p) => (isBatchProjection(p) ? [] : p.tables));
    expect(tables.length).toBeGreaterThanOrEqual(5);
    for (const t of tables) {
      const actual = (await columnsOf(t.table)).map((c) => c.column_name);
      expect({ table: t.table, columns: [...t.columns].sort() }).toEqual({
        table: t.table,
        columns: [...actual].sort(),
      });
      expect({ table: t.table, key: [...t.key] }).toEqual({ table: t.table, key: await primaryKeyOf(t.table) });
    }
  });
});
