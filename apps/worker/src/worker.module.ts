import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import type { Logger } from 'pino';
import type { SenConfig } from '@sen/config';
import { CaseAppModule } from '@sen/case-app';
import { DECIDE_CONTEXT, EVENT_STORE, LOGGER, SEN_CONFIG } from '@sen/platform';
import { ALL_QUEUES } from '@sen/queues';
import { LogNotifier, NOTIFIER, WebhookNotifier } from './notifier/notifier';
import { WorkerCaseCommandGuard } from './case-command.guard';
import { QueueWorkersStarter } from './queue-workers';
import { EscalationService } from './queues/escalations/escalation.service';
import { EscalationsProcessor } from './queues/escalations/escalations.processor';
import { DeliveryService } from './queues/referrals/delivery.service';
import { REFERRAL_PROCESSORS } from './queues/referrals/referrals.processor';
import { DeadlineService } from './queues/sla/deadline.service';
import { SlaProcessor } from './queues/sla/sla.processor';
import { DeadlineSweep } from './sweep/deadline-sweep.service';

/** ioredis options from a redis:// URL. Workers wait for Redis forever (maxRetriesPerRequest: null). */
export function workerConnection(url: string) {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.pathname.length > 1 ? { db: Number(u.pathname.slice(1)) } : {}),
    ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
    maxRetriesPerRequest: null,
    enableOfflineQueue: true,
  };
}

/** Consumes the queues: referral delivery per agency, deadline timers, escalations; and sweeps for missed deadlines. */
@Module({
  imports: [
    DiscoveryModule,
    CaseAppModule.forRoot({
      eventStore: EVENT_STORE,
      decideContext: DECIDE_CONTEXT,
      guard: WorkerCaseCommandGuard,
      global: false,
    }),
    BullModule.forRootAsync({
      inject: [SEN_CONFIG],
      useFactory: (config: SenConfig) => ({
        connection: workerConnection(config.redisUrl),
        prefix: config.queuePrefix,
      }),
    }),
    // Registering the queues is what brings in @nestjs/bullmq's processor explorer.
    BullModule.registerQueue(...ALL_QUEUES.map((name) => ({ name }))),
  ],
  providers: [
    {
      provide: NOTIFIER,
      inject: [SEN_CONFIG, LOGGER],
      useFactory: (config: SenConfig, logger: Logger) =>
        config.notifyWebhookUrl
          ? new WebhookNotifier(config.notifyWebhookUrl)
          : new LogNotifier(logger.child({ component: 'notifier' })),
    },
    DeliveryService,
    DeadlineService,
    EscalationService,
    ...REFERRAL_PROCESSORS,
    SlaProcessor,
    EscalationsProcessor,
    DeadlineSweep,
    QueueWorkersStarter,
  ],
})
export class WorkerModule {}
