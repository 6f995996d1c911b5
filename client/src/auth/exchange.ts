import { CombinedError, Client, cacheExchange, fetchExchange, makeOperation, mapExchange, type Exchange } from 'urql';

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

/** Adds the auth headers to every operation and reports UNAUTHENTICATED answers. */
export function authExchange({ getAuth, onUnauthenticated }: AuthExchangeOptions): Exchange {
  return mapExchange({
    onOperation(operation) {
      const extra = authHeaders(getAuth());
      if (Object.keys(extra).length === 0) return operation;
      const fetchOptions =
        typeof operation.context.fetchOptions === 'function' ? operation.context.fetchOptions() : (operation.context.fetchOptions ?? {});
      const headers: Record<string, string> = {};
      new Headers(fetchOptions.headers).forEach((value, key) => (headers[key] = value));
      return makeOperation(operation.kind, operation, {
        ...operation.context,
        fetchOptions: { ...fetchOptions, headers: { ...headers, ...extra } },
      });
    },
    onError(error) {
      if (isUnauthenticated(error)) onUnauthenticated();
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
    exchanges: [cacheExchange, authExchange(auth), fetchExchange],
  });
}
