import { defaultFieldResolver, GraphQLError, GraphQLSchema, isObjectType } from 'graphql';
import { validateSync, ValidatorOptions } from 'class-validator';
import { ArgumentValidationError } from 'type-graphql';
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

type ValidationStorage = {
  getTargetValidationMetadatas(target: Function, schema: string, always: boolean, strictGroups: boolean, groups?: string[]): unknown[];
  groupByPropertyName(metadatas: unknown[]): Record<string, unknown[]>;
  addValidationMetadata(metadata: unknown): void;
  addConstraintMetadata(metadata: unknown): void;
  addValidationSchema(schema: unknown): void;
};
const MEMOISED = Symbol('gg.memoisedValidationMetadata');

/**
 * class-validator's metadata walk, once per input class instead of once per validated object (issue 12). Every
 * `validate()` (type-graphql's check of an input argument, runMutation's of a mutation input) asked the metadata
 * storage for the class's rules, which filters the class's list and tests the class against every other class that
 * has rules (`prototype instanceof`, ~100 classes here), then groups them by property: measurable on a one-firm
 * lookup. The rules are fixed once the decorators have run, so the answer is kept per (class, options); adding any
 * rule (a class loaded later, a test's own class) empties the cache. Same rules, same errors, same strictness
 * (forbidUnknownValues as configured): only the lookup is cached. Schemas and groups (unused here) are not cached.
 */
export function memoiseValidationMetadata(storage: ValidationStorage): void {
  const s = storage as ValidationStorage & { [MEMOISED]?: true };
  if (s[MEMOISED]) return;
  const byTarget = new Map<Function, Map<string, unknown[]>>();
  const grouped = new WeakMap<unknown[], Record<string, unknown[]>>();
  const lookup = storage.getTargetValidationMetadatas.bind(storage);
  const group = storage.groupByPropertyName.bind(storage);
  s.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    if (schema || groups?.length || typeof target !== 'function') return lookup(target, schema, always, strictGroups, groups);
    let perOptions = byTarget.get(target);
    if (!perOptions) byTarget.set(target, (perOptions = new Map()));
    const key = `${!!always}|${!!strictGroups}`;
    let metadatas = perOptions.get(key);
    if (!metadatas) perOptions.set(key, (metadatas = lookup(target, schema, always, strictGroups, groups)));
    return metadatas;
  };
  s.groupByPropertyName = (metadatas) => {
    let out = grouped.get(metadatas);
    if (!out) grouped.set(metadatas, (out = group(metadatas)));
    return out;
  };
  for (const add of ['addValidationMetadata', 'addConstraintMetadata', 'addValidationSchema'] as const) {
    const original = storage[add].bind(storage);
    s[add] = (x: unknown) => {
      byTarget.clear();
      original(x);
    };
  }
  s[MEMOISED] = true;
}

/** What syncArgumentValidation reads and sets of type-graphql's parameter metadata (getMetadataStorage().params). */
interface ArgParam {
  kind: string;
  getType?: () => unknown;
  validateSettings?: boolean | ValidatorOptions;
  validateFn?: unknown;
}

/**
 * type-graphql validates an input-object argument by `await import('class-validator')` on every call - a
 * require() through Node's module loader plus a fresh copy of the module's ~200 exports (`__importStar`) - and
 * then the async validateOrReject: about 3 % of a one-firm CVR lookup's CPU, measured, with the metadata walk
 * memoised above. Here each @Arg / @Args of a class type that type-graphql would validate gets a validateFn of
 * its own, made once: class-validator's validateSync with exactly the options type-graphql would have used (the
 * global ones, the argument's own, skipMissingProperties and forbidUnknownValues defaulted as type-graphql does).
 * Same rules, same ArgumentValidationError (so the same BAD_USER_INPUT naming the field, core/errors.ts).
 * Arguments with `validate: false` (mutations that turn rule breaks into userErrors, core/mutation.ts) and ones
 * with their own validateFn (PageParams) are left as they are; scalars and enums were never validated. When any
 * rule is asynchronous (none is today), nothing changes: validateSync would skip it. Call before buildSchema.
 */
export function syncArgumentValidation(
  params: ReadonlyArray<ArgParam>,
  global: ValidatorOptions,
  storage: { constraintMetadatas: Map<unknown, Array<{ async?: boolean }>>; validationMetadatas: Map<unknown, Array<{ type?: string }>> },
): number {
  for (const list of storage.constraintMetadatas.values()) if (list.some((c) => c.async)) return 0;
  for (const list of storage.validationMetadatas.values()) if (list.some((m) => m.type === 'promiseValidation')) return 0;
  let changed = 0;
  for (const p of params) {
    if ((p.kind !== 'arg' && p.kind !== 'args') || p.validateFn || p.validateSettings === false || !p.getType) continue;
    const type = p.getType();
    // Only classes (input types, args classes): a scalar's or an enum's value is not an object, which type-graphql skips.
    if (typeof type !== 'function' || !type.prototype || [String, Number, Boolean, Date].includes(type as never)) continue;
    const options: ValidatorOptions = { ...global, ...(typeof p.validateSettings === 'object' ? p.validateSettings : {}) };
    if (options.skipMissingProperties !== false) options.skipMissingProperties = true;
    if (options.forbidUnknownValues !== true) options.forbidUnknownValues = false;
    const check = (value: object) => {
      const errors = validateSync(value, options);
      if (errors.length) throw new ArgumentValidationError(errors);
    };
    p.validateFn = (value: unknown) => {
      if (value === null || typeof value !== 'object') return;
      if (Array.isArray(value)) {
        for (const item of value) if (item !== null && typeof item === 'object') check(item);
      } else check(value);
    };
    changed++;
  }
  return changed;
}
