/**
 * What a page cursor may hold. A cursor comes back from the client, so it is input like any other: its instant
 * must be one PostgreSQL reads (`Date.parse` accepts years up to +275760, which `::timestamptz` refuses with a
 * 500) and its ids real UUIDs (36 dashes match `[0-9a-f-]{36}` but not `::uuid`).
 */
const CURSOR_INSTANT = /^(\d{4})-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An instant as the API writes it into cursors (`Date.toISOString()`), from 1900 to 9999. */
export function isCursorInstant(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = CURSOR_INSTANT.exec(value);
  if (!m || Number(m[1]) < 1900) return false;
  const t = Date.parse(value);
  // The round trip refuses calendar impossibilities (2026-02-30) that Date.parse would roll over.
  return !Number.isNaN(t) && new Date(t).toISOString() === value;
}

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}
