import { Controller, Get, Header } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Registry } from 'prom-client';
import { PUBLIC_ROUTE } from './public-route';

@ApiTags('ops')
@Controller()
export class MetricsController {
  constructor(private readonly registry: Registry) {}

  @PUBLIC_ROUTE()
  @Get('metrics')
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  metrics() {
    return this.registry.metrics();
  }
}
