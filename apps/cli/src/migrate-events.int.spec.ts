// `sen migrate-events` between two real PostgreSQL databases: the copying and resuming logic is the same for
// every pair of stores (only the adapters differ, and each passes the one contract suite), so postgres -> postgres
// exercises it here; postgres <-> esdb needs an EventStoreDB server (README, "What was verified where").
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { createSql, dropDatabase } from '@sen/db';
import {
  type EventStore,
  PostgresEventStore,
  type RecordedEvent,
  StreamsDivergedError,
  copyEventStore,
  PostgresCopyProgress,
} from '@sen/event-store';
import { TEST_DATABASE_SERVER, type TestDatabase, createTestDatabase } from '@sen/testing';
import { migrateEvents, storeLabel } from './migrate-events.command';

const ROOT = join(__dirname, '..', '..', '..');

function run(args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [join(ROOT, 'dist/apps/cli/src/main.js'), ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output })));
}

/** Everything a copy must keep, per stream, in stream order. */
async function dump(store: EventStore): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const { streamId } of await store.listStreams(null, 10_000)) {
    out[streamId] = (await store.readStream(streamId)).map((e: RecordedEvent) => ({
      id: e.eventId,
      revision: e.revision,
      type: e.type,
      data: e.data,
      metadata: e.metadata,
      recordedAt: e.recordedAt.toISOString(),
    }));
  }
  return out;
}

describe('sen migrate-events (postgres -> postgres)', () => {
  let sourceDb: TestDatabase;
  let source: PostgresEventStore;
  let targetName: string;
  let targetUrl: string;
  let target: PostgresEventStore;
  let targetSql: ReturnType<typeof createSql>;
  const streams: string[] = [];

  beforeAll(async () => {
    sourceDb = await createTestDatabase('migrate_events_source');
    source = new PostgresEventStore(sourceDb.sql);
    // 30 case streams of 1 to 12 events; a few written long ago, so recorded times are worth keeping.
    for (let i = 0; i < 30; i++) {
      const id = `case-${randomUUID()}`;
      streams.push(id);
      const n = 1 + ((i * 7) % 12);
      const events = Array.from({ length: n }, (_, k) => ({
        eventId: randomUUID(),
        type: k === 0 ? 'CaseOpened' : 'CaseAssigned',
        data: { k, note: 'pii:v1:opaque', nested: { list: [1, 2, k] } },
        metadata: { actorId: `user-${i}`, correlationId: randomUUID(), occurredAt: '2025-07-01T08:00:00+07:00' },
        ...(i % 3 === 0 ? { recordedAt: new Date(Date.UTC(2024, 0, 1 + i, 8, k)) } : {}),
      }));
      await source.appendToStream(id, events.slice(0, Math.ceil(n / 2)), { expectedRevision: 'no_stream' });
      if (n > 1)
        await source.appendToStream(id, events.slice(Math.ceil(n / 2)), { expectedRevision: Math.ceil(n / 2) - 1 });
    }
    // The target database does not exist yet: the command creates and migrates it.
    targetName = `sen_migrate_events_target_${randomUUID().slice(0, 8)}`;
    targetUrl = `${TEST_DATABASE_SERVER}/${targetName}`;
  });

  afterAll(async () => {
    await targetSql?.end({ timeout: 5 });
    await dropDatabase(targetUrl).catch(() => undefined);
    await sourceDb?.drop();
  });

  const from = () => ({ kind: 'postgres' as const, url: sourceDb.url });
  const to = () => ({ kind: 'postgres' as const, url: targetUrl });
  const progressOf = () => new PostgresCopyProgress(sourceDb.sql, storeLabel(from()), storeLabel(to()));

  it('creates and migrates a target database that does not exist, and copies every stream', async () => {
    const all = await migrateEvents({ from: from(), to: to(), progressSql: sourceDb.sql });
    expect(all).toMatchObject({ finished: true, streams: 30, eventsAlreadyThere: 0 });
    targetSql = createSql(targetUrl, { max: 4 });
    target = new PostgresEventStore(targetSql);
    expect(await dump(target)).toEqual(await dump(source));
  });

  it('stops after the stream in hand when interrupted, with the progress saved', async () => {
    await targetSql`truncate events, streams`;
    await progressOf().reset();
    const controller = new AbortController();
    let seen = 0;
    const interrupted = await copyEventStore({
      source,
      target,
      progress: progressOf(),
      signal: controller.signal,
      onStream: ({ streamId }) => {
        if (streamId && ++seen === 8) controller.abort();
      },
    });
    expect(interrupted).toMatchObject({ finished: false, streams: 8 });
    const saved = await progressOf().load();
    expect(saved).toMatchObject({ streamsDone: 8 });
    expect(Object.keys(await dump(target))).toHaveLength(8);
  });

  it('resumes after the last finished stream and copies only the missing tail of a stream already begun', async () => {
    const sorted = [...streams].sort();
    const saved = (await progressOf().load())!;
    // A stream after the saved point already has its first two events in the target (copied by hand, say): the
    // first such stream with more than two events (stream ids are random, so which one that is varies by run).
    let begun = '';
    let sourceEvents: RecordedEvent[] = [];
    for (const id of sorted.filter((s) => s > saved.lastStreamId! && s !== sorted[sorted.length - 1])) {
      sourceEvents = await source.readStream(id);
      if (sourceEvents.length > 2) {
        begun = id;
        break;
      }
    }
    expect(sourceEvents.length).toBeGreaterThan(2);
    await target.appendToStream(
      begun,
      sourceEvents.slice(0, 2).map((e) => ({
        eventId: e.eventId,
        type: e.type,
        data: e.data,
        metadata: e.metadata,
        recordedAt: e.recordedAt,
      })),
      { expectedRevision: 'no_stream' },
    );

    const resumed = await migrateEvents({ from: from(), to: to(), progressSql: sourceDb.sql, batchSize: 3 });
    expect(resumed.finished).toBe(true);
    expect(resumed.streams).toBe(30 - 8);
    expect(resumed.eventsAlreadyThere).toBe(2);
    expect(await dump(target)).toEqual(await dump(source));
    expect((await progressOf().load())!.streamsDone).toBe(30);
  });

  it('keeps revisions, event ids, metadata, data and recorded times', async () => {
    const [id] = streams;
    const [s, t] = [await source.readStream(id!), await target.readStream(id!)];
    expect(t.map((e) => [e.revision, e.eventId, e.recordedAt.toISOString()])).toEqual(
      s.map((e) => [e.revision, e.eventId, e.recordedAt.toISOString()]),
    );
    expect(t[0]!.recordedAt.toISOString()).toBe('2024-01-01T08:00:00.000Z');
  });

  it('copies nothing more when run again, and with --restart checks every stream but copies only new events', async () => {
    const again = await migrateEvents({ from: from(), to: to(), progressSql: sourceDb.sql });
    expect(again).toMatchObject({ finished: true, streams: 0, eventsCopied: 0 });

    await source.appendToStream(
      streams[3]!,
      [{ type: 'CaseClosed', data: { reason: 'child_safe' }, metadata: { actorId: 'late' } }],
      { expectedRevision: 'any' },
    );
    const restarted = await migrateEvents({ from: from(), to: to(), progressSql: sourceDb.sql, restart: true });
    expect(restarted).toMatchObject({ finished: true, streams: 30, eventsCopied: 1 });
    expect(await dump(target)).toEqual(await dump(source));
  });

  it('refuses a target stream that went its own way, writing nothing to it', async () => {
    const id = streams[5]!;
    await target.appendToStream(id, [{ type: 'Foreign', data: {}, metadata: {} }], { expectedRevision: 'any' });
    await source.appendToStream(
      id,
      [
        { type: 'CaseReopened', data: {}, metadata: {} },
        { type: 'CaseAssigned', data: {}, metadata: {} },
      ],
      { expectedRevision: 'any' },
    );
    const before = (await target.readStream(id)).length;
    const error = await migrateEvents({ from: from(), to: to(), progressSql: sourceDb.sql, restart: true }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(StreamsDivergedError);
    expect((error as Error).message).toContain(id);
    expect(await target.readStream(id)).toHaveLength(before);
  });

  it('runs as `npm run sen -- migrate-events` and rejects bad input with a clear message', async () => {
    const fresh = `${TEST_DATABASE_SERVER}/sen_migrate_events_cli_${randomUUID().slice(0, 8)}`;
    try {
      const ok = await run(
        ['migrate-events', '--from', 'postgres', '--to', 'postgres', '--to-url', fresh, '--no-progress'],
        { DATABASE_URL: sourceDb.url },
      );
      expect(ok.output).toMatch(/done: \d+ streams examined, \d+ events copied/);
      expect(ok.code).toBe(0);
      const sql = createSql(fresh, { max: 1 });
      const [row] = await sql<{ n: number }[]>`select count(*)::int as n from streams`;
      await sql.end();
      expect(row!.n).toBe(30);

      const bad = await run(['migrate-events', '--from', 'mysql', '--to', 'postgres'], { DATABASE_URL: sourceDb.url });
      expect(bad.code).toBe(1);
      expect(bad.output).toContain('--from must be postgres or esdb (got "mysql")');
      const same = await run(['migrate-events', '--from', 'postgres', '--to', 'postgres'], {
        DATABASE_URL: sourceDb.url,
      });
      expect(same.code).toBe(1);
      expect(same.output).toContain('source and target are the same store');
    } finally {
      await dropDatabase(fresh).catch(() => undefined);
    }
  });
});
