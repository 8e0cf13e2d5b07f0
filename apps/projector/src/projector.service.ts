import { type BeforeApplicationShutdown, Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import { Gauge, Registry } from 'prom-client';
import { ChildKeyStore, PiiCodec } from '@sen/case-app';
import type { Sql } from '@sen/db';
import { type EventStore, PostgresEventStore } from '@sen/event-store';
import type { SenConfig } from '@sen/config';
import type Redis from 'ioredis';
import { AREAS, Clock, EVENT_STORE, LOGGER, REDIS, SEN_CONFIG, SQL } from '@sen/platform';
import { OutboxRelay, countUnsentOutboxRows } from '@sen/queues';
import { PROJECTIONS, ProjectionRunner, countParked, projectionLag } from '@sen/read-models';
import type { AreaDirectory } from '@sen/reference';

/** Runs the projection runner and the outbox relay for the life of the process, and exposes their state. */
@Injectable()
export class ProjectorService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly runner: ProjectionRunner;
  readonly relay: OutboxRelay;

  constructor(
    @Inject(SQL) private readonly sql: Sql,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(AREAS) areas: AreaDirectory,
    @Inject(LOGGER) logger: Logger,
    pii: PiiCodec,
    keys: ChildKeyStore,
    registry: Registry,
    clock: Clock,
    @Inject(REDIS) redis: Redis,
    @Inject(SEN_CONFIG) config: SenConfig,
  ) {
    this.runner = new ProjectionRunner({
      sql,
      store,
      projections: PROJECTIONS,
      context: { areas },
      pii,
      keys,
      logger: logger.child({ component: 'projector' }),
    });
    this.relay = new OutboxRelay({
      sql,
      redis,
      prefix: config.queuePrefix,
      logger: logger.child({ component: 'outbox-relay' }),
      now: () => clock.now(),
      redeliverAfterMs: config.outboxRedeliverMs,
    });
    this.registerMetrics(registry);
  }

  onApplicationBootstrap() {
    this.runner.start();
    this.relay.start();
  }

  /** Before the connections close: the batch in hand finishes (its transaction commits or rolls back). */
  async beforeApplicationShutdown() {
    await this.runner.stop();
    await this.relay.stop();
  }

  private registerMetrics(registry: Registry) {
    const names = PROJECTIONS.map((p) => p.name);
    const runner = this.runner;
    const sql = this.sql;
    const store = this.store;
    let cache: { at: number; lag: Awaited<ReturnType<typeof projectionLag>> } | null = null;
    // One query round for all four gauges of a scrape.
    const lag = async () => {
      if (!cache || Date.now() - cache.at > 1000)
        cache = { at: Date.now(), lag: await projectionLag(sql, store, names) };
      return cache.lag;
    };
    const gauge = (
      name: string,
      help: string,
      pick: (l: Awaited<ReturnType<typeof projectionLag>>[number]) => number,
    ) =>
      new Gauge({
        name,
        help,
        labelNames: ['projection'],
        registers: [registry],
        async collect() {
          for (const l of await lag().catch(() => [])) this.set({ projection: l.projection }, pick(l));
        },
      });
    gauge('sen_projection_position', 'Global position of the last event each projection applied', (l) => l.position);
    gauge('sen_projection_lag_events', 'Events in the store not yet applied by each projection', (l) => l.lagEvents);
    gauge(
      'sen_projection_lag_seconds',
      'Age of the oldest event not yet applied by each projection',
      (l) => l.lagSeconds,
    );
    new Gauge({
      name: 'sen_event_store_head_position',
      help: 'Global position of the last event in the store',
      registers: [registry],
      async collect() {
        const l = await lag().catch(() => []);
        if (l[0]) this.set(l[0].head);
      },
    });
    new Gauge({
      name: 'sen_projection_parked_events',
      help: 'Events a projection could not apply, parked until replayed (their cases are stale in that projection)',
      labelNames: ['projection'],
      registers: [registry],
      async collect() {
        const parked = await countParked(sql, names).catch(() => null);
        for (const [projection, n] of parked ?? []) this.set({ projection }, n);
      },
    });
    const relay = this.relay;
    new Gauge({
      name: 'sen_outbox_unsent',
      help: 'Outbox rows not yet moved to their queue (grows while Redis is down)',
      registers: [registry],
      async collect() {
        this.set(await countUnsentOutboxRows(sql).catch(() => 0));
      },
    });
    new Gauge({
      name: 'sen_outbox_relay_failures',
      help: 'Times the outbox relay found the queues unavailable',
      registers: [registry],
      collect() {
        this.set(relay.failures);
      },
    });
    new Gauge({
      name: 'sen_projector_active',
      help: '1 when this process holds the projection lock and projects; 0 on a standby',
      registers: [registry],
      collect() {
        this.set(runner.isActive ? 1 : 0);
      },
    });
    if (store instanceof PostgresEventStore) {
      new Gauge({
        name: 'sen_event_store_oldest_transaction_seconds',
        help: 'Age of the oldest open transaction holding an xid: readers of the global order wait behind it',
        registers: [registry],
        async collect() {
          this.set(await store.oldestTransactionSeconds().catch(() => 0));
        },
      });
      new Gauge({
        name: 'sen_event_store_held_back_events',
        help: 'Committed events readers cannot pass yet because an older transaction is still open',
        registers: [registry],
        async collect() {
          this.set(await store.heldBackEvents().catch(() => 0));
        },
      });
    }
  }
}
