import type { Logger } from 'pino';
import type { SenConfig } from '@sen/config';
import { masterKeyRing, verifyMasterKeyRing } from '@sen/case-app';
import { createSql, ensureDatabase, migrate } from '@sen/db';
import { assertTransactionCounterAhead } from '@sen/event-store';
import { countDemoUsers, seedAreas, seedDemoUsers, seedIndicators, seedPopulation } from '@sen/reference';

/**
 * Before any process serves: the database exists, migrations are applied, reference data is loaded, demo
 * users exist in demo mode, production holds no demo user, the master key opens the stored child keys, and
 * the cluster's transaction counter is past every stored event's (after a restore into another cluster it may
 * not be: transaction-counter.ts).
 */
export async function prepareDatabase(
  config: SenConfig,
  logger: Logger,
  options: { migrate?: boolean; seed?: boolean; printDemoUsers?: boolean } = {},
): Promise<void> {
  await ensureDatabase(config.databaseUrl);
  const sql = createSql(config.databaseUrl, { max: 2, applicationName: 'sen-prepare' });
  try {
    if (options.migrate ?? config.migrateOnStart) {
      await migrate(sql, (m) => logger.info(m));
    }
    await assertTransactionCounterAhead(sql);
    if (options.seed) {
      const areas = await seedAreas(sql);
      const { indicators, targets } = await seedIndicators(sql);
      const population = await seedPopulation(sql);
      logger.info({ areas, indicators, targets, population }, 'reference data seeded');
      if (config.demo) {
        const users = await seedDemoUsers(sql);
        if (options.printDemoUsers) {
          // Demo accounts are not personal data; printing them is what demo mode is for (DESIGN.md section 6).
          const lines = users.map((u) => `  ${u.username.padEnd(15)} ${u.role.padEnd(15)} password: ${u.password}`);
          process.stdout.write(`\nSen demo users:\n${lines.join('\n')}\n\n`);
        }
      }
    }
    await verifyMasterKeyRing(sql, masterKeyRing(config));
    // On every start of every process in production, and failing closed: if the users cannot be counted (no
    // table, no permission, a broken connection), production does not start rather than start unchecked.
    if (config.env === 'production') {
      let demoUsers: number;
      try {
        demoUsers = Number(await countDemoUsers(sql));
      } catch (e) {
        throw new Error(
          `refusing to start in production: could not check for demo users (${(e as { code?: string }).code ?? (e as Error).message})`,
          { cause: e },
        );
      }
      if (demoUsers > 0)
        throw new Error(`refusing to start in production: ${demoUsers} demo users exist (deactivate them first)`);
    }
  } finally {
    await sql.end({ timeout: 5 });
  }
}
