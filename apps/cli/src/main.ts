import 'reflect-metadata';
import { Command } from 'commander';
import { ConfigError, loadConfig } from '@sen/config';
import { createSql, ensureDatabase, migrate } from '@sen/db';
import { createLogger, prepareDatabase } from '@sen/platform';
import { seedAreas, seedDemoUsers, seedIndicators, seedPopulation } from '@sen/reference';
import { rebuild } from './rebuild.command';
import { report } from './report.command';
import { cliRuntime } from './runtime';
import { startAll } from './start-all';

const program = new Command('sen').description('Sen: child protection case management (DESIGN.md section 5b)');

program
  .command('migrate')
  .description('create the database if missing and apply migrations')
  .action(async () => {
    const config = loadConfig();
    await ensureDatabase(config.databaseUrl);
    const sql = createSql(config.databaseUrl, { max: 2 });
    await migrate(sql, (m) => console.log(m));
    await sql.end();
    console.log('migrations applied');
  });

program
  .command('seed')
  .description('load areas, indicators, child population (and demo users in demo mode) from seeds/')
  .action(async () => {
    const config = loadConfig();
    const sql = createSql(config.databaseUrl, { max: 2 });
    console.log(`areas: ${await seedAreas(sql)}`);
    const { indicators, targets } = await seedIndicators(sql);
    console.log(`indicators: ${indicators} (${targets} targets)`);
    console.log(`population rows: ${await seedPopulation(sql)}`);
    if (config.demo) console.log(`demo users: ${(await seedDemoUsers(sql)).map((u) => u.username).join(', ')}`);
    await sql.end();
  });

program
  .command('start')
  .description('migrate, seed, and run the API, the projector and the worker in one process')
  .action(async () => {
    const config = loadConfig();
    const logger = createLogger(config.logLevel, 'sen');
    await prepareDatabase(config, logger, { migrate: true, seed: true, printDemoUsers: config.demo });
    await startAll(config, logger);
  });

program
  .command('rebuild')
  .argument('<projection>', 'cases, referrals, deadlines, indicators, or all')
  .description('truncate a projection and replay the event log into it, with progress')
  .option('--no-progress', 'no progress bar (logs and CI)')
  .action(async (name: string, opts: { progress: boolean }) => {
    const rt = await cliRuntime(loadConfig());
    try {
      const result = await rebuild(rt, name, { progress: opts.progress && process.stdout.isTTY !== false });
      console.log(`rebuilt ${name}: ${result.events} events in ${result.seconds.toFixed(1)} s`);
    } finally {
      await rt.close();
    }
  });

program
  .command('report')
  .description("the plan's indicator table for a year and an area (9, 12, 13 computed; the others as entered)")
  .requiredOption('--year <year>', 'the year (Vietnam time)', (v) => Number(v))
  .option('--area <code>', 'an area code; includes the areas under it', '82')
  .option('--csv', 'CSV instead of a table', false)
  .option('--unit9 <unit>', 'indicator 9 as percent (the plan) or per_100000_children')
  .option('--as-of <instant>', 'judge first responses pending or missed as of this ISO-8601 instant (default: now)')
  .action(async (opts: { year: number; area: string; csv: boolean; unit9?: string; asOf?: string }) => {
    const now = opts.asOf === undefined ? new Date() : new Date(opts.asOf);
    if (Number.isNaN(now.getTime())) throw new Error('--as-of must be an ISO-8601 instant, e.g. 2027-01-31T00:00:00+07:00');
    const rt = await cliRuntime(loadConfig(), { poolMax: 4 });
    try {
      process.stdout.write(await report(rt, { ...opts, now }));
    } finally {
      await rt.close();
    }
  });

program.parseAsync(process.argv).catch((error) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error(`sen: ${(error as Error).message}`);
  process.exit(1);
});
