import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { ApiError } from './api-error';

interface FieldProblem {
  field: string;
  problems: string[];
}

function flatten(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = e.constraints ? [{ field, problems: Object.values(e.constraints) }] : [];
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** Whitelisting validation: unknown fields are refused, and the 400 names every bad field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    stopAtFirstError: false,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const details = flatten(errors);
      return new ApiError(
        400,
        'VALIDATION_FAILED',
        `invalid request: ${details.map((d) => `${d.field} (${d.problems.join(', ')})`).join('; ')}`,
        details,
      );
    },
  });
}
