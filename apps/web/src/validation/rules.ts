import type { MessageKey, Params } from '../i18n/catalogue';

/** A problem with a field, as a message key (translated by the page). */
export interface Problem {
  key: MessageKey;
  params?: Params;
}

export type Problems = Record<string, Problem>;

/** The API's instant rules (apps/api/src/common/validators.ts): ISO-8601 with a zone, a real date, 2000–2100. */
export function instantProblem(instant: string | null): Problem | null {
  if (!instant) return { key: 'validation.dateTime' };
  const t = Date.parse(instant);
  if (Number.isNaN(t)) return { key: 'validation.dateTime' };
  const [y, m, d] = instant.slice(0, 10).split('-').map(Number) as [number, number, number];
  const probe = new Date(Date.UTC(y, m - 1, d));
  if (probe.getUTCMonth() !== m - 1 || probe.getUTCDate() !== d) return { key: 'validation.dateTime' };
  if (y < 2000 || y > 2100) return { key: 'validation.yearRange' };
  return null;
}

/** The API's local date rule: `YYYY-MM-DD`, a date that exists, from 1900 on. */
export function localDateProblem(value: string): Problem | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return { key: 'validation.date' };
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const probe = new Date(Date.UTC(y, m - 1, d));
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== m - 1 || probe.getUTCDate() !== d)
    return { key: 'validation.date' };
  if (y < 1900) return { key: 'validation.dateBefore1900' };
  return null;
}

/** Clocks drift: the decider accepts an instant up to 5 minutes ahead of its now. */
export const CLOCK_SKEW_MS = 5 * 60_000;

export function notInFuture(instant: string, now: Date): Problem | null {
  return Date.parse(instant) > now.getTime() + CLOCK_SKEW_MS ? { key: 'validation.future' } : null;
}

/** Required text of 1..max characters (blank counts as missing). */
export function textProblem(value: string, max: number, required = true): Problem | null {
  if (value.trim() === '') return required ? { key: 'validation.required' } : null;
  if (value.length > max) return { key: 'validation.tooLong', params: { max } };
  return null;
}

/** Lines of a textarea as a list of strings (blank lines dropped). */
export function lines(value: string): string[] {
  return value
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}

export function listProblem(items: string[], opts: { min?: number; max: number; itemMax: number }): Problem | null {
  if (items.length < (opts.min ?? 0)) return { key: 'validation.atLeastOne' };
  if (items.length > opts.max) return { key: 'validation.tooMany', params: { max: opts.max } };
  if (items.some((i) => i.length > opts.itemMax))
    return { key: 'validation.itemTooLong', params: { max: opts.itemMax } };
  return null;
}

export const PHONE = /^\+?[0-9 .()-]{3,20}$/;
