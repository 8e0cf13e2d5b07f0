// What the PostgreSQL adapter does beyond the shared contract (event-store.contract.ts): appends inside a caller's
// transaction (issue 20, point 2; migration 00017_event_store_safety).
import { randomUUID } from 'node:crypto';
import { type TestDatabase, createTestDatabase } from '@sen/testing';
import { type RecordedEvent, START } from '../event-store.port';
import { AppendInWrittenTransactionError, PostgresEventStore } from './postgres-event-store';

const ev = (n: number) => ({ type: 'T', data: { n }, metadata: {} });

describe('PostgresEventStore: appends inside a caller transaction', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;

  beforeAll(async () => {
    db = await createTestDatabase('pg_store_tx', { max: 8 });
    store = new PostgresEventStore(db.sql);
  });
  afterAll(async () => {
    await db?.drop();
  });

  /**
   * The stream's revisions in the global order, read again until `count` are there: a reader sees an event only once
   * every older transaction on the server has ended, and other databases' tests run on the same server.
   */
  async function globalOrder(streamId: string, count: number): Promise<number[]> {
    const until = Date.now() + 10_000;
    for (;;) {
      const out: RecordedEvent[] = [];
      let from = START;
      for (;;) {
        const batch = await store.readAll(from, 1000);
        if (batch.length === 0) break;
        out.push(...batch);
        from = batch[batch.length - 1]!.checkpoint;
      }
      const revisions = out.filter((e) => e.streamId === streamId).map((e) => e.revision);
      if (revisions.length >= count || Date.now() > until) return revisions;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('refuses an append in a transaction that has already written, and writes nothing', async () => {
    const s = `tx-${randomUUID()}`;
    await store.appendToStream(s, [ev(0)], { expectedRevision: 'no_stream' });
    const attempt = db.sql.begin(async (tx) => {
      await tx`select pg_current_xact_id()`; // the caller's transaction takes its id (as any write would)
      await store.appendToStream(s, [ev(1)], { expectedRevision: 0 }); // another writer's revision 1 commits meanwhile
      return new PostgresEventStore(tx as never).appendToStream(s, [ev(2)], { expectedRevision: 1 });
    });
    // Accepted, revision 2 would carry an older transaction id than revision 1: the global order would read 0, 2, 1.
    await expect(attempt).rejects.toBeInstanceOf(AppendInWrittenTransactionError);
    await expect(attempt).rejects.toMatchObject({ code: 'APPEND_IN_WRITTEN_TRANSACTION' });
    expect((await store.readStream(s)).map((e) => e.revision)).toEqual([0, 1]);
    expect(await globalOrder(s, 2)).toEqual([0, 1]);
  });

  it("accepts an append as the transaction's first write; a concurrent writer of the stream waits for its commit", async () => {
    const s = `tx-${randomUUID()}`;
    await store.appendToStream(s, [ev(0)], { expectedRevision: 'no_stream' });
    let other: Promise<unknown> = Promise.resolve();
    await db.sql.begin(async (tx) => {
      await new PostgresEventStore(tx as never).appendToStream(s, [ev(1)], { expectedRevision: 'any' });
      other = store.appendToStream(s, [ev(2)], { expectedRevision: 'stream_exists' });
      await new Promise((r) => setTimeout(r, 200)); // commit late
    });
    await other;
    expect((await store.readStream(s)).map((e) => (e.data as { n: number }).n)).toEqual([0, 1, 2]);
    expect(await globalOrder(s, 3)).toEqual([0, 1, 2]);
  });
});
