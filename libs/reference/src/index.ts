export * from './seeds';
export * from './seed-reference';
export * from './areas.repository';
