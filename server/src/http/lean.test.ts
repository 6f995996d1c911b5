import http from 'node:http';
import { startServer } from '../main';
import { createTestDatabase } from '../testing/harness';
import { leanStats, takesLeanPath } from './lean';

/**
 * The lean path (http/lean.ts) answers exactly as Express does: the same request sent with a Content-Length
 * (lean path) and chunked (Transfer-Encoding: Express's path) gets the same status, type and body.
 */
let server: Awaited<ReturnType<typeof startServer>>;
let drop: () => Promise<void>;
beforeAll(async () => {
  const db = await createTestDatabase();
  drop = db.drop;
  server = await startServer({ databaseUrl: db.url, port: 0, host: '127.0.0.1', seedDemo: false, authSecret: 'lean-test-secret-lean-test-secret' });
});
afterAll(async () => {
  await server?.stop();
  await drop?.();
});

function send(body: string, headers: Record<string, string>, chunked: boolean, path = '/graphql'): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const buf = Buffer.from(body, 'utf8');
    const req = http.request(
      { host: '127.0.0.1', port: server.port, path, method: 'POST', headers: { ...headers, ...(chunked ? { 'transfer-encoding': 'chunked' } : { 'content-length': String(buf.length) }) } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode!, type: String(res.headers['content-type']), body: text }));
      },
    );
    req.on('error', reject);
    if (chunked) {
      // Two chunks, so the body really is chunked.
      req.write(buf.subarray(0, 1));
      req.end(buf.subarray(1));
    } else req.end(buf);
  });
}

const JSON_HEADERS = { 'content-type': 'application/json' };
const CASES: Array<[string, string, Record<string, string>]> = [
  ['a query', JSON.stringify({ query: '{ __typename }' }), JSON_HEADERS],
  ['a query with charset and +json type', JSON.stringify({ query: '{ __typename }' }), { 'content-type': 'application/graphql+json; charset=UTF-8' }],
  ['a body with a BOM', '\ufeff' + JSON.stringify({ query: '{ __typename }' }), JSON_HEADERS],
  ['malformed JSON', '{"query": ', JSON_HEADERS],
  ['a bare string (strict)', '"{ __typename }"', JSON_HEADERS],
  ['whitespace then an object', ' \n{"query":"{ __typename }"}', JSON_HEADERS],
  ['an empty object', '{}', JSON_HEADERS],
  ['a batch', '[{"query":"{ __typename }"}]', JSON_HEADERS],
  ['a syntax error (legacy JSON)', JSON.stringify({ query: '{ __typename' }), JSON_HEADERS],
  ['a syntax error (graphql-response+json)', JSON.stringify({ query: '{ __typename' }), { ...JSON_HEADERS, accept: 'application/graphql-response+json' }],
  ['an unknown field', JSON.stringify({ query: '{ firmz { id } }' }), JSON_HEADERS],
  ['a query needing a caller', JSON.stringify({ query: '{ me { id } }' }), JSON_HEADERS],
  ['a forged token', JSON.stringify({ query: '{ me { id } }' }), { ...JSON_HEADERS, authorization: 'Bearer abc.def.ghi' }],
  ['a mutation without a caller', JSON.stringify({ query: 'mutation { signOut }' }), JSON_HEADERS],
  ['a wrong sign-in', JSON.stringify({ query: 'mutation($i: SignInInput!) { signIn(input: $i) { token } }', variables: { i: { email: 'nobody@example.org', password: 'x' } } }), JSON_HEADERS],
];

describe('the lean POST /graphql path', () => {
  it.each(CASES)('answers %s exactly as Express does', async (_name, body, headers) => {
    const before = leanStats.served;
    const lean = await send(body, headers, false);
    expect(leanStats.served).toBe(before + 1);
    const express = await send(body, headers, true);
    expect(leanStats.served).toBe(before + 1); // chunked: Express's path
    expect(lean).toEqual(express);
    expect(lean.body).not.toMatch(/\bat [\w.<>]+ \(|node_modules|\.ts:\d|\.js:\d/);
  });

  it('takes only plain JSON POSTs to /graphql', () => {
    const req = (method: string, url: string, headers: Record<string, string>) => ({ method, url, headers }) as unknown as http.IncomingMessage;
    const ok = { 'content-type': 'application/json', 'content-length': '20' };
    expect(takesLeanPath(req('POST', '/graphql', ok))).toBe(true);
    expect(takesLeanPath(req('POST', '/graphql?x=1', ok))).toBe(true);
    expect(takesLeanPath(req('POST', '/graphql/', ok))).toBe(false);
    expect(takesLeanPath(req('POST', '/graphqlx', ok))).toBe(false);
    expect(takesLeanPath(req('GET', '/graphql', ok))).toBe(false);
    expect(takesLeanPath(req('POST', '/graphql', { ...ok, 'content-encoding': 'gzip' }))).toBe(false);
    expect(takesLeanPath(req('POST', '/graphql', { ...ok, 'content-type': 'text/plain' }))).toBe(false);
    expect(takesLeanPath(req('POST', '/graphql', { ...ok, 'content-type': 'application/json; charset=latin1' }))).toBe(false);
    expect(takesLeanPath(req('POST', '/graphql', { 'content-type': 'application/json' }))).toBe(false);
    expect(takesLeanPath(req('POST', '/graphql', { ...ok, 'content-length': '0' }))).toBe(false);
    expect(takesLeanPath(req('POST', '/graphql', { ...ok, 'content-length': String(2 * 1024 * 1024) }))).toBe(false);
  });
});
