// The EventStoreDB adapter against the client library's own classes (a real EventStoreDBClient, its error types,
// its gRPC channel), with the two server calls an append makes answered by a stand-in that behaves as the server
// does on a repeated append: success, nothing written. Without a server here, this tests Sen's code around the
// client; the contract suite (EVENTSTORE_URL) is what runs it against a server.
import { randomUUID } from 'node:crypto';
import { EventStoreDBClient, StreamNotFoundError, WrongExpectedVersionError } from '@eventstore/db-client';
import { ConcurrencyError, type EventToAppend } from '../event-store.port';
import { EsdbEventStore } from './esdb-event-store';

interface Stored {
  id: string;
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
}
interface Proposed {
  id: string;
  type: string;
  data: unknown;
  metadata?: unknown;
}

/**
 * A client whose appendToStream and readStream are answered from memory with the server's rules: an expected
 * revision below the current one whose next ids equal the appended ids is an idempotent success that writes
 * nothing; a mismatch is WrongExpectedVersion; `any` appends (the server dedupes only recent ids: not modelled).
 */
function fakeServer(connection = 'esdb://127.0.0.1:1?tls=false') {
  const client = EventStoreDBClient.connectionString(connection);
  const streams = new Map<string, Stored[]>();
  const hooks: { beforeAppend?: () => void } = {};
  const toResolved = (streamId: string, e: Stored, revision: number) => ({
    event: {
      streamId,
      id: e.id,
      revision: BigInt(revision),
      type: e.type,
      data: e.data,
      metadata: e.metadata,
      isJson: true,
      created: new Date(0),
      position: { commit: BigInt(1000 + revision), prepare: BigInt(1000 + revision) },
    },
  });
  Object.assign(client, {
    async appendToStream(
      streamId: string,
      events: Proposed[],
      { expectedRevision }: { expectedRevision: bigint | string },
    ) {
      hooks.beforeAppend?.();
      const stream = streams.get(streamId) ?? [];
      const current = stream.length - 1;
      const expected =
        expectedRevision === 'no_stream' ? -1 : typeof expectedRevision === 'bigint' ? Number(expectedRevision) : null;
      const ok = (next: number) => ({
        success: true,
        nextExpectedRevision: BigInt(next),
        position: { commit: BigInt(1000 + next), prepare: BigInt(1000 + next) },
      });
      if (expected !== null && expected !== current) {
        const same = expected < current && events.every((e, i) => stream[expected + 1 + i]?.id === e.id);
        if (same) return ok(expected + events.length);
        throw new WrongExpectedVersionError(null as never, {
          streamName: streamId,
          current: current < 0 ? 'no_stream' : BigInt(current),
          expected: expectedRevision as never,
        });
      }
      streams.set(streamId, [
        ...stream,
        ...events.map((e) => ({
          id: e.id,
          type: e.type,
          data: e.data,
          metadata: (e.metadata ?? {}) as Record<string, unknown>,
        })),
      ]);
      return ok(current + events.length);
    },
    readStream(streamId: string, options: { fromRevision?: bigint | string; maxCount?: number } = {}) {
      const stream = streams.get(streamId);
      const from = typeof options.fromRevision === 'bigint' ? Number(options.fromRevision) : 0;
      return (async function* () {
        if (!stream) throw new StreamNotFoundError(null as never, streamId);
        const slice = stream.slice(from, from + (options.maxCount ?? stream.length));
        for (const [i, e] of slice.entries()) yield toResolved(streamId, e, from + i);
      })();
    },
  });
  return { client, streams, hooks, store: new EsdbEventStore(client) };
}

const ev = (type: string, eventId: string = randomUUID()): EventToAppend & { eventId: string } => ({
  eventId,
  type,
  data: { type },
  metadata: { actorId: 'u1' },
});

describe('EsdbEventStore', () => {
  describe('repeated event ids: refused as the port says, where the server would answer success', () => {
    it('refuses an append sent again with the same ids, writing nothing', async () => {
      const { store, streams } = fakeServer();
      const events = [ev('A'), ev('B')];
      expect(await store.appendToStream('case-1', events, { expectedRevision: 'no_stream' })).toEqual({
        nextRevision: 1,
        position: 1001,
      });
      const again = await store
        .appendToStream('case-1', events, { expectedRevision: 'no_stream' })
        .catch((e: unknown) => e);
      expect(again).toBeInstanceOf(ConcurrencyError);
      expect(again).toMatchObject({ streamId: 'case-1', expected: 'no_stream', actual: 1 });
      expect(streams.get('case-1')).toHaveLength(2);
    });

    it('refuses a concurrent twin: the same append landing between the check and the write (the server answers success)', async () => {
      const { store, hooks, client, streams } = fakeServer();
      const events = [ev('A'), ev('B')];
      // Another process sends the same append (the same derived ids) just before this one reaches the server.
      hooks.beforeAppend = () => {
        hooks.beforeAppend = undefined;
        void client.appendToStream(
          'case-2',
          events.map((e, i) => ({
            id: e.eventId,
            type: e.type,
            data: e.data,
            metadata: i === 0 ? { $appendId: 'the-other-process' } : {},
          })) as never,
          { expectedRevision: 'no_stream' },
        );
      };
      const error = await store
        .appendToStream('case-2', events, { expectedRevision: 'no_stream' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConcurrencyError);
      expect(streams.get('case-2')!.map((e) => e.metadata.$appendId)).toEqual(['the-other-process', undefined]);
    });

    it('refuses an id the stream holds at another place (the server would write it again)', async () => {
      const { store, streams } = fakeServer();
      const a = ev('A');
      await store.appendToStream('case-3', [a], { expectedRevision: 'no_stream' });
      await expect(
        store.appendToStream('case-3', [ev('B', a.eventId)], { expectedRevision: 0 }),
      ).rejects.toBeInstanceOf(ConcurrencyError);
      await expect(
        store.appendToStream('case-3', [ev('C'), ev('C', a.eventId)], { expectedRevision: 'any' }),
      ).rejects.toBeInstanceOf(ConcurrencyError);
      expect(streams.get('case-3')).toHaveLength(1);
    });

    it('keeps its append id out of what readers see', async () => {
      const { store, streams } = fakeServer();
      await store.appendToStream('case-4', [ev('A')], { expectedRevision: 'no_stream' });
      expect(Object.keys(streams.get('case-4')![0]!.metadata)).toEqual(['actorId', '$appendId']);
      const [read] = await store.readStream('case-4');
      expect(read!.metadata).toEqual({ actorId: 'u1' });
    });
  });

  it('turns an append result with success false into a ConcurrencyError (never a quiet success)', async () => {
    const { store, client } = fakeServer();
    Object.assign(client, {
      appendToStream: async () => ({ success: false, nextExpectedRevision: 4n, position: undefined }),
    });
    const error = await store.appendToStream('case-5', [ev('A')], { expectedRevision: 2 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConcurrencyError);
    expect(error).toMatchObject({ expected: 2, actual: 4 });
  });

  it('maps the client WrongExpectedVersionError to ConcurrencyError', async () => {
    const { store } = fakeServer();
    await store.appendToStream('case-6', [ev('A')], { expectedRevision: 'no_stream' });
    await expect(store.appendToStream('case-6', [ev('B')], { expectedRevision: 5 })).rejects.toMatchObject({
      name: 'ConcurrencyError',
      actual: 0,
    });
  });

  it('refuses a client that would resolve failed appends (throwOnAppendFailure=false)', () => {
    const client = EventStoreDBClient.connectionString('esdb://127.0.0.1:1?tls=false&throwOnAppendFailure=false');
    expect(() => new EsdbEventStore(client)).toThrow(/throwOnAppendFailure=false/);
  });

  it('closes the gRPC channel on close(), not only the calls in flight', async () => {
    const client = EventStoreDBClient.connectionString('esdb://127.0.0.1:1?tls=false');
    const store = new EsdbEventStore(client);
    // What the client does on its first call: open the channel (a single node: no discovery, no connection yet).
    const channel = await (
      client as unknown as { getChannel(): Promise<{ getConnectivityState(connect: boolean): number }> }
    ).getChannel();
    const SHUTDOWN = 4; // grpc.connectivityState.SHUTDOWN
    expect(channel.getConnectivityState(false)).not.toBe(SHUTDOWN);
    await store.close();
    expect(channel.getConnectivityState(false)).toBe(SHUTDOWN);
  });
});
