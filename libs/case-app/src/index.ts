export * from './pii/child-keys';
export * from './pii/pii-codec';
export * from './case.repository';
export * from './case-command.executor';
export * from './pii/rotate-master-key';
