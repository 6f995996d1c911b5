import { CombinedError, Client, cacheExchange, fetchExchange, makeOperation, mapExchange, type Exchange, type Operation } from 'urql';

/** The credentials one urql client sends with every request. */
export interface AuthHeadersInput {
  token: string | null;
  /** Act for this one organisation; null = all the user's organisations (no header). */
  organisationId: string | null;
}

/** The HTTP headers for a request: bearer token and, if chosen, the organisation acted for. */
export function authHeaders({ token, organisationId }: AuthHeadersInput): Record<string, string> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (token && organisationId) headers['x-organisation-id'] = organisationId;
  return headers;
}

/** True if the server refused the request's credentials (revoked or expired token). */
export function isUnauthenticated(error: CombinedError | undefined | null): boolean {
  if (!error) return false;
  if (error.graphQLErrors.some((e) => e.extensions?.code === 'UNAUTHENTICATED')) return true;
  return (error.response as Response | undefined)?.status === 401;
}

export interface AuthExchangeOptions {
  getAuth: () => AuthHeadersInput;
  /** Called when the server answers UNAUTHENTICATED. */
  onUnauthenticated: () => void;
}

/** The operation with extra HTTP headers (and extra context), keeping the headers it had. */
function withHeaders(operation: Operation, extra: Record<string, string>, context: Record<string, unknown> = {}): Operation {
  const fetchOptions =
    typeof operation.context.fetchOptions === 'function' ? operation.context.fetchOptions() : (operation.context.fetchOptions ?? {});
  const headers: Record<string, string> = {};
  new Headers(fetchOptions.headers).forEach((value, key) => (headers[key] = value));
  return makeOperation(operation.kind, operation, {
    ...operation.context,
    ...context,
    fetchOptions: { ...fetchOptions, headers: { ...headers, ...extra } },
  });
}

/** Adds the auth headers to every operation and reports UNAUTHENTICATED answers. */
export function authExchange({ getAuth, onUnauthenticated }: AuthExchangeOptions): Exchange {
  return mapExchange({
    onOperation(operation) {
      const extra = authHeaders(getAuth());
      if (Object.keys(extra).length === 0) return operation;
      return withHeaders(operation, extra);
    },
    onError(error) {
      if (isUnauthenticated(error)) onUnauthenticated();
    },
  });
}

/**
 * A random UUID (v4). `crypto.randomUUID` exists only in secure contexts (https, localhost); a deployment
 * reached over plain http on a LAN address still has `crypto.getRandomValues`.
 */
export function newIdempotencyKey(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * Gives every mutation an `Idempotency-Key` header, so that a retry can never write twice: the server
 * answers a repeat of the key with the first answer. The key lives in the operation's context, so a
 * re-execution of that same operation (a retry exchange, a re-sent request) carries the same key, while
 * each new mutation call gets a fresh one.
 */
export function idempotencyExchange(newKey: () => string = newIdempotencyKey): Exchange {
  return mapExchange({
    onOperation(operation) {
      if (operation.kind !== 'mutation') return operation;
      const key = (operation.context.idempotencyKey as string | undefined) ?? newKey();
      return withHeaders(operation, { 'idempotency-key': key }, { idempotencyKey: key });
    },
  });
}

export interface ClientOptions extends AuthExchangeOptions {
  url?: string;
  fetch?: typeof fetch;
}

/**
 * The urql client for one session and one organisation choice: a new client (with an empty cache)
 * is made whenever either changes, so no data of the previous choice is shown.
 * POST only: Apollo's CSRF prevention refuses simple GET requests.
 */
export function createGraphQLClient({ url = '/graphql', fetch, ...auth }: ClientOptions): Client {
  return new Client({
    url,
    fetch,
    preferGetMethod: false,
    exchanges: [cacheExchange, idempotencyExchange(), authExchange(auth), fetchExchange],
  });
}
