import { type ArgumentMetadata, ValidationPipe, type ValidationError } from '@nestjs/common';
import { ApiError } from './api-error';
import { checkRequestText, invalidCharacters } from './text-fields';

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

/**
 * Sen's one validation step for bodies, queries and route parameters. First the text rule of
 * common/text-rules.ts on every string (control characters and lone surrogates refused with a 400
 * INVALID_CHARACTERS naming the field, accepted text normalised to NFC), then class-validator.
 */
class SenValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query' || metadata.type === 'param') {
      // A named parameter (@Query('asOf'), @Param('id')) is one value at its own name; a DTO is walked by its class.
      const checked = checkRequestText(value, metadata.data ?? '', metadata.data ? undefined : metadata.metatype);
      if (checked.problems.length > 0) throw invalidCharacters(checked.problems);
      value = checked.value;
    }
    return super.transform(value, metadata);
  }
}

/** Whitelisting validation: unknown fields are refused, and the 400 names every bad field. */
export function createValidationPipe(): ValidationPipe {
  return new SenValidationPipe({
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
