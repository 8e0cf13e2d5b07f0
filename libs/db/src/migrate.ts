import { join } from 'node:path';
import type { Sql } from './database';
import { projectRoot } from './project-root';

/** Arbitrary but fixed: the advisory lock that serialises migrations of replicas starting together. */
const MIGRATION_LOCK = 7_360_001;

export function migrationsPath(): string {
  return join(projectRoot(), 'libs', 'db', 'migrations');
}

/**
 * Applies the forward-only SQL migrations in libs/db/migrations with postgres-shift (numbered folders,
 * `index.sql` each, applied in a transaction). A session advisory lock keeps two processes from migrating
 * at once; the second finds nothing left to do.
 */
export async function migrate(sql: Sql, log: (message: string) => void = () => undefined): Promise<void> {
  const { default: shift } = await import('postgres-shift');
  const lockConnection = await sql.reserve();
  try {
    await lockConnection`select pg_advisory_lock(${MIGRATION_LOCK})`;
    await shift({
      sql,
      path: migrationsPath(),
      before: (m: { migration_id: number; name: string }) => log(`migrating ${m.migration_id} ${m.name}`),
    });
  } finally {
    await lockConnection`select pg_advisory_unlock(${MIGRATION_LOCK})`.catch(() => undefined);
    lockConnection.release();
  }
}
