import { defaultFieldResolver, GraphQLError, GraphQLSchema, isObjectType } from 'graphql';
import { ErrorCode } from './errors';

/**
 * One check of every argument of every field, before its resolver runs: a string that PostgreSQL
 * cannot store or that is not real text is refused with BAD_USER_INPUT naming the argument path
 * (e.g. `input.name`), instead of failing inside the database as an internal error.
 *
 * - NUL (U+0000): PostgreSQL `text` cannot hold it (error 22021, which used to surface as a 500).
 * - lone surrogates (half of a UTF-16 pair, e.g. "\ud800" in JSON): not Unicode text; `pg` would
 *   silently store U+FFFD instead.
 * - strings longer than MAX_STRING_LENGTH: no field of the schema takes that much (the longest
 *   validated field is 20,000 characters); the body limit alone would let 1 MB through.
 *
 * Only fields that take arguments are wrapped (root fields and a few list fields), so plain fields keep
 * graphql-js' fast path (see STACK.md on per-field middleware costs).
 */
export const MAX_STRING_LENGTH = 100_000;

// A NUL, a high surrogate not followed by a low one, or a low surrogate not preceded by a high one.
const BAD_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const isCleanText = (s: string) => !BAD_TEXT.test(s);

export class BadInputError extends GraphQLError {
  constructor(field: string, message: string) {
    super(`Invalid input: ${field} ${message}`, { extensions: { code: ErrorCode.BAD_USER_INPUT, fields: [{ field, message }] } });
  }
}

/** The first problem in an argument value, as [path, message], or null. */
export function findBadInput(value: unknown, path: string, depth = 0): [string, string] | null {
  if (typeof value === 'string') {
    if (value.length > MAX_STRING_LENGTH) return [path, `is longer than ${MAX_STRING_LENGTH} characters`];
    if (value.includes('\u0000')) return [path, 'contains a NUL character (\\u0000)'];
    if (BAD_TEXT.test(value)) return [path, 'contains an unpaired UTF-16 surrogate (not valid Unicode text)'];
    return null;
  }
  if (typeof value === 'number') return Number.isFinite(value) ? null : [path, 'must be a finite number'];
  if (value === null || typeof value !== 'object' || value instanceof Date) return null;
  // graphql's own depth of input objects is bounded by the query and variable sizes; this only stops a walk from running away.
  if (depth > 64) return [path, 'is nested too deeply'];
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const bad = findBadInput(value[i], `${path}.${i}`, depth + 1);
      if (bad) return bad;
    }
    return null;
  }
  for (const [k, v] of Object.entries(value)) {
    const bad = findBadInput(v, path ? `${path}.${k}` : k, depth + 1);
    if (bad) return bad;
  }
  return null;
}

/** Wraps the resolver of every field that has arguments with the check above (call once, on the built schema). */
export function applyInputGuard(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (!field.args.length) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (parent, args, ctx, info) => {
        const bad = findBadInput(args, '');
        if (bad) throw new BadInputError(bad[0], bad[1]);
        return resolve(parent, args, ctx, info);
      };
    }
  }
}
