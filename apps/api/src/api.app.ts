import { type DynamicModule, Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { SenConfig } from '@sen/config';
import { PinoNestLogger, PlatformModule } from '@sen/platform';
import { ApiModule } from './api.module';
import { configureApiApp } from './configure-app';

export interface AppOptions {
  config: SenConfig;
  logger: Logger;
  registry: Registry;
  /** Extra modules to run in the same process (the projector and worker under `npm start`). */
  with?: (DynamicModule | (new () => unknown))[];
}

@Module({})
class ApiRoot {}

/** The API's root module; tests compile it with Test.createTestingModule to replace the clock. */
export function apiRootModule(options: AppOptions): DynamicModule {
  return {
    module: ApiRoot,
    imports: [
      PlatformModule.forRoot({
        config: options.config,
        logger: options.logger,
        registry: options.registry,
        app: 'api',
      }),
      ApiModule,
      ...(options.with ?? []),
    ],
  };
}

export async function createApiApp(options: AppOptions): Promise<INestApplication> {
  const app = await NestFactory.create(apiRootModule(options), {
    logger: new PinoNestLogger(options.logger),
    abortOnError: false,
    bodyParser: false,
  });
  configureApiApp(app, options.config, options.logger);
  return app;
}
