// Each benchmark runs on a shared machine: the load it saw is part of the figure.
import { loadavg } from 'node:os';

export interface LoadSample {
  at: string;
  load1: number;
  load5: number;
}

export function load(): LoadSample {
  const [l1, l5] = loadavg();
  return {
    at: new Date().toISOString(),
    load1: Math.round((l1 ?? 0) * 100) / 100,
    load5: Math.round((l5 ?? 0) * 100) / 100,
  };
}

export const round = (n: number | null, d = 2): number | null =>
  n === null ? null : Math.round(n * 10 ** d) / 10 ** d;

export function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer, not ${raw}`);
  return n;
}
