import { NestFactory } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { Registry } from 'prom-client';
import { loadConfig } from '@sen/config';
import { createLogger } from '@sen/platform';
import { apiRootModule } from '../api.app';
import { API_PREFIX, createOpenApiDocument, UNPREFIXED_PATHS } from './openapi-document';

/**
 * The same document without a server, a database or Redis: Nest's preview mode reads the modules, controllers and
 * DTOs without creating a single provider. `npm run gen:api-types` and the drift test of the web app's types use it.
 */
export async function buildOpenApiDocument(): Promise<OpenAPIObject> {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
  const logger = createLogger('silent', 'sen-openapi');
  const app = await NestFactory.create(apiRootModule({ config, logger, registry: new Registry() }), {
    preview: true,
    logger: false,
    abortOnError: false,
  });
  app.setGlobalPrefix(API_PREFIX, { exclude: UNPREFIXED_PATHS });
  try {
    return createOpenApiDocument(app);
  } finally {
    await app.close();
  }
}
