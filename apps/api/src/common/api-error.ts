import { HttpException } from '@nestjs/common';

/** The error body of DESIGN.md section 5: `{statusCode, code, message, details?}`. */
export interface ApiErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: unknown;
}

export class ApiError extends HttpException {
  constructor(status: number, code: string, message: string, details?: unknown, headers?: Record<string, string>) {
    super(
      { statusCode: status, code, message, ...(details === undefined ? {} : { details }) } satisfies ApiErrorBody,
      status,
    );
    this.headers = headers;
  }
  readonly headers: Record<string, string> | undefined;
}
