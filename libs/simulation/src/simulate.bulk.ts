// `sen simulate --bulk`: millions of events for scale runs. The same generated province, but each case's
// commands are folded through the pure decider here (so every event is one the domain would have produced) and
// the case's events go to the event store port in one append, many cases at once.
import { Presets, SingleBar } from 'cli-progress';
import type { CaseRepository, ChildKeyStore } from '@sen/case-app';
import type { Sql } from '@sen/db';
import type { EventStore } from '@sen/event-store';
import { type CaseEvent, type CaseState, type DecideContext, decide, evolve, initialState } from '@sen/case-domain';
import { type CaseScript, type SimOptions, childCases } from './simulate.generator';
import { randomFor } from './simulate.random';
import { type SimulationSummary, countEvents, countScript, emptySummary } from './simulate.command';

/** The events a case's commands produce, decided one after the other. A refusal is a generator bug: it throws. */
export function decideScript(script: CaseScript, ctx: DecideContext): CaseEvent[] {
  let state: CaseState = initialState();
  const events: CaseEvent[] = [];
  for (const step of script.steps) {
    const produced = decide(step.command, state, ctx);
    for (const e of produced) {
      state = evolve(state, e);
      events.push(e);
    }
  }
  return events;
}

/** Event ids derived from the seed and the case, so that a bulk run is the same run every time. */
export function eventIdsOf(seed: number, caseId: string, count: number): string[] {
  const r = randomFor(seed, 'events', caseId);
  return Array.from({ length: count }, () => r.uuid());
}

export interface BulkOptions {
  /** Stop once this many cases are written (at a child's boundary); default: all the children's cases. */
  cases?: number;
  /** Or once this many events are written (at a case's boundary). */
  events?: number;
  /** Appends in flight at once. */
  concurrency?: number;
  /** Children per key batch and per worker turn. */
  chunk?: number;
  progress?: boolean;
  onProgress?: (summary: SimulationSummary) => void;
}

export async function bulkLoad(
  repository: CaseRepository,
  keys: ChildKeyStore,
  o: SimOptions,
  b: BulkOptions = {},
): Promise<SimulationSummary> {
  const started = Date.now();
  const summary = emptySummary(0);
  const target = b.cases ?? Number.POSITIVE_INFINITY;
  const eventTarget = b.events ?? Number.POSITIVE_INFINITY;
  const done = () => summary.cases >= target || summary.events >= eventTarget;
  const chunk = b.chunk ?? 25;
  let nextChild = 0;
  const bar = b.progress
    ? new SingleBar(
        {
          format:
            'simulate --bulk [{bar}] {percentage}% | {value}/{total} cases | {events} events | {rate} ev/s | {eta}s left',
          hideCursor: true,
        },
        Presets.shades_classic,
      )
    : null;
  bar?.start(Number.isFinite(target) ? target : Number.isFinite(eventTarget) ? eventTarget : o.children, 0, {
    events: 0,
    rate: 0,
  });
  const worker = async () => {
    while (nextChild < o.children && !done()) {
      const from = nextChild;
      nextChild = Math.min(o.children, nextChild + chunk);
      const scripts: CaseScript[] = [];
      for (let i = from; i < nextChild; i++) scripts.push(...childCases(o, i));
      summary.children += nextChild - from;
      await keys.ensureKeys(scripts.map((s) => s.childId));
      for (const script of scripts) {
        if (done()) break;
        const events = decideScript(script, o.context);
        countScript(summary, script);
        await repository.append(script.caseId, events, 0, eventIdsOf(o.seed, script.caseId, events.length));
        countEvents(
          summary,
          events.map((e) => e.type),
        );
      }
      const seconds = (Date.now() - started) / 1000;
      bar?.update(
        Number.isFinite(target) ? summary.cases : Number.isFinite(eventTarget) ? summary.events : summary.children,
        { events: summary.events, rate: Math.round(summary.events / seconds) },
      );
      b.onProgress?.(summary);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, b.concurrency ?? 8) }, worker));
  bar?.stop();
  summary.seconds = (Date.now() - started) / 1000;
  return summary;
}

/**
 * Fresh statistics after a bulk load. Without them (autovacuum off, or not yet run) the planner takes the
 * events table for nearly empty, and the projector's read of the global order turns into a scan and a sort of
 * every event after the checkpoint, for every batch: a rebuild then slows down as the store grows.
 */
export async function analyzeEventStore(rt: { sql: Sql; store: EventStore }): Promise<void> {
  if (rt.store.kind !== 'postgres') return;
  await rt.sql`analyze events`;
  await rt.sql`analyze streams`;
  await rt.sql`analyze child_keys`;
}
