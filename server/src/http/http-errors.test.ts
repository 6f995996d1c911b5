import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../app';
import { startServer } from '../main';
import { createTestDatabase } from '../testing/harness';

/** Every way a request can be wrong before GraphQL runs gets a JSON error with the right status: never 500, never a stack. */
let server: Awaited<ReturnType<typeof startServer>>;
let drop: () => Promise<void>;
beforeAll(async () => {
  const db = await createTestDatabase();
  drop = db.drop;
  server = await startServer({ databaseUrl: db.url, port: 0, host: '127.0.0.1', seedDemo: false });
});
afterAll(async () => {
  await server?.stop();
  await drop?.();
});

async function send(path: string, init: RequestInit = {}) {
  const res = await fetch(`${server.url}${path}`, init);
  const text = await res.text();
  // Nothing that looks like a stack frame or a file path, whatever the status.
  expect(text).not.toMatch(/\bat [\w.<>]+ \(|node_modules|\/src\/|\.ts:\d|\.js:\d|<pre>|<html/i);
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, type: res.headers.get('content-type') ?? '', json, text };
}

const post = (body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  send('/graphql', { method: 'POST', headers, body });

describe('the HTTP edge of /graphql', () => {
  it('answers a body over 1 MB with 413 and a JSON error', async () => {
    const r = await post(JSON.stringify({ query: '{ __typename }', variables: { x: 'x'.repeat(1_100_000) } }));
    expect(r.status).toBe(413);
    expect(r.json.errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers malformed JSON with 400 and a JSON error', async () => {
    for (const body of ['{"query": ', '{query: "{ __typename }"}', '"just a string"', '\u0000']) {
      const r = await post(body);
      expect(r.status).toBe(400);
      expect(r.type).toMatch(/application\/json/);
      expect(r.json.errors[0].extensions.code).toBe('BAD_REQUEST');
    }
  });

  it('answers a missing or unsupported content type, or another charset, with 415', async () => {
    const body = JSON.stringify({ query: '{ __typename }' });
    for (const headers of [
      {} as Record<string, string>,
      { 'content-type': 'text/plain' },
      { 'content-type': 'application/x-www-form-urlencoded' },
      { 'content-type': 'multipart/form-data; boundary=x' },
      { 'content-type': 'application/json; charset=latin1' },
      { 'content-type': 'application/json; charset=utf-16' },
    ]) {
      const r = await send('/graphql', { method: 'POST', headers: { 'apollo-require-preflight': 'true', ...headers }, body });
      expect([r.status, headers]).toEqual([415, headers]);
      expect(r.json.errors[0].extensions.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
    const ok = await post(body, { 'content-type': 'application/json; charset=UTF-8' });
    expect(ok.json).toEqual({ data: { __typename: 'Query' } });
  });

  it('answers a GraphQL syntax error with 400 (graphql-response+json) or 200 (application/json), never 500', async () => {
    for (const query of ['{', '{ a(x: "\\u0000 unterminated }', 'query { ' + 'a '.repeat(3000) + '}']) {
      const gql = await post(JSON.stringify({ query }), { 'content-type': 'application/json', accept: 'application/graphql-response+json' });
      expect(gql.status).toBe(400);
      expect(gql.json.errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
      expect(gql.json.data).toBeUndefined();
      const legacy = await post(JSON.stringify({ query }), { 'content-type': 'application/json', accept: 'application/json' });
      expect(legacy.status).toBe(200);
      expect(legacy.json.errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    }
  });

  it('refuses a too-deep query with a validation error, not a 500', async () => {
    let q = 'name';
    for (let i = 0; i < 14; i++) q = `region { ${q} }`;
    const r = await post(JSON.stringify({ query: `{ organisations { edges { node { ${q} } } } }` }), { 'content-type': 'application/json', accept: 'application/graphql-response+json' });
    expect(r.status).toBe(400);
    expect(r.json.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('answers unknown routes and methods with a JSON 404 / 405, and a malformed URL with 400', async () => {
    for (const [path, method] of [['/nope', 'GET'], ['/api/v1/things', 'POST'], ['/', 'DELETE']] as const) {
      const r = await send(path, { method, headers: { 'content-type': 'application/json' }, body: method === 'GET' ? undefined : '{}' });
      expect(r.status).toBe(404);
      expect(r.json.errors[0].extensions.code).toBe('NOT_FOUND');
    }
    const put = await send('/graphql', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(put.status).toBe(405);
    const bad = await send('/%E0%A4%A');
    expect(bad.status).toBeLessThan(500);
    expect(bad.status).toBeGreaterThanOrEqual(400);
  });

  it('answers deeply nested JSON in the variables with a typed error, not a 500', async () => {
    const deep = '['.repeat(200_000) + ']'.repeat(200_000);
    const r = await post(`{"query":"query($id: ID!) { organisation(id: $id) { id } }","variables":{"id":${deep}}}`);
    expect(r.status).toBeLessThan(500);
    const obj = '{"a":'.repeat(50_000) + '1' + '}'.repeat(50_000);
    const r2 = await post(`{"query":"{ __typename }","variables":${obj},"extensions":${obj}}`);
    expect(r2.status).toBeLessThan(500);
  });

  it('refuses the 175-character query that used to return 5 MB, before running it', async () => {
    const q = '{organisations(first:100){edges{node{relationships{to{relationships{to{relationships{to{name kind officialCode}}}}}}}}}}';
    const r = await post(JSON.stringify({ query: q }), { 'content-type': 'application/json', accept: 'application/graphql-response+json' });
    expect(r.status).toBe(400);
    expect(r.json.errors[0].message).toMatch(/cost limit/i);
    expect(r.json.data).toBeUndefined();
    expect(r.text.length).toBeLessThan(1000);
  });

  it('serves the web client at / and its routes, and other methods a JSON 404', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gg-client-'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Growth Graph</title>');
    const { server: web, apollo } = await createApp({ ds: server.ds, config: { authSecret: 'test' }, clientDir: dir });
    await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(web.address() as { port: number }).port}`;
    try {
      expect((await fetch(`${base}/`)).status).toBe(200);
      expect(await (await fetch(`${base}/some/route`)).text()).toMatch(/Growth Graph/);
      // Other methods are not client routes.
      const post = await fetch(`${base}/some/route`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(post.status).toBe(404);
      expect(((await post.json()) as any).errors[0].extensions.code).toBe('NOT_FOUND');
    } finally {
      web.close();
      await apollo.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
