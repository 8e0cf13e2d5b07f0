export * from './pii/child-keys';
export * from './pii/pii-codec';
export * from './case.repository';
export * from './handle-case-command';
export * from './pii/rotate-master-key';
export * from './case-app.module';
