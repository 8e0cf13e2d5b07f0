// Sen's own connections carry both timeouts whatever the server, role or database defaults say: an idle
// transaction cannot hold the event store's readers back for longer than the configured time.
import { createTestDatabase, type TestDatabase } from '@sen/testing';
import { createSql, type Sql } from './database';

describe('createSql: session timeouts', () => {
  let db: TestDatabase;
  const opened: Sql[] = [];
  const open = (options: Parameters<typeof createSql>[1]) => {
    const sql = createSql(db.url, { max: 1, ...options });
    opened.push(sql);
    return sql;
  };

  beforeAll(async () => {
    db = await createTestDatabase('db_timeouts', { migrate: false });
  });
  afterAll(async () => {
    await Promise.all(opened.map((sql) => sql.end({ timeout: 5 })));
    await db.drop();
  });

  it('sets idle_in_transaction_session_timeout (one minute by default) and no statement timeout unless asked', async () => {
    const sql = open({});
    const [row] = await sql<{ idle: string; statement: string }[]>`
      select current_setting('idle_in_transaction_session_timeout') as idle, current_setting('statement_timeout') as statement`;
    expect(row).toEqual({ idle: '1min', statement: '0' });
  });

  it('does not inherit a database or role default (those are for sessions opened by hand)', async () => {
    const name = new URL(db.url).pathname.slice(1);
    await db.sql`alter database ${db.sql(name)} set statement_timeout = '1ms'`;
    await db.sql`alter database ${db.sql(name)} set idle_in_transaction_session_timeout = 0`;
    const sql = open({ statementTimeoutMs: 15_000, idleInTransactionTimeoutMs: 30_000 });
    const [row] = await sql<{ idle: string; statement: string }[]>`
      select current_setting('idle_in_transaction_session_timeout') as idle, current_setting('statement_timeout') as statement, pg_sleep(0.01)`;
    expect(row).toMatchObject({ idle: '30s', statement: '15s' });
  });

  it('ends a session left idle inside a transaction, so it no longer holds readers back', async () => {
    const sql = open({ idleInTransactionTimeoutMs: 1_000 });
    const error = await sql
      .begin(async (tx) => {
        await tx`select 1`;
        await new Promise((r) => setTimeout(r, 2_500));
        await tx`select 2`;
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(String((error as Error).message)).toMatch(
      /idle-in-transaction timeout|terminating connection|CONNECTION_CLOSED|write CONNECTION_ENDED/i,
    );
    // The pool opens a fresh session afterwards.
    expect(await sql`select 1 as ok`).toEqual([{ ok: 1 }]);
  });
});
