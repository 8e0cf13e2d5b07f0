// One contract for every adapter of the EventStore port. Each adapter's spec file calls
// `eventStoreContract(name, factory)`; nothing here knows which adapter it runs against.
import { randomUUID } from 'node:crypto';
import {
  type Checkpoint,
  ConcurrencyError,
  type EventStore,
  type EventToAppend,
  type RecordedEvent,
  START,
  compareCheckpoints,
} from './event-store.port';
import { repeatedEventIdsContract } from './event-store.repeated-ids.contract';

export interface ContractHarness {
  store: EventStore;
  /**
   * Appends through a writer that holds its transaction open for `holdMs` after writing, so that the commit
   * comes late. Adapters without client transactions append normally (their order is commit order anyway).
   */
  appendWithLateCommit(streamId: string, events: EventToAppend[], holdMs: number): Promise<void>;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A reader of the global order as the projector is one (libs/read-models/src/runner): `readAll` from its
 * checkpoint, batch after batch, each handled before the next read, a short pause when nothing is new.
 */
function follow(
  store: EventStore,
  from: Checkpoint,
  handler: (batch: RecordedEvent[]) => void,
  options: { streamPrefix: string; batchSize?: number },
): { stop(): Promise<void> } {
  const batchSize = options.batchSize ?? 500;
  let stopped = false;
  const done = (async () => {
    let position = from;
    while (!stopped) {
      const batch = await store.readAll(position, batchSize, { streamPrefix: options.streamPrefix });
      if (batch.length > 0) {
        handler(batch);
        position = batch[batch.length - 1]!.checkpoint;
      }
      if (batch.length < batchSize) await sleep(10);
    }
  })();
  return {
    async stop() {
      stopped = true;
      await done;
    },
  };
}

function ev(type: string, n: number, extra: Record<string, unknown> = {}): EventToAppend {
  return { type, data: { n, ...extra }, metadata: { actorId: 'contract' } };
}

export function eventStoreContract(
  name: string,
  makeHarness: () => Promise<ContractHarness>,
  stress = { writers: 16, eventsPerWriter: 250 },
) {
  describe(`EventStore contract: ${name}`, () => {
    let h: ContractHarness;
    let store: EventStore;
    // Each test gets fresh stream ids, so tests do not see each other's streams.
    const stream = () => `contract-${randomUUID()}`;

    beforeAll(async () => {
      h = await makeHarness();
      store = h.store;
    });
    afterAll(async () => {
      await h?.close();
    });

    describe('appending', () => {
      it('creates a stream with no_stream and reads it back in order', async () => {
        const id = stream();
        const result = await store.appendToStream(id, [ev('A', 0), ev('B', 1), ev('C', 2)], {
          expectedRevision: 'no_stream',
        });
        expect(result.nextRevision).toBe(2);
        const events = await store.readStream(id);
        expect(events.map((e) => [e.type, e.revision, (e.data as { n: number }).n])).toEqual([
          ['A', 0, 0],
          ['B', 1, 1],
          ['C', 2, 2],
        ]);
        expect(events[2]!.position).toBe(result.position);
        expect(events[0]!.position).toBeLessThan(events[1]!.position);
        expect(events.every((e) => e.streamId === id && e.recordedAt instanceof Date)).toBe(true);
      });

      it('keeps metadata and event ids', async () => {
        const id = stream();
        const eventId = randomUUID();
        await store.appendToStream(
          id,
          [{ eventId, type: 'A', data: { x: 'Nguyễn' }, metadata: { actorId: 'u1', n: 2 } }],
          {
            expectedRevision: 'no_stream',
          },
        );
        const [e] = await store.readStream(id);
        expect(e).toMatchObject({ eventId, type: 'A', data: { x: 'Nguyễn' }, metadata: { actorId: 'u1', n: 2 } });
      });

      it('keeps the original recorded time when one is given (a copy from another store)', async () => {
        const id = stream();
        const recordedAt = new Date('2024-03-05T06:07:08.123Z');
        await store.appendToStream(id, [{ ...ev('Old', 0), recordedAt }, ev('New', 1)], {
          expectedRevision: 'no_stream',
        });
        const [old, fresh] = await store.readStream(id);
        expect(old!.recordedAt.toISOString()).toBe(recordedAt.toISOString());
        expect(old!.metadata).toEqual({ actorId: 'contract' });
        expect(fresh!.recordedAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
        const [fromAll] = await settled(
          () => store.readAll(START, 1, { streamPrefix: id }),
          (events) => events.length > 0,
        );
        expect(fromAll!.recordedAt.toISOString()).toBe(recordedAt.toISOString());
      });

      it('refuses no_stream on an existing stream with a typed concurrency error', async () => {
        const id = stream();
        await store.appendToStream(id, [ev('A', 0)], { expectedRevision: 'no_stream' });
        const error = await store.appendToStream(id, [ev('B', 1)], { expectedRevision: 'no_stream' }).catch((e) => e);
        expect(error).toBeInstanceOf(ConcurrencyError);
        expect(error).toMatchObject({ streamId: id, expected: 'no_stream', actual: 0 });
      });

      it('appends with the exact revision read and refuses a stale one, writing nothing', async () => {
        const id = stream();
        await store.appendToStream(id, [ev('A', 0), ev('B', 1)], { expectedRevision: 'no_stream' });
        await store.appendToStream(id, [ev('C', 2)], { expectedRevision: 1 });
        const stale = await store.appendToStream(id, [ev('D', 3)], { expectedRevision: 1 }).catch((e) => e);
        expect(stale).toBeInstanceOf(ConcurrencyError);
        expect(stale).toMatchObject({ expected: 1, actual: 2 });
        const ahead = await store.appendToStream(id, [ev('D', 3)], { expectedRevision: 7 }).catch((e) => e);
        expect(ahead).toBeInstanceOf(ConcurrencyError);
        expect((await store.readStream(id)).map((e) => e.type)).toEqual(['A', 'B', 'C']);
      });

      it('refuses an exact revision on a stream that does not exist', async () => {
        const error = await store.appendToStream(stream(), [ev('A', 0)], { expectedRevision: 0 }).catch((e) => e);
        expect(error).toBeInstanceOf(ConcurrencyError);
        expect(error).toMatchObject({ actual: -1 });
      });

      it('appends with any, whether or not the stream exists', async () => {
        const id = stream();
        expect((await store.appendToStream(id, [ev('A', 0)], { expectedRevision: 'any' })).nextRevision).toBe(0);
        expect(
          (await store.appendToStream(id, [ev('B', 1), ev('C', 2)], { expectedRevision: 'any' })).nextRevision,
        ).toBe(2);
        expect((await store.readStream(id)).map((e) => e.revision)).toEqual([0, 1, 2]);
      });

      it('appends with stream_exists only to an existing stream', async () => {
        const id = stream();
        const error = await store
          .appendToStream(id, [ev('A', 0)], { expectedRevision: 'stream_exists' })
          .catch((e) => e);
        expect(error).toBeInstanceOf(ConcurrencyError);
        await store.appendToStream(id, [ev('A', 0)], { expectedRevision: 'no_stream' });
        expect((await store.appendToStream(id, [ev('B', 1)], { expectedRevision: 'stream_exists' })).nextRevision).toBe(
          1,
        );
      });

      it('appends several events atomically: a conflicting batch leaves nothing behind', async () => {
        const id = stream();
        await store.appendToStream(id, [ev('A', 0)], { expectedRevision: 'no_stream' });
        const batch = Array.from({ length: 10 }, (_, i) => ev('Batch', i));
        await expect(store.appendToStream(id, batch, { expectedRevision: 5 })).rejects.toBeInstanceOf(ConcurrencyError);
        expect(await store.readStream(id)).toHaveLength(1);
        await store.appendToStream(id, batch, { expectedRevision: 0 });
        const events = await store.readStream(id);
        expect(events).toHaveLength(11);
        // A batch is contiguous in the global order too.
        const all = await settled(
          () => readEverything(store, START, (e) => e.streamId === id),
          (found) => found.length >= 11,
        );
        expect(all.map((e) => e.revision)).toEqual(Array.from({ length: 11 }, (_, i) => i));
      });

      it('lets exactly one of many racing writers win the same expected revision', async () => {
        const id = stream();
        await store.appendToStream(id, [ev('A', 0)], { expectedRevision: 'no_stream' });
        const results = await Promise.allSettled(
          Array.from({ length: 10 }, (_, i) => store.appendToStream(id, [ev('Race', i)], { expectedRevision: 0 })),
        );
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
        expect(rejected).toHaveLength(9);
        expect(rejected.every((r) => r.reason instanceof ConcurrencyError)).toBe(true);
        expect(await store.readStream(id)).toHaveLength(2);
      });

      it('lets many racing creators of one stream produce exactly one stream', async () => {
        const id = stream();
        const results = await Promise.allSettled(
          Array.from({ length: 8 }, (_, i) =>
            store.appendToStream(id, [ev('Open', i)], { expectedRevision: 'no_stream' }),
          ),
        );
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        expect(await store.readStream(id)).toHaveLength(1);
      });
    });

    describe('reading', () => {
      it('reads an unknown stream as empty', async () => {
        expect(await store.readStream(stream())).toEqual([]);
      });

      it('reads a stream from a revision and with a maximum count', async () => {
        const id = stream();
        await store.appendToStream(
          id,
          Array.from({ length: 6 }, (_, i) => ev('E', i)),
          { expectedRevision: 'no_stream' },
        );
        expect((await store.readStream(id, { fromRevision: 3 })).map((e) => e.revision)).toEqual([3, 4, 5]);
        expect((await store.readStream(id, { fromRevision: 1, maxCount: 2 })).map((e) => e.revision)).toEqual([1, 2]);
      });

      it('reads all events in batches in the global order, filtered by stream prefix', async () => {
        const prefix = `contract-${randomUUID().slice(0, 8)}-`;
        const a = `${prefix}a`;
        const b = `${prefix}b`;
        await store.appendToStream(a, [ev('A', 0)], { expectedRevision: 'no_stream' });
        await store.appendToStream(b, [ev('B', 0), ev('B', 1)], { expectedRevision: 'no_stream' });
        await store.appendToStream(a, [ev('A', 1)], { expectedRevision: 0 });
        await store.appendToStream(stream(), [ev('Other', 0)], { expectedRevision: 'no_stream' });
        const readInBatches = async () => {
          const seen: RecordedEvent[] = [];
          let from = START;
          for (;;) {
            const batch = await store.readAll(from, 2, { streamPrefix: prefix });
            if (batch.length === 0) return seen;
            seen.push(...batch);
            from = batch[batch.length - 1]!.checkpoint;
          }
        };
        const seen = await settled(readInBatches, (found) => found.length >= 4);
        expect(seen.map((e) => `${e.streamId.slice(-1)}${e.revision}`)).toEqual(['a0', 'b0', 'b1', 'a1']);
        for (let i = 1; i < seen.length; i++) {
          expect(compareCheckpoints(seen[i - 1]!.checkpoint, seen[i]!.checkpoint)).toBeLessThan(0);
        }
      });

      it('tells whether a checkpoint has passed a position, and counts what is after it', async () => {
        const id = stream();
        const first = await store.appendToStream(id, [ev('A', 0)], { expectedRevision: 'no_stream' });
        const second = await store.appendToStream(id, [ev('B', 1)], { expectedRevision: 0 });
        const [e1] = await store.readStream(id);
        expect(await store.hasPassed(e1!.checkpoint, first.position)).toBe(true);
        expect(await store.hasPassed(e1!.checkpoint, second.position)).toBe(false);
        expect(await store.countAfter(e1!.checkpoint, 1000, { streamPrefix: id })).toBe(1);
        expect(await store.headPosition()).toBeGreaterThanOrEqual(second.position);
      });

      it('lets a reader follow from a checkpoint and see the new events in order', async () => {
        const id = stream();
        await store.appendToStream(id, [ev('Before', 0)], { expectedRevision: 'no_stream' });
        const [before] = await store.readStream(id);
        const seen: string[] = [];
        const sub = follow(
          store,
          before!.checkpoint,
          (batch) => {
            for (const e of batch) seen.push(`${e.type}${e.revision}`);
          },
          { streamPrefix: id },
        );
        await store.appendToStream(id, [ev('After', 1)], { expectedRevision: 0 });
        await store.appendToStream(id, [ev('After', 2), ev('After', 3)], { expectedRevision: 1 });
        await waitFor(() => seen.length >= 3, 10_000);
        await sub.stop();
        expect(seen).toEqual(['After1', 'After2', 'After3']);
      });

      it('lists streams in order', async () => {
        const prefix = `contract-list-${randomUUID().slice(0, 8)}-`;
        for (const s of ['b', 'a', 'c'])
          await store.appendToStream(`${prefix}${s}`, [ev('X', 0)], { expectedRevision: 'no_stream' });
        const listed = (await store.listStreams(`${prefix}`, 1000)).filter((s) => s.streamId.startsWith(prefix));
        expect(listed.map((s) => s.streamId.slice(-1))).toEqual(['a', 'b', 'c']);
      });
    });

    describe('global order under concurrent writers', () => {
      it(`lets a follower see every event exactly once while ${stress.writers} writers (some committing late) append`, async () => {
        const prefix = `contract-stress-${randomUUID().slice(0, 8)}-`;
        const seen = new Map<string, number>();
        let last: Checkpoint = START;
        let orderBroken = false;
        const follower = follow(
          store,
          START,
          (batch) => {
            for (const e of batch) {
              if (compareCheckpoints(e.checkpoint, last) <= 0) orderBroken = true;
              last = e.checkpoint;
              seen.set(e.eventId, (seen.get(e.eventId) ?? 0) + 1);
            }
          },
          { streamPrefix: prefix, batchSize: 200 },
        );
        const written: string[] = [];
        const writer = async (w: number) => {
          const lateWriter = w % 4 === 0; // a quarter of the writers hold their transactions open
          let revision = -1;
          let n = 0;
          let batches = 0;
          while (n < stress.eventsPerWriter) {
            const size = 1 + (n % 3);
            const events = Array.from({ length: Math.min(size, stress.eventsPerWriter - n) }, (_, i) => ({
              eventId: randomUUID(),
              ...ev('Stress', n + i, { w }),
            }));
            // Every writer moves to a new stream each 20 batches, so streams are created concurrently too.
            const streamId = `${prefix}${w}-${Math.floor(batches / 20)}`;
            if (batches % 20 === 0) revision = -1;
            if (lateWriter && batches % 3 === 0) {
              await h.appendWithLateCommit(streamId, events, 20 + ((w * 7 + n) % 80));
            } else {
              await store.appendToStream(streamId, events, {
                expectedRevision: revision === -1 ? 'no_stream' : revision,
              });
            }
            revision += events.length;
            n += events.length;
            batches++;
            written.push(...events.map((e) => e.eventId));
          }
        };
        await Promise.all(Array.from({ length: stress.writers }, (_, w) => writer(w)));
        const total = stress.writers * stress.eventsPerWriter;
        expect(written).toHaveLength(total);
        await waitFor(() => seen.size >= total, 60_000);
        await sleep(300); // anything delivered twice would arrive now
        await follower.stop();
        expect(orderBroken).toBe(false);
        expect(seen.size).toBe(total);
        expect([...seen.values()].every((count) => count === 1)).toBe(true);
        expect(written.every((id) => seen.has(id))).toBe(true);
      });
    });

    // ---- issue 20, point 2: appends without an exact revision under concurrent writers (one block, kept apart) ----
    // Without an expected revision a writer must still not get an earlier place in the global order than the writer
    // whose revision came before its own. Half the writers append with 'any', half with 'stream_exists' (on
    // PostgreSQL a plain UPDATE takes its transaction id before waiting for the row: 'stream_exists' broke the
    // order here before migration 00017).
    describe("appends without an exact revision ('any', 'stream_exists') under many concurrent writers", () => {
      it('stores every stream in revision order, read per stream and in the global order', async () => {
        const writers = 20;
        const streamsCount = 10;
        const rounds = 3;
        const prefix = `contract-any-${randomUUID().slice(0, 8)}-`;
        const streams = Array.from({ length: streamsCount }, (_, i) => `${prefix}${i}`);
        for (const s of streams)
          await store.appendToStream(s, [ev('Created', -1, { w: -1 })], { expectedRevision: 'any' });
        // Each writer appends one event at a time to every stream, in an order of its own, `rounds` times.
        const writer = async (w: number) => {
          const expectedRevision = w % 2 === 0 ? 'any' : 'stream_exists';
          for (let r = 0; r < rounds; r++) {
            for (let i = 0; i < streamsCount; i++) {
              const streamId = streams[(i * 7 + w * 3 + r) % streamsCount]!;
              await store.appendToStream(streamId, [ev('Any', r, { w })], { expectedRevision });
            }
          }
        };
        await Promise.all(Array.from({ length: writers }, (_, w) => writer(w)));
        const perStream = 1 + writers * rounds;
        for (const s of streams) {
          const events = await store.readStream(s);
          expect(events.map((e) => e.revision)).toEqual(Array.from({ length: perStream }, (_, i) => i));
          // A writer's own appends to a stream keep its order.
          for (let w = 0; w < writers; w++) {
            const mine = events
              .filter((e) => (e.data as { w: number }).w === w)
              .map((e) => (e.data as { n: number }).n);
            expect(mine).toEqual(Array.from({ length: rounds }, (_, r) => r));
          }
        }
        const all = await settled(
          () => readEverything(store, START, (e) => e.streamId.startsWith(prefix)),
          (events) => events.length >= streamsCount * perStream,
        );
        expect(all).toHaveLength(streamsCount * perStream);
        const outOfOrder = streams.filter((s) => {
          const revisions = all.filter((e) => e.streamId === s).map((e) => e.revision);
          return revisions.some((rev, i) => rev !== i);
        });
        expect(outOfOrder).toEqual([]);
      });
    });
    // ---- end of issue 20, point 2 ----

    // ---- issue 21: what a repeated event id does, on every adapter (its own file) ----
    repeatedEventIdsContract(() => store);
  });
}

async function readEverything(store: EventStore, from: Checkpoint, keep: (e: RecordedEvent) => boolean) {
  const out: RecordedEvent[] = [];
  for (;;) {
    const batch = await store.readAll(from, 1000);
    if (batch.length === 0) return out;
    out.push(...batch.filter(keep));
    from = batch[batch.length - 1]!.checkpoint;
  }
}

/**
 * Reads again until `done` holds, for up to `timeoutMs`, then returns the last read. A reader of the global order
 * sees an event only once every older transaction on the server has ended (the xmin rule): a write transaction of
 * any other database on the same server, such as another test file's projector running meanwhile, holds new events
 * back for a moment. Seen here: one transaction left open in another database emptied these reads.
 */
async function settled<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > until) return value;
    await sleep(50);
  }
}

async function waitFor(condition: () => boolean, timeoutMs: number) {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(20);
  }
}
