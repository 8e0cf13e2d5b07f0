import { CaseRepository } from '@sen/case-app';
import { loadConfig } from '@sen/config';
import { createLogger, prepareDatabase } from '@sen/platform';
import { cliRuntime } from './runtime';
import {
  analyzeEventStore,
  bulkLoad,
  commandExecutor,
  decideContext,
  formatSummary,
  simAreas,
  simulateThroughCommands,
} from '@sen/simulation';

export interface SimulateCliOptions {
  children: number;
  days: number;
  seed: number;
  start: string;
  bulk?: boolean;
  cases?: number;
  concurrency?: number;
  progress: boolean;
}

export async function simulateCommand(opts: SimulateCliOptions): Promise<void> {
  if (Number.isNaN(Date.parse(opts.start)))
    throw new Error('--start must be an ISO-8601 instant, e.g. 2026-01-01T00:00:00+07:00');
  if (!Number.isInteger(opts.seed)) throw new Error('--seed must be an integer');
  const config = loadConfig();
  await prepareDatabase(config, createLogger('warn', 'sen-simulate'), { migrate: true, seed: true });
  const rt = await cliRuntime(config, { poolMax: (opts.concurrency ?? 8) + 2 });
  try {
    const context = decideContext();
    const areas = simAreas(rt.areas, opts.start, context.policy.utcOffsetMinutes);
    if (areas.length === 0) throw new Error(`no commune in force on ${opts.start}: run \`sen seed\``);
    const sim = {
      seed: opts.seed,
      children: opts.children,
      days: opts.days,
      start: new Date(opts.start).toISOString(),
      areas,
      context,
    };
    const progress = opts.progress && process.stdout.isTTY === true;
    const repository = new CaseRepository(rt.store, rt.pii);
    const summary = opts.bulk
      ? await bulkLoad(repository, rt.keys, sim, {
          progress,
          ...(opts.cases ? { cases: opts.cases } : {}),
          ...(opts.concurrency ? { concurrency: opts.concurrency } : {}),
        })
      : await simulateThroughCommands(commandExecutor(repository, context), sim, {
          progress,
          ...(opts.concurrency ? { concurrency: opts.concurrency } : {}),
        });
    if (opts.bulk) await analyzeEventStore(rt);
    process.stdout.write(
      formatSummary(summary, opts.bulk ? 'bulk, through the event store port' : 'through the command path'),
    );
    if (Object.keys(summary.refused).length > 0) process.exitCode = 2;
  } finally {
    await rt.close();
  }
}
