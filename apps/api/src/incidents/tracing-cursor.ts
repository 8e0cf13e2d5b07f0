/**
 * The tracing list's cursor: the last row's creation time in microseconds since the epoch (PostgreSQL keeps
 * microseconds; a JavaScript Date would round them off and skip or repeat rows) and its request id.
 */
export interface TracingCursor {
  atMicros: string;
  requestId: string;
}

export function encodeTracingCursor(c: TracingCursor): string {
  return Buffer.from(JSON.stringify({ t: c.atMicros, id: c.requestId })).toString('base64url');
}

/** null when the text is not a cursor this API gave out. */
export function decodeTracingCursor(text: string): TracingCursor | null {
  try {
    const v = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as { t?: unknown; id?: unknown };
    if (typeof v.t !== 'string' || !/^[0-9]{1,17}$/.test(v.t)) return null;
    if (typeof v.id !== 'string' || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v.id))
      return null;
    return { atMicros: v.t, requestId: v.id };
  } catch {
    return null;
  }
}
