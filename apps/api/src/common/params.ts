import { ParseUUIDPipe } from '@nestjs/common';
import { ApiError } from './api-error';

/** A UUID path parameter; anything else is a 400 naming the parameter. */
export function uuidParam(name: string) {
  return new ParseUUIDPipe({
    exceptionFactory: () =>
      new ApiError(400, 'INVALID_ID', `${name} must be a UUID`, [{ field: name, problems: ['must be a UUID'] }]),
  });
}
