import type { TableSpec } from './projection';

// One declaration per read-model table: its columns with their PostgreSQL types. The projection's row type, the
// queries' row type and the column list the runner writes are all derived from it, and an int test
// (read-model-tables.int.spec.ts) compares it with the table a migrated database holds.

/** PostgreSQL types as information_schema.columns names them (udt_name). */
export type PgType = 'uuid' | 'text' | 'int4' | 'bool' | 'timestamptz' | '_text' | 'jsonb';

/**
 * A column: its type in PostgreSQL and whether it may be null. `P` is its value as a projection holds it
 * (instants as ISO strings, as the events carry them), `S` as a query reads it (postgres.js gives a Date).
 */
export interface Column<P, S = P> {
  readonly pg: PgType;
  readonly nullable: boolean;
  /** Never set: carries the value types. */
  readonly __values?: [P, S];
}

const notNull = <P, S = P>(pg: PgType): Column<P, S> => ({ pg, nullable: false });

/** The column builders; `nullable(…)` makes any of them nullable. */
export const col = {
  uuid: () => notNull<string>('uuid'),
  text: <T extends string = string>() => notNull<T>('text'),
  int: () => notNull<number>('int4'),
  bool: () => notNull<boolean>('bool'),
  instant: () => notNull<string, Date>('timestamptz'),
  texts: <T extends string = string>() => notNull<T[]>('_text'),
  json: <T>() => notNull<T>('jsonb'),
};

export const nullable = <P, S>(c: Column<P, S>): Column<P | null, S | null> => ({ pg: c.pg, nullable: true });

type Columns = Record<string, Column<unknown, unknown>>;

/** A read-model table: the TableSpec the runner writes with, and the columns it was derived from. */
export interface ReadModelTable<C extends Columns> extends TableSpec {
  readonly columns: readonly (keyof C & string)[];
  readonly key: readonly (keyof C & string)[];
  readonly schema: C;
}

/** Any read-model table, whatever its columns. */
export type AnyReadModelTable = TableSpec & { readonly schema: Readonly<Record<string, Column<unknown, unknown>>> };

/** A row as a projection folds it (instants as ISO strings). */
export type ProjectedRow<T extends { schema: Columns }> = {
  -readonly [K in keyof T['schema']]: T['schema'][K] extends Column<infer P, unknown> ? P : never;
};

/** A row as `select *` reads it (instants as Dates). */
export type StoredRow<T extends { schema: Columns }> = {
  -readonly [K in keyof T['schema']]: T['schema'][K] extends Column<unknown, infer S> ? S : never;
};

/** Declares a table: its columns, in the order of the table, and its primary key. */
export function readModelTable<const C extends Columns>(
  table: string,
  key: readonly (keyof C & string)[],
  schema: C,
): ReadModelTable<C> {
  const columns = Object.keys(schema) as (keyof C & string)[];
  const json = columns.filter((c) => schema[c]!.pg === 'jsonb');
  return { table, key, columns, ...(json.length > 0 ? { json } : {}), schema };
}
