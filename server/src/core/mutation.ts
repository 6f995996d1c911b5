import { validate, ValidationError } from 'class-validator';
import { EntityManager, QueryFailedError } from 'typeorm';
import { Field, ObjectType } from 'type-graphql';
import { UserError, UserErrorCode, UserInputRejection } from './errors';
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
    const problems = await validate(input, { forbidUnknownValues: false, validationError: { target: false, value: false } });
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

export function toUserErrors(errors: ValidationError[], prefix: string[]): UserError[] {
  const out: UserError[] = [];
  for (const e of errors) {
    const path = [...prefix, e.property];
    for (const [constraint, message] of Object.entries(e.constraints ?? {})) {
      out.push(new UserError(path, message, codeFor(constraint)));
    }
    if (e.children?.length) out.push(...toUserErrors(e.children, path));
  }
  return out;
}

function codeFor(constraint: string): UserErrorCode {
  if (constraint === 'maxLength') return UserErrorCode.TOO_LONG;
  if (constraint === 'isNotEmpty' || constraint === 'isDefined') return UserErrorCode.REQUIRED;
  return UserErrorCode.INVALID;
}
