import { timingSafeEqual } from 'node:crypto';
import { Controller, Get, Headers, HttpException, Inject, NotFoundException, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Registry } from 'prom-client';
import type { SenConfig } from '@sen/config';
import { PUBLIC_ROUTE } from './public-route';
import { SEN_CONFIG } from './tokens';

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Prometheus metrics. With METRICS_TOKEN set, only a scraper sending `Authorization: Bearer <token>` reads them;
 * in production without it they are not served at all (404): queue depths, error rates and user counts are of
 * use to an attacker, and a metrics endpoint open to the office network by default is one to forget.
 */
@ApiTags('ops')
@Controller()
export class MetricsController {
  constructor(
    private readonly registry: Registry,
    @Inject(SEN_CONFIG) private readonly config: SenConfig,
  ) {}

  @PUBLIC_ROUTE()
  @Get('metrics')
  metrics(
    @Res({ passthrough: true }) res: { setHeader(name: string, value: string): void },
    @Headers('authorization') authorization?: string,
  ) {
    const token = this.config.metricsToken;
    if (!token) {
      if (this.config.env === 'production')
        throw new NotFoundException({ statusCode: 404, code: 'NOT_FOUND', message: 'no route GET /metrics' });
    } else {
      const given = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1] ?? '';
      if (!sameToken(given, token)) {
        throw new HttpException(
          { statusCode: 401, code: 'METRICS_TOKEN_REQUIRED', message: 'send Authorization: Bearer <METRICS_TOKEN>' },
          401,
        );
      }
    }
    // Set here rather than with @Header, so that a refusal keeps the JSON error's content type.
    res.setHeader('Content-Type', 'text/plain; version=0.0.4; charset=utf-8');
    return this.registry.metrics();
  }
}
