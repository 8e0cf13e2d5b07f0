import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Inject } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { DomainError } from '@sen/case-domain';
import { PersonalDataErasedError } from '@sen/case-app';
import { ConcurrencyError } from '@sen/event-store';
import { LOGGER, pathOnly } from '@sen/platform';
import { ApiError, type ApiErrorBody } from './api-error';

const KIND_STATUS: Record<DomainError['kind'], number> = {
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  unprocessable: HttpStatus.UNPROCESSABLE_ENTITY,
  forbidden: HttpStatus.FORBIDDEN,
};

const STATUS_CODE: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE',
  428: 'PRECONDITION_REQUIRED',
  429: 'TOO_MANY_REQUESTS',
  503: 'UNAVAILABLE',
};

/** PostgreSQL or Redis unreachable: the client should retry, not report a bug. */
function isOutage(error: unknown): boolean {
  const e = error as { code?: string; errno?: string; name?: string } | undefined;
  const code = e?.code ?? '';
  return (
    [
      'ECONNREFUSED',
      'ECONNRESET',
      'ETIMEDOUT',
      'EPIPE',
      'ENOTFOUND',
      'CONNECTION_CLOSED',
      'CONNECTION_ENDED',
      'CONNECTION_DESTROYED',
      'CONNECT_TIMEOUT',
      '57P01',
      '57P02',
      '57P03',
      '53300',
      '08006',
      '08001',
      '08003',
    ].includes(code) || e?.name === 'MaxRetriesPerRequestError'
  );
}

/** The one place where errors become HTTP answers. Nothing leaves with a stack trace. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost) {
    const http = host.switchToHttp();
    const res = http.getResponse<Response>();
    const req = http.getRequest<Request>();
    const { body, headers } = this.toBody(exception, req);
    if (body.statusCode >= 500) {
      const e = exception as Error;
      // The error's class and code only: messages of driver errors can quote the values of a row.
      this.logger.error(
        {
          err: { type: e?.name, code: (e as { code?: string })?.code, stack: e?.stack },
          method: req.method,
          path: pathOnly(req.originalUrl),
        },
        'request failed',
      );
    }
    if (res.headersSent) return;
    for (const [k, v] of Object.entries(headers ?? {})) res.setHeader(k, v);
    res.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown, req: Request): { body: ApiErrorBody; headers?: Record<string, string> } {
    if (exception instanceof ApiError) {
      return { body: exception.getResponse() as ApiErrorBody, headers: exception.headers };
    }
    if (exception instanceof DomainError) {
      return {
        body: {
          statusCode: KIND_STATUS[exception.kind],
          code: exception.code,
          message: exception.message,
          ...(exception.details ? { details: exception.details } : {}),
        },
      };
    }
    if (exception instanceof ConcurrencyError) {
      return {
        body: {
          statusCode: 409,
          code: 'VERSION_CONFLICT',
          message: 'the case changed since it was read: read it again and retry',
          details: { actualVersion: exception.actual + 1 },
        },
      };
    }
    if (exception instanceof PersonalDataErasedError) {
      return { body: { statusCode: 409, code: exception.code, message: exception.message } };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const r = (typeof response === 'object' && response !== null ? response : { message: response }) as Record<
        string,
        unknown
      >;
      const rawMessage = Array.isArray(r.message) ? r.message.join('; ') : String(r.message ?? exception.message);
      return {
        body: {
          statusCode: status,
          code: typeof r.code === 'string' ? r.code : (STATUS_CODE[status] ?? `HTTP_${status}`),
          message: status === 404 && !r.code ? `no route ${req.method} ${pathOnly(req.originalUrl)}` : rawMessage,
          ...(r.details !== undefined ? { details: r.details } : {}),
        },
      };
    }
    // Body parser errors (express) carry a status and a type.
    const e = exception as { status?: number; statusCode?: number; type?: string; message?: string };
    const status = e?.status ?? e?.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const code =
        e.type === 'entity.parse.failed'
          ? 'MALFORMED_JSON'
          : e.type === 'entity.too.large'
            ? 'PAYLOAD_TOO_LARGE'
            : e.type === 'encoding.unsupported' || e.type === 'charset.unsupported'
              ? 'UNSUPPORTED_ENCODING'
              : (STATUS_CODE[status] ?? `HTTP_${status}`);
      const message =
        code === 'MALFORMED_JSON'
          ? 'the request body is not valid JSON'
          : code === 'PAYLOAD_TOO_LARGE'
            ? 'the request body is too large'
            : (e.message ?? 'bad request');
      return { body: { statusCode: status, code, message } };
    }
    if ((exception as { code?: string })?.code === '57014') {
      return {
        body: {
          statusCode: 503,
          code: 'QUERY_TIMEOUT',
          message: 'the database took too long to answer; retry shortly',
        },
        headers: { 'Retry-After': '5' },
      };
    }
    if (isOutage(exception)) {
      return {
        body: { statusCode: 503, code: 'UNAVAILABLE', message: 'a backing service is unavailable; retry shortly' },
        headers: { 'Retry-After': '5' },
      };
    }
    return { body: { statusCode: 500, code: 'INTERNAL', message: 'internal error' } };
  }
}
