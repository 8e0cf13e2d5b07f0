import { type DynamicModule, Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { Registry } from 'prom-client';
import { ChildKeyStore, PiiCodec, masterKeyRing } from '@sen/case-app';
import type { DecideContext } from '@sen/case-domain';
import type { SenConfig } from '@sen/config';
import { type Sql, createSql } from '@sen/db';
import type { EventStore } from '@sen/event-store';
import { createEventStore } from './event-store.factory';
import { AreaDirectory, loadCalendar, loadDeadlinePolicy } from '@sen/reference';
import type Redis from 'ioredis';
import { Clock, SystemClock } from './clock';
import { createRedis } from './redis';
import { AREAS, DECIDE_CONTEXT, EVENT_STORE, LOGGER, REDIS, SEN_CONFIG, SQL } from './tokens';

class ConnectionsLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(SQL) private readonly sql: Sql,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}
  async onApplicationShutdown() {
    await this.store.close().catch(() => undefined);
    await this.sql.end({ timeout: 5 });
    this.redis.disconnect();
  }
}

export interface PlatformOptions {
  config: SenConfig;
  logger: Logger;
  registry: Registry;
  /** Name the database connections carry (pg_stat_activity.application_name). */
  app: string;
  /** Another event store than the one EVENT_STORE selects (tests plug theirs in here). */
  eventStoreFactory?: (config: SenConfig, sql: Sql) => EventStore;
}

/**
 * What every Sen process shares: configuration, logger, metrics, the PostgreSQL pool, the event store,
 * the area directory, the deadline policy and the personal data key store. The command path for cases is
 * wired by CaseAppModule (libs/case-app), beside this one.
 */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    return {
      module: PlatformModule,
      providers: [
        { provide: SEN_CONFIG, useValue: options.config },
        { provide: Clock, useClass: SystemClock },
        { provide: LOGGER, useValue: options.logger },
        { provide: Registry, useValue: options.registry },
        {
          provide: SQL,
          useFactory: () =>
            createSql(options.config.databaseUrl, {
              max: options.config.dbPoolMax,
              applicationName: `sen-${options.app}`,
              statementTimeoutMs: options.config.dbStatementTimeoutMs,
              idleInTransactionTimeoutMs: options.config.dbIdleInTransactionTimeoutMs,
            }),
        },
        {
          provide: REDIS,
          useFactory: () => createRedis(options.config.redisUrl, 'producer', options.logger),
        },
        ConnectionsLifecycle,
        {
          provide: EVENT_STORE,
          inject: [SQL],
          useFactory: (sql: Sql) => (options.eventStoreFactory ?? createEventStore)(options.config, sql),
        },
        { provide: AREAS, inject: [SQL], useFactory: (sql: Sql) => AreaDirectory.load(sql) },
        {
          provide: DECIDE_CONTEXT,
          useFactory: (): DecideContext => ({ policy: loadDeadlinePolicy(), calendar: loadCalendar() }),
        },
        {
          provide: ChildKeyStore,
          inject: [SQL],
          useFactory: (sql: Sql) => new ChildKeyStore(sql, masterKeyRing(options.config)),
        },
        { provide: PiiCodec, inject: [ChildKeyStore], useFactory: (keys: ChildKeyStore) => new PiiCodec(keys) },
      ],
      exports: [
        SEN_CONFIG,
        Clock,
        LOGGER,
        Registry,
        SQL,
        REDIS,
        EVENT_STORE,
        AREAS,
        DECIDE_CONTEXT,
        ChildKeyStore,
        PiiCodec,
      ],
    };
  }
}
