export * from './decider-spec';
export * from './domain-fixtures';
export * from './database';
export * from './case-fixtures';
export * from './case-plan-fixtures';
export * from './case-referral-fixtures';
export * from './case-closure-fixtures';
export * from './case-traffic';
