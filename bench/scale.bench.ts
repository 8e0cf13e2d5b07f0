// The supervisor's and analyst's queries on a big store. SCALE_CASES cases (default 1,000,000; about 12 events
// each) of the simulated province are loaded in bulk into SCALE_DB (default sen_bench_scale) and projected with
// `sen rebuild all`'s code; then the queries behind GET /indicators, /indicators/9|12|13, /dashboard/response-times
// and /dashboard/overdue (the same functions the controllers call) run SCALE_RUNS times each (default 50).
// SCALE_REUSE=1 keeps a database loaded before (whatever its size) and only catches its projections up.
import { performance } from 'node:perf_hooks';
import { localDate } from '@sen/case-domain';
import {
  PROJECTIONS,
  ProjectionRunner,
  childAreasOf,
  indicator12,
  indicator13,
  indicator9,
  indicatorCatalogue,
  indicatorTable,
  overdueDeadlines,
  tablesOf,
  timelinessFromCases,
  timelinessSets,
  withRate,
  type TimelinessDimension,
} from '@sen/read-models';
import { rebuild } from '../apps/cli/src/rebuild.command';
import { envInt, loadAverage, loadProvince, openDatabase, provinceOptions } from './lib/province';
import { percentile, printTable, writeResult } from './lib/report';

const CASES = envInt('SCALE_CASES', 1_000_000);
const RUNS = envInt('SCALE_RUNS', 50);
const DB = process.env.SCALE_DB ?? 'sen_bench_scale';
const REUSE = process.env.SCALE_REUSE === '1';
const BASELINE = process.env.SCALE_BASELINE === '1';
/** SCALE_ONLY=overdue,response: run only the queries whose name holds one of these (SCALE_BASELINE's pairs too). */
const ONLY = (process.env.SCALE_ONLY ?? '').split(',').filter((s) => s !== '');
const PROVINCE = '82';

async function main() {
  const progress = process.stdout.isTTY === true;
  const rt = await openDatabase(DB, { fresh: !REUSE });
  try {
    const [{ n: existing }] = await rt.sql<{ n: number }[]>`select count(*)::bigint as n from streams`;
    let load: Record<string, unknown> = { reused: true };
    if (!REUSE || existing === 0) {
      const sim = provinceOptions(rt, {
        seed: 2030,
        children: 10_000_000,
        days: 365,
        start: '2025-07-01T00:00:00+07:00',
      });
      const l0 = loadAverage();
      const loaded = await loadProvince(rt, sim, { cases: CASES, concurrency: 8, progress });
      console.log(
        `loaded ${loaded.cases} cases, ${loaded.events} events in ${loaded.seconds.toFixed(1)} s (${Math.round(loaded.events / loaded.seconds)} events/s; load ${l0} -> ${loadAverage()})`,
      );
      const r0 = loadAverage();
      const rebuilt = await rebuild(rt, 'all', { progress });
      console.log(
        `projected ${rebuilt.events} events in ${rebuilt.seconds.toFixed(1)} s (${Math.round(rebuilt.events / rebuilt.seconds)} events/s; load ${r0} -> ${loadAverage()})`,
      );
      load = {
        reused: false,
        cases: loaded.cases,
        events: loaded.events,
        loadSeconds: loaded.seconds,
        rebuildSeconds: rebuilt.seconds,
        rebuildEventsPerSecond: rebuilt.events / rebuilt.seconds,
      };
    } else {
      const runner = new ProjectionRunner({
        sql: rt.sql,
        store: rt.store,
        projections: PROJECTIONS,
        context: { areas: rt.areas },
        pii: rt.pii,
        keys: rt.keys,
        logger: rt.logger,
        batchSize: 1000,
      });
      await runner.catchUp();
      for (const t of PROJECTIONS.flatMap((p) => tablesOf(p).map((x) => x.table)))
        await rt.sql`vacuum analyze ${rt.sql(t)}`;
    }
    const [size] = await rt.sql<{ cases: number; events: number; referrals: number; deadlines: number }[]>`
      select (select count(*) from rm_cases)::bigint as cases, (select count(*) from events)::bigint as events,
             (select count(*) from rm_referrals)::bigint as referrals, (select count(*) from rm_deadlines)::bigint as deadlines`;
    console.log(
      `store: ${size!.cases} cases, ${size!.events} events, ${size!.referrals} referrals, ${size!.deadlines} deadlines`,
    );

    const sql = rt.sql;
    const deps = { sql, areas: rt.areas };
    const now = new Date();
    const year = Number(localDate(now.toISOString(), 420).slice(0, 4));
    const w = { year, areaCode: PROVINCE };
    const commune = rt.areas.treeOn(localDate(now.toISOString(), 420)).find((a) => a.level === 'commune')!.code;
    const scope = [PROVINCE];
    const filter = { year, areaCode: PROVINCE, now, childAreas: childAreasOf(rt.areas, PROVINCE) };
    const queries: [string, () => Promise<unknown>][] = [
      ['GET /indicators', async () => indicatorTable(deps, w, now, { indicators: await indicatorCatalogue(sql) })],
      [
        'GET /indicators/9',
        async () =>
          indicator9(
            deps,
            (await indicatorCatalogue(sql)).find((i) => i.number === 9)!,
            w,
          ),
      ],
      [
        'GET /indicators/12',
        async () =>
          indicator12(
            deps,
            (await indicatorCatalogue(sql)).find((i) => i.number === 12)!,
            w,
            now,
          ),
      ],
      [
        `GET /indicators/12?areaCode=${commune}`,
        async () =>
          indicator12(
            deps,
            (await indicatorCatalogue(sql)).find((i) => i.number === 12)!,
            { year, areaCode: commune },
            now,
          ),
      ],
      [
        'GET /indicators/13',
        async () =>
          indicator13(
            deps,
            (await indicatorCatalogue(sql)).find((i) => i.number === 13)!,
            w,
          ),
      ],
      [
        'GET /dashboard/response-times',
        async () => {
          // As DashboardController.responseTimes does.
          const [[totals], groups] = await timelinessSets(sql, filter, [[], ['area']]);
          return [withRate(totals!), groups!.map(withRate)];
        },
      ],
      [
        'GET /dashboard/response-times?groupBy=category,agency',
        async () => timelinessSets(sql, filter, [[], ['category', 'agency']]),
      ],
      ['GET /dashboard/overdue', async () => overdueDeadlines(sql, { scopeAreas: scope, now, limit: 50 })],
    ];
    if (process.env.SCALE_COMPARE === '1') {
      // Before the roll-up: the same figures from every case row of the year, with exact percentiles.
      queries.push(
        [
          'before: /indicators/12 from the case rows',
          async () => {
            const out = [];
            for (const g of [[], ['area'], ['category'], ['agency']] as TimelinessDimension[][])
              out.push(await timelinessFromCases(sql, { ...filter, groupBy: g }));
            return out;
          },
        ],
        [
          'before: /dashboard/response-times from the case rows',
          async () => [
            await timelinessFromCases(sql, { ...filter, groupBy: [] }),
            await timelinessFromCases(sql, { ...filter, groupBy: ['area'] }),
          ],
        ],
      );
    }
    // SCALE_BASELINE=1: issue 20 point 11's before and after in the same run. Each query of the point runs in its
    // previous shape (every band row of rm_timeliness to Node; the overdue total counted live) and in its new one
    // (percentiles in SQL; the roll-up of open deadlines per day), the two taking turns run by run so that a change
    // of the machine's load falls on both alike.
    const pairs: [string, (baseline: boolean) => Promise<unknown>][] = BASELINE
      ? [
          [
            'GET /indicators/12',
            async (baseline) =>
              indicator12(
                deps,
                (await indicatorCatalogue(sql)).find((i) => i.number === 12)!,
                w,
                now,
                true,
                { baseline },
              ),
          ],
          [
            'GET /dashboard/response-times',
            async (baseline) => {
              const [[totals], groups] = await timelinessSets(sql, filter, [[], ['area']], { baseline });
              return [withRate(totals!), groups!.map(withRate)];
            },
          ],
          [
            'GET /dashboard/response-times?groupBy=category,agency',
            async (baseline) => timelinessSets(sql, filter, [[], ['category', 'agency']], { baseline }),
          ],
          [
            'GET /dashboard/overdue',
            async (baseline) => overdueDeadlines(sql, { scopeAreas: scope, now, limit: 50 }, { baseline }),
          ],
        ]
      : [];
    const rows = [];
    const row = (name: string, times: number[]) => {
      const p95 = percentile(times, 95)!;
      return {
        query: name,
        runs: times.length,
        p50_ms: percentile(times, 50),
        p95_ms: p95,
        max_ms: Math.max(...times),
        target: '< 50',
        met: p95 < 50 ? 'yes' : 'no',
      };
    };
    const timed = async (run: () => Promise<unknown>, into: number[]) => {
      const t = performance.now();
      await run();
      into.push(performance.now() - t);
    };
    const l0 = loadAverage();
    const selected = (name: string) => ONLY.length === 0 || ONLY.some((o) => name.includes(o));
    for (const [name, run] of queries.filter(([name]) => selected(name))) {
      for (let i = 0; i < 3; i++) await run(); // warm-up: plans and caches
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) await timed(run, times);
      rows.push(row(name, times));
    }
    for (const [name, run] of pairs.filter(([name]) => selected(name))) {
      for (let i = 0; i < 3; i++) {
        await run(true);
        await run(false);
      }
      const before: number[] = [];
      const after: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        // Alternating which goes first, so that neither always runs on the other's warm caches.
        if (i % 2 === 0) {
          await timed(() => run(true), before);
          await timed(() => run(false), after);
        } else {
          await timed(() => run(false), after);
          await timed(() => run(true), before);
        }
      }
      rows.push(row(`baseline: ${name}`, before), row(`new: ${name}`, after));
    }
    const l1 = loadAverage();
    printTable(
      `scale: ${size!.cases} cases, ${size!.events} events (year ${year}, area ${PROVINCE}; load ${l0} -> ${l1})`,
      rows,
    );
    const file = writeResult('scale', {
      config: { cases: CASES, runs: RUNS, database: DB, reuse: REUSE, baseline: BASELINE, year, areaCode: PROVINCE },
      store: size,
      load,
      loadAverage: [l0, l1],
      rows,
    });
    console.log(`written ${file}`);
  } finally {
    await rt.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
