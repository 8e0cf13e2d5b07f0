export * from './seeds';
export * from './seed-reference';
export * from './areas.repository';
export * from './seed-indicators';
export * from './indicators.repository';
