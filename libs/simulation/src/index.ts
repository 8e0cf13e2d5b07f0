// The province simulator: a synthetic province's cases (generator, model, seeded random), run through the real
// command path or decided and loaded in bulk. `sen simulate` (apps/cli) and the benchmarks (bench/) use it.
export * from './simulate.bulk';
export * from './simulate.command';
export * from './simulate.generator';
export * from './simulate.model';
export * from './simulate.random';
