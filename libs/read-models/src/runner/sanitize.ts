/** U+FFFD, the replacement character: shows a reader that something unreadable stood there. */
export const REPLACEMENT = '\uFFFD';

// C0 controls but tab and newline (carriage returns are folded into newlines first), DEL, and C1 controls.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const SUSPECT = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\uD800-\uDFFF]/;
// A high surrogate not followed by a low one, or a low one not preceded by a high one (code units: no `u` flag).
const LONE_SURROGATES = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * A string as read-model rows may hold it. PostgreSQL refuses NUL in text and jsonb (22P05) and lone surrogates in
 * jsonb (22P02); other control characters are stored but break CSV exports, terminals and screens. Events written
 * before the API refused them (or through another path) still hold them, and events are immutable, so the
 * projections clean them on the way to their tables: CR LF and lone CR become LF, lone surrogates and every other
 * control but tab and newline become U+FFFD (replaced, not removed, so that words do not run together and a
 * reader sees that the text was damaged). Text without any of these is returned as it is (the common case).
 */
export function sanitizeText(text: string): string {
  if (!SUSPECT.test(text)) return text;
  return text.replace(LONE_SURROGATES, REPLACEMENT).replace(/\r\n?/g, '\n').replace(CONTROLS, REPLACEMENT);
}

/**
 * A value bound for a read-model row or a jsonb column: strings cleaned by sanitizeText, arrays and plain objects
 * (keys too) cleaned deeply, everything else (numbers, booleans, null, dates) as it is. Copy on write: a value with
 * nothing to clean is returned itself (every row of a rebuild passes here).
 */
export function sanitizeValue<T>(value: T): T {
  if (typeof value === 'string') return sanitizeText(value) as T;
  if (Array.isArray(value)) {
    let out: unknown[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const v = sanitizeValue(value[i]);
      if (v !== value[i]) (out ??= value.slice())[i] = v;
    }
    return (out ?? value) as T;
  }
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    // First a walk that allocates nothing (the common, clean case: a rebuild's profile showed the entries' arrays as
    // a good part of its garbage); the copy only for a value with something to clean.
    const record = value as Record<string, unknown>;
    let dirty = false;
    for (const k in record) {
      if (sanitizeText(k) !== k || sanitizeValue(record[k]) !== record[k]) {
        dirty = true;
        break;
      }
    }
    if (!dirty) return value;
    const entries = Object.entries(value);
    let changed = false;
    const cleaned = entries.map(([k, v]) => {
      const ck = sanitizeText(k);
      const cv = sanitizeValue(v);
      if (ck !== k || cv !== v) changed = true;
      return [ck, cv] as const;
    });
    return (changed ? Object.fromEntries(cleaned) : value) as T;
  }
  return value;
}
