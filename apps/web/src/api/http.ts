import { clearToken, getToken } from '../auth/session';

/** A field the API refused, as its 400 VALIDATION_FAILED lists them (`child.fullName`, `services.0.dueAt`…). */
export interface FieldProblem {
  field: string;
  problems: string[];
}

/** An error answer of the API (`{statusCode, code, message, details?}`), or a network failure (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The fields named by a 400 (`details: [{field, problems}]`) or by a domain error (`details: {field}`). */
  fieldProblems(): FieldProblem[] {
    const d = this.details;
    if (Array.isArray(d)) {
      return d.filter(
        (x): x is FieldProblem =>
          typeof x === 'object' && x !== null && typeof x.field === 'string' && Array.isArray(x.problems),
      );
    }
    if (d && typeof d === 'object' && typeof (d as { field?: unknown }).field === 'string') {
      return [{ field: (d as { field: string }).field, problems: [this.message] }];
    }
    return [];
  }
}

type Query = Record<string, string | number | boolean | undefined | null>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** The case version read (sent as If-Match: "<version>"). */
  ifMatch?: number;
  idempotencyKey?: string;
  signal?: AbortSignal;
}

let onUnauthorized: () => void = () => undefined;
/** Called when the API answers 401 to a signed-in request: the token is gone or expired. */
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

/** The highest event store position this tab's writes reached: reads of read models wait for it. */
let lastPosition = 0;
export function lastWritePosition(): number | undefined {
  return lastPosition > 0 ? lastPosition : undefined;
}

export const API_BASE = '/api/v1';

function url(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const qs = params.toString();
  return `${API_BASE}${path}${qs ? `?${qs}` : ''}`;
}

export async function request<T>(
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  path: string,
  options: RequestOptions = {},
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const token = getToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.ifMatch !== undefined) headers['If-Match'] = `"${options.ifMatch}"`;
  if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;
  let res: Response;
  try {
    res = await fetch(url(path, options.query), {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin',
      cache: 'no-store',
      signal: options.signal,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', 'the server could not be reached');
  }
  const text = await res.text();
  let body: unknown = undefined;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
  }
  if (!res.ok) {
    const b = (body ?? {}) as { code?: string; message?: string; details?: unknown };
    const error = new ApiError(res.status, b.code ?? `HTTP_${res.status}`, b.message ?? res.statusText, b.details);
    if (res.status === 401 && token) {
      clearToken();
      onUnauthorized();
    }
    throw error;
  }
  const position = (body as { position?: unknown } | undefined)?.position;
  // Any write (an erasure answers with the position of its PersonalDataErased events too).
  if (method !== 'GET' && typeof position === 'number' && position > lastPosition) lastPosition = position;
  return body as T;
}
