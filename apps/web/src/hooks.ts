import { useEffect, useState } from 'react';

/** The current time, refreshed every `everyMs` (deadline countdowns). */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** The document's title: “<page> — Sen”. */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} — Sen`;
  }, [title]);
}

/** A random key for Idempotency-Key, made once per form. */
export function newKey(): string {
  if (typeof crypto !== 'undefined' && 'randomUUID' in crypto) return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}
