import type { ChildKeyStore, PiiCodec } from '@sen/case-app';
import { toCaseEvent } from '@sen/case-app';
import type { TransactionSql } from '@sen/db';
import type { RecordedEvent } from '@sen/event-store';
import {
  type CaseRows,
  type Projection,
  type ProjectionContext,
  type ProjectionEvent,
  isBatchProjection,
} from '../projection';
import { loadCaseRows, saveCaseRows, saveRollups } from './row-store';

export const CASE_STREAMS = 'case-';

/**
 * Applies events (in the global order) to one projection's tables in the caller's transaction; the checkpoint is
 * the caller's. Used by the runner for a batch and by the replay of parked events.
 */
export async function applyToProjection(
  tx: TransactionSql,
  projection: Projection,
  events: ProjectionEvent[],
  context: ProjectionContext,
): Promise<void> {
  if (events.length === 0) return;
  if (isBatchProjection(projection)) {
    await projection.applyBatch(tx, events, context);
    return;
  }
  const caseIds = [...new Set(events.map((e) => e.caseId))];
  // A case whose CaseOpened (version 1) is in this batch has no rows yet: rows and checkpoints move in one
  // transaction. Loading only the others saves most reads of a rebuild, where a case's events sit together.
  const opened = new Set(events.filter((e) => e.version === 1).map((e) => e.caseId));
  const before = await loadCaseRows(
    tx,
    projection.tables,
    caseIds.filter((id) => !opened.has(id)),
  );
  for (const id of opened) before.set(id, Object.fromEntries(projection.tables.map((t) => [t.table, []])));
  const after = new Map<string, CaseRows>();
  for (const [id, rows] of before) after.set(id, rows);
  for (const e of events) after.set(e.caseId, projection.evolve(after.get(e.caseId)!, e, context));
  await saveCaseRows(tx, projection.tables, before, after);
  if (projection.rollups) await saveRollups(tx, projection.rollups, before, after);
}

/** Decodes recorded case events for the projections; only CaseOpened is decrypted (the name and summary the case list searches). */
export async function decodeCaseEvents(
  recorded: RecordedEvent[],
  pii: PiiCodec,
  keys: ChildKeyStore,
): Promise<ProjectionEvent[]> {
  const events = recorded.map((r) => ({ r, event: toCaseEvent(r) }));
  const opened = events.filter((e) => e.event.type === 'CaseOpened');
  await keys.prefetch(opened.map((e) => e.event.metadata.childId).filter((x): x is string => !!x));
  return Promise.all(
    events.map(async ({ r, event }) => ({
      event: event.type === 'CaseOpened' ? await pii.decrypt(event) : event,
      caseId: r.streamId.slice(CASE_STREAMS.length),
      eventId: r.eventId,
      version: r.revision + 1,
      position: r.position,
      recordedAt: r.recordedAt.toISOString(),
      checkpoint: r.checkpoint,
    })),
  );
}
