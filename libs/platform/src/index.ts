export * from './tokens';
export * from './logger';
export * from './metrics';
export * from './platform.module';
export * from './redis';
export * from './public-route';
export * from './ops.module';
export * from './prepare';
