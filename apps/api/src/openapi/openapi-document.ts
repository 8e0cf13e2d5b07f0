import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

/** Every API route lives under this prefix, except the few paths that proxies and probes reach directly. */
export const API_PREFIX = 'api/v1';
export const UNPREFIXED_PATHS = ['health/live', 'health/ready', 'metrics', 'docs', 'docs-json'];

/** The OpenAPI document that /docs and /docs-json serve, made from the controllers and DTOs of `app`. */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Sen API')
      .setDescription(
        'Child protection case management for Đồng Tháp (DESIGN.md section 5). Errors are {statusCode, code, message, details?}.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
}
