export * from './database';
export * from './migrate';
export * from './project-root';
