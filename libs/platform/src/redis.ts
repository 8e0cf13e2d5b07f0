import Redis, { type RedisOptions } from 'ioredis';
import type { Logger } from 'pino';

/**
 * A Redis connection. `kind` follows BullMQ's production guide: workers (and other blocking consumers) wait
 * forever for Redis to come back (`maxRetriesPerRequest: null`); producers and probes fail fast so that an
 * HTTP request is never held hostage by a Redis outage.
 */
export function createRedis(
  url: string,
  kind: 'worker' | 'producer',
  logger?: Logger,
  extra: RedisOptions = {},
): Redis {
  const redis = new Redis(url, {
    lazyConnect: false,
    ...(kind === 'worker'
      ? { maxRetriesPerRequest: null, enableOfflineQueue: true }
      : { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2_000 }),
    retryStrategy: (times) => Math.min(200 * times, 2_000),
    ...extra,
  });
  let lastLogged = 0;
  redis.on('error', (error: Error & { code?: string }) => {
    // An outage makes many of these; one line per 10 s is enough to see it.
    if (Date.now() - lastLogged > 10_000) {
      lastLogged = Date.now();
      logger?.warn({ err: { code: error.code, type: error.name } }, 'redis connection error');
    }
  });
  return redis;
}
