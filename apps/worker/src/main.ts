import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigError, loadConfig } from '@sen/config';
import {
  OpsModule,
  PinoNestLogger,
  PlatformModule,
  createLogger,
  createRegistry,
  enableGracefulShutdown,
  prepareDatabase,
} from '@sen/platform';
import { WorkerModule } from './worker.module';

/** The worker alone, with /health and /metrics on PORT (3002 unless set). */
async function main() {
  const config = loadConfig({ PORT: '3002', ...process.env });
  const logger = createLogger(config.logLevel, 'sen-worker');
  await prepareDatabase(config, logger);
  const registry = createRegistry('worker');

  @Module({ imports: [PlatformModule.forRoot({ config, logger, registry, app: 'worker' }), WorkerModule, OpsModule] })
  class WorkerRoot {}

  const app = await NestFactory.create(WorkerRoot, { logger: new PinoNestLogger(logger) });
  enableGracefulShutdown(app, logger, config.shutdownTimeoutMs);
  await app.listen(config.port);
  logger.info({ port: config.port }, 'Sen worker started');
}

main().catch((error) => {
  console.error(
    error instanceof ConfigError ? error.message : `Sen worker failed to start: ${(error as Error).message}`,
  );
  process.exit(1);
});
