// Projection throughput and lag. A fresh database gets BENCH_EVENTS events (default 1,000,000) of the simulated
// province in bulk; `sen rebuild all`'s own code replays them into every read model (events/s); then the real
// ProjectionRunner runs while a steady BENCH_RATE events/s (default 300) are appended for BENCH_SECONDS (60), and
// each append's lag is the time from its commit to the moment every projection's checkpoint has passed it.
// BENCH_REBUILD (default `baseline,parallel`) lists the rebuilds to run, in order: `baseline` is `sen rebuild all
// --baseline` (the runner alone), `parallel` is `sen rebuild all`.
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { CaseRepository } from '@sen/case-app';
import { type Checkpoint, compareCheckpoints } from '@sen/event-store';
import { PROJECTIONS, ProjectionRunner, loadCheckpoints } from '@sen/read-models';
import { rebuild } from '../apps/cli/src/rebuild.command';
import { childCases, decideScript, eventIdsOf } from '@sen/simulation';
import { envInt, loadAverage, loadProvince, openDatabase, provinceOptions } from './lib/province';
import { cpuMeter } from './lib/cpu';
import { percentile, printTable, writeResult } from './lib/report';

const EVENTS = envInt('BENCH_EVENTS', 1_000_000);
const RATE = envInt('BENCH_RATE', 300);
const SECONDS = envInt('BENCH_SECONDS', 60);
const POLL_MS = 2;
const REBUILD = (process.env.BENCH_REBUILD ?? 'baseline,parallel').split(',').map((x) => x.trim());
if (REBUILD.some((x) => x !== 'baseline' && x !== 'parallel'))
  throw new Error('BENCH_REBUILD: a list of baseline and parallel');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main() {
  const progress = process.stdout.isTTY === true;
  const rt = await openDatabase(`sen_bench_projection_${randomBytes(3).toString('hex')}`, { fresh: true });
  try {
    const load0 = loadAverage();
    const sim = provinceOptions(rt, {
      seed: 2030,
      children: 10_000_000,
      days: 365,
      start: '2025-07-01T00:00:00+07:00',
    });
    const loaded = await loadProvince(rt, sim, { events: EVENTS, concurrency: 8, progress });
    console.log(
      `loaded ${loaded.events} events (${loaded.cases} cases) in ${loaded.seconds.toFixed(1)} s: ${Math.round(loaded.events / loaded.seconds)} events/s (load ${load0} -> ${loadAverage()})`,
    );

    // 1. Rebuild: the same code as `npm run sen -- rebuild all`, in the order BENCH_REBUILD asks: `parallel` (the
    // command's path: replayInParallel, then the runner) and `baseline` (`sen rebuild all --baseline`: the runner
    // alone, batches of 1,000, the path before). Both replay the same events on the same database; the outbox (which
    // a rebuild does not truncate) is emptied before each, so that each inserts its rows as the first rebuild does.
    // The CPU seconds of this process and of the database's backends are measured too: on a shared machine they
    // move less with the load than the wall-clock rate.
    const rebuilds: {
      path: string;
      events: number;
      seconds: number;
      eventsPerSecond: number;
      cpuSeconds: { node: number; postgres: number };
      loadAverage: string[];
    }[] = [];
    for (const path of REBUILD) {
      await rt.sql`truncate outbox`;
      const before = loadAverage();
      const meter = cpuMeter(rt.url.slice(rt.url.lastIndexOf('/') + 1));
      const r = await rebuild(rt, 'all', { progress, baseline: path === 'baseline' });
      const cpu = meter.stop();
      rebuilds.push({
        path,
        events: r.events,
        seconds: r.seconds,
        eventsPerSecond: r.events / r.seconds,
        cpuSeconds: cpu,
        loadAverage: [before, loadAverage()],
      });
      console.log(
        `rebuilt all (${path}): ${r.events} events in ${r.seconds.toFixed(1)} s = ${Math.round(r.events / r.seconds)} events/s; CPU s: Node ${cpu.node.toFixed(1)}, PostgreSQL ${cpu.postgres.toFixed(1)} (load ${before} -> ${loadAverage()})`,
      );
    }
    const best = (path: string) =>
      Math.max(0, ...rebuilds.filter((r) => r.path === path).map((r) => r.eventsPerSecond));
    const rebuildRate = best('parallel') || best('baseline');

    // 2. Lag under a steady write rate, with the projector's runner (PROJECTIONS, default batch size) running.
    const runner = new ProjectionRunner({
      sql: rt.sql,
      store: rt.store,
      projections: PROJECTIONS,
      context: { areas: rt.areas },
      pii: rt.pii,
      keys: rt.keys,
      logger: rt.logger,
    });
    runner.start();
    const repository = new CaseRepository(rt.store, rt.pii);
    const names = PROJECTIONS.map((p) => p.name);
    const pending = new Map<number, number>(); // position -> commit time
    const lags: number[] = [];
    let appended = 0;
    let appends = 0;
    let writing = true;

    // New children of the same province, after those loaded: each case's events in appends of 1 to 3.
    const chunks: {
      caseId: string;
      childId: string;
      events: ReturnType<typeof decideScript>;
      ids: string[];
      version: number;
    }[] = [];
    let child = loaded.children;
    const nextChunk = () => {
      while (chunks.length < 50) {
        for (const s of childCases(sim, child++)) {
          const events = decideScript(s, sim.context);
          const ids = eventIdsOf(sim.seed, s.caseId, events.length);
          let version = 0;
          for (let i = 0; i < events.length;) {
            const n = Math.min(1 + (i % 3), events.length - i);
            chunks.push({
              caseId: s.caseId,
              childId: s.childId,
              events: events.slice(i, i + n),
              ids: ids.slice(i, i + n),
              version,
            });
            version += n;
            i += n;
          }
        }
      }
      return chunks.shift()!;
    };
    const chains = new Map<string, Promise<void>>();
    const writer = (async () => {
      const started = performance.now();
      let inFlight = 0;
      while (performance.now() - started < SECONDS * 1000) {
        const due = Math.floor(((performance.now() - started) / 1000) * RATE);
        while (appended < due && inFlight < 8) {
          const c = nextChunk();
          appended += c.events.length;
          inFlight++;
          const previous = chains.get(c.caseId) ?? Promise.resolve();
          const p = previous.then(async () => {
            if (c.version === 0) await rt.keys.ensureKeys([c.childId]);
            const r = await repository.append(c.caseId, c.events, c.version, c.ids);
            pending.set(r.position, performance.now());
            appends++;
          });
          chains.set(
            c.caseId,
            p.finally(() => inFlight--),
          );
        }
        await sleep(1);
      }
      await Promise.all(chains.values());
      writing = false;
    })();

    const watcher = (async () => {
      const deadline = () => !writing && pending.size === 0;
      const until = performance.now() + (SECONDS + 30) * 1000;
      while (!deadline() && performance.now() < until) {
        if (pending.size > 0) {
          const cps = [...(await loadCheckpoints(rt.sql, names)).values()];
          const min = cps.reduce<Checkpoint>((m, c) => (compareCheckpoints(c, m) < 0 ? c : m), cps[0]!);
          const seen = performance.now();
          const positions = [...pending.keys()];
          const passed = await rt.sql<{ p: number }[]>`
            select global_position as p from events
             where global_position = any(${positions}::bigint[])
               and (transaction_id, global_position) <= (${String(Math.max(min.commit, 0))}::xid8, ${min.prepare}::bigint)`;
          for (const { p } of passed) {
            lags.push(seen - pending.get(p)!);
            pending.delete(p);
          }
        }
        await sleep(POLL_MS);
      }
    })();
    const loadBeforeLag = loadAverage();
    await writer;
    await watcher;
    await runner.stop();
    const loadAfterLag = loadAverage();
    const rate = appended / SECONDS;
    console.log(
      `appended ${appended} events in ${appends} appends over ${SECONDS} s (${rate.toFixed(0)} events/s); ${lags.length} lags measured, ${pending.size} not passed (load ${loadBeforeLag} -> ${loadAfterLag})`,
    );

    const rows = [
      {
        figure: 'bulk load (event store port)',
        value: Math.round(loaded.events / loaded.seconds),
        unit: 'events/s',
        target: '–',
        met: '–',
      },
      ...rebuilds.map((r, i) => ({
        figure: `rebuild all #${i + 1}, ${r.path === 'baseline' ? 'sen rebuild --baseline' : 'sen rebuild'}`,
        value: Math.round(r.eventsPerSecond),
        unit: 'events/s',
        target: '>= 20000',
        met: r.eventsPerSecond >= 20_000 ? 'yes' : 'no',
      })),
      ...(best('baseline') && best('parallel')
        ? [
            {
              figure: 'rebuild parallel / baseline (best of each)',
              value: Number((best('parallel') / best('baseline')).toFixed(2)),
              unit: '×',
              target: '–',
              met: '–',
            },
          ]
        : []),
      { figure: `lag p50 at ${RATE} ev/s`, value: percentile(lags, 50), unit: 'ms', target: '–', met: '–' },
      { figure: `lag p95 at ${RATE} ev/s`, value: percentile(lags, 95), unit: 'ms', target: '–', met: '–' },
      {
        figure: `lag p99 at ${RATE} ev/s`,
        value: percentile(lags, 99),
        unit: 'ms',
        target: '< 250',
        met: (percentile(lags, 99) ?? Infinity) < 250 ? 'yes' : 'no',
      },
      { figure: 'lag max', value: lags.length ? Math.max(...lags) : null, unit: 'ms', target: '–', met: '–' },
    ];
    printTable(`projection (${loaded.events} events, ${loaded.cases} cases)`, rows);
    const file = writeResult('projection', {
      config: {
        events: EVENTS,
        rate: RATE,
        seconds: SECONDS,
        pollMs: POLL_MS,
        rebuilds: REBUILD,
        batchSizeRebuild: { baseline: 1000, parallel: 5000 },
        batchSizeRunner: 'default (500)',
      },
      load: {
        events: loaded.events,
        cases: loaded.cases,
        seconds: loaded.seconds,
        eventsPerSecond: loaded.events / loaded.seconds,
        loadAverage: [load0, loadAverage()],
      },
      rebuild: { eventsPerSecond: rebuildRate, runs: rebuilds },
      lag: {
        appendedEvents: appended,
        appends,
        eventsPerSecond: rate,
        measured: lags.length,
        notPassed: pending.size,
        p50: percentile(lags, 50),
        p95: percentile(lags, 95),
        p99: percentile(lags, 99),
        max: lags.length ? Math.max(...lags) : null,
        loadAverage: [loadBeforeLag, loadAfterLag],
      },
      rows,
    });
    console.log(`written ${file}`);
  } finally {
    if (process.env.BENCH_KEEP === '1') await rt.close();
    else await rt.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
