import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { json, type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import pinoHttp from 'pino-http';
import { Counter, Histogram, Registry } from 'prom-client';
import type { SenConfig } from '@sen/config';
import { pathOnly } from '@sen/platform';
import { mountQueueDashboard } from './admin/queue-dashboard';
import { requestContextMiddleware } from './common/request-context';
import { createValidationPipe } from './common/validation';

function bodyParserErrors(err: { type?: string; status?: number } | undefined, _req: Request, res: Response, next: NextFunction) {
  if (!err) return next();
  const [status, code, message] =
    err.type === 'entity.too.large'
      ? [413, 'PAYLOAD_TOO_LARGE', 'the request body is too large']
      : err.type === 'encoding.unsupported' || err.type === 'charset.unsupported'
        ? [415, 'UNSUPPORTED_ENCODING', 'the request body must be UTF-8 JSON']
        : err.type === 'request.aborted'
          ? [400, 'REQUEST_ABORTED', 'the request was aborted']
          : [400, 'MALFORMED_JSON', 'the request body is not valid JSON'];
  res.status(status).json({ statusCode: status, code, message });
}

/**
 * Everything an HTTP app needs around its modules: prefix, body limits, secure headers, request ids, access
 * logs without personal data, metrics, validation and the OpenAPI document at /docs.
 */
export function configureApiApp(app: INestApplication, config: SenConfig, logger: Logger): void {
  const express = app as NestExpressApplication;
  express.setGlobalPrefix('api/v1', { exclude: ['health/live', 'health/ready', 'metrics', 'docs', 'docs-json'] });
  // Our own JSON parser (the app is created with bodyParser: false), so that its errors get Sen's error shape.
  app.use(json({ limit: config.bodyLimit, strict: true }));
  app.use(bodyParserErrors);
  express.disable('x-powered-by');
  express.set('trust proxy', 'loopback, linklocal, uniquelocal');
  // Bounds on the HTTP server itself: slow or endless requests do not hold a connection forever.
  const server = app.getHttpServer() as import('node:http').Server;
  server.requestTimeout = config.httpRequestTimeoutMs;
  server.headersTimeout = Math.min(20_000, config.httpRequestTimeoutMs);
  // Node enforces these two only when it checks its connections, every `connectionsCheckingInterval` (30 s by
  // default): a slow client could keep a connection up to 30 s beyond them. Check four times within the shorter.
  // (A plain property read when the server starts listening; @types/node does not declare it.)
  (server as typeof server & { connectionsCheckingInterval: number }).connectionsCheckingInterval = Math.max(250, Math.floor(server.headersTimeout / 4));
  server.keepAliveTimeout = 5_000;
  server.maxHeadersCount = 100;
  server.maxRequestsPerSocket = 1_000;
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          styleSrc: ["'self'", "'unsafe-inline'"],
          scriptSrc: ["'self'", "'unsafe-inline'"],
          // Production sits behind TLS and keeps Helmet's upgrade-insecure-requests. Elsewhere (npm start's demo
          // mode, opened from another computer at http://<address>:3000) it would send the web app's scripts and
          // styles to https on a port that speaks plain HTTP, and the page would stay blank.
          upgradeInsecureRequests: config.env === 'production' ? [] : null,
        },
      },
    }),
  );
  app.use(requestContextMiddleware);

  const registry = app.get(Registry);
  const duration = new Histogram({
    name: 'sen_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const errors = new Counter({ name: 'sen_http_errors_total', help: 'HTTP 5xx answers', labelNames: ['route'], registers: [registry] });
  app.use((req: { method: string; route?: { path?: string }; originalUrl: string }, res: { statusCode: number; on: (e: string, f: () => void) => void }, next: () => void) => {
    const end = duration.startTimer();
    res.on('finish', () => {
      // The matched route pattern (not the URL) keeps ids and search text out of labels.
      const route = req.route?.path ?? 'unmatched';
      end({ method: req.method, route, status: String(res.statusCode) });
      if (res.statusCode >= 500) errors.inc({ route });
    });
    next();
  });
  app.use(
    pinoHttp({
      logger,
      genReqId: (req) => (req as unknown as { context?: { requestId: string } }).context?.requestId ?? '',
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, path: pathOnly(req.url) }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'info' : 'debug'),
      autoLogging: { ignore: (req) => /^\/(health|metrics)/.test(req.url ?? '') },
    }),
  );
  app.useGlobalPipes(createValidationPipe());
  mountQueueDashboard(app);

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Sen API')
      .setDescription('Child protection case management for Đồng Tháp (DESIGN.md section 5). Errors are {statusCode, code, message, details?}.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document);
}
