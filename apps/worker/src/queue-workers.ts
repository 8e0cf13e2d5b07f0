import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { WorkerHost } from '@nestjs/bullmq';
import type Redis from 'ioredis';
import type { Logger } from 'pino';
import type { SenConfig } from '@sen/config';
import { LOGGER, REDIS, SEN_CONFIG } from '@sen/platform';
import { RedisPolicyError, assertNoEviction } from '@sen/queues';

/**
 * @nestjs/bullmq takes worker options from decorators, fixed at import; Sen's come from validated
 * configuration. So the processors are declared with autorun off, and this starts them once configured —
 * and only after checking that Redis will not evict jobs.
 */
@Injectable()
export class QueueWorkersStarter implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    private readonly discovery: DiscoveryService,
    @Inject(SEN_CONFIG) private readonly config: SenConfig,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  private stopped = false;

  /**
   * Refuses to start on a Redis that may evict. If Redis is down at start, the workers start when it comes
   * back (BullMQ's own connections wait for it); the process does not fail for an outage.
   */
  async onApplicationBootstrap() {
    try {
      await assertNoEviction(this.redis);
      this.startWorkers();
    } catch (error) {
      if (error instanceof RedisPolicyError) throw error;
      this.logger.warn(
        { err: { type: (error as Error).name, message: (error as Error).message } },
        'Redis unreachable at start; queue workers will start when it answers',
      );
      void this.startWhenReachable();
    }
  }

  onApplicationShutdown() {
    this.stopped = true;
  }

  private async startWhenReachable() {
    while (!this.stopped) {
      await new Promise((r) => setTimeout(r, 1_000));
      try {
        await assertNoEviction(this.redis);
        this.startWorkers();
        return;
      } catch (error) {
        if (error instanceof RedisPolicyError) {
          this.logger.fatal({ err: error.message }, 'refusing to consume queues');
          return;
        }
        this.logger.debug(
          { err: { type: (error as Error).name, message: (error as Error).message } },
          'Redis not ready yet',
        );
      }
    }
  }

  private startWorkers() {
    const hosts = this.discovery
      .getProviders()
      .map((w) => w.instance)
      .filter((i): i is WorkerHost => i instanceof WorkerHost);
    for (const host of hosts) {
      const worker = host.worker;
      worker.concurrency = this.config.workerConcurrency;
      worker.opts.lockDuration = this.config.jobLockMs;
      worker.opts.stalledInterval = Math.max(1_000, Math.floor(this.config.jobLockMs / 2));
      worker.opts.maxStalledCount = 5;
      worker.on('error', (e) =>
        this.logger.warn(
          { queue: worker.name, err: { type: e.name, code: (e as { code?: string }).code } },
          'queue worker error',
        ),
      );
      worker.on('failed', (job, e) =>
        this.logger.warn(
          {
            queue: worker.name,
            jobId: job?.id,
            attempts: job?.attemptsMade,
            err: { type: e.name, message: e.message.slice(0, 200) },
          },
          'job failed',
        ),
      );
      void worker
        .run()
        .catch((e) =>
          this.logger.error({ queue: worker.name, err: { type: (e as Error).name } }, 'queue worker stopped'),
        );
    }
    this.logger.info({ queues: hosts.map((h) => h.worker.name) }, 'queue workers started');
  }
}
