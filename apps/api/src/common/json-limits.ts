import { json, type Request, type RequestHandler } from 'express';

/** How deep any JSON body may nest (Sen's deepest DTO nests 4 levels; the fuzzer's bodies stay below 10). */
export const MAX_JSON_DEPTH = 20;
/** Sign-in bodies are a username and a password: a few hundred bytes, one level. */
export const AUTH_BODY_LIMIT = '8kb';
export const AUTH_JSON_DEPTH = 4;

/**
 * Whether the JSON text in `body` nests arrays and objects deeper than `max`. One pass over the bytes, before
 * JSON.parse and long before validation, so that a megabyte of `[[[[…` costs a scan, not a recursion that
 * ends in a stack overflow (and a 500). Brackets inside strings do not count.
 */
export function jsonDeeperThan(body: Buffer, max: number): boolean {
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (c === 0x5c) escaped = true;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/** A JSON body parser with a size and a depth limit; a too deep body fails with type `entity.too.deep`. */
export function limitedJson(limit: string, maxDepth: number): RequestHandler {
  return json({
    limit,
    strict: true,
    verify: (_req: Request, _res: unknown, body: Buffer) => {
      if (jsonDeeperThan(body, maxDepth)) {
        throw Object.assign(new Error(`the JSON body nests deeper than ${maxDepth} levels`), {
          type: 'entity.too.deep',
          status: 400,
        });
      }
    },
  });
}
