import type { SenConfig } from '@sen/config';
import type { Sql } from '@sen/db';
import { EsdbEventStore, type EventStore, PostgresEventStore } from '@sen/event-store';

/**
 * The event store EVENT_STORE names: PostgreSQL (the same database as the read models) or EventStoreDB/KurrentDB at
 * EVENTSTORE_URL. Personal data keys (child_keys), read models and checkpoints stay in PostgreSQL either way.
 */
export function createEventStore(config: Pick<SenConfig, 'eventStore' | 'eventStoreUrl'>, sql: Sql): EventStore {
  switch (config.eventStore) {
    case 'postgres':
      return new PostgresEventStore(sql);
    case 'esdb':
      if (!config.eventStoreUrl) throw new Error('EVENTSTORE_URL: required when EVENT_STORE=esdb');
      return EsdbEventStore.fromConnectionString(config.eventStoreUrl);
    default: {
      const never: never = config.eventStore;
      throw new Error(`EVENT_STORE: unknown event store ${String(never)}`);
    }
  }
}
