// The event store contract, run against every adapter: PostgreSQL always, EventStoreDB when EVENTSTORE_URL
// points at a server (there is none on the CI machine, and the run says so rather than passing quietly).
import { createTestDatabase } from '@sen/testing';
import { eventStoreContract } from './event-store.contract';
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

if (!process.env.EVENTSTORE_URL) {
  console.warn('EventStoreDB contract suite SKIPPED: EVENTSTORE_URL is not set, so only the PostgreSQL adapter was tested.');
}
