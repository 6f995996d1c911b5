import { GraphQLError } from 'graphql';
import { logRateLimited } from './logger';

/**
 * The one place that decides "the database is down, hung or refusing us" (as opposed to a bug or bad
 * input). Such failures are answered with HTTP 503, `Retry-After` and the code SERVICE_UNAVAILABLE.
 */

/** Seconds a client should wait before retrying (the Retry-After header). */
export const RETRY_AFTER_SECONDS = Number(process.env.RETRY_AFTER_SECONDS ?? 5);

export const SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE';
export const UNAVAILABLE_MESSAGE = 'The database is unavailable at the moment; try again shortly.';

/** Socket-level failures reaching the database. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * PostgreSQL SQLSTATEs meaning "not now": 08xxx connection exceptions, 57P01 admin shutdown, 57P02 crash
 * shutdown, 57P03 cannot connect now (starting up / shutting down), 57014 query canceled (our
 * statement_timeout - nothing else cancels queries), 53xxx insufficient resources (too many connections,
 * disk full, out of memory).
 */
function isUnavailableSqlState(code: string): boolean {
  return code.startsWith('08') || code.startsWith('53') || code === '57P01' || code === '57P02' || code === '57P03' || code === '57014';
}

/** Messages of node-postgres / pg-pool / TypeORM that carry no code. */
const MESSAGE_PATTERNS: Array<[RegExp, string]> = [
  [/timeout exceeded when trying to connect/i, 'pool-connect-timeout'],
  [/Connection terminated due to connection timeout/i, 'connect-timeout'],
  [/Query read timeout/i, 'query-timeout'],
  [/Connection terminated/i, 'connection-terminated'],
  [/terminating connection/i, 'connection-terminated'],
  [/Client has encountered a connection error and is not queryable/i, 'connection-terminated'],
  [/Client was closed and is not queryable/i, 'connection-terminated'],
  [/Cannot use a pool after calling end on the pool/i, 'pool-closed'],
  [/the database system is (starting up|shutting down|in recovery mode|not yet accepting connections)/i, 'database-starting-or-stopping'],
  [/Connection is not established/i, 'not-connected'],
  // TypeORM releases a transaction's query runner when its connection fails (the socket closed under it);
  // the transaction's next statement then reports this.
  [/Query runner already released|connection provided by a query runner was already released/i, 'connection-lost-in-transaction'],
];

/**
 * Why the database is unavailable (a short condition name for logs and rate limits), or null when `e` is
 * not an availability failure. Looks through TypeORM's `driverError`, `cause`, graphql-js' `originalError`/`thrownValue`
 * and AggregateError's `errors` (Node's happy-eyeballs connect).
 */
export function databaseUnavailableReason(e: unknown, depth = 0): string | null {
  if (!e || typeof e !== 'object' || depth > 5) return null;
  const err = e as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown; originalError?: unknown; thrownValue?: unknown; errors?: unknown; extensions?: { code?: unknown } };
  if (err.extensions?.code === SERVICE_UNAVAILABLE) return (e as ServiceUnavailableError).reason ?? 'service-unavailable';
  const code = typeof err.code === 'string' ? err.code : undefined;
  if (code && NETWORK_CODES.has(code)) return code;
  if (code && /^[0-9A-Z]{5}$/.test(code)) {
    if (isUnavailableSqlState(code)) return code === '57014' ? 'statement-timeout' : `sqlstate-${code}`;
    return null; // another PostgreSQL error: the database answered
  }
  // graphql-js wraps a thrown non-Error (e.g. an error object from another realm) as NonErrorThrown.thrownValue.
  for (const nested of [err.driverError, err.originalError, err.thrownValue, err.cause]) {
    const r = databaseUnavailableReason(nested, depth + 1);
    if (r) return r;
  }
  if (Array.isArray(err.errors)) {
    for (const nested of err.errors) {
      const r = databaseUnavailableReason(nested, depth + 1);
      if (r) return r;
    }
  }
  if (typeof err.message === 'string') {
    for (const [pattern, reason] of MESSAGE_PATTERNS) if (pattern.test(err.message)) return reason;
  }
  return null;
}

export const isDatabaseUnavailable = (e: unknown): boolean => databaseUnavailableReason(e) !== null;

/** Failures after which a pooled connection must not be reused (it may still hold a half-sent transaction). */
export function isBrokenConnection(e: unknown): boolean {
  const r = databaseUnavailableReason(e);
  return r !== null && r !== 'statement-timeout' && !r.startsWith('sqlstate-53') && r !== 'pool-connect-timeout' && r !== 'pool-closed';
}

/**
 * Thrown where a request needs the database and cannot reach it. Carries its HTTP status and
 * Retry-After for the places Apollo reads them from the error (e.g. the context function).
 */
export class ServiceUnavailableError extends GraphQLError {
  constructor(readonly reason = 'service-unavailable') {
    super(UNAVAILABLE_MESSAGE, {
      extensions: {
        code: SERVICE_UNAVAILABLE,
        http: { status: 503, headers: new Map([['retry-after', String(RETRY_AFTER_SECONDS)]]) },
      },
    });
  }
}

/** Logs an availability failure: one line per condition per interval, with a count of the rest. */
export function logDatabaseUnavailable(reason: string, where: string): void {
  logRateLimited(`database-unavailable:${reason}`, 'error', { reason, where }, `Database unavailable (${reason}): answering 503`);
}

/** Rethrows `e` as a ServiceUnavailableError when it is an availability failure (and logs it). */
export function rethrowIfUnavailable(e: unknown, where: string): never {
  const reason = databaseUnavailableReason(e);
  if (reason) {
    logDatabaseUnavailable(reason, where);
    throw new ServiceUnavailableError(reason);
  }
  throw e;
}
