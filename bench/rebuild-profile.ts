// Where a rebuild's time goes (issue 20, point 10): replays the log as `sen rebuild all` does (batches of 1,000,
// one transaction a batch) and times each phase apart: read and decode, each projection's row loads, evolve,
// row writes per table, roll-ups, checkpoint. PROFILE_DB (a database kept between runs) gets PROFILE_EVENTS events of
// the simulated province once. Not part of `npm run bench`: `node dist/bench/rebuild-profile.js`.
import { performance } from 'node:perf_hooks';
import { START } from '@sen/event-store';
import {
  PROJECTIONS,
  type CaseRows,
  type ProjectionEvent,
  decodeCaseEvents,
  isBatchProjection,
  loadCaseRows,
  resetProjections,
  saveCaseRows,
  saveRollups,
  secondaryIndexes,
  tableDigest,
  tablesOf,
} from '@sen/read-models';
import { rebuild } from '../apps/cli/src/rebuild.command';
import { cpuMeter } from './lib/cpu';
import { envInt, loadProvince, openDatabase, provinceOptions } from './lib/province';

const EVENTS = envInt('PROFILE_EVENTS', 200_000);
const DB = process.env.PROFILE_DB ?? 'sen_profile_rebuild';
const BATCH = envInt('PROFILE_BATCH', 1000);

async function main() {
  const reuse = process.env.PROFILE_REUSE === '1';
  const rt = await openDatabase(DB, { fresh: !reuse });
  if (!reuse) {
    const sim = provinceOptions(rt, {
      seed: 2030,
      children: 10_000_000,
      days: 365,
      start: '2025-07-01T00:00:00+07:00',
    });
    const loaded = await loadProvince(rt, sim, { events: EVENTS, concurrency: 8, progress: false });
    console.log(`loaded ${loaded.events} events`);
  }
  if (process.env.PROFILE_COMPARE) {
    // `sen rebuild all` by each path named, in order (e.g. baseline,parallel): events/s and every table's digest.
    let first: string | null = null;
    for (const path of process.env.PROFILE_COMPARE.split(',')) {
      await rt.sql`truncate outbox`;
      const meter = cpuMeter(DB);
      const r = await rebuild(rt, 'all', { progress: false, baseline: path === 'baseline' });
      const cpu = meter.stop();
      const digests: Record<string, string> = {};
      for (const p of PROJECTIONS)
        for (const x of tablesOf(p)) digests[x.table] = JSON.stringify(await tableDigest(rt.sql, x.table, x.key));
      // The outbox's id and created_at differ from one replay to the next: its content, in the order of its ids.
      const [o] = await rt.sql<{ n: number; md5: string }[]>`
        select count(*)::int as n, md5(string_agg(concat_ws('|', dedupe_key, queue, job_name, payload::text, run_at::text), E'\n' order by id)) as md5 from outbox`;
      digests.outbox = JSON.stringify(o);
      const d = JSON.stringify(digests);
      first ??= d;
      console.log(
        `${path}: ${r.events} events in ${r.seconds.toFixed(1)} s = ${Math.round(r.events / r.seconds)} events/s, CPU s: Node ${cpu.node.toFixed(1)} + PostgreSQL ${cpu.postgres.toFixed(1)} = ${Math.round(r.events / (cpu.node + cpu.postgres))} events per CPU-second, tables ${d === first ? 'equal to the first' : 'DIFFERENT: ' + d}`,
      );
    }
    await rt.close();
    return;
  }
  await resetProjections(rt.sql, PROJECTIONS);
  const t: Record<string, number> = {};
  const time = async <T>(k: string, f: () => Promise<T> | T): Promise<T> => {
    const s = performance.now();
    try {
      return await f();
    } finally {
      t[k] = (t[k] ?? 0) + performance.now() - s;
    }
  };
  const dropped =
    process.env.PROFILE_NO_INDEXES === '1'
      ? await secondaryIndexes(
          rt.sql,
          PROJECTIONS.flatMap((p) => tablesOf(p).map((x) => x.table)),
        )
      : [];
  for (const i of dropped) await rt.sql`drop index ${rt.sql(i.name)}`;
  if (dropped.length) console.log(`dropped ${dropped.length} indexes: ${dropped.map((i) => i.name).join(', ')}`);
  let from = START;
  let n = 0;
  const started = performance.now();
  for (;;) {
    const recorded = await time('read', () => rt.store.readAll(from, BATCH, { streamPrefix: 'case-' }));
    if (recorded.length === 0) break;
    const events = await time('decode', () => decodeCaseEvents(recorded, rt.pii, rt.keys));
    await rt.sql.begin(async (tx) => {
      for (const p of PROJECTIONS) {
        if (isBatchProjection(p)) {
          await time(`${p.name}.applyBatch`, () => p.applyBatch(tx, events, { areas: rt.areas }));
          continue;
        }
        const ids = [...new Set(events.map((e) => e.caseId))];
        const opened = new Set(events.filter((e) => e.version === 1).map((e) => e.caseId));
        const before = await time(`${p.name}.load`, () =>
          loadCaseRows(
            tx,
            p.tables,
            ids.filter((id) => !opened.has(id)),
          ),
        );
        for (const id of opened) before.set(id, Object.fromEntries(p.tables.map((x) => [x.table, []])));
        const after = new Map<string, CaseRows>(before);
        await time(`${p.name}.evolve`, () => {
          for (const e of events as ProjectionEvent[])
            after.set(e.caseId, p.evolve(after.get(e.caseId)!, e, { areas: rt.areas }));
        });
        for (const table of p.tables)
          await time(`${p.name}.write ${table.table}`, () => saveCaseRows(tx, [table], before, after));
        if (p.rollups)
          for (const r of p.rollups)
            await time(`${p.name}.rollup ${r.table}`, () => saveRollups(tx, [r], before, after));
      }
      await time(
        'checkpoint',
        () =>
          tx`update projection_checkpoints set events_applied = events_applied + ${events.length} where name = any(${PROJECTIONS.map((p) => p.name)})`,
      );
    });
    const last = recorded[recorded.length - 1]!;
    from = last.checkpoint;
    n += recorded.length;
  }
  const total = performance.now() - started;
  const idx = performance.now();
  await Promise.all(dropped.map((i) => rt.sql.unsafe(i.definition)));
  if (dropped.length) t['create indexes'] = performance.now() - idx;
  const vac = performance.now();
  await Promise.all(PROJECTIONS.flatMap((p) => tablesOf(p).map((x) => rt.sql`vacuum analyze ${rt.sql(x.table)}`)));
  t['vacuum analyze'] = performance.now() - vac;
  console.log(
    `${n} events in ${(total / 1000).toFixed(1)} s = ${Math.round(n / (total / 1000))} events/s (batches of ${BATCH}, one after another)`,
  );
  for (const [k, v] of Object.entries(t).sort((a, b) => b[1] - a[1]))
    console.log(
      `${k.padEnd(48)} ${(v / 1000).toFixed(2).padStart(7)} s ${((100 * v) / total).toFixed(1).padStart(5)} %`,
    );
  await rt.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
