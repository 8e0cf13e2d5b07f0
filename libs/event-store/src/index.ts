export * from './event-store.port';
export * from './postgres/postgres-event-store';
export * from './postgres/transaction-counter';
export * from './esdb/esdb-event-store';
export * from './esdb/esdb-mapping';
export * from './migration/copy-event-store';
export * from './migration/migration-progress';
