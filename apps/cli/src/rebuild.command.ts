import { SingleBar, Presets } from 'cli-progress';
import { START } from '@sen/event-store';
import {
  PROJECTIONS,
  PROJECTOR_LOCK,
  ProjectionRunner,
  createIndexesAgain,
  dropSecondaryIndexes,
  loadCheckpoints,
  projectionsNamed,
  replayInParallel,
  resetProjections,
  tablesOf,
} from '@sen/read-models';
import type { CliRuntime } from './runtime';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * `sen rebuild <name|all>`: truncates the projections' tables and replays the event log into them. When no
 * projector is running, this process takes the projection lock and replays; when one is, the reset makes it
 * replay, and this process follows its progress. Either way the bar shows events applied over the log.
 *
 * This process replays the bulk of the log with replayInParallel (each projection on a connection of its own, in
 * batches of 5,000) into tables whose secondary indexes it dropped, creates the indexes again, then the runner
 * finishes (the last events, or from where a failure stopped the parallel replay). `baseline` replays with the
 * runner alone, in batches of 1,000, indexes in place, as before (for the benchmark's comparison).
 */
export async function rebuild(
  rt: CliRuntime,
  name: string,
  options: { progress?: boolean; baseline?: boolean } = {},
): Promise<{ events: number; seconds: number }> {
  const projections = projectionsNamed(name);
  const names = projections.map((p) => p.name);
  const total = await rt.store.countAfter(START, Number.MAX_SAFE_INTEGER, { streamPrefix: 'case-' });
  const started = Date.now();
  await resetProjections(rt.sql, projections);

  const bar =
    options.progress === false
      ? null
      : new SingleBar(
          { format: `rebuild ${name} [{bar}] {percentage}% | {value}/{total} events | {eta}s left`, hideCursor: true },
          Presets.shades_classic,
        );
  bar?.start(total, 0);
  const applied = async () =>
    Math.min(...[...(await loadCheckpoints(rt.sql, names)).values()].map((c) => c.eventsApplied));

  const lock = await rt.sql.reserve();
  try {
    const [row] = await lock<{ ok: boolean }[]>`select pg_try_advisory_lock(${PROJECTOR_LOCK}) as ok`;
    if (row?.ok) {
      const runner = new ProjectionRunner({
        sql: rt.sql,
        store: rt.store,
        projections,
        context: { areas: rt.areas },
        pii: rt.pii,
        keys: rt.keys,
        logger: rt.logger,
        batchSize: 1000,
      });
      if (!options.baseline) {
        // Indexes a rebuild that died left dropped, then this one's: the tables are empty, filled from zero.
        await createIndexesAgain(
          rt.sql,
          PROJECTIONS.flatMap((p) => tablesOf(p).map((t) => t.table)),
        );
        const tables = projections.flatMap((p) => tablesOf(p).map((t) => t.table));
        await dropSecondaryIndexes(rt.sql, tables);
        try {
          await replayInParallel({
            sql: rt.sql,
            store: rt.store,
            projections,
            context: { areas: rt.areas },
            pii: rt.pii,
            keys: rt.keys,
            logger: rt.logger,
            onProgress: (done) => bar?.update(done),
          });
        } finally {
          await createIndexesAgain(rt.sql, tables);
        }
      }
      await runner.catchUp((done) => bar?.update(done));
      await lock`select pg_advisory_unlock(${PROJECTOR_LOCK})`;
    } else {
      // A projector is running: it replays; we watch.
      while ((await applied()) < total) {
        bar?.update(await applied());
        await sleep(250);
      }
    }
  } finally {
    lock.release();
  }
  bar?.update(await applied());
  bar?.stop();
  // Every row of these tables is new: the planner needs statistics for the dashboard's and indicators' queries,
  // and index-only scans (the overdue count) need the visibility map that VACUUM sets. Autovacuum would get
  // there, later, or never where it is off. Each table on a connection of its own: they vacuum side by side.
  await Promise.all(projections.flatMap((p) => tablesOf(p).map((t) => rt.sql`vacuum analyze ${rt.sql(t.table)}`)));
  return { events: await applied(), seconds: (Date.now() - started) / 1000 };
}
