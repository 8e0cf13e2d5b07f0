import type { Sql } from '@sen/db';
import type { EventStore } from '@sen/event-store';
import { loadCheckpoints } from './checkpoints';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Read-your-writes: wait until a projection has passed a position the client was given by a write. */
export async function waitForPosition(
  sql: Sql,
  store: EventStore,
  projection: string,
  position: number,
  timeoutMs: number,
): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const cp = (await loadCheckpoints(sql, [projection])).get(projection);
    if (cp && cp.lastPosition >= 0 && (await store.hasPassed(cp, position))) return true;
    if (Date.now() >= until) return false;
    await sleep(25);
  }
}

/**
 * Waits until every projection in `names` has passed `position`; returns those that have not within `timeoutMs`
 * (an empty list: all have). A projection without a checkpoint yet counts as behind.
 */
export async function projectionsBehind(
  sql: Sql,
  store: EventStore,
  names: readonly string[],
  position: number,
  timeoutMs: number,
): Promise<string[]> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const checkpoints = await loadCheckpoints(sql, names);
    const behind: string[] = [];
    for (const name of names) {
      const cp = checkpoints.get(name);
      if (!(cp && cp.lastPosition >= 0 && (await store.hasPassed(cp, position)))) behind.push(name);
    }
    if (behind.length === 0 || Date.now() >= until) return behind;
    await sleep(25);
  }
}

export interface ProjectionLag {
  projection: string;
  position: number;
  head: number;
  lagEvents: number;
  lagSeconds: number;
}

/** Where each projection stands against the head of the store (for /metrics and the admin page). */
export async function projectionLag(
  sql: Sql,
  store: EventStore,
  names: readonly string[],
  now = new Date(),
): Promise<ProjectionLag[]> {
  const checkpoints = await loadCheckpoints(sql, names);
  const head = await store.headPosition();
  const out: ProjectionLag[] = [];
  for (const name of names) {
    const cp = checkpoints.get(name);
    if (!cp) continue;
    const lagEvents = await store.countAfter(cp, 1_000_000, { streamPrefix: 'case-' });
    const [next] = lagEvents > 0 ? await store.readAll(cp, 1, { streamPrefix: 'case-' }) : [];
    out.push({
      projection: name,
      position: cp.lastPosition,
      head,
      lagEvents,
      lagSeconds: next ? Math.max(0, (now.getTime() - next.recordedAt.getTime()) / 1000) : 0,
    });
  }
  return out;
}
