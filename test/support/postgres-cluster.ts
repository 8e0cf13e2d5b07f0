import { execFileSync } from 'node:child_process';
import { freePort, waitUntil } from './processes';
import postgres from 'postgres';

const VERSION = '15';

/**
 * A PostgreSQL cluster of the test's own (pg_createcluster on a free port), so that the machine's server
 * stays up while this one is stopped and started under load.
 */
export class PrivateCluster {
  private constructor(
    readonly name: string,
    readonly port: number,
  ) {}

  /** `settings` go into the cluster's postgresql.conf (e.g. `{ max_prepared_transactions: '10' }`). */
  static async create(settings: Record<string, string> = {}): Promise<PrivateCluster> {
    const port = await freePort();
    const name = `sen_test_${port}`;
    const options = Object.entries(settings).flatMap(([k, v]) => ['-o', `${k}=${v}`]);
    execFileSync(
      'pg_createcluster',
      [VERSION, name, '-p', String(port), ...options, '--start', '--', '--auth-local=trust', '--auth-host=trust'],
      { stdio: 'ignore' },
    );
    const c = new PrivateCluster(name, port);
    await waitUntil(() => c.ready(), 30_000, `cluster ${name}`);
    return c;
  }

  url(database = 'sen'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  async ready(): Promise<boolean> {
    const sql = postgres(this.url('postgres'), { max: 1, connect_timeout: 2, onnotice: () => undefined });
    try {
      await sql`select 1`;
      return true;
    } catch {
      return false;
    } finally {
      await sql.end({ timeout: 1 }).catch(() => undefined);
    }
  }

  /** A fast stop: open connections are cut, as in a crash of the database host or a failover. */
  stop(): void {
    execFileSync('pg_ctlcluster', [VERSION, this.name, 'stop', '-m', 'fast'], { stdio: 'ignore' });
  }

  async start(): Promise<void> {
    execFileSync('pg_ctlcluster', [VERSION, this.name, 'start'], { stdio: 'ignore' });
    await waitUntil(() => this.ready(), 30_000, `cluster ${this.name} back`);
  }

  drop(): void {
    execFileSync('pg_dropcluster', [VERSION, this.name, '--stop'], { stdio: 'ignore' });
  }
}
