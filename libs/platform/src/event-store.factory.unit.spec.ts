import { EsdbEventStore, PostgresEventStore } from '@sen/event-store';
import { createEventStore } from './event-store.factory';

// The client connects lazily, so selecting the adapter needs no server; nothing here sends a request.
describe('createEventStore', () => {
  const sql = {} as never;

  it('selects PostgreSQL by default', () => {
    expect(createEventStore({ eventStore: 'postgres', eventStoreUrl: null }, sql)).toBeInstanceOf(PostgresEventStore);
  });

  it('selects EventStoreDB with EVENT_STORE=esdb', async () => {
    const store = createEventStore({ eventStore: 'esdb', eventStoreUrl: 'kurrentdb://127.0.0.1:2113?tls=false' }, sql);
    expect(store).toBeInstanceOf(EsdbEventStore);
    expect(store.kind).toBe('esdb');
    await store.close();
  });

  it('refuses esdb without a URL', () => {
    expect(() => createEventStore({ eventStore: 'esdb', eventStoreUrl: null }, sql)).toThrow(/EVENTSTORE_URL/);
  });
});
