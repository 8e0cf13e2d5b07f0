export * from './queues';
export * from './redis-policy';
export * from './outbox';
export * from './outbox-relay';
export * from './referral-deliveries';
