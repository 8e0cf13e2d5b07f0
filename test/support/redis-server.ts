import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { freePort, waitUntil } from './processes';

export interface PrivateRedisOptions {
  /**
   * `always` (the default here) loses nothing that Redis acknowledged; `everysec` is production's setting
   * (docker-compose.yml, deploy/k8s): a crash can lose the last second of writes.
   */
  appendfsync?: 'always' | 'everysec';
}

/**
 * A redis-server of the test's own, on another port, so that the machine's Redis stays up while this one is
 * stopped and started. AOF is on and `noeviction` set, as Sen's deployment requires.
 */
export class PrivateRedis {
  private child: ChildProcess | null = null;
  private constructor(
    readonly port: number,
    private readonly dir: string,
    private readonly options: PrivateRedisOptions,
  ) {}

  static async start(options: PrivateRedisOptions = {}): Promise<PrivateRedis> {
    const r = new PrivateRedis(await freePort(), mkdtempSync(join(tmpdir(), 'sen-redis-')), options);
    await r.up();
    return r;
  }

  get url() {
    return `redis://127.0.0.1:${this.port}`;
  }

  async up(): Promise<void> {
    this.child = spawn(
      'redis-server',
      [
        '--port',
        String(this.port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'yes',
        '--appendfsync',
        this.options.appendfsync ?? 'always',
        '--maxmemory-policy',
        'noeviction',
        '--dir',
        this.dir,
      ],
      { stdio: 'ignore' },
    );
    await waitUntil(() => this.ping(), 10_000, `redis on ${this.port}`);
  }

  /** A clean stop (SHUTDOWN): the AOF is flushed, as when an operator stops Redis. */
  async down(): Promise<void> {
    await this.signal('SIGTERM');
  }

  /** A crash (SIGKILL): what the AOF had not written to disk yet is lost, as when the host dies. */
  async crash(): Promise<void> {
    await this.signal('SIGKILL');
  }

  private async signal(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill(signal);
    await exited;
    this.child = null;
  }

  /** Every key of this Redis gone (FLUSHALL), as when its data is lost or wiped. */
  async flushAll(): Promise<void> {
    const c = new Redis(this.url, { maxRetriesPerRequest: 1 });
    try {
      await c.flushall();
    } finally {
      c.disconnect();
    }
  }

  async ping(): Promise<boolean> {
    const c = new Redis(this.url, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
      enableOfflineQueue: false,
    });
    c.on('error', () => undefined);
    try {
      await c.connect();
      return (await c.ping()) === 'PONG';
    } catch {
      return false;
    } finally {
      c.disconnect();
    }
  }

  async stop(): Promise<void> {
    await this.down();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
