import type { Logger } from 'pino';
import type { SenConfig } from '@sen/config';
import { masterKeyRing, verifyMasterKeyRing } from '@sen/case-app';
import { createSql, ensureDatabase, migrate } from '@sen/db';
import { countDemoUsers, seedAreas, seedDemoUsers, seedIndicators, seedPopulation } from '@sen/reference';

/**
 * Before any process serves: the database exists, migrations are applied, reference data is loaded, demo
 * users exist in demo mode, production holds no demo user, and the master key opens the stored child keys.
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
    if (config.env === 'production' || !config.demo) {
      const demoUsers = await countDemoUsers(sql).catch(() => 0);
      if (demoUsers > 0 && config.env === 'production') {
        throw new Error(`refusing to start in production: ${demoUsers} demo users exist (deactivate them first)`);
      }
    }
  } finally {
    await sql.end({ timeout: 5 });
  }
}
