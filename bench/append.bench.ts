// Appends: Sen's PostgreSQL event store adapter (sen_append, libs/db/migrations/00001_events) against Emmett's
// PostgreSQL event store (@event-driven-io/emmett-postgresql) and against raw INSERTs of the same rows into a
// plain table (the hardware's limit), on the same server, in one run, each in a database of its own.
//
// Scenarios, each with BENCH_APPEND_CALLERS (16) concurrent callers and one pool of that many connections:
//   new       one event to a stream that does not exist yet (Sen: 'no_stream'; Emmett: STREAM_DOES_NOT_EXIST)
//   existing  one event to an existing stream with the exact expected version; each caller has its own streams
//   batch10   ten events in one append call to an existing stream with the exact expected version
// Every event is the same CaseOpened-like JSON of about 1 KB. Each cell warms up first (BENCH_APPEND_WARMUP calls),
// then times BENCH_APPEND_OPS append calls (batch10: BENCH_APPEND_BATCH_OPS), in BENCH_APPEND_ROUNDS (4) slices
// taken in turn by the three stores, so that the load of a shared machine falls on all three alike. Reported: events/s, p50 and p99 of
// one append call's latency, and the ratios Sen/Emmett and Sen/raw of events/s.
//
// Reproduce: npm run bench -- append   (BENCH_APPEND_OPS=… BENCH_APPEND_BATCH_OPS=… to change the sizes)
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { STREAM_DOES_NOT_EXIST } from '@event-driven-io/emmett';
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import pg from 'pg';
import { createSql, type Sql } from '@sen/db';
import { PostgresEventStore } from '@sen/event-store';
import { createTestDatabase, type TestDatabase } from '@sen/testing';
import { envInt, load, round } from './lib/load';
import { percentile, printTable, type Row, writeResult } from './lib/report';

const CALLERS = envInt('BENCH_APPEND_CALLERS', 16);
const OPS = envInt('BENCH_APPEND_OPS', 40_000);
const BATCH_OPS = envInt('BENCH_APPEND_BATCH_OPS', Math.ceil(OPS / 3));
const WARMUP = envInt('BENCH_APPEND_WARMUP', 2_000);
const STREAMS_PER_CALLER = envInt('BENCH_APPEND_STREAMS_PER_CALLER', 20);
const ROUNDS = envInt('BENCH_APPEND_ROUNDS', 4);

type Scenario = 'new' | 'existing' | 'batch10';
const SCENARIOS: Scenario[] = ['new', 'existing', 'batch10'];
const STORES = ['sen', 'emmett', 'raw'] as const;
type StoreName = (typeof STORES)[number];

interface BenchEvent {
  eventId: string;
  type: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

/** A CaseOpened as the API writes it (personal data encrypted: base64 ciphertexts), about 1 KB of JSON. */
function caseOpened(streamId: string, n: number): BenchEvent {
  const cipher = (len: number) =>
    `v1:${Buffer.from(randomUUID() + randomUUID())
      .toString('base64')
      .slice(0, len)}`;
  const caseId = streamId.slice(5);
  return {
    eventId: randomUUID(),
    type: 'CaseOpened',
    data: {
      caseId,
      childId: randomUUID(),
      child: {
        fullName: cipher(64),
        sex: n % 2 ? 'female' : 'male',
        ageYears: n % 16,
        ethnicity: 'Kinh',
        disability: null,
      },
      category: 'neglect',
      summary: `${cipher(88)}${cipher(88)}${cipher(88)}`,
      location: { areaCode: '29926' },
      reportedAt: '2026-11-28T08:00:00.000Z',
      source: 'hotline_111',
      reporter: { name: cipher(48), phone: cipher(40), relation: 'neighbour' },
      level: 'commune',
      keyVersion: 1,
    },
    metadata: {
      actorId: 'b0c4b0a2-5a0e-4f52-9a56-2f1f0f6f7a01',
      actorRole: 'social_worker',
      correlationId: randomUUID(),
      causationId: randomUUID(),
      occurredAt: new Date().toISOString(),
      requestId: randomUUID(),
    },
  };
}

/** One store under test: append `events` to `streamId`; `expected` is the 0-based revision read, or 'new'. */
interface Target {
  append(streamId: string, events: BenchEvent[], expected: number | 'new'): Promise<void>;
  close(): Promise<void>;
}

async function senTarget(db: TestDatabase): Promise<Target> {
  const sql = createSql(db.url, { max: CALLERS, applicationName: 'bench-append-sen' });
  const store = new PostgresEventStore(sql);
  return {
    async append(streamId, events, expected) {
      await store.appendToStream(streamId, events, { expectedRevision: expected === 'new' ? 'no_stream' : expected });
    },
    close: () => sql.end({ timeout: 5 }),
  };
}

async function emmettTarget(db: TestDatabase): Promise<Target> {
  const pool = new pg.Pool({ connectionString: db.url, max: CALLERS, application_name: 'bench-append-emmett' });
  const store = getPostgreSQLEventStore(db.url, { connectionOptions: { pool }, schema: { autoMigration: 'None' } });
  await store.schema.migrate();
  return {
    async append(streamId, events, expected) {
      await store.appendToStream(
        streamId,
        events.map((e) => ({ type: e.type, data: e.data, metadata: { ...e.metadata, messageId: e.eventId } })),
        // Emmett's stream versions count events (1-based); Sen's revisions are 0-based.
        { expectedStreamVersion: expected === 'new' ? STREAM_DOES_NOT_EXIST : BigInt(expected + 1) },
      );
    },
    async close() {
      await store.close();
      await pool.end().catch(() => undefined);
    },
  };
}

async function rawTarget(db: TestDatabase): Promise<Target> {
  const sql: Sql = createSql(db.url, { max: CALLERS, applicationName: 'bench-append-raw' });
  await sql`
    create table raw_events (
      global_position bigint generated always as identity primary key,
      stream_id text not null, stream_revision bigint not null, event_id uuid not null,
      type text not null, data jsonb not null, metadata jsonb not null, recorded_at timestamptz not null default now())`;
  return {
    async append(streamId, events, expected) {
      const from = expected === 'new' ? 0 : expected + 1;
      const rows = events.map((e, i) => ({
        stream_id: streamId,
        stream_revision: from + i,
        event_id: e.eventId,
        type: e.type,
        data: e.data,
        metadata: e.metadata,
      }));
      await sql`insert into raw_events ${sql(rows, 'stream_id', 'stream_revision', 'event_id', 'type', 'data', 'metadata')}`;
    },
    close: () => sql.end({ timeout: 5 }),
  };
}

/** Runs `ops` calls of `op` from CALLERS concurrent callers; the latency of each call in ms. */
async function drive(
  ops: number,
  op: (caller: number) => Promise<void>,
): Promise<{ seconds: number; latencies: number[] }> {
  const latencies: number[] = [];
  let issued = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CALLERS }, async (_, caller) => {
      while (issued < ops) {
        issued++;
        const t0 = performance.now();
        await op(caller);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return { seconds: (performance.now() - started) / 1000, latencies };
}

interface Cell {
  scenario: Scenario;
  store: StoreName;
  calls: number;
  events: number;
  seconds: number;
  eventsPerSecond: number;
  p50Ms: number | null;
  p99Ms: number | null;
  /** Mean 1-minute load average at the start of each slice. */
  load1: number;
}

/** Streams set up and warmed: returns the call that one caller makes, `perCall` events a call. */
async function prepareCell(scenario: Scenario, target: Target): Promise<(caller: number) => Promise<void>> {
  const perCall = scenario === 'batch10' ? 10 : 1;
  // Each caller's own streams and the revision it last wrote to each.
  const streams = Array.from({ length: CALLERS }, () => [] as { id: string; revision: number }[]);
  const cursor = new Array<number>(CALLERS).fill(0);
  if (scenario !== 'new') {
    for (let c = 0; c < CALLERS; c++) {
      for (let s = 0; s < STREAMS_PER_CALLER; s++) {
        const id = `case-${randomUUID()}`;
        await target.append(id, [caseOpened(id, s)], 'new');
        streams[c]!.push({ id, revision: 0 });
      }
    }
  }
  let n = 0;
  const op = async (caller: number) => {
    n++;
    if (scenario === 'new') {
      const id = `case-${randomUUID()}`;
      await target.append(id, [caseOpened(id, n)], 'new');
      return;
    }
    const mine = streams[caller]!;
    const stream = mine[cursor[caller]++ % mine.length]!;
    const events = Array.from({ length: perCall }, (_, i) => caseOpened(stream.id, n + i));
    await target.append(stream.id, events, stream.revision);
    stream.revision += perCall;
  };
  await drive(WARMUP, op);
  return op;
}

/**
 * One scenario for every store, in ROUNDS slices taken in turn (sen, emmett, raw, sen, …): the machine is shared,
 * and a change of load then falls on the three alike rather than on whichever ran last.
 */
async function runScenario(scenario: Scenario, stores: StoreName[], targets: Map<StoreName, Target>): Promise<Cell[]> {
  const perCall = scenario === 'batch10' ? 10 : 1;
  const ops = scenario === 'batch10' ? BATCH_OPS : OPS;
  const ops1 = Math.ceil(ops / ROUNDS);
  const prepared = new Map<StoreName, (caller: number) => Promise<void>>();
  for (const s of stores) prepared.set(s, await prepareCell(scenario, targets.get(s)!));
  const acc = new Map<StoreName, { seconds: number; latencies: number[]; loads: number[] }>(
    stores.map((s) => [s, { seconds: 0, latencies: [], loads: [] }]),
  );
  for (let round1 = 0; round1 < ROUNDS; round1++) {
    for (const s of stores) {
      global.gc?.();
      const a = acc.get(s)!;
      a.loads.push(load().load1);
      const { seconds, latencies } = await drive(ops1, prepared.get(s)!);
      a.seconds += seconds;
      for (const l of latencies) a.latencies.push(l);
    }
  }
  return stores.map((store) => {
    const a = acc.get(store)!;
    const cell: Cell = {
      scenario,
      store,
      calls: a.latencies.length,
      events: a.latencies.length * perCall,
      seconds: round(a.seconds, 2)!,
      eventsPerSecond: Math.round((a.latencies.length * perCall) / a.seconds),
      p50Ms: round(percentile(a.latencies, 50)),
      p99Ms: round(percentile(a.latencies, 99)),
      load1: round(a.loads.reduce((x, y) => x + y, 0) / a.loads.length)!,
    };
    console.log(
      `  ${scenario.padEnd(8)} ${store.padEnd(6)} ${cell.eventsPerSecond} events/s, p50 ${cell.p50Ms} ms, p99 ${cell.p99Ms} ms (${cell.seconds} s, mean load ${cell.load1})`,
    );
    return cell;
  });
}

async function main() {
  const only = process.env.BENCH_APPEND_STORES?.split(',') as StoreName[] | undefined;
  const stores = STORES.filter((s) => !only || only.includes(s));
  console.log(
    `append: ${CALLERS} callers, ${OPS} calls a cell (batch10: ${BATCH_OPS}), ${WARMUP} warm-up calls; load ${load().load1}`,
  );
  const dbs = new Map<StoreName, TestDatabase>();
  const targets = new Map<StoreName, Target>();
  const cells: Cell[] = [];
  const loadStart = load();
  try {
    for (const s of stores) {
      const db = await createTestDatabase(`bench_append_${s}`, { migrate: s === 'sen', max: 2 });
      dbs.set(s, db);
      targets.set(s, s === 'sen' ? await senTarget(db) : s === 'emmett' ? await emmettTarget(db) : await rawTarget(db));
    }
    for (const scenario of SCENARIOS) cells.push(...(await runScenario(scenario, stores, targets)));
  } finally {
    for (const t of targets.values()) await t.close().catch(() => undefined);
    for (const db of dbs.values()) await db.drop().catch((e: unknown) => console.error('drop failed', e));
  }

  const rows: Row[] = cells.map((c) => ({
    scenario: c.scenario,
    store: c.store,
    'events/s': c.eventsPerSecond,
    'p50 ms': c.p50Ms,
    'p99 ms': c.p99Ms,
    calls: c.calls,
    s: c.seconds,
    load1: c.load1,
  }));
  printTable('Appends (events/s; latency of one append call)', rows);
  const ratios = SCENARIOS.map((scenario) => {
    const eps = (s: StoreName) => cells.find((c) => c.scenario === scenario && c.store === s)?.eventsPerSecond ?? null;
    const r = (a: number | null, b: number | null) => (a && b ? round(a / b, 2) : null);
    return {
      scenario,
      'sen/emmett': r(eps('sen'), eps('emmett')),
      'sen/raw': r(eps('sen'), eps('raw')),
      'target sen/emmett': 1.5,
      'target sen/raw': 0.6,
    };
  });
  printTable('Ratios of events/s', ratios);
  const file = writeResult('append', {
    settings: {
      callers: CALLERS,
      rounds: ROUNDS,
      ops: OPS,
      batchOps: BATCH_OPS,
      warmup: WARMUP,
      streamsPerCaller: STREAMS_PER_CALLER,
      eventBytes: Buffer.byteLength(JSON.stringify(caseOpened(`case-${randomUUID()}`, 1))),
    },
    load: { start: loadStart, end: load() },
    cells,
    ratios,
  });
  console.log(`\nwritten: ${file}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
