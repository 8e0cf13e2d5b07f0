// What the projection and scale benchmarks share: a database of their own (or a reused one), the CLI runtime
// on it, and the simulated province loaded in bulk through the event store port (`sen simulate --bulk`).
import { loadavg } from 'node:os';
import { CaseRepository } from '@sen/case-app';
import { loadConfig } from '@sen/config';
import { createSql, dropDatabase, ensureDatabase, migrate } from '@sen/db';
import { seedAreas, seedIndicators, seedPopulation } from '@sen/reference';
import { type CliRuntime, cliRuntime } from '../../apps/cli/src/runtime';
import {
  type BulkOptions,
  type SimOptions,
  type SimulationSummary,
  analyzeEventStore,
  bulkLoad,
  decideContext,
  simAreas,
} from '@sen/simulation';

export const SERVER = process.env.BENCH_DATABASE_SERVER ?? 'postgres://postgres@127.0.0.1:5432';

export async function openDatabase(
  name: string,
  options: { fresh: boolean; poolMax?: number },
): Promise<CliRuntime & { url: string; drop(): Promise<void> }> {
  const url = `${SERVER}/${name}`;
  if (options.fresh) await dropDatabase(url).catch(() => undefined);
  await ensureDatabase(url);
  const admin = createSql(url, { max: 2, applicationName: 'sen-bench-prepare' });
  await migrate(admin);
  await seedAreas(admin);
  await seedIndicators(admin);
  await seedPopulation(admin);
  await admin.end({ timeout: 5 });
  process.env.DATABASE_URL = url;
  const rt = await cliRuntime(loadConfig(), { poolMax: options.poolMax ?? 12 });
  return {
    ...rt,
    url,
    async drop() {
      await rt.close();
      await dropDatabase(url);
    },
  };
}

export function provinceOptions(
  rt: CliRuntime,
  o: { seed: number; children: number; days: number; start: string },
): SimOptions {
  const context = decideContext();
  return {
    ...o,
    start: new Date(o.start).toISOString(),
    areas: simAreas(rt.areas, o.start, context.policy.utcOffsetMinutes),
    context,
  };
}

export async function loadProvince(rt: CliRuntime, sim: SimOptions, b: BulkOptions): Promise<SimulationSummary> {
  const summary = await bulkLoad(new CaseRepository(rt.store, rt.pii), rt.keys, sim, b);
  await analyzeEventStore(rt);
  return summary;
}

export const envInt = (name: string, fallback: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer (got ${JSON.stringify(raw)})`);
  return n;
};

/** The machine is shared: a figure means little without the load it was measured under. */
export const loadAverage = (): string =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
