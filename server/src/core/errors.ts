import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { logRateLimited, serializeError } from './logger';
import { databaseUnavailableReason, logDatabaseUnavailable, SERVICE_UNAVAILABLE, UNAVAILABLE_MESSAGE } from './outage';

/** Error codes carried in `extensions.code` of top-level GraphQL errors. */
export enum ErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
  /** The database is down or hung: HTTP 503 with Retry-After (see core/outage.ts). */
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
}

export class UnauthenticatedError extends GraphQLError {
  constructor(message = 'Sign in first (or send a valid API key).') {
    super(message, { extensions: { code: ErrorCode.UNAUTHENTICATED } });
  }
}

export class ForbiddenError extends GraphQLError {
  constructor(message = 'You do not have access to this.') {
    super(message, { extensions: { code: ErrorCode.FORBIDDEN } });
  }
}

/** Used both for "does not exist" and "exists but not yours": the two must be indistinguishable. */
export class NotFoundError extends GraphQLError {
  constructor(what: string) {
    super(`${what} not found.`, { extensions: { code: ErrorCode.NOT_FOUND } });
  }
}

/** Codes of errors a user can fix, returned in mutation payloads (`userErrors`), never thrown. */
export enum UserErrorCode {
  INVALID = 'INVALID',
  REQUIRED = 'REQUIRED',
  TOO_LONG = 'TOO_LONG',
  INVALID_IDENTIFIER = 'INVALID_IDENTIFIER',
  DUPLICATE = 'DUPLICATE',
  NOT_FOUND = 'NOT_FOUND',
  NOT_ALLOWED = 'NOT_ALLOWED',
  VERSION_CONFLICT = 'VERSION_CONFLICT',
  IMMUTABLE = 'IMMUTABLE',
  BAD_CREDENTIALS = 'BAD_CREDENTIALS',
  TOO_MANY_ATTEMPTS = 'TOO_MANY_ATTEMPTS',
  /** Co-financing / funding shares that do not add up to exactly 100 %. */
  SHARES_DO_NOT_ADD_UP = 'SHARES_DO_NOT_ADD_UP',
  /** The firm does not meet a programme's eligibility criteria (the message names which). */
  NOT_ELIGIBLE = 'NOT_ELIGIBLE',
  /** The programme has no free seat left. */
  CAPACITY_FULL = 'CAPACITY_FULL',
  /** The record is not in a state that allows this (e.g. enrolling in a closed programme). */
  INVALID_STATE = 'INVALID_STATE',
}
registerEnumType(UserErrorCode, { name: 'UserErrorCode', description: 'What kind of problem a user error reports.' });

@ObjectType({ description: 'A named value that words a user error, e.g. {name: "max", value: "200"} for a length limit.' })
export class UserErrorParameter {
  @Field({ description: 'What the value is: "constraint" (the rule broken, e.g. "maxLength"), "min", "max", ...' })
  name!: string;

  @Field({ description: 'The value, as text.' })
  value!: string;
}

/** Parameters from a plain object, in key order: { constraint: "maxLength", max: 200 } -> [{name, value}]. */
export const errorParameters = (values: Record<string, string | number | boolean | null | undefined>): UserErrorParameter[] =>
  Object.entries(values)
    .filter(([, v]) => v != null)
    .map(([name, value]) => Object.assign(new UserErrorParameter(), { name, value: String(value) }));

@ObjectType({ description: 'A problem with the input of a mutation that the user can fix. Nothing was written.' })
export class UserError {
  @Field(() => [String], { description: 'Path to the input field at fault, e.g. ["input", "cvr"].' })
  field!: string[];

  @Field({ description: 'Human-readable explanation.' })
  message!: string;

  @Field(() => UserErrorCode)
  code!: UserErrorCode;

  @Field(() => [UserErrorParameter], {
    description: 'What a client needs to word the error in its own language together with code and field (e.g. the length limit); `message` is English for API consumers.',
  })
  parameters: UserErrorParameter[];

  constructor(field: string[], message: string, code: UserErrorCode, parameters: UserErrorParameter[] = []) {
    this.field = field;
    this.message = message;
    this.code = code;
    this.parameters = parameters;
  }
}

export const userError = (
  field: string | string[],
  message: string,
  code: UserErrorCode = UserErrorCode.INVALID,
  parameters: Record<string, string | number | boolean | null | undefined> = {},
) => new UserError(['input', ...(Array.isArray(field) ? field : [field])], message, code, errorParameters(parameters));

/** Thrown inside a mutation's transaction to roll it back and report the user errors in the payload. */
export class UserInputRejection extends Error {
  constructor(readonly errors: UserError[]) {
    super(errors.map((e) => `${e.field.join('.')}: ${e.message}`).join('; '));
  }
}

const PASS_THROUGH = new Set<string>([
  ErrorCode.UNAUTHENTICATED,
  ErrorCode.FORBIDDEN,
  ErrorCode.NOT_FOUND,
  ErrorCode.CONFLICT,
  ErrorCode.BAD_USER_INPUT,
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'OPERATION_RESOLUTION_FAILURE',
]);

/**
 * Apollo `formatError`: errors we raised on purpose keep their message and code; argument validation
 * names the fields; anything else becomes a generic internal error (logged here, never sent: no stack,
 * no SQL, nothing that could leak another organisation's data).
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = (error as { originalError?: unknown })?.originalError ?? error;
  const code = formatted.extensions?.code as string | undefined;
  // type-graphql's ArgumentValidationError carries class-validator's errors in its extensions.
  const validationErrors = (original as GraphQLError)?.extensions?.validationErrors as
    | Array<{ property: string; constraints?: Record<string, string>; children?: unknown[] }>
    | undefined;
  if (Array.isArray(validationErrors)) {
    const fields = flattenValidation(validationErrors);
    return {
      message: `Invalid input: ${fields.map((f) => `${f.field} ${f.message}`).join('; ')}`,
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: ErrorCode.BAD_USER_INPUT, fields },
    };
  }
  if (code && PASS_THROUGH.has(code)) {
    // A bad-input error may name its fields (`[{ field, message }]`); nothing else of the extensions is sent.
    const fields = code === ErrorCode.BAD_USER_INPUT ? formatted.extensions?.fields : undefined;
    return { message: formatted.message, path: formatted.path, locations: formatted.locations, extensions: Array.isArray(fields) ? { code, fields } : { code } };
  }
  const dbCode = postgresErrorCode(original);
  if (dbCode && dbCode.startsWith('22')) {
    // Safety net: PostgreSQL's "data exception" class (a value too long, out of range, not a valid
    // uuid/date/number, a NUL byte...) is caused by a value from the request that slipped past the
    // input checks. It is the caller's input, not our outage: say so, without the SQL.
    // Code, table and column only: PostgreSQL's message can quote the value the user typed.
    const { table, column } = ((original as { driverError?: object }).driverError ?? original) as { table?: string; column?: string };
    logRateLimited(`bad-input-db:${dbCode}`, 'warn', { code: dbCode, table: table ?? null, column: column ?? null }, 'Bad input reached the database');
    return {
      message: 'A value in the request is not valid (too long, out of range or malformed).',
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: ErrorCode.BAD_USER_INPUT },
    };
  }
  if (!code && original instanceof GraphQLError && !(original as GraphQLError).originalError && !formatted.path) {
    // Query-validation errors raised by graphql-js itself.
    return { message: formatted.message, locations: formatted.locations, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } };
  }
  // A database outage is named as one (HTTP 503 via the plugin in app.ts), not an internal error.
  const unavailable = code === SERVICE_UNAVAILABLE ? 'service-unavailable' : databaseUnavailableReason(original);
  if (unavailable) {
    if (code !== SERVICE_UNAVAILABLE) logDatabaseUnavailable(unavailable, 'resolver');
    return { message: UNAVAILABLE_MESSAGE, path: formatted.path, extensions: { code: SERVICE_UNAVAILABLE } };
  }
  // One stack trace per distinct failure per interval (a broken resolver in a list would log one per row).
  const err = serializeError(original);
  logRateLimited(`internal:${err.type}:${String(err.message).slice(0, 120)}`, 'error', { err, path: formatted.path?.join('.') }, 'Internal error');
  return { message: 'Internal server error.', path: formatted.path, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
}

/** SQLSTATE of a PostgreSQL error, also when TypeORM wraps it (QueryFailedError.driverError). */
function postgresErrorCode(e: unknown): string | undefined {
  const err = e as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = err?.driverError?.code ?? err?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

function flattenValidation(
  errors: Array<{ property: string; constraints?: Record<string, string>; children?: unknown[] }>,
  prefix: string[] = [],
): Array<{ field: string; message: string }> {
  const out: Array<{ field: string; message: string }> = [];
  for (const e of errors) {
    const path = [...prefix, e.property];
    for (const msg of Object.values(e.constraints ?? {})) out.push({ field: path.join('.'), message: msg });
    if (e.children?.length) out.push(...flattenValidation(e.children as typeof errors, path));
  }
  return out;
}

/** The not-found rejection of a mutation (rolls it back; names the field): `${what} not found.` */
export const notFoundRejection = (field: string, what: string) => new UserInputRejection([userError(field, `${what} not found.`, UserErrorCode.NOT_FOUND)]);
