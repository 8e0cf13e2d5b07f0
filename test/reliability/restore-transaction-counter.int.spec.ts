// Issue 20, point 1: the PostgreSQL event store's global order rests on the cluster's transaction-id counter, so a
// dump restored into another cluster whose counter is lower would put new events before old ones. A database with
// events is dumped from the machine's server (its counter pushed well ahead first) and restored into a fresh private
// cluster: Sen refuses to start and says how to fix it; `sen advance-xid` fixes it; then start-up passes and new
// events come after the old ones in the global order, where a reader resuming from the old head finds them.
// Needs `npm run build` (the projector and the CLI run as real processes).
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@sen/config';
import { type Sql, createSql, ensureDatabase } from '@sen/db';
import {
  type Checkpoint,
  PostgresEventStore,
  START,
  compareCheckpoints,
  readTransactionCounter,
} from '@sen/event-store';
import { createLogger, prepareDatabase } from '@sen/platform';
import { type TestDatabase, createTestDatabase } from '@sen/testing';
import { PrivateCluster } from '../support/postgres-cluster';
import { freePort, killAll, startProcess } from '../support/processes';

const STREAMS = 5;
const EVENTS_PER_STREAM = 4;

function exitWithin(
  p: { exited: Promise<number | null>; output: string[] },
  ms: number,
  what: string,
): Promise<number | null> {
  return Promise.race([
    p.exited,
    new Promise<never>((_, reject) =>
      setTimeout(
        () => reject(new Error(`${what} still running after ${ms} ms:\n${p.output.join('').slice(-2000)}`)),
        ms,
      ),
    ),
  ]);
}

async function readEverything(store: PostgresEventStore, from: Checkpoint) {
  const all = [];
  let cp = from;
  for (;;) {
    const batch = await store.readAll(cp, 100);
    if (batch.length === 0) return all;
    all.push(...batch);
    cp = batch[batch.length - 1]!.checkpoint;
  }
}

describe('a dump restored into a cluster whose transaction counter is lower', () => {
  let source: TestDatabase;
  let cluster: PrivateCluster;
  let target: Sql;
  const dumpFile = join(tmpdir(), `sen-restore-${process.pid}.dump`);

  beforeAll(async () => {
    source = await createTestDatabase('restore_source');
    cluster = await PrivateCluster.create();
  });
  afterAll(async () => {
    await killAll();
    await target?.end({ timeout: 5 });
    await source?.drop();
    cluster?.drop();
    rmSync(dumpFile, { force: true });
  });

  it('refuses to start with a message saying how to fix it; after `sen advance-xid` it starts and new events follow the old ones', async () => {
    // The source: a counter well above a fresh cluster's (which starts near 730), then events.
    await source.sql.unsafe('do $$ begin for i in 1..5000 loop perform pg_current_xact_id(); commit; end loop; end $$');
    const old = new PostgresEventStore(source.sql);
    const streams = Array.from({ length: STREAMS }, (_, i) => `restore-${i}`);
    for (let n = 0; n < EVENTS_PER_STREAM; n++) {
      for (const s of streams) {
        await old.appendToStream(s, [{ type: 'Old', data: { n }, metadata: {} }], {
          expectedRevision: n === 0 ? 'no_stream' : n - 1,
        });
      }
    }
    const oldEvents = await readEverything(old, START);
    expect(oldEvents).toHaveLength(STREAMS * EVENTS_PER_STREAM);
    const oldHead = oldEvents[oldEvents.length - 1]!.checkpoint;

    // Dump and restore as deploy/OPERATIONS.md says.
    const dbName = new URL(source.url).pathname.slice(1);
    execFileSync('pg_dump', ['-Fc', '-h', '127.0.0.1', '-p', '5432', '-U', 'postgres', '-d', dbName, '-f', dumpFile]);
    await ensureDatabase(cluster.url());
    execFileSync('pg_restore', ['--no-owner', '-d', cluster.url(), dumpFile]);
    target = createSql(cluster.url(), { max: 4 });
    const before = await readTransactionCounter(target);
    expect(before).toMatchObject({ maxEventTransactionId: String(oldHead.commit), ahead: false });

    // A real process refuses to start, and says what to do.
    const projector = startProcess('apps/projector/src/main.js', {
      DATABASE_URL: cluster.url(),
      PORT: String(await freePort()),
    });
    expect(await exitWithin(projector, 60_000, 'the projector on a restored database')).toBe(1);
    const said = projector.output.join('');
    expect(said).toContain('refusing to start');
    expect(said).toContain('sen advance-xid');
    // The same start-up path every process takes (api, projector, worker, `sen start`, `sen simulate`).
    const config = loadConfig({ DATABASE_URL: cluster.url(), NODE_ENV: 'test', MIGRATE_ON_START: 'false' });
    await expect(prepareDatabase(config, createLogger('silent', 'test'))).rejects.toMatchObject({
      code: 'TRANSACTION_COUNTER_BEHIND',
    });

    // The fix, as the operator runs it.
    const fix = startProcess('apps/cli/src/main.js', { DATABASE_URL: cluster.url() }, ['advance-xid']);
    expect(await exitWithin(fix, 120_000, 'sen advance-xid')).toBe(0);
    expect(fix.output.join('')).toContain('Sen can start');
    expect(await readTransactionCounter(target)).toMatchObject({ ahead: true });
    await expect(prepareDatabase(config, createLogger('silent', 'test'))).resolves.toBeUndefined();

    // New events on the restored database: a reader resuming at the old head finds every one of them...
    const store = new PostgresEventStore(target);
    for (const s of streams) {
      await store.appendToStream(s, [{ type: 'New', data: { n: EVENTS_PER_STREAM }, metadata: {} }], {
        expectedRevision: EVENTS_PER_STREAM - 1,
      });
    }
    const resumed = await readEverything(store, oldHead);
    expect(resumed.map((e) => e.type)).toEqual(streams.map(() => 'New'));
    expect(resumed.every((e) => compareCheckpoints(e.checkpoint, oldHead) > 0)).toBe(true);
    // ...and from the start, every stream reads in revision order, the old events before the new.
    const everything = await readEverything(store, START);
    expect(everything).toHaveLength(STREAMS * (EVENTS_PER_STREAM + 1));
    for (const s of streams) {
      expect(everything.filter((e) => e.streamId === s).map((e) => e.revision)).toEqual([0, 1, 2, 3, 4]);
    }
  });
});
