import { serverAudits } from 'graphql-http';
import { startServer } from '../main';
import { createTestDatabase } from '../testing/harness';

/**
 * The GraphQL-over-HTTP spec's own audit suite (graphql-http's serverAudits) against the real server:
 * every MUST and SHOULD audit passes; only MAY audits may warn.
 *
 * Apollo's CSRF prevention stays on. A browser can send a "simple" request (GET, or a POST with a
 * form or text/plain body) cross-site without a preflight, so such a request must carry a header a
 * simple request cannot have; the audit's client is not a browser and sends it on every request,
 * as any non-browser client of this API would.
 */
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

const preflighted: typeof fetch = (input, init) => {
  const headers = new Headers(init?.headers);
  headers.set('apollo-require-preflight', 'true');
  return fetch(input, { ...init, headers });
};

it('passes every MUST and SHOULD audit of the GraphQL-over-HTTP spec', async () => {
  const audits = serverAudits({ url: () => `${server.url}/graphql`, fetchFn: preflighted });
  const failures: string[] = [];
  let ok = 0;
  for (const audit of audits) {
    const result = await audit.fn();
    if (result.status === 'ok') {
      ok++;
      continue;
    }
    const level = audit.name.split(' ')[0];
    if (level === 'MAY' && result.status !== 'error') continue;
    let body = '';
    try {
      body = await result.response.text();
    } catch {
      /* already read */
    }
    failures.push(`${result.status} ${audit.name}: ${result.reason} [${result.response.status} ${body.slice(0, 200)}]`);
  }
  expect(failures).toEqual([]);
  expect(ok).toBeGreaterThan(40);
});
