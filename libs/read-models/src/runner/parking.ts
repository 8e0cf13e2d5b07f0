import type { Sql, TransactionSql } from '@sen/db';
import type { ProjectionEvent } from '../projection';

// Parked events (issue 15). An event a projection cannot apply is recorded in projection_parked_events and skipped
// by that projection only, in the transaction that moves its checkpoint (exactly-once holds: the event is either
// applied or parked, never both, never neither). Per-case order: once a stream has a parked event in a projection,
// the later events of that stream are parked behind it there (BEHIND_PARKED) instead of being applied to rows that
// miss the parked one; a replay then applies them all in order. The case is stale in that projection until then;
// every other case and projection goes on. The one exception is PersonalDataErased, applied even behind a parked
// event: an erasure must blank every read model, and a later replay decrypts nothing (the key is gone).

export const BEHIND_PARKED = 'BEHIND_PARKED';

/** More streams than this failing in one batch of one projection is the projection's fault, not the events': no parking. */
export const MAX_PARKED_STREAMS_PER_BATCH = 10;

export interface ParkedError {
  code: string;
  message: string;
}

// SQLSTATE classes that say nothing about the event: connection, rollback (serialization, deadlock), resources,
// lock not available, cancelled (statement timeout, shutdown), system and internal errors. Retried, never parked.
const TRANSIENT_CLASSES = new Set(['08', '40', '53', '54', '55', '57', '58', 'XX', 'F0', 'HV', 'P0']);

/**
 * May this error park an event? Errors thrown by a projection's own code (no `code`) and PostgreSQL errors about
 * the data written (22 data exception, 23 integrity) may: applied alone, the event fails the same way each time.
 * Connection errors (postgres.js codes such as CONNECTION_CLOSED, node's ECONNRESET) and the transient SQLSTATE
 * classes may not: the batch is retried as before, or every event would be parked while the database is down.
 * Schema errors (42: a column missing after a bad deploy) may not either: they fail every event alike.
 */
export function isParkable(error: unknown): boolean {
  if (!(error instanceof Error)) return true;
  const code = (error as { code?: unknown }).code;
  if (code === undefined || code === null) return true;
  const sqlState = sqlStateOf(error);
  if (!sqlState) return false;
  return !TRANSIENT_CLASSES.has(sqlState.slice(0, 2)) && !sqlState.startsWith('42');
}

/** The SQLSTATE of an error PostgreSQL raised (postgres.js's PostgresError), else null (EPIPE is no SQLSTATE). */
function sqlStateOf(error: Error): string | null {
  const code = (error as { code?: unknown }).code;
  return error.name === 'PostgresError' && typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : null;
}

/**
 * What is stored and logged about a failure: never the failing value (a child's name may be in it). PostgreSQL
 * errors give their SQLSTATE and the C routine that raised it (their message may quote the value); errors of a
 * projection's code give their name, their message up to the first quote or JSON, and where they were thrown.
 */
export function describeError(error: unknown): ParkedError {
  if (!(error instanceof Error)) return { code: 'UNKNOWN', message: 'a non-Error value was thrown' };
  const code = sqlStateOf(error);
  if (code) {
    const routine = (error as { routine?: unknown }).routine;
    return { code, message: `PostgreSQL ${code}${typeof routine === 'string' ? ` in ${routine}` : ''}` };
  }
  // Cut at the first quote, brace or bracket: what follows is where a value (JSON of an event) would be quoted.
  const cut = error.message.search(/["'`«“{[]/);
  const masked = (cut >= 0 ? `${error.message.slice(0, cut)}…` : error.message).slice(0, 160);
  const frame = error.stack
    ?.split('\n')
    .find((l) => l.trim().startsWith('at '))
    ?.trim()
    .replace(/\(.*[\\/]/, '(');
  return { code: error.name || 'Error', message: `${error.name}: ${masked}${frame ? ` ${frame}` : ''}` };
}

/** The streams (case ids) with an event parked in each projection, among the given cases. */
export async function loadParkedStreams(
  tx: Sql | TransactionSql,
  projections: readonly string[],
  caseIds: string[],
): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>(projections.map((p) => [p, new Set<string>()]));
  if (caseIds.length === 0) return out;
  const streams = caseIds.map((id) => `case-${id}`);
  const rows = await tx<{ projection: string; stream_id: string }[]>`
    select distinct projection, stream_id from projection_parked_events
     where status = 'parked' and projection = any(${projections as string[]}::text[]) and stream_id = any(${streams}::text[])`;
  for (const r of rows) out.get(r.projection)?.add(r.stream_id.slice('case-'.length));
  return out;
}

export interface ParkedEntry {
  event: ProjectionEvent;
  error: ParkedError;
}

/** Records events a projection skips, in the transaction that moves its checkpoint past them. */
export async function parkEvents(tx: TransactionSql, projection: string, entries: ParkedEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const rows = entries.map(({ event: e, error }) => ({
    projection,
    stream_id: `case-${e.caseId}`,
    stream_revision: e.version - 1,
    global_position: e.position,
    event_id: e.eventId ?? null,
    event_type: e.event.type,
    error_code: error.code,
    error_message: error.message,
  }));
  await tx`
    insert into projection_parked_events (projection, stream_id, stream_revision, global_position, event_id, event_type, error_code, error_message)
    select projection, stream_id, stream_revision, global_position, event_id, event_type, error_code, error_message
      from jsonb_populate_recordset(null::projection_parked_events, ${tx.json(rows as never)})
    on conflict (projection, global_position) do nothing`;
}

/** Parked events per projection (every projection named, 0 when none): the metric and readiness read this. */
export async function countParked(sql: Sql, projections: readonly string[]): Promise<Map<string, number>> {
  const rows = await sql<{ projection: string; n: number }[]>`
    select projection, count(*)::int as n from projection_parked_events where status = 'parked' group by projection`;
  const out = new Map<string, number>(projections.map((p) => [p, 0]));
  for (const r of rows) out.set(r.projection, r.n);
  return out;
}

export interface ParkedEvent {
  id: number;
  projection: string;
  streamId: string;
  caseId: string;
  streamRevision: number;
  position: number;
  eventId: string | null;
  eventType: string;
  errorCode: string;
  errorMessage: string;
  status: 'parked' | 'replayed';
  parkedAt: string;
  attempts: number;
  lastAttemptAt: string | null;
  replayedAt: string | null;
}

interface ParkedRow {
  id: number;
  projection: string;
  stream_id: string;
  stream_revision: number;
  global_position: number;
  event_id: string | null;
  event_type: string;
  error_code: string;
  error_message: string;
  status: 'parked' | 'replayed';
  parked_at: Date;
  attempts: number;
  last_attempt_at: Date | null;
  replayed_at: Date | null;
}

export function toParkedEvent(r: ParkedRow): ParkedEvent {
  return {
    id: Number(r.id),
    projection: r.projection,
    streamId: r.stream_id,
    caseId: r.stream_id.slice('case-'.length),
    streamRevision: Number(r.stream_revision),
    position: Number(r.global_position),
    eventId: r.event_id,
    eventType: r.event_type,
    errorCode: r.error_code,
    errorMessage: r.error_message,
    status: r.status,
    parkedAt: r.parked_at.toISOString(),
    attempts: r.attempts,
    lastAttemptAt: r.last_attempt_at?.toISOString() ?? null,
    replayedAt: r.replayed_at?.toISOString() ?? null,
  };
}

/** Parked events, oldest first; `all` includes those already replayed. */
export async function listParked(sql: Sql, options: { all?: boolean; limit?: number } = {}): Promise<ParkedEvent[]> {
  const rows = await sql<ParkedRow[]>`
    select * from projection_parked_events
     ${options.all ? sql`` : sql`where status = 'parked'`}
     order by id limit ${options.limit ?? 500}`;
  return rows.map(toParkedEvent);
}

export { type ParkedRow };
