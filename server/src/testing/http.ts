import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { DataSource } from 'typeorm';
import { createApp } from '../app';
import { openDatabase } from '../core/db';
import { DEMO_PASSWORD, seedDemoData } from '../seed/demo';
import { createTestDatabase } from './harness';

/** The real Express app over real HTTP on a fresh seeded database, for tests of the HTTP layer. */
export interface HttpTestApp {
  url: string;
  ds: DataSource;
  post(body: unknown, headers?: Record<string, string>): Promise<{ status: number; headers: Headers; body: any }>;
  tokenFor(email: string, headers?: Record<string, string>): Promise<string>;
  close(): Promise<void>;
}

export async function createHttpTestApp(opts: { firmCount?: number } = {}): Promise<HttpTestApp> {
  const db = await createTestDatabase();
  const ds = await openDatabase(db.url);
  await seedDemoData(ds, { firmCount: opts.firmCount ?? 50 });
  const { server, apollo } = await createApp({ ds, config: { authSecret: randomBytes(32).toString('hex') } });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const app: HttpTestApp = {
    url,
    ds,
    async post(body, headers = {}) {
      const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {}
      return { status: res.status, headers: res.headers, body: parsed };
    },
    async tokenFor(email, headers = {}) {
      const r = await app.post({ query: 'mutation($i: SignInInput!) { signIn(input: $i) { token } }', variables: { i: { email, password: DEMO_PASSWORD } } }, headers);
      const token = r.body?.data?.signIn?.token;
      if (!token) throw new Error(`sign-in failed for ${email}: ${JSON.stringify(r.body)}`);
      return token;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await apollo.stop();
      await ds.destroy();
      await db.drop();
    },
  };
  return app;
}
