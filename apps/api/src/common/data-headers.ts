import type { NextFunction, Request, Response } from 'express';
import { textProblem } from './text-rules';

/**
 * The headers Sen reads as data, under the text rule of common/text-rules.ts like every body and query field.
 * Node already refuses NUL, CR and LF in a header; it passes bytes 0x80–0x9F through as C1 controls.
 * (X-Correlation-Id is not here: one that is not plain ASCII is replaced by a fresh id, never refused.)
 */
const DATA_HEADERS = ['Idempotency-Key', 'If-Match'] as const;

export function dataHeadersMiddleware(req: Request, res: Response, next: NextFunction) {
  const details = DATA_HEADERS.flatMap((name) => {
    const value = req.headers[name.toLowerCase()];
    const problem = typeof value === 'string' ? textProblem(value, { freeText: false }) : null;
    return problem ? [{ field: name, problems: [problem] }] : [];
  });
  if (details.length === 0) return next();
  res.status(400).json({
    statusCode: 400,
    code: 'INVALID_CHARACTERS',
    message: `invalid characters: ${details.map((d) => `${d.field} (${d.problems.join(', ')})`).join('; ')}`,
    details,
  });
}
