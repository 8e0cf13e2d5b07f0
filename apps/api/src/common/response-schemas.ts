import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

/**
 * Building blocks of the response schemas the controllers declare in the OpenAPI document
 * (`@ApiOkResponse({ schema })`). Each schema says what the controller's code returns; the fuzzer
 * (test/reliability/fuzz.e2e.spec.ts) checks every 2xx body it gets against them, so a schema that says
 * less or more than the code fails there.
 */
export const str: SchemaObject = { type: 'string' };
export const int: SchemaObject = { type: 'integer' };
export const num: SchemaObject = { type: 'number' };
export const bool: SchemaObject = { type: 'boolean' };
export const uuid: SchemaObject = { type: 'string', format: 'uuid' };
export const instant: SchemaObject = { type: 'string', format: 'date-time' };
export const day: SchemaObject = { type: 'string', format: 'date' };
/** Any JSON object (a part of the answer whose inner shape this schema does not pin down). */
export const anyObject: SchemaObject = { type: 'object' };

/** Null or `s` (an enum lists null too: OpenAPI 3.0 checks `enum` before `nullable`, and so does ajv). */
export const nullable = (s: SchemaObject): SchemaObject => ({
  ...s,
  nullable: true,
  ...(s.enum ? { enum: [...s.enum, null] } : {}),
});
export const arrayOf = (items: SchemaObject): SchemaObject => ({ type: 'array', items });
export const oneOfStrings = (...values: string[]): SchemaObject => ({ type: 'string', enum: values });

/**
 * An object with exactly these properties: all required but the `optional` ones, and no other (so that a
 * field the code adds, a password hash say, is not answered without the document saying so).
 */
export function obj(properties: Record<string, SchemaObject>, optional: string[] = []): SchemaObject {
  const required = Object.keys(properties).filter((k) => !optional.includes(k));
  return { type: 'object', properties, ...(required.length ? { required } : {}), additionalProperties: false };
}

/** The answer of a command on a case: its new version and the event's position (null when nothing was appended). */
export const commandResult = (extra: Record<string, SchemaObject> = {}): SchemaObject =>
  obj({ caseId: uuid, version: int, position: nullable(int), ...extra });
