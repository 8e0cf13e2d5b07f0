import { Controller, Get, Inject, Optional, ServiceUnavailableException } from '@nestjs/common';
import { lifecycle } from './shutdown';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type Redis from 'ioredis';
import type { Sql } from '@sen/db';
import type { EventStore } from '@sen/event-store';
import { countParked } from '@sen/read-models';
import { EVENT_STORE, REDIS, SQL } from './tokens';
import { PUBLIC_ROUTE } from './public-route';

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  // The timer is cleared as soon as the check answers: a probe every few seconds must not leave timers behind.
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

/**
 * Liveness (the process answers) and readiness (PostgreSQL, Redis and the event store answer). A parked event
 * (a projection could not apply it, see libs/read-models/src/runner/parking.ts) makes readiness `degraded`: still
 * 200, since the process serves every request and a load balancer dropping every API pod would stop the province
 * for one stale case, but the body says so (`status: 'degraded'`, `degraded: ['projections: parked events: 1']`,
 * `details.projections`) for operators and probes that read it; the alert is on `sen_projection_parked_events`.
 */
@ApiTags('ops')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    @Inject(SQL) private readonly sql: Sql,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Optional() @Inject(REDIS) private readonly redis?: Redis,
  ) {}

  @PUBLIC_ROUTE()
  @Get('live')
  @ApiOkResponse({
    schema: {
      type: 'object',
      properties: { status: { type: 'string', enum: ['ok'] }, uptimeSeconds: { type: 'integer' } },
      required: ['status', 'uptimeSeconds'],
      additionalProperties: false,
    },
  })
  live() {
    return { status: 'ok', uptimeSeconds: Math.round(process.uptime()) };
  }

  @PUBLIC_ROUTE()
  @Get('ready')
  @HealthCheck()
  async ready() {
    if (lifecycle.shuttingDown) throw new ServiceUnavailableException({ status: 'shutting_down' });
    const result = await this.health.check([
      () => this.probe('database', () => this.sql`select 1`),
      () => this.probe('eventStore', () => this.store.ping()),
      ...(this.redis ? [() => this.probe('redis', () => this.redis!.ping())] : []),
    ]);
    const parked = await withTimeout(countParked(this.sql, []), 2_000).catch(() => null);
    const total = parked ? [...parked.values()].reduce((a, b) => a + b, 0) : 0;
    if (!parked || total === 0) return result;
    return {
      ...result,
      status: 'degraded',
      degraded: [`projections: parked events: ${total}`],
      details: { ...result.details, projections: { status: 'degraded', parkedEvents: Object.fromEntries(parked) } },
    };
  }

  private async probe(key: string, check: () => Promise<unknown>) {
    const session = this.indicator.check(key);
    try {
      await withTimeout(check(), 2_000);
      return session.up();
    } catch (e) {
      return session.down({ message: (e as { code?: string }).code ?? (e as Error).message });
    }
  }
}
