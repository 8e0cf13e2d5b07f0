import type { MetadataStorage } from 'class-transformer/types/MetadataStorage';
import { ApiError } from './api-error';
import { normaliseText, textProblem } from './text-rules';

/*
 * Which text rule a request field follows (issue 15, point 1). The rule is applied to every string of every
 * body, query and route parameter by the global validation pipe (common/validation.ts), before class-validator,
 * so a new DTO cannot forget it. By default a string is strict (no control character at all, not even a tab or
 * a line break) and normalised to NFC. Two decorators, on the DTO property, loosen that:
 *  - @FreeText(): prose a person types in a text area (notes, summaries, reasons, comments, descriptions);
 *    tab and line breaks allowed. Names, codes, ids, usernames and phone numbers are never free text.
 *  - @Verbatim(): kept byte for byte, not normalised (passwords: their hashes were made from what was typed).
 * @ShapedAs(() => Dto) tells the rule which DTO an untyped array's items follow (the incident rows, which
 * RegisterChildrenService validates row by row itself).
 */

const FREE_TEXT = Symbol('sen:text:free');
const VERBATIM = Symbol('sen:text:verbatim');
const SHAPE = Symbol('sen:text:shape');

type Class = abstract new (...args: never[]) => unknown;

export function FreeText(): PropertyDecorator {
  return (target, key) => Reflect.defineMetadata(FREE_TEXT, true, target, key);
}

export function Verbatim(): PropertyDecorator {
  return (target, key) => Reflect.defineMetadata(VERBATIM, true, target, key);
}

export function ShapedAs(type: () => Class): PropertyDecorator {
  return (target, key) => Reflect.defineMetadata(SHAPE, type, target, key);
}

// class-transformer's own record of @Type(() => Dto), as @nestjs/mapped-types reads it: the nested DTO of an
// array property (design:type only says Array).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as {
  defaultMetadataStorage: MetadataStorage;
};

const BUILT_IN = new Set<unknown>([Object, Array, String, Number, Boolean, Date, Function, undefined]);

interface FieldRule {
  type: Class | undefined;
  freeText: boolean;
  verbatim: boolean;
}

function lookUp(owner: Class, key: string): FieldRule {
  const proto = owner.prototype as object;
  const shaped = Reflect.getMetadata(SHAPE, proto, key) as (() => Class) | undefined;
  const typed = defaultMetadataStorage.findTypeMetadata(owner as unknown as new () => unknown, key)?.typeFunction() as
    Class | undefined;
  const declared = Reflect.getMetadata('design:type', proto, key) as Class | undefined;
  const type =
    shaped?.() ?? (typed && !BUILT_IN.has(typed) ? typed : declared && !BUILT_IN.has(declared) ? declared : undefined);
  return {
    type,
    freeText: Reflect.getMetadata(FREE_TEXT, proto, key) === true,
    verbatim: Reflect.getMetadata(VERBATIM, proto, key) === true,
  };
}

// DTO classes are few and fixed: each (class, property) is looked up once.
const rules = new WeakMap<Class, Map<string, FieldRule>>();
const STRICT: FieldRule = { type: undefined, freeText: false, verbatim: false };

function ruleOf(owner: Class | undefined, key: string): FieldRule {
  if (!owner) return STRICT;
  let byKey = rules.get(owner);
  if (!byKey) rules.set(owner, (byKey = new Map()));
  let rule = byKey.get(key);
  // Only declared properties are remembered: unknown keys (refused later by the whitelist) cannot grow the map.
  if (!rule) {
    rule = lookUp(owner, key);
    if (
      rule.type ||
      rule.freeText ||
      rule.verbatim ||
      Reflect.getMetadata('design:type', owner.prototype as object, key)
    )
      byKey.set(key, rule);
  }
  return rule;
}

export interface FieldProblem {
  field: string;
  problems: string[];
}

interface Frame {
  value: unknown;
  path: string;
  /** The DTO of this object, or of this array's items. */
  type: Class | undefined;
  freeText: boolean;
  verbatim: boolean;
  depth: number;
  set: (value: unknown) => void;
}

const MAX_PROBLEMS = 50;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
// Sen's DTOs nest four levels at most; anything deeper is refused by class-validator (and bounded before it),
// so the walk need not follow it, and a 2 MB body of brackets costs nothing here.
const MAX_DEPTH = 32;
const join = (path: string, key: string | number) => (path === '' ? String(key) : `${path}.${key}`);

/**
 * Checks every string in `value` (a body, a query object, one parameter) against the text rule and normalises
 * the accepted ones to NFC in place. Iterative and bounded in depth, so that no body can overflow the stack.
 */
export function checkRequestText(
  value: unknown,
  rootPath: string,
  rootType: Class | undefined,
): { value: unknown; problems: FieldProblem[] } {
  let result = value;
  const problems: FieldProblem[] = [];
  const stack: Frame[] = [
    { value, path: rootPath, type: rootType, freeText: false, verbatim: false, depth: 0, set: (v) => (result = v) },
  ];
  while (stack.length > 0 && problems.length < MAX_PROBLEMS) {
    const f = stack.pop()!;
    if (typeof f.value === 'string') {
      if (PRINTABLE_ASCII.test(f.value)) continue; // most ids, codes and dates: nothing to refuse or normalise
      const problem = textProblem(f.value, { freeText: f.freeText });
      if (problem) problems.push({ field: f.path || 'body', problems: [problem] });
      else if (!f.verbatim) {
        const normalised = normaliseText(f.value);
        if (normalised !== f.value) f.set(normalised);
      }
    } else if (f.depth >= MAX_DEPTH) {
      continue;
    } else if (Array.isArray(f.value)) {
      const items = f.value as unknown[];
      for (let i = items.length - 1; i >= 0; i--) {
        stack.push({ ...f, value: items[i], path: join(f.path, i), depth: f.depth + 1, set: (v) => (items[i] = v) });
      }
    } else if (typeof f.value === 'object' && f.value !== null) {
      const object = f.value as Record<string, unknown>;
      const keys = Object.keys(object);
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i]!;
        // A property name is never free text; an unknown one is refused by class-validator's whitelist anyway,
        // but its name would be quoted back in the 400.
        const keyProblem = textProblem(key, { freeText: false });
        if (keyProblem) {
          problems.push({
            field: join(f.path, JSON.stringify(key).slice(1, -1)),
            problems: [`the property name ${keyProblem}`],
          });
          continue;
        }
        const rule = ruleOf(f.type, key);
        stack.push({
          value: object[key],
          path: join(f.path, key),
          type: rule.type,
          freeText: rule.freeText,
          verbatim: rule.verbatim,
          depth: f.depth + 1,
          set: (v) => (object[key] = v),
        });
      }
    }
  }
  return { value: result, problems };
}

/** The 400 of a request whose text breaks the rule: code INVALID_CHARACTERS, each field named, no value quoted. */
export function invalidCharacters(problems: FieldProblem[]): ApiError {
  return new ApiError(
    400,
    'INVALID_CHARACTERS',
    `invalid characters: ${problems.map((p) => `${p.field} (${p.problems.join(', ')})`).join('; ')}`,
    problems,
  );
}
