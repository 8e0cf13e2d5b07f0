export * from './queues';
export * from './redis-policy';
export * from './outbox-relay';
