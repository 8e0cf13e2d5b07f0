// The resubscription logic of the EventStoreDB catch-up subscription, against a stand-in for the server's
// subscription stream (a plain Node Readable, which is what the client hands out). This tests Sen's code around
// the client — batching, resubscribing from the last checkpoint, never delivering twice — and says nothing about
// the server: that is the contract suite's job, with EVENTSTORE_URL.
import { Readable } from 'node:stream';
import type { EventStoreDBClient } from '@eventstore/db-client';
import type { RecordedEvent } from '../event-store.port';
import { esdbCatchUpSubscription } from './esdb-subscription';

function resolved(n: number, streamId = 'case-1', type = 'CaseAssigned') {
  const p = BigInt(n * 100);
  return {
    event: {
      streamId,
      id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
      isJson: true,
      revision: BigInt(n),
      type,
      created: new Date(0),
      data: { n },
      metadata: {},
      position: { commit: p, prepare: p },
    },
  };
}

type Script = (sub: Readable) => void;

/** A client whose n-th subscribeToAll plays the n-th script; records where each subscription started. */
function scriptedClient(scripts: Script[]) {
  const starts: unknown[] = [];
  const client = {
    subscribeToAll(options: { fromPosition: unknown }) {
      starts.push(options.fromPosition);
      const sub = new Readable({ objectMode: true, read() {} }) as Readable & { unsubscribe(): Promise<void> };
      sub.unsubscribe = async () => void sub.destroy();
      const script = scripts[starts.length - 1];
      setImmediate(() => script?.(sub));
      return sub;
    },
  };
  return { client: client as unknown as EventStoreDBClient, starts };
}

const waitFor = async (condition: () => boolean) => {
  const until = Date.now() + 5_000;
  while (!condition()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe('EventStoreDB catch-up subscription', () => {
  it('resubscribes from the last checkpoint after a drop and delivers each event once', async () => {
    const { client, starts } = scriptedClient([
      (sub) => {
        for (const n of [1, 2, 3]) sub.push(resolved(n));
        setTimeout(() => sub.destroy(new Error('connection reset')), 20);
      },
      // The server starts again at or after the checkpoint; event 3 again must not be delivered twice.
      (sub) => {
        for (const n of [3, 4, 5]) sub.push(resolved(n));
      },
    ]);
    const seen: number[] = [];
    const errors: unknown[] = [];
    const sub = esdbCatchUpSubscription(client, { commit: -1, prepare: -1 }, async (batch) => void seen.push(...batch.map((e) => e.revision)), {
      onError: (e) => errors.push(e),
    });
    await waitFor(() => seen.length >= 5);
    await sub.stop();
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    expect(starts).toEqual(['start', { commit: 300n, prepare: 300n }]);
    expect(errors).toHaveLength(1);
  });

  it('hands the handler batches of what is buffered, up to batchSize, and skips system events', async () => {
    const { client } = scriptedClient([
      (sub) => {
        for (let n = 1; n <= 7; n++) sub.push(resolved(n));
        sub.push(resolved(8, '$stats-node', 'StatsCollected'));
        sub.push(resolved(9));
      },
    ]);
    const batches: number[][] = [];
    const sub = esdbCatchUpSubscription(client, { commit: -1, prepare: -1 }, async (batch) => void batches.push(batch.map((e) => e.revision)), { batchSize: 3 });
    await waitFor(() => batches.flat().length >= 8);
    await sub.stop();
    expect(batches.flat()).toEqual([1, 2, 3, 4, 5, 6, 7, 9]);
    expect(Math.max(...batches.map((b) => b.length))).toBeLessThanOrEqual(3);
  });

  it('ends, rejecting done, when the handler fails, so no event is skipped', async () => {
    const { client, starts } = scriptedClient([(sub) => sub.push(resolved(1))]);
    const sub = esdbCatchUpSubscription(client, { commit: 50, prepare: 50 }, async (_batch: RecordedEvent[]) => {
      throw new Error('projection failed');
    });
    await expect(sub.done).rejects.toThrow('projection failed');
    expect(starts).toEqual([{ commit: 50n, prepare: 50n }]);
  });
});
