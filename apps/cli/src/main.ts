import 'reflect-metadata';
import { Command } from 'commander';
import { ConfigError, loadConfig } from '@sen/config';
import { createSql, ensureDatabase, migrate } from '@sen/db';
import { advanceTransactionCounter } from '@sen/event-store';
import { createLogger, prepareDatabase } from '@sen/platform';
import { seedAreas, seedDemoUsers, seedIndicators, seedPopulation } from '@sen/reference';
import { migrateEvents, parseStoreSpecs } from './migrate-events.command';
import { parkedList, parkedReplay } from './parked.command';
import { rebuild } from './rebuild.command';
import { report } from './report.command';
import { rotatePiiKey } from './rotate-pii-key.command';
import { simulateCommand } from './simulate.cli';
import { cliRuntime } from './runtime';
import { startAll } from './start-all';

function positiveInt(name: string) {
  return (v: string) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer (got ${JSON.stringify(v)})`);
    return n;
  };
}

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
  .command('advance-xid')
  .description(
    "after a restore into another cluster: burn transaction ids until the counter is past the events' (deploy/OPERATIONS.md)",
  )
  .action(async () => {
    const config = loadConfig();
    const sql = createSql(config.databaseUrl, { max: 2, applicationName: 'sen-advance-xid' });
    try {
      let first = true;
      const state = await advanceTransactionCounter(sql, {
        onProgress: (s) => {
          if (first)
            console.log(
              `largest event transaction id: ${s.maxEventTransactionId ?? 'none (no events)'}; next id: ${s.nextTransactionId}`,
            );
          else if (!s.ahead) console.log(`next id: ${s.nextTransactionId}`);
          first = false;
        },
      });
      console.log(`transaction counter ahead of the events: next id ${state.nextTransactionId}; Sen can start`);
    } finally {
      await sql.end({ timeout: 5 });
    }
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
  .option(
    '--baseline',
    "replay with the projector's runner alone, one transaction a batch of 1,000 (the path before the parallel replay; for comparisons)",
  )
  .action(async (name: string, opts: { progress: boolean; baseline?: boolean }) => {
    const rt = await cliRuntime(loadConfig());
    try {
      const result = await rebuild(rt, name, {
        progress: opts.progress && process.stdout.isTTY !== false,
        baseline: opts.baseline === true,
      });
      console.log(`rebuilt ${name}: ${result.events} events in ${result.seconds.toFixed(1)} s`);
    } finally {
      await rt.close();
    }
  });

const parked = program
  .command('parked')
  .description('events a projection could not apply (README, "Projections"): list them, replay them after a fix');
parked
  .command('list')
  .option('--all', 'the replayed ones too')
  .description('the parked events, oldest first')
  .action(async (opts: { all?: boolean }) => {
    const rt = await cliRuntime(loadConfig(), { poolMax: 2 });
    try {
      process.stdout.write(await parkedList(rt, { all: !!opts.all }));
    } finally {
      await rt.close();
    }
  });
parked
  .command('replay')
  .argument(
    '<id|all>',
    "a parked event's id (its case's parked events in its projection are replayed, in order), or all",
  )
  .description(
    're-apply parked events after a projection code change; those still failing stay parked with the new error',
  )
  .action(async (target: string) => {
    const rt = await cliRuntime(loadConfig(), { poolMax: 2 });
    try {
      const { text, failed } = await parkedReplay(rt, target);
      process.stdout.write(text);
      if (failed > 0) process.exitCode = 2;
    } finally {
      await rt.close();
    }
  });

program
  .command('simulate')
  .description(
    'a simulated province (deterministic by seed) through the real command path, or --bulk through the event store',
  )
  .requiredOption(
    '--children <n>',
    'children reported (some are reported again: cases are a little more)',
    positiveInt('--children'),
  )
  .requiredOption('--days <d>', 'days simulated from --start', positiveInt('--days'))
  .option('--seed <s>', 'seed of the random choices: the same seed gives the same events', (v) => Number(v), 2030)
  .option('--start <instant>', 'first instant of the period (ISO-8601)', '2026-01-01T00:00:00+07:00')
  .option('--bulk', 'scale mode: events decided here and appended through the event store port, many cases at once')
  .option('--cases <n>', 'bulk: stop at this many cases', positiveInt('--cases'))
  .option('--concurrency <n>', 'cases in flight at once', positiveInt('--concurrency'))
  .option('--no-progress', 'no progress bar (logs and CI)')
  .action(simulateCommand);

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
    if (Number.isNaN(now.getTime()))
      throw new Error('--as-of must be an ISO-8601 instant, e.g. 2027-01-31T00:00:00+07:00');
    const rt = await cliRuntime(loadConfig(), { poolMax: 4 });
    try {
      process.stdout.write(await report(rt, { ...opts, now }));
    } finally {
      await rt.close();
    }
  });

program
  .command('migrate-events')
  .description('copy every stream of one event store into another, resumably (postgres <-> esdb)')
  .requiredOption('--from <store>', 'postgres or esdb')
  .requiredOption('--to <store>', 'postgres or esdb')
  .option('--from-url <url>', 'the source (default: DATABASE_URL for postgres, EVENTSTORE_URL for esdb)')
  .option('--to-url <url>', 'the target (same defaults)')
  .option('--restart', 'forget saved progress and check every stream again (still copies only what is missing)')
  .option('--batch-size <n>', 'events per append to the target', (v) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1 || n > 10_000)
      throw new Error(`--batch-size must be an integer from 1 to 10000 (got ${JSON.stringify(v)})`);
    return n;
  })
  .option('--no-progress', 'no progress bar (logs and CI)')
  .action(
    async (opts: {
      from: string;
      to: string;
      fromUrl?: string;
      toUrl?: string;
      restart?: boolean;
      batchSize?: number;
      progress: boolean;
    }) => {
      const config = loadConfig();
      const { from, to } = parseStoreSpecs(opts, {
        databaseUrl: config.databaseUrl,
        eventStoreUrl: config.eventStoreUrl,
      });
      await ensureDatabase(config.databaseUrl);
      const sql = createSql(config.databaseUrl, { max: 2, applicationName: 'sen-migrate-events' });
      const controller = new AbortController();
      const interrupt = () => {
        console.error(
          '\ninterrupted: finishing the stream in hand and saving progress (run the same command again to resume)',
        );
        controller.abort();
      };
      process.once('SIGINT', interrupt);
      process.once('SIGTERM', interrupt);
      try {
        await migrate(sql);
        const result = await migrateEvents({
          from,
          to,
          progressSql: sql,
          restart: !!opts.restart,
          ...(opts.batchSize ? { batchSize: opts.batchSize } : {}),
          progressBar: opts.progress && process.stdout.isTTY !== false,
          signal: controller.signal,
          log: (line) => console.log(line),
        });
        console.log(
          `${result.finished ? 'done' : 'stopped'}: ${result.streams} streams examined, ${result.eventsCopied} events copied, ${result.eventsAlreadyThere} already there`,
        );
        if (result.finished) {
          console.log(
            `next: stop writers, run once more to catch up, set EVENT_STORE=${to.kind}, and run \`sen rebuild all\` before the projector starts (checkpoints are positions of the old store)`,
          );
        } else process.exitCode = 130;
      } finally {
        process.off('SIGINT', interrupt);
        process.off('SIGTERM', interrupt);
        await sql.end({ timeout: 5 });
      }
    },
  );

program
  .command('rotate-pii-key')
  .description(
    're-wrap every child key from PII_MASTER_KEY_PREVIOUS to PII_MASTER_KEY (resumable; deploy/OPERATIONS.md)',
  )
  .option('--dry-run', 'only check that PII_MASTER_KEY_PREVIOUS unwraps every key of its version; change nothing')
  .option('--batch-size <n>', 'child keys per transaction', (v) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1 || n > 10_000)
      throw new Error(`--batch-size must be an integer from 1 to 10000 (got ${JSON.stringify(v)})`);
    return n;
  })
  .option('--no-progress', 'no progress bar (logs and CI)')
  .action(async (opts: { dryRun?: boolean; batchSize?: number; progress: boolean }) => {
    const config = loadConfig();
    const sql = createSql(config.databaseUrl, { max: 2, applicationName: 'sen-rotate-pii-key' });
    const controller = new AbortController();
    const interrupt = () => {
      console.error('\ninterrupted: finishing the batch in hand (run the same command again to carry on)');
      controller.abort();
    };
    process.once('SIGINT', interrupt);
    process.once('SIGTERM', interrupt);
    try {
      const r = await rotatePiiKey(sql, config, {
        dryRun: !!opts.dryRun,
        ...(opts.batchSize ? { batchSize: opts.batchSize } : {}),
        progressBar: opts.progress && process.stdout.isTTY !== false,
        signal: controller.signal,
      });
      const from = config.piiMasterKeyVersion - 1;
      console.log(
        opts.dryRun
          ? `dry run: PII_MASTER_KEY_PREVIOUS unwraps all ${r.rewrapped} child keys of version ${from} (${r.erased} erased children have none); nothing changed`
          : `child keys re-wrapped to version ${config.piiMasterKeyVersion}: ${r.rewrapped} (and ${r.erased} erased); still at version ${from}: ${r.remaining}`,
      );
      for (const u of r.unknownVersions)
        console.error(
          `warning: ${u.count} child keys are at version ${u.version}, which neither key in this configuration unwraps`,
        );
      if (r.remaining > 0 && !opts.dryRun) {
        console.error('not finished: run the same command again before removing PII_MASTER_KEY_PREVIOUS');
        process.exitCode = 2;
      } else if (r.unknownVersions.length > 0) process.exitCode = 3;
    } finally {
      process.off('SIGINT', interrupt);
      process.off('SIGTERM', interrupt);
      await sql.end({ timeout: 5 });
    }
  });

program.parseAsync(process.argv).catch((error) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error(`sen: ${(error as Error).message}`);
  process.exit(1);
});
