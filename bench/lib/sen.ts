// The real Sen, as `npm start` runs it (API + projector + worker in one process, `sen start`), with a database,
// a BullMQ queue prefix and an agency webhook of its own, for the benchmarks that go through HTTP.
// (test/support is not part of the build: the few helpers the benchmarks need live here or in @sen/testing.)
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { createTestDatabase, dropQueueKeys, type TestDatabase } from '@sen/testing';

export const DEMO_PASSWORD = 'sen-demo-2030';

/** A local HTTP endpoint standing in for the agencies' systems: answers 204 at once and counts the calls. */
export class WebhookReceiver {
  calls = 0;
  private server: Server | null = null;
  port = 0;

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        this.calls++;
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', () => r()));
    const address = this.server.address();
    this.port = typeof address === 'object' && address ? address.port : 0;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/notify`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((r) => this.server?.close(r));
  }
}

async function freePort(): Promise<number> {
  const { createServer: createNet } = await import('node:net');
  return new Promise((resolve, reject) => {
    const server = createNet();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export interface RunningSen {
  base: string;
  pid: number;
  db: TestDatabase;
  queuePrefix: string;
  webhook: WebhookReceiver;
  output: string[];
  /** VmRSS and VmHWM of the Sen process, in MiB (from /proc). */
  memory(): { rssMiB: number; hwmMiB: number } | null;
  login(username: string): Promise<string>;
  stop(): Promise<void>;
}

/** Starts `node dist/apps/cli/src/main.js start` on a fresh database and waits until it is ready. */
export async function startSen(label: string, env: Record<string, string> = {}): Promise<RunningSen> {
  const db = await createTestDatabase(label, { migrate: false, max: 4 });
  const queuePrefix = `${label}_${randomBytes(3).toString('hex')}`;
  const webhook = new WebhookReceiver();
  await webhook.start();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const root = join(__dirname, '..', '..', '..');
  // e.g. BENCH_SEN_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' to profile Sen under the benchmark's load.
  const nodeArgs = (process.env.BENCH_SEN_NODE_ARGS ?? '').split(' ').filter(Boolean);
  // e.g. BENCH_SEN_ENV='WORKER_CONCURRENCY=32' to try a setting of Sen (unset: Sen's defaults, what the results show).
  const senEnv = Object.fromEntries(
    (process.env.BENCH_SEN_ENV ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .map((kv) => [kv.split('=')[0]!, kv.slice(kv.indexOf('=') + 1)]),
  );
  const child: ChildProcess = spawn(
    process.execPath,
    [...nodeArgs, join(root, 'dist', 'apps', 'cli', 'src', 'main.js'), 'start'],
    {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? '',
        LOG_LEVEL: 'warn',
        DATABASE_URL: db.url,
        PORT: String(port),
        QUEUE_PREFIX: queuePrefix,
        NOTIFY_WEBHOOK_URL: webhook.url,
        ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
        ...senEnv,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const output: string[] = [];
  child.stdout?.on('data', (d: Buffer) => output.push(d.toString()));
  child.stderr?.on('data', (d: Buffer) => output.push(d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let gone = false;
  void exited.then(() => (gone = true));

  const stop = async () => {
    if (!gone) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    }
    await webhook.stop();
    await db.drop().catch((e: unknown) => console.error('dropping the database failed', e));
    await dropQueueKeys(queuePrefix).catch((e: unknown) => console.error('dropping the queue keys failed', e));
  };

  const until = Date.now() + 120_000;
  for (;;) {
    if (gone) {
      await stop();
      throw new Error(`Sen exited before it was ready:\n${output.join('')}`);
    }
    const ok = await fetch(`${base}/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > until) {
      await stop();
      throw new Error(`Sen not ready within 120 s:\n${output.join('')}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }

  const pid = child.pid!;
  return {
    base,
    pid,
    db,
    queuePrefix,
    webhook,
    output,
    memory() {
      try {
        const status = readFileSync(`/proc/${pid}/status`, 'utf8');
        const kib = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
        return { rssMiB: Math.round(kib('VmRSS') / 1024), hwmMiB: Math.round(kib('VmHWM') / 1024) };
      } catch {
        return null;
      }
    },
    async login(username: string) {
      const res = await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: DEMO_PASSWORD }),
      });
      if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { accessToken: string }).accessToken;
    },
    stop,
  };
}

/** A small JSON client for the preparation steps (not what is measured). */
export function client(base: string, token: string) {
  return async <T>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${base}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  };
}
