import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

export interface RequestContext {
  requestId: string;
  correlationId: string;
}

const CORRELATION = /^[A-Za-z0-9._:-]{1,100}$/;

/** Every request gets an id (the causation id of what it writes) and a correlation id (kept from the caller if sane). */
export function requestContextMiddleware(req: Request, res: Response, next: NextFunction) {
  const given = req.headers['x-correlation-id'];
  const requestId = randomUUID();
  const correlationId = typeof given === 'string' && CORRELATION.test(given) ? given : requestId;
  (req as Request & { context: RequestContext }).context = { requestId, correlationId };
  res.setHeader('X-Correlation-Id', correlationId);
  next();
}

export function contextOf(req: Request): RequestContext {
  return (
    (req as Request & { context?: RequestContext }).context ?? { requestId: randomUUID(), correlationId: randomUUID() }
  );
}
