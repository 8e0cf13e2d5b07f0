import postgres from 'postgres';

export type Sql = postgres.Sql<Record<string, unknown>>;
export type TransactionSql = postgres.TransactionSql<Record<string, unknown>>;
/** A piece of SQL built with sql`…`, to put inside another statement. */
export type SqlFragment = postgres.Fragment;

export interface SqlOptions {
  /** Pool size; the default suits one API process on a small machine. */
  max?: number;
  applicationName?: string;
  /** Statement timeout in milliseconds (0 = none, the default: migrations and rebuilds run long statements). */
  statementTimeoutMs?: number;
  /**
   * How long a session may sit idle inside an open transaction before PostgreSQL ends it (0 = never). An open
   * transaction holds every reader of the global order back (libs/event-store), so a stuck one must not last.
   */
  idleInTransactionTimeoutMs?: number;
  onnotice?: (notice: postgres.Notice) => void;
}

/** One minute: far longer than any transaction Sen holds between statements, short enough to bound a stall. */
export const DEFAULT_IDLE_IN_TRANSACTION_TIMEOUT_MS = 60_000;

/**
 * A postgres.js client. Both timeouts are always sent, so Sen's sessions never inherit what a role or database
 * default says (the ops guide sets defaults on Sen's roles for sessions opened by hand). int8 columns come back as JS numbers: positions, revisions and counts stay far below
 * 2^53, and numbers keep JSON and arithmetic simple.
 */
export function createSql(url: string, options: SqlOptions = {}): Sql {
  return postgres(url, {
    max: options.max ?? 10,
    idle_timeout: 30,
    connect_timeout: 10,
    onnotice: options.onnotice ?? (() => undefined),
    // The timeouts as strings (its types say numbers): postgres.js leaves a falsy parameter (0) out of the start-up message.
    connection: {
      application_name: options.applicationName ?? 'sen',
      statement_timeout: String(options.statementTimeoutMs ?? 0),
      idle_in_transaction_session_timeout: String(
        options.idleInTransactionTimeoutMs ?? DEFAULT_IDLE_IN_TRANSACTION_TIMEOUT_MS,
      ),
    } as unknown as Partial<postgres.ConnectionParameters>,
    types: {
      int8: {
        to: 20,
        from: [20],
        serialize: (x: number | bigint | string) => String(x),
        parse: (x: string) => Number(x),
      },
    },
  }) as unknown as Sql;
}

/** Creates the database named in `url` if it does not exist (connecting to the `postgres` maintenance database). */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  if (!name) throw new Error('DATABASE_URL names no database');
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const sql = postgres(admin.toString(), { max: 1, onnotice: () => undefined });
  try {
    const rows = await sql`select 1 from pg_database where datname = ${name}`;
    if (rows.length === 0) {
      try {
        await sql`create database ${sql(name)}`;
      } catch (e) {
        // Another process created it first.
        if ((e as { code?: string }).code !== '42P04') throw e;
      }
    }
  } finally {
    await sql.end({ timeout: 5 });
  }
}

export async function dropDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const sql = postgres(admin.toString(), { max: 1, onnotice: () => undefined });
  try {
    await sql`drop database if exists ${sql(name)} with (force)`;
  } finally {
    await sql.end({ timeout: 5 });
  }
}
