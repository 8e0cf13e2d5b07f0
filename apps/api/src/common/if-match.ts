import { type ExecutionContext, createParamDecorator } from '@nestjs/common';
import type { Request } from 'express';
import { ApiError } from './api-error';

/** Parses `If-Match: 3`, `"3"` or `W/"3"` into the version the client read. Required on every command. */
export function parseIfMatch(header: string | undefined): number {
  if (header === undefined || header.trim() === '') {
    throw new ApiError(428, 'IF_MATCH_REQUIRED', 'send If-Match with the version of the case you read (its ETag)');
  }
  const m = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!m) {
    throw new ApiError(400, 'INVALID_IF_MATCH', 'If-Match must be a case version, e.g. If-Match: "3"', [
      { field: 'If-Match', problems: ['must be a case version'] },
    ]);
  }
  return Number(m[1]);
}

export const IfMatch = createParamDecorator((_: unknown, ctx: ExecutionContext): number =>
  parseIfMatch(ctx.switchToHttp().getRequest<Request>().headers['if-match'] as string | undefined),
);
