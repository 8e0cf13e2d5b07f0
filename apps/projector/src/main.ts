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
import { ProjectorModule } from './projector.module';

/** The projector alone, with /health and /metrics on PORT (3001 unless set). */
async function main() {
  const config = loadConfig({ PORT: '3001', ...process.env });
  const logger = createLogger(config.logLevel, 'sen-projector');
  await prepareDatabase(config, logger);
  const registry = createRegistry('projector');

  @Module({
    imports: [PlatformModule.forRoot({ config, logger, registry, app: 'projector' }), ProjectorModule, OpsModule],
  })
  class ProjectorRoot {}

  const app = await NestFactory.create(ProjectorRoot, { logger: new PinoNestLogger(logger) });
  enableGracefulShutdown(app, logger, config.shutdownTimeoutMs);
  await app.listen(config.port);
  logger.info({ port: config.port }, 'Sen projector started');
}

main().catch((error) => {
  console.error(
    error instanceof ConfigError ? error.message : `Sen projector failed to start: ${(error as Error).message}`,
  );
  process.exit(1);
});
