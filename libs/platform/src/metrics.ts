import { Registry, collectDefaultMetrics } from 'prom-client';

/** One Prometheus registry per process; `/metrics` serves it. */
export function createRegistry(app: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ app });
  collectDefaultMetrics({ register: registry });
  return registry;
}
