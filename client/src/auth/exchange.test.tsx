import { describe, expect, it, vi } from 'vitest';
import { MeDocument, SignOutDocument } from '../generated/graphql';
import { authHeaders, createGraphQLClient, newIdempotencyKey } from './exchange';

function jsonResponse(body: unknown) {
  return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
}

const me = { me: { id: 'u1', displayName: 'Mette Consultant', email: 'm@x', memberships: [] } };

describe('authHeaders', () => {
  it('sends the bearer token, and the organisation only when one is chosen', () => {
    expect(authHeaders({ token: 'abc', organisationId: null })).toEqual({ authorization: 'Bearer abc' });
    expect(authHeaders({ token: 'abc', organisationId: 'org-1' })).toEqual({ authorization: 'Bearer abc', 'x-organisation-id': 'org-1' });
    expect(authHeaders({ token: null, organisationId: 'org-1' })).toEqual({});
  });
});

describe('the GraphQL client', () => {
  it('POSTs every query with the auth headers (Apollo CSRF prevention refuses GET)', async () => {
    const fetch = vi.fn(async (..._args: Parameters<typeof globalThis.fetch>) => jsonResponse({ data: me }));
    const client = createGraphQLClient({ url: 'http://test/graphql', fetch, getAuth: () => ({ token: 'tok', organisationId: 'org-7' }), onUnauthenticated: vi.fn() });
    const result = await client.query(MeDocument, {}).toPromise();
    expect(result.data).toEqual(me);
    expect(fetch).toHaveBeenCalledTimes(1);
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe('http://test/graphql');
    expect(init?.method).toBe('POST');
    const headers = new Headers(init?.headers);
    expect(headers.get('authorization')).toBe('Bearer tok');
    expect(headers.get('x-organisation-id')).toBe('org-7');
    expect(headers.get('content-type')).toMatch(/application\/json/);
  });

  it('sends no x-organisation-id for "all my organisations"', async () => {
    const fetch = vi.fn(async (..._args: Parameters<typeof globalThis.fetch>) => jsonResponse({ data: me }));
    const client = createGraphQLClient({ url: 'http://test/graphql', fetch, getAuth: () => ({ token: 'tok', organisationId: null }), onUnauthenticated: vi.fn() });
    await client.query(MeDocument, {}).toPromise();
    const headers = new Headers(fetch.mock.calls[0][1]?.headers);
    expect(headers.get('authorization')).toBe('Bearer tok');
    expect(headers.has('x-organisation-id')).toBe(false);
  });

  it('reports an UNAUTHENTICATED answer (revoked or expired token), and not other errors', async () => {
    const onUnauthenticated = vi.fn();
    const answers = [
      { errors: [{ message: 'You do not have access to this.', extensions: { code: 'FORBIDDEN' } }], data: null },
      { errors: [{ message: 'Sign in first (or send a valid API key).', extensions: { code: 'UNAUTHENTICATED' } }], data: null },
    ];
    const fetch = vi.fn(async () => jsonResponse(answers.shift()));
    const client = createGraphQLClient({ url: 'http://test/graphql', fetch, getAuth: () => ({ token: 'old', organisationId: null }), onUnauthenticated });
    const forbidden = await client.query(MeDocument, {}, { requestPolicy: 'network-only' }).toPromise();
    expect(forbidden.error?.graphQLErrors[0].extensions.code).toBe('FORBIDDEN');
    expect(onUnauthenticated).not.toHaveBeenCalled();
    const unauthenticated = await client.query(MeDocument, {}, { requestPolicy: 'network-only' }).toPromise();
    expect(unauthenticated.error?.graphQLErrors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(onUnauthenticated).toHaveBeenCalledTimes(1);
  });
});

describe('idempotency keys', () => {
  const signedOut = { signOut: { signedOut: true, userErrors: [] } };
  const keyOf = (init: RequestInit | undefined) => new Headers(init?.headers).get('idempotency-key');

  it('every mutation call gets its own fresh Idempotency-Key; queries get none', async () => {
    const fetch = vi.fn(async (..._args: Parameters<typeof globalThis.fetch>) => jsonResponse({ data: signedOut }));
    const client = createGraphQLClient({ url: 'http://test/graphql', fetch, getAuth: () => ({ token: 'tok', organisationId: null }), onUnauthenticated: vi.fn() });
    await client.mutation(SignOutDocument, {}).toPromise();
    await client.mutation(SignOutDocument, {}).toPromise();
    const [first, second] = fetch.mock.calls.map((c) => keyOf(c[1]));
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(second).toMatch(/^[0-9a-f-]{36}$/);
    expect(second).not.toBe(first);
    // The auth headers are still there.
    expect(new Headers(fetch.mock.calls[0][1]?.headers).get('authorization')).toBe('Bearer tok');
    fetch.mockImplementation(async () => jsonResponse({ data: me }));
    await client.query(MeDocument, {}).toPromise();
    expect(keyOf(fetch.mock.calls[2][1])).toBeNull();
  });

  it('a retry of the same operation sends the same key', async () => {
    const fetch = vi.fn(async (..._args: Parameters<typeof globalThis.fetch>) => jsonResponse({ data: signedOut }));
    const client = createGraphQLClient({ url: 'http://test/graphql', fetch, getAuth: () => ({ token: 'tok', organisationId: null }), onUnauthenticated: vi.fn() });
    const result = await client.mutation(SignOutDocument, {}).toPromise();
    // What a retry exchange does: dispatch the operation the result came back with again.
    client.reexecuteOperation(result.operation);
    await vi.waitFor(() => expect(fetch).toHaveBeenCalledTimes(2));
    expect(keyOf(fetch.mock.calls[1][1])).toBe(keyOf(fetch.mock.calls[0][1]));
  });

  it('makes keys without crypto.randomUUID (plain http on a LAN address is not a secure context)', () => {
    const keys = new Set(Array.from({ length: 100 }, newIdempotencyKey));
    expect(keys.size).toBe(100);
  });
});
