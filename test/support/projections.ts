import { START, type EventStore } from '@sen/event-store';
import { PROJECTIONS, loadCheckpoints, tableDigest, tablesOf } from '@sen/read-models';
import type { TestDatabase } from '@sen/testing';

/** A digest of every read model table, in primary-key order. */
export async function digests(db: TestDatabase) {
  const out: Record<string, { rows: number; md5: string }> = {};
  for (const p of PROJECTIONS) for (const t of tablesOf(p)) out[t.table] = await tableDigest(db.sql, t.table, t.key);
  return out;
}

/** Has every projection applied every case event in the store? */
export async function caughtUp(db: TestDatabase, store: EventStore): Promise<boolean> {
  return (await projectionsBehind(db, store)) === true;
}

/** True when every projection has applied every case event; else which are behind, and by how much (for waitUntil). */
export async function projectionsBehind(db: TestDatabase, store: EventStore): Promise<true | string> {
  const total = await store.countAfter(START, Number.MAX_SAFE_INTEGER, { streamPrefix: 'case-' });
  const cps = await loadCheckpoints(
    db.sql,
    PROJECTIONS.map((p) => p.name),
  );
  const behind = PROJECTIONS.map((p) => [p.name, total - (cps.get(p.name)?.eventsApplied ?? 0)] as const).filter(
    ([, n]) => n !== 0,
  );
  return behind.length === 0 || `of ${total} events, ${behind.map(([name, n]) => `${name} ${n} behind`).join(', ')}`;
}
