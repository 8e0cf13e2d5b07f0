import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { ChildKeyStore, PiiCodec } from '@sen/case-app';
import type { Sql, TransactionSql } from '@sen/db';
import { type Checkpoint, type EventStore, type RecordedEvent, START, compareCheckpoints } from '@sen/event-store';
import type { Projection, ProjectionContext, ProjectionEvent } from '../projection';
import { CASE_STREAMS, applyToProjection, decodeCaseEvents } from './apply';
import {
  CheckpointMovedError,
  advanceCheckpoint,
  ensureCheckpoints,
  loadCheckpoints,
  type StoredCheckpoint,
} from './checkpoints';
import {
  BEHIND_PARKED,
  MAX_PARKED_STREAMS_PER_BATCH,
  type ParkedEntry,
  describeError,
  isParkable,
  loadParkedStreams,
  parkEvents,
} from './parking';

/** The advisory lock only one active projector holds (DESIGN.md section 1). */
export const PROJECTOR_LOCK = 7_360_002;

export interface RunnerOptions {
  sql: Sql;
  store: EventStore;
  projections: readonly Projection[];
  context: ProjectionContext;
  pii: PiiCodec;
  keys: ChildKeyStore;
  logger: Logger;
  batchSize?: number;
  /** How often a standby tries to take the lock. */
  standbyPollMs?: number;
}

interface Prefetched {
  from: Checkpoint;
  batchSize: number;
  events: Promise<ProjectionEvent[]>;
}

/** A pause cut short by stop() rejects with an AbortError: the loop then sees the aborted signal and ends. */
const stopped = () => undefined;

/**
 * Follows the event store's global order and keeps the projections' tables up to date, each batch's rows and
 * checkpoints in one transaction. Only the holder of PROJECTOR_LOCK projects; others wait as hot standbys.
 */
export class ProjectionRunner {
  private controller = new AbortController();
  private next: Prefetched | null = null;
  private loop: Promise<void> | null = null;
  private active = false;
  readonly names: string[];

  constructor(private readonly o: RunnerOptions) {
    this.names = o.projections.map((p) => p.name);
  }

  get isActive(): boolean {
    return this.active;
  }

  start(): void {
    if (this.loop) return;
    this.controller = new AbortController();
    this.loop = this.run(this.controller.signal);
  }

  async stop(): Promise<void> {
    this.controller.abort();
    await this.loop;
    this.loop = null;
  }

  private async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      let lock: Awaited<ReturnType<Sql['reserve']>> | null = null;
      try {
        lock = await this.o.sql.reserve();
        const [row] = await lock<{ ok: boolean }[]>`select pg_try_advisory_lock(${PROJECTOR_LOCK}) as ok`;
        if (!row?.ok) {
          lock.release();
          lock = null;
          await sleep(this.o.standbyPollMs ?? 1000, undefined, { signal }).catch(stopped);
          continue;
        }
        this.active = true;
        await ensureCheckpoints(this.o.sql, this.names);
        this.o.logger.info({ projections: this.names }, 'projector active: holding the projection lock');
        await this.project(signal, lock);
      } catch (error) {
        // The error's own message may quote a value from an event (a child's name): only its code and origin.
        this.o.logger.warn(
          { err: { ...describeError(error), code: (error as { code?: string }).code } },
          'projector paused after an error',
        );
        await sleep(1000, undefined, { signal }).catch(stopped);
      } finally {
        this.active = false;
        this.next = null; // decoded before this pause: keys may have been destroyed since
        if (lock) {
          await lock`select pg_advisory_unlock(${PROJECTOR_LOCK})`.catch(() => undefined);
          lock.release();
        }
      }
    }
  }

  /** Projects while the lock connection is alive; returns (or throws) when it is not. */
  private async project(signal: AbortSignal, lock: Awaited<ReturnType<Sql['reserve']>>): Promise<void> {
    let pause = 5;
    let lastLockCheck = Date.now();
    while (!signal.aborted) {
      if (Date.now() - lastLockCheck > 2000) {
        await lock`select 1`; // throws if the connection holding the lock is gone
        lastLockCheck = Date.now();
      }
      const applied = await this.step();
      if (applied === 'full') {
        pause = 5;
        continue;
      }
      if (applied === 'some') pause = 5;
      await sleep(pause, undefined, { signal }).catch(stopped);
      pause = Math.min(100, pause * 2);
    }
  }

  /**
   * Steps until every projection has applied every case event committed when this was called. An idle step is
   * not enough: events of a transaction committed behind an older open one (in any database of the server)
   * become readable only when that one ends.
   */
  async catchUp(onProgress?: (applied: number, total: number) => void, timeoutMs = 30 * 60_000): Promise<number> {
    await ensureCheckpoints(this.o.sql, this.names);
    const total = await this.o.store.countAfter(START, Number.MAX_SAFE_INTEGER, { streamPrefix: CASE_STREAMS });
    const until = Date.now() + timeoutMs;
    for (;;) {
      const result = await this.step();
      const applied = Math.min(
        ...[...(await loadCheckpoints(this.o.sql, this.names)).values()].map((c) => c.eventsApplied),
      );
      onProgress?.(applied, total);
      if (result !== 'full' && applied >= total) return applied;
      if (Date.now() > until) throw new Error(`projections reached ${applied} of ${total} events in ${timeoutMs} ms`);
      if (result === 'none') await sleep(20);
    }
  }

  /** One batch: 'full' when more is waiting, 'some' when caught up after applying, 'none' when idle. */
  async step(): Promise<'full' | 'some' | 'none'> {
    const batchSize = this.o.batchSize ?? 500;
    const checkpoints = await loadCheckpoints(this.o.sql, this.names);
    const from = [...checkpoints.values()].reduce<Checkpoint>(
      (min, c) => (compareCheckpoints(c, min) < 0 ? c : min),
      [...checkpoints.values()][0]!,
    );
    const events = await this.read(from, batchSize);
    if (events.length === 0) return 'none';
    // A full batch means more is waiting: read and decode the next batch (from where this one ends) while this one
    // is written, so that Node and PostgreSQL work at the same time. It is used only if the next step starts there.
    this.next = events.length === batchSize ? this.prefetch(events[events.length - 1]!.checkpoint, batchSize) : null;
    try {
      try {
        await this.o.sql.begin((tx) => this.applyBatch(tx, events, checkpoints));
      } catch (error) {
        if (error instanceof CheckpointMovedError || !isParkable(error)) throw error;
        // A projection cannot apply some event of this batch: again, each projection apart, to find and park it
        // (parking.ts) rather than retry this batch forever and stop every projection behind it.
        this.o.logger.warn(
          { err: describeError(error) },
          'batch failed; applying it projection by projection to find the event',
        );
        await this.o.sql.begin((tx) => this.applyBatch(tx, events, checkpoints, true));
      }
    } catch (error) {
      if (error instanceof CheckpointMovedError) {
        this.o.logger.info(
          { projection: error.projection },
          'checkpoint moved (rebuild or another projector); re-reading',
        );
        return 'some';
      }
      throw error;
    }
    return events.length === batchSize ? 'full' : 'some';
  }

  /** The decoded events after `from`: those prefetched by the previous step if it read from there. */
  private async read(from: Checkpoint, batchSize: number): Promise<ProjectionEvent[]> {
    const next = this.next;
    this.next = null;
    if (next && compareCheckpoints(next.from, from) === 0 && next.batchSize === batchSize) return next.events;
    return this.decode(await this.o.store.readAll(from, batchSize, { streamPrefix: CASE_STREAMS }));
  }

  private prefetch(from: Checkpoint, batchSize: number): Prefetched {
    const events = this.o.store.readAll(from, batchSize, { streamPrefix: CASE_STREAMS }).then((r) => this.decode(r));
    events.catch(() => undefined); // an unused one's failure is nobody's; a used one's is the next step's
    return { from, batchSize, events };
  }

  /**
   * Applies a batch to every projection and moves their checkpoints, in the caller's transaction. A case with a
   * parked event in a projection gets its later events parked behind it there (see parking.ts). With `isolate`
   * (after the batch failed as a whole) each projection runs in a savepoint; one that fails is retried event by
   * event, and an event that fails alone with a parkable error is parked, with the later events of its case.
   */
  private async applyBatch(
    tx: TransactionSql,
    events: ProjectionEvent[],
    checkpoints: Map<string, StoredCheckpoint>,
    isolate = false,
  ) {
    const parked = await loadParkedStreams(tx, this.names, [...new Set(events.map((e) => e.caseId))]);
    for (const projection of this.o.projections) {
      const from = checkpoints.get(projection.name)!;
      const mine = events.filter((e) => compareCheckpoints(e.checkpoint, from) > 0);
      if (mine.length === 0) continue;
      const blocked = parked.get(projection.name)!;
      const toPark: ParkedEntry[] = [];
      const behind = (e: ProjectionEvent) => blocked.has(e.caseId) && e.event.type !== 'PersonalDataErased';
      let todo = mine.filter((e) => {
        if (!behind(e)) return true;
        toPark.push({
          event: e,
          error: { code: BEHIND_PARKED, message: 'an earlier event of this case is parked in this projection' },
        });
        return false;
      });
      if (!isolate) await applyToProjection(tx, projection, todo, this.o.context);
      else {
        try {
          await tx.savepoint((sp) => applyToProjection(sp, projection, todo, this.o.context));
        } catch (error) {
          if (!isParkable(error)) throw error;
          todo = await this.applyOneByOne(tx, projection, todo, blocked, toPark);
        }
      }
      await parkEvents(tx, projection.name, toPark);
      for (const { event: e, error } of toPark) {
        if (error.code === BEHIND_PARKED) continue;
        this.o.logger.error(
          { projection: projection.name, caseId: e.caseId, position: e.position, eventType: e.event.type, err: error },
          'event parked: the projection cannot apply it',
        );
      }
      const last = mine[mine.length - 1]!;
      // Parked events count as passed: the checkpoint moves over them (they wait in projection_parked_events).
      await advanceCheckpoint(tx, from, {
        ...last.checkpoint,
        position: last.position,
        recordedAt: last.recordedAt,
        count: mine.length,
      });
    }
  }

  /**
   * Each event alone in a savepoint: the one that fails with a parkable error is parked, and the later events of its
   * case go behind it. Returns the events applied. Too many cases failing at once is the projection's fault (a bug
   * or a bad deploy, not a poison event): the error is thrown and the batch retried, as before parking existed.
   */
  private async applyOneByOne(
    tx: TransactionSql,
    projection: Projection,
    events: ProjectionEvent[],
    blocked: Set<string>,
    toPark: ParkedEntry[],
  ) {
    const applied: ProjectionEvent[] = [];
    let failedStreams = 0;
    for (const e of events) {
      if (blocked.has(e.caseId) && e.event.type !== 'PersonalDataErased') {
        toPark.push({
          event: e,
          error: { code: BEHIND_PARKED, message: 'an earlier event of this case is parked in this projection' },
        });
        continue;
      }
      try {
        await tx.savepoint((sp) => applyToProjection(sp, projection, [e], this.o.context));
        applied.push(e);
      } catch (error) {
        if (!isParkable(error) || ++failedStreams > MAX_PARKED_STREAMS_PER_BATCH) throw error;
        toPark.push({ event: e, error: describeError(error) });
        blocked.add(e.caseId);
      }
    }
    return applied;
  }

  private decode(recorded: RecordedEvent[]): Promise<ProjectionEvent[]> {
    return decodeCaseEvents(recorded, this.o.pii, this.o.keys);
  }
}
