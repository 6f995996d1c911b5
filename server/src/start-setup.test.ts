import { createDataSource, SETUP_TIMEOUTS } from './core/db';
import { setupNeeded, startServer } from './main';
import { createTestDatabase } from './testing/harness';

/**
 * A warm start skips the setup pool (migrations, demo data) when one statement says there is nothing to do
 * (issue 12). These check that "nothing to do" is only ever said when it is true, and that a start on the
 * skip path serves as the app role.
 */
let drop: () => Promise<void>;
let url: string;
beforeAll(async () => {
  const db = await createTestDatabase();
  drop = db.drop;
  url = db.url;
});
afterAll(async () => {
  await drop?.();
});

async function withOwner<T>(work: (ds: ReturnType<typeof createDataSource>) => Promise<T>): Promise<T> {
  const ds = createDataSource(url, { timeouts: SETUP_TIMEOUTS, poolSize: 1, rawSqlOnly: true });
  await ds.initialize();
  try {
    return await work(ds);
  } finally {
    await ds.destroy();
  }
}

describe('warm start: setup only when needed', () => {
  it('an empty database needs setup (no tables yet)', async () => {
    await withOwner(async (ds) => {
      expect(await setupNeeded(ds, true)).toBe(true);
      expect(await setupNeeded(ds, false)).toBe(true);
    });
  });

  it('after a first start nothing is needed; a migration not applied is noticed', async () => {
    const first = await startServer({ databaseUrl: url, port: 0, host: '127.0.0.1', demoFirmCount: 20 });
    await first.stop();
    await withOwner(async (ds) => {
      expect(await setupNeeded(ds, true)).toBe(false);
      expect(await setupNeeded(ds, false)).toBe(false);
      // The newest migration "not yet applied" (its row gone): setup again.
      const [{ name }] = await ds.query('SELECT name FROM migrations ORDER BY timestamp DESC LIMIT 1');
      await ds.query('DELETE FROM migrations WHERE name = $1', [name]);
      try {
        expect(await setupNeeded(ds, false)).toBe(true);
      } finally {
        await ds.query('INSERT INTO migrations (timestamp, name) VALUES ($1, $2)', [Number(String(name).slice(-13)), name]);
      }
      expect(await setupNeeded(ds, false)).toBe(false);
    });
  });

  it('migrated without demo data: a start that seeds needs setup, one that does not seed does not', async () => {
    const other = await createTestDatabase();
    try {
      const first = await startServer({ databaseUrl: other.url, port: 0, host: '127.0.0.1', seedDemo: false });
      await first.stop();
      const ds = createDataSource(other.url, { timeouts: SETUP_TIMEOUTS, poolSize: 1, rawSqlOnly: true });
      await ds.initialize();
      try {
        expect(await setupNeeded(ds, false)).toBe(false);
        expect(await setupNeeded(ds, true)).toBe(true);
      } finally {
        await ds.destroy();
      }
    } finally {
      await other.drop();
    }
  });

  it('a start on the skip path serves requests as the app role', async () => {
    const again = await startServer({ databaseUrl: url, port: 0, host: '127.0.0.1', demoFirmCount: 20 });
    try {
      const r = await fetch(`${again.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'mutation { signIn(input: {email: "consultant@midtjylland.demo", password: "growth-graph-demo"}) { token } }' }),
      });
      expect(((await r.json()) as { data: { signIn: { token: string } } }).data.signIn.token).toBeTruthy();
      const [{ user }] = await again.appDs.query('SELECT current_user AS user');
      expect(user).not.toBe(new URL(url).username);
      expect((await fetch(`${again.url}/readyz`)).status).toBe(200);
    } finally {
      await again.stop();
    }
  });
});
