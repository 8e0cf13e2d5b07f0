import type { Logger } from 'pino';
import type { SenConfig } from '@sen/config';
import { createRegistry, enableGracefulShutdown } from '@sen/platform';
import { createApiApp } from '../../api/src/api.app';
import { ProjectorModule } from '../../projector/src/projector.module';
import { WorkerModule } from '../../worker/src/worker.module';

/** The single-machine default: one process, three apps (DESIGN.md section 1). */
export async function startAll(config: SenConfig, logger: Logger): Promise<void> {
  const app = await createApiApp({
    config,
    logger,
    registry: createRegistry('sen'),
    with: [ProjectorModule, WorkerModule],
  });
  enableGracefulShutdown(app, logger, config.shutdownTimeoutMs);
  await app.listen(config.port);
  logger.info({ port: config.port }, `Sen is running: http://localhost:${config.port}/ (API /api/v1, docs /docs)`);
}
