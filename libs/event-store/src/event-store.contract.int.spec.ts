// The event store contract, one suite with every adapter plugged in: PostgreSQL always, EventStoreDB when
// EVENTSTORE_URL points at a server (there is none on the CI machine, and the run says so rather than passing quietly).
import { createTestDatabase } from '@sen/testing';
import { eventStoreContract } from './event-store.contract';
import { EsdbEventStore } from './esdb/esdb-event-store';
import { PostgresEventStore } from './postgres/postgres-event-store';

eventStoreContract('postgres', async () => {
  const db = await createTestDatabase('event_store', { max: 24 });
  return {
    store: new PostgresEventStore(db.sql),
    async appendWithLateCommit(streamId, events, holdMs) {
      await db.sql.begin(async (tx) => {
        await new PostgresEventStore(tx as never).appendToStream(streamId, events, { expectedRevision: 'any' });
        await new Promise((r) => setTimeout(r, holdMs));
      });
    },
    close: () => db.drop(),
  };
});

const eventStoreUrl = process.env.EVENTSTORE_URL;
if (eventStoreUrl) {
  // Each run writes fresh stream ids (`contract-<uuid>`) into the server's one $all; nothing is deleted after.
  eventStoreContract('esdb', async () => {
    const store = EsdbEventStore.fromConnectionString(eventStoreUrl);
    await store.ping();
    return {
      store,
      // ESDB has no client transactions: a write is committed when the append returns, so append normally.
      async appendWithLateCommit(streamId, events) {
        await store.appendToStream(streamId, events, { expectedRevision: 'any' });
      },
      close: () => store.close(),
    };
  });
} else {
  console.warn(
    'EventStoreDB contract suite SKIPPED: EVENTSTORE_URL is not set, so only the PostgreSQL adapter was tested.',
  );
}
