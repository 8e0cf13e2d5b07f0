import type Redis from 'ioredis';

export class RedisPolicyError extends Error {}

/**
 * BullMQ needs every key kept: a Redis that may evict keys under memory pressure can silently drop jobs.
 * Refuse to start unless `maxmemory-policy` is `noeviction` (read from INFO, which managed Redis allows).
 */
export async function assertNoEviction(redis: Redis, waitMs = 2_000): Promise<void> {
  if (redis.status !== 'ready') {
    // A fail-fast connection refuses commands until it is connected: give a fresh one a moment.
    await new Promise<void>((resolve) => {
      const t = setTimeout(done, waitMs);
      function done() {
        clearTimeout(t);
        redis.off('ready', done);
        resolve();
      }
      redis.on('ready', done);
    });
  }
  const info = await redis.info('memory');
  const policy = /maxmemory_policy:(\S+)/.exec(info)?.[1];
  if (policy !== 'noeviction') {
    throw new RedisPolicyError(
      `Redis maxmemory-policy is ${policy ?? 'unknown'}; Sen's queues need noeviction (redis-server --maxmemory-policy noeviction)`,
    );
  }
}
