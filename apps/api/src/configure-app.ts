import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import pinoHttp from 'pino-http';
import { Counter, Histogram, Registry } from 'prom-client';
import type { SenConfig } from '@sen/config';
import { pathOnly } from '@sen/platform';
import { mountQueueDashboard } from './admin/queue-dashboard';
import { AUTH_BODY_LIMIT, AUTH_JSON_DEPTH, limitedJson, MAX_JSON_DEPTH } from './common/json-limits';
import { dataHeadersMiddleware } from './common/data-headers';
import { requestContextMiddleware } from './common/request-context';
import { createValidationPipe } from './common/validation';
import { API_PREFIX, createOpenApiDocument, UNPREFIXED_PATHS } from './openapi/openapi-document';

function bodyParserErrors(
  err: { type?: string; status?: number } | undefined,
  _req: Request,
  res: Response,
  next: NextFunction,
) {
  if (!err) return next();
  const [status, code, message] =
    err.type === 'entity.too.large'
      ? [413, 'PAYLOAD_TOO_LARGE', 'the request body is too large']
      : err.type === 'entity.too.deep'
        ? [400, 'JSON_TOO_DEEP', `the request body nests arrays or objects too deeply`]
        : err.type === 'encoding.unsupported' || err.type === 'charset.unsupported'
          ? [415, 'UNSUPPORTED_ENCODING', 'the request body must be UTF-8 JSON']
          : err.type === 'request.aborted'
            ? [400, 'REQUEST_ABORTED', 'the request was aborted']
            : [400, 'MALFORMED_JSON', 'the request body is not valid JSON'];
  res.status(status).json({ statusCode: status, code, message });
}

/** Answers that may be cached: reference data without personal data (the area tree). */
const CACHEABLE = new Set(['/api/v1/areas']);

/**
 * No browser, proxy or shared computer keeps a copy of an API answer: almost every one carries a child's data or
 * could (errors echo fields). The simplest honest rule is all of /api/v1 and the admins' pages, except the few
 * public reference answers in CACHEABLE.
 */
function noStore(req: Request, res: Response, next: NextFunction) {
  if ((req.path.startsWith('/api/') || req.path.startsWith('/admin/')) && !CACHEABLE.has(req.path))
    res.setHeader('Cache-Control', 'no-store');
  next();
}

/**
 * Everything an HTTP app needs around its modules: prefix, body limits, secure headers, request ids, access
 * logs without personal data, metrics, validation and the OpenAPI document at /docs.
 */
export function configureApiApp(app: INestApplication, config: SenConfig, logger: Logger): void {
  const express = app as NestExpressApplication;
  express.setGlobalPrefix(API_PREFIX, { exclude: UNPREFIXED_PATHS });
  // Our own JSON parsers (the app is created with bodyParser: false), so that their errors get Sen's error shape.
  // Sign-in is open to anyone: its bodies are held to a few KB and 4 levels before anything parses them; every
  // other route to BODY_LIMIT and MAX_JSON_DEPTH. A body parsed by the first is not parsed again.
  app.use('/api/v1/auth', limitedJson(AUTH_BODY_LIMIT, AUTH_JSON_DEPTH));
  app.use(limitedJson(config.bodyLimit, MAX_JSON_DEPTH));
  app.use(bodyParserErrors);
  express.disable('x-powered-by');
  // Only the proxies the operator names may say who the client is (X-Forwarded-For): by default none, so that
  // nobody on the network escapes the per-address sign-in limit or writes a false address into the access log.
  express.set('trust proxy', config.trustProxy);
  // Bounds on the HTTP server itself: slow or endless requests do not hold a connection forever.
  const server = app.getHttpServer() as import('node:http').Server;
  server.requestTimeout = config.httpRequestTimeoutMs;
  server.headersTimeout = Math.min(20_000, config.httpRequestTimeoutMs);
  // Node enforces these two only when it checks its connections, every `connectionsCheckingInterval` (30 s by
  // default): a slow client could keep a connection up to 30 s beyond them. Check four times within the shorter.
  // (A plain property read when the server starts listening; @types/node does not declare it.)
  (server as typeof server & { connectionsCheckingInterval: number }).connectionsCheckingInterval = Math.max(
    250,
    Math.floor(server.headersTimeout / 4),
  );
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
          // No inline script anywhere (the web build emits none, test/e2e/web-app checks it; /docs loads its
          // initialiser from a file): an injected <script> does not run.
          scriptSrc: ["'self'"],
          // Production sits behind TLS and keeps Helmet's upgrade-insecure-requests. Elsewhere (npm start's demo
          // mode, opened from another computer at http://<address>:3000) it would send the web app's scripts and
          // styles to https on a port that speaks plain HTTP, and the page would stay blank.
          upgradeInsecureRequests: config.env === 'production' ? [] : null,
        },
      },
    }),
  );
  app.use(requestContextMiddleware);
  app.use(noStore);
  app.use(dataHeadersMiddleware);

  const registry = app.get(Registry);
  const duration = new Histogram({
    name: 'sen_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const errors = new Counter({
    name: 'sen_http_errors_total',
    help: 'HTTP 5xx answers',
    labelNames: ['route'],
    registers: [registry],
  });
  app.use(
    (
      req: { method: string; route?: { path?: string }; originalUrl: string },
      res: { statusCode: number; on: (e: string, f: () => void) => void },
      next: () => void,
    ) => {
      const end = duration.startTimer();
      res.on('finish', () => {
        // The matched route pattern (not the URL) keeps ids and search text out of labels.
        const route = req.route?.path ?? 'unmatched';
        end({ method: req.method, route, status: String(res.statusCode) });
        if (res.statusCode >= 500) errors.inc({ route });
      });
      next();
    },
  );
  app.use(
    pinoHttp({
      logger,
      genReqId: (req) => (req as unknown as { context?: { requestId: string } }).context?.requestId ?? '',
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          path: pathOnly(req.url),
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      customLogLevel: (_req, res, err) =>
        err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'info' : 'debug',
      autoLogging: { ignore: (req) => /^\/(health|metrics)/.test(req.url ?? '') },
    }),
  );
  app.useGlobalPipes(createValidationPipe());
  mountQueueDashboard(app);

  // The API's map is for developers, and for operators who choose to publish it (DOCS_PUBLIC in production).
  if (!config.docsPublic) return;
  SwaggerModule.setup('docs', app, createOpenApiDocument(app));
}
