import { getMetadataStorage, validate, ValidationError } from 'class-validator';
import { EntityManager, QueryFailedError } from 'typeorm';
import { Field, ObjectType } from 'type-graphql';
import { errorParameters, UserError, UserErrorCode, UserInputRejection } from './errors';
import { claimIdempotencyKey, IdempotencyKeyTaken } from './idempotency';
import type { RequestContext } from './context';

/** Base of every mutation payload: the result fields plus the problems a user can fix. */
@ObjectType()
export abstract class MutationPayload {
  @Field(() => [UserError], { description: 'Empty when the mutation succeeded; otherwise nothing was written.' })
  userErrors: UserError[] = [];
}

export interface MutationOptions {
  /** Maps a unique constraint name to the input field it guards, so a duplicate names the field. */
  uniqueFields?: Record<string, { field: string; message: string }>;
  /** The payload carries a secret shown only once (a token, a key): a repeat with the same Idempotency-Key is not answered with it. */
  secretResult?: boolean;
}

/**
 * Runs a mutation the same way everywhere: validate the input object (class-validator decorators on the
 * input type) into user errors, then do all writes in ONE transaction - a savepoint of the request's own
 * transaction (core/rls.ts: `ctx.ds.transaction`), so the caller's row-level security scope applies and
 * the writes are committed with the response. Throwing UserInputRejection inside rolls everything back
 * to the savepoint and returns the errors; so does a unique violation listed in `uniqueFields`.
 */
export async function runMutation<P extends MutationPayload>(
  ctx: RequestContext,
  input: object | undefined,
  work: (em: EntityManager) => Promise<P>,
  empty: () => P,
  options: MutationOptions = {},
): Promise<P> {
  const failed = (errors: UserError[]) => Object.assign(empty(), { userErrors: errors });
  if (input) {
    // target: true so the broken rule's arguments (length limits, ranges) can be read back from its metadata.
    const problems = await validate(input, { forbidUnknownValues: false, validationError: { target: true, value: false } });
    if (problems.length) return failed(toUserErrors(problems, ['input']));
  }
  // An Idempotency-Key (core/idempotency.ts) is claimed by the transaction's first statement, so the
  // claim commits exactly when the writes do; a concurrent duplicate waits on it, then writes nothing.
  const idem = ctx.idempotency;
  if (idem?.taken) throw new IdempotencyKeyTaken(); // a later mutation field of a repeated request
  const claim = idem && !idem.claimed ? idem : null;
  try {
    const result = await ctx.ds.transaction(async (em) => {
      if (claim && !(await claimIdempotencyKey(em, claim, Boolean(options.secretResult)))) {
        claim.taken = true;
        throw new IdempotencyKeyTaken();
      }
      return work(em);
    });
    if (claim) claim.claimed = true;
    return result;
  } catch (e) {
    if (e instanceof UserInputRejection) return failed(e.errors);
    const driverError = (e as QueryFailedError & { driverError?: { code?: string; constraint?: string } }).driverError;
    if (e instanceof QueryFailedError && driverError?.code === '23505' && driverError.constraint) {
      const known = options.uniqueFields?.[driverError.constraint];
      if (known) return failed([new UserError(['input', known.field], known.message, UserErrorCode.DUPLICATE)]);
    }
    throw e;
  }
}

/**
 * class-validator's errors as user errors: a stable code, the field, and parameters naming the broken
 * rule and its limits ({constraint: "maxLength", max: "200"}), so clients can word them in their own
 * language; `message` stays class-validator's English.
 */
export function toUserErrors(errors: ValidationError[], prefix: string[]): UserError[] {
  const out: UserError[] = [];
  for (const e of errors) {
    const path = [...prefix, e.property];
    for (const [constraint, message] of Object.entries(e.constraints ?? {})) {
      const args = constraintArguments(e, constraint);
      out.push(new UserError(path, message, codeFor(constraint, args), errorParameters({ constraint, ...limits(constraint, args) })));
    }
    if (e.children?.length) out.push(...toUserErrors(e.children, path));
  }
  return out;
}

/** The arguments a decorator was given (e.g. [200] for @MaxLength(200)), read from class-validator's metadata. */
function constraintArguments(error: ValidationError, constraint: string): unknown[] {
  const target = error.target as object | undefined;
  if (!target || typeof target !== 'object') return [];
  const metadata = getMetadataStorage()
    .getTargetValidationMetadatas(target.constructor, '', true, false)
    .find((m) => m.propertyName === error.property && m.name === constraint);
  return metadata?.constraints ?? [];
}

/** The limits of the common rules, named as clients word them. */
function limits(constraint: string, args: unknown[]): Record<string, string | number | undefined> {
  const n = (x: unknown) => (typeof x === 'number' || typeof x === 'string' ? x : x instanceof Date ? x.toISOString() : undefined);
  switch (constraint) {
    case 'maxLength':
    case 'arrayMaxSize':
    case 'max':
    case 'maxDate':
      return { max: n(args[0]) };
    case 'minLength':
    case 'arrayMinSize':
    case 'min':
    case 'minDate':
      return { min: n(args[0]) };
    case 'length':
      return { min: n(args[0]), max: n(args[1]) };
    case 'isInt':
    case 'isNumber':
    case 'isPositive':
    case 'isDecimal':
    default:
      return {};
  }
}

function codeFor(constraint: string, args: unknown[]): UserErrorCode {
  if (constraint === 'maxLength' || constraint === 'arrayMaxSize') return UserErrorCode.TOO_LONG;
  if (constraint === 'isNotEmpty' || constraint === 'isDefined') return UserErrorCode.REQUIRED;
  // "at least 1 character / item" is what a user knows as "required".
  if ((constraint === 'minLength' || constraint === 'arrayMinSize') && Number(args[0]) <= 1) return UserErrorCode.REQUIRED;
  return UserErrorCode.INVALID;
}
