import type { Logger } from 'pino';
import type { ChildKeyStore, PiiCodec } from '@sen/case-app';
import type { Sql } from '@sen/db';
import { type Checkpoint, type EventStore, compareCheckpoints } from '@sen/event-store';
import type { Projection, ProjectionContext, ProjectionEvent } from '../projection';
import { CASE_STREAMS, applyToProjection, decodeCaseEvents } from './apply';
import { type StoredCheckpoint, advanceCheckpoint, ensureCheckpoints, loadCheckpoints } from './checkpoints';
import { describeError } from './parking';

export interface ParallelReplayOptions {
  sql: Sql;
  store: EventStore;
  projections: readonly Projection[];
  context: ProjectionContext;
  pii: PiiCodec;
  keys: ChildKeyStore;
  logger: Logger;
  /**
   * Events a projection applies in one transaction (read in one go). Rows and roll-up deltas are netted over the
   * batch: a case written once, a roll-up key upserted once, however many of the runner's batches of 1,000 it spans.
   */
  batchSize?: number;
  /** Batches read and decoded ahead of the slowest projection. */
  readAhead?: number;
  /** The fewest events any projection has applied so far. */
  onProgress?: (applied: number) => void;
}

interface Batch {
  events: ProjectionEvent[];
  /** Where the next batch starts. */
  end: Checkpoint;
}

/**
 * The bulk of a rebuild, faster than the runner's steps (issue 20, point 10): the events are read and decoded once,
 * a few batches ahead, and each projection applies them on a connection and in transactions of its own, so that the
 * projections' writes run side by side in PostgreSQL while Node folds the next batch. Each transaction holds one
 * projection's rows, roll-ups and checkpoint, as the runner's do (a crash leaves every projection at a checkpoint of
 * its own, which the runner resumes from). Needs the projector lock (the caller's) and no parked events in these
 * projections (a rebuild has just cleared them); else it does nothing.
 *
 * Stops at the first short read (what the runner's catchUp then finishes: the events still committing) or at the
 * first error of any projection, which it logs: the runner, replaying from the checkpoints, applies or parks the
 * event as it would have. Returns the fewest events any projection applied.
 */
export async function replayInParallel(o: ParallelReplayOptions): Promise<number> {
  const batchSize = o.batchSize ?? 5000;
  const readAhead = o.readAhead ?? 2;
  const names = o.projections.map((p) => p.name);
  await ensureCheckpoints(o.sql, names);
  const [parked] = await o.sql<{ n: number }[]>`
    select count(*)::int as n from projection_parked_events where projection = any(${names}::text[]) and status = 'parked'`;
  if (parked!.n > 0) return 0;
  const checkpoints = await loadCheckpoints(o.sql, names);
  const start = [...checkpoints.values()].reduce<Checkpoint>(
    (min, c) => (compareCheckpoints(c, min) < 0 ? c : min),
    [...checkpoints.values()][0]!,
  );

  // batches[i] is read after batches[i - 1] ends; each is dropped once every projection has applied it.
  const batches = new Map<number, Promise<Batch>>();
  const done = new Map<string, number>(names.map((n) => [n, 0])); // batches applied, per projection
  let failed = false;
  const read = (i: number): Promise<Batch> => {
    let b = batches.get(i);
    if (!b) {
      const from = i === 0 ? Promise.resolve(start) : read(i - 1).then((p) => p.end);
      b = from.then(async (f) => {
        const recorded = await o.store.readAll(f, batchSize, { streamPrefix: CASE_STREAMS });
        const events = await decodeCaseEvents(recorded, o.pii, o.keys);
        return { events, end: recorded.length > 0 ? recorded[recorded.length - 1]!.checkpoint : f };
      });
      b.catch(() => undefined); // its reader sees the failure
      batches.set(i, b);
    }
    return b;
  };
  const applied = new Map<string, number>(names.map((n) => [n, checkpoints.get(n)!.eventsApplied]));
  const progress = () => o.onProgress?.(Math.min(...applied.values()));

  const worker = async (projection: Projection) => {
    let from: StoredCheckpoint = checkpoints.get(projection.name)!;
    for (let i = 0; !failed; i++) {
      for (let j = i + 1; j <= i + readAhead; j++) void read(j);
      const batch = await read(i);
      const mine = batch.events.filter((e) => compareCheckpoints(e.checkpoint, from) > 0);
      if (mine.length > 0) {
        const last = mine[mine.length - 1]!;
        await o.sql.begin(async (tx) => {
          await applyToProjection(tx, projection, mine, o.context);
          await advanceCheckpoint(tx, from, {
            ...last.checkpoint,
            position: last.position,
            recordedAt: last.recordedAt,
            count: mine.length,
          });
        });
        from = {
          ...from,
          ...last.checkpoint,
          lastPosition: last.position,
          eventsApplied: from.eventsApplied + mine.length,
        };
        applied.set(projection.name, from.eventsApplied);
        progress();
      }
      done.set(projection.name, i + 1);
      const slowest = Math.min(...done.values());
      for (const k of batches.keys()) if (k < slowest) batches.delete(k);
      if (batch.events.length < batchSize) return;
    }
  };

  const results = await Promise.allSettled(
    o.projections.map((p) =>
      worker(p).catch((error: unknown) => {
        failed = true; // the others finish the transaction in hand and stop
        throw error;
      }),
    ),
  );
  for (const [i, r] of results.entries()) {
    if (r.status === 'rejected')
      o.logger.warn(
        { projection: names[i], err: describeError(r.reason) },
        'parallel replay stopped; the runner goes on from the checkpoints',
      );
  }
  return Math.min(...applied.values());
}
