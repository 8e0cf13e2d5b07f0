import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { deadlineLeft, deadlineNote } from './fault-test';

const ROOT = join(__dirname, '..', '..');

/** Path of a built entry point; tests that start processes need `npm run build` first (npm test does it). */
export function built(entry: string): string {
  const path = join(ROOT, 'dist', entry);
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run build\` first (npm test does)`);
  return path;
}

export interface RunningProcess {
  child: ChildProcess;
  output: string[];
  exited: Promise<number | null>;
}

const running = new Set<RunningProcess>();

/** Kills every process this test file started and has not stopped (for afterAll, so a failed test leaves none). */
export async function killAll(): Promise<void> {
  await Promise.all([...running].map((p) => kill(p, 'SIGKILL')));
}

/** Starts a built Sen process with its own environment; its output is kept for the test to read. */
export function startProcess(entry: string, env: Record<string, string>, args: string[] = []): RunningProcess {
  const child = spawn(process.execPath, [built(entry), ...args], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      MIGRATE_ON_START: 'false',
      PORT: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout?.on('data', (d: Buffer) => output.push(d.toString()));
  child.stderr?.on('data', (d: Buffer) => output.push(d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const p = { child, output, exited };
  running.add(p);
  void exited.then(() => running.delete(p));
  return p;
}

export async function kill(p: RunningProcess, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  if (p.child.exitCode !== null || p.child.signalCode !== null) return;
  p.child.kill(signal);
  await p.exited;
}

/**
 * Waits for `condition`: true when met; false, or a description of what is still missing, when not. Gives up
 * after `timeoutMs`, or at the running fault test's deadline if that comes first (test/support/fault-test.ts),
 * with an error that says what was still missing.
 */
export async function waitUntil(
  condition: () => Promise<boolean | string> | boolean | string,
  timeoutMs: number,
  what = 'condition',
): Promise<void> {
  const limit = Math.min(timeoutMs, deadlineLeft());
  const until = Date.now() + limit;
  for (;;) {
    const state = await condition();
    if (state === true) return;
    if (Date.now() > until) {
      const missing = typeof state === 'string' && state ? state : what;
      throw new Error(
        `${what}: not met within ${Math.round(limit)} ms${limit < timeoutMs ? deadlineNote() : ''}; still missing: ${missing}`,
      );
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Awaits `promise` for at most `timeoutMs` (or up to the running fault test's deadline), then fails naming `what`
 * and what is still missing (`missing()`, read when it fails).
 */
export async function within<T>(
  promise: Promise<T>,
  timeoutMs: number,
  what: string,
  missing: () => string = () => what,
): Promise<T> {
  const limit = Math.max(0, Math.min(timeoutMs, deadlineLeft()));
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new Error(
            `${what}: not done within ${Math.round(limit)} ms${limit < timeoutMs ? deadlineNote() : ''}; still missing: ${missing()}`,
          ),
        ),
      limit,
    );
  });
  try {
    return await Promise.race([promise, expired]);
  } finally {
    clearTimeout(timer);
  }
}

/** A TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** A Prometheus gauge's value from a process's /metrics, or null when it does not answer. */
export async function metric(port: number, name: string): Promise<number | null> {
  try {
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    const line = text.split('\n').find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
    return line ? Number(line.split(' ').pop()) : null;
  } catch {
    return null;
  }
}
