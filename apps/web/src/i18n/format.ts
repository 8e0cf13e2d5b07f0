import { VIETNAM_OFFSET, VIETNAM_TIME_ZONE } from '../domain/vocabulary';
import type { Lang } from './catalogue';

const LOCALES: Record<Lang, string> = { vi: 'vi-VN', en: 'en-GB' };

/** Dates and times are shown in Vietnam time whatever the device's zone: the case happened in Đồng Tháp. */
export function formatDateTime(lang: Lang, iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(LOCALES[lang], {
    timeZone: VIETNAM_TIME_ZONE,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(d);
}

export function formatDate(lang: Lang, isoOrDate: string | null | undefined): string {
  if (!isoOrDate) return '—';
  // A bare date (YYYY-MM-DD, a date of birth) has no time zone: show it as written.
  const bare = /^\d{4}-\d{2}-\d{2}$/.test(isoOrDate);
  const d = new Date(bare ? `${isoOrDate}T00:00:00Z` : isoOrDate);
  if (Number.isNaN(d.getTime())) return isoOrDate;
  return new Intl.DateTimeFormat(LOCALES[lang], {
    timeZone: bare ? 'UTC' : VIETNAM_TIME_ZONE,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(d);
}

export function formatNumber(lang: Lang, n: number | null | undefined, digits = 1): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '—';
  return new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: digits }).format(n);
}

/** A span of time in days, hours and minutes, the two largest units only (“2 ngày 3 giờ”, “45 phút”). */
export function durationParts(ms: number): { days: number; hours: number; minutes: number } {
  const total = Math.max(0, Math.floor(Math.abs(ms) / 60_000));
  return { days: Math.floor(total / 1440), hours: Math.floor((total % 1440) / 60), minutes: total % 60 };
}

/** `2026-11-20T08:30` (a datetime-local value, Vietnam time) → `2026-11-20T08:30:00+07:00`. */
export function localInputToInstant(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  const instant = `${value}:00${VIETNAM_OFFSET}`;
  return Number.isNaN(Date.parse(instant)) ? null : instant;
}

/** An instant → the value of a datetime-local input in Vietnam time. */
export function instantToLocalInput(date: Date): string {
  const shifted = new Date(date.getTime() + 7 * 3600_000);
  return shifted.toISOString().slice(0, 16);
}
