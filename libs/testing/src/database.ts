import { randomBytes } from 'node:crypto';
import { createSql, dropDatabase, ensureDatabase, migrate, type Sql } from '@sen/db';

export const TEST_DATABASE_SERVER = process.env.TEST_DATABASE_SERVER ?? 'postgres://postgres@127.0.0.1:5432';

export interface TestDatabase {
  url: string;
  sql: Sql;
  drop(): Promise<void>;
}

/** A database of its own for one test file: created and migrated here, dropped by `drop()`. */
export async function createTestDatabase(
  label = 'test',
  options: { migrate?: boolean; max?: number } = {},
): Promise<TestDatabase> {
  const name = `sen_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
  const url = `${TEST_DATABASE_SERVER}/${name}`;
  await ensureDatabase(url);
  const sql = createSql(url, { max: options.max ?? 20, applicationName: `sen-test-${label}` });
  if (options.migrate !== false) await migrate(sql);
  return {
    url,
    sql,
    async drop() {
      await sql.end({ timeout: 5 });
      await dropDatabase(url);
    },
  };
}
