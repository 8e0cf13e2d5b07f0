import 'reflect-metadata';
import { ConfigError, loadConfig } from '@sen/config';
import { createLogger, createRegistry, enableGracefulShutdown, prepareDatabase } from '@sen/platform';
import { createApiApp } from './api.app';

/** The API alone (several replicas may run against one PostgreSQL and Redis). */
async function main() {
  const config = loadConfig();
  const logger = createLogger(config.logLevel, 'sen-api');
  await prepareDatabase(config, logger, { seed: false });
  const app = await createApiApp({ config, logger, registry: createRegistry('api') });
  enableGracefulShutdown(app, logger, config.shutdownTimeoutMs);
  await app.listen(config.port);
  logger.info({ port: config.port }, 'Sen API listening');
}

main().catch((error) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error('Sen API failed to start:', (error as Error).message);
  process.exit(1);
});
