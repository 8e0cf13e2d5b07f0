export * from './case.types';
export * from './case.events';
export * from './case.commands';
export * from './case.errors';
export * from './case.state';
export * from './case.decider';
export * from './deadlines';
export * from './deadline-rule';
