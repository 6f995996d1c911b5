import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Client } from 'pg';
import { createTestDatabase } from '../testing/harness';
import { DEMO_PASSWORD, DEMO_USERS } from '../seed/demo';
import { migrations } from '../migrations';

/**
 * Two real API processes (server/dist/main.js, as deployed) on ONE fresh, empty database behave as one:
 * start-up (migrate + seed) does not race, and sessions, sign-in throttles, rate limits, idempotency keys
 * and the retention job are shared. server/dist is built by `npm test` (scripts/test.mjs) before Jest;
 * run `npm run build -w server` first when running this file alone.
 */
const MAIN = path.resolve(__dirname, '../../dist/main.js');

interface Proc {
  name: string;
  url: string;
  child: ChildProcess;
  log: string;
}

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let a: Proc;
let b: Proc;
let sql: Client;

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });

function start(name: string, port: number, env: Record<string, string>): Proc {
  const child = spawn(process.execPath, [MAIN], { env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
  const proc: Proc = { name, url: `http://127.0.0.1:${port}`, child, log: '' };
  child.stdout!.on('data', (d) => (proc.log += d));
  child.stderr!.on('data', (d) => (proc.log += d));
  return proc;
}

async function waitUntilUp(p: Proc, deadline: number) {
  for (;;) {
    if (p.child.exitCode !== null) throw new Error(`${p.name} exited with ${p.child.exitCode}:\n${p.log}`);
    try {
      if ((await fetch(`${p.url}/healthz`)).ok) return;
    } catch {}
    if (Date.now() > deadline) throw new Error(`${p.name} did not start:\n${p.log}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

let nextAddress = 0;
/** Each call comes from its own client address unless one is given (the processes trust the loopback proxy). */
async function gql(p: Proc, query: string, variables: Record<string, unknown> = {}, opts: { token?: string; address?: string; key?: string } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-forwarded-for': opts.address ?? `10.77.${Math.floor(++nextAddress / 250)}.${nextAddress % 250}` };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.key) headers['idempotency-key'] = opts.key;
  const res = await fetch(`${p.url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
}

const SIGN_IN = 'mutation($i: SignInInput!) { signIn(input: $i) { token userErrors { field code } } }';
const signIn = (p: Proc, email: string, password = DEMO_PASSWORD, address?: string) => gql(p, SIGN_IN, { i: { email, password } }, { address });
const tokenOn = async (p: Proc, email: string) => {
  const r = await signIn(p, email);
  if (!r.body.data?.signIn?.token) throw new Error(`sign-in failed: ${JSON.stringify(r.body)}`);
  return r.body.data.signIn.token as string;
};

beforeAll(async () => {
  if (!fs.existsSync(MAIN)) throw new Error(`${MAIN} is missing: build the server first (npm run build -w server); npm test does.`);
  db = await createTestDatabase(); // empty: the two processes migrate it
  const env = {
    DATABASE_URL: db.url,
    AUTH_SECRET: randomBytes(32).toString('hex'),
    NODE_ENV: 'test',
    CLIENT_DIR: '/nonexistent',
    SEED_DEMO: 'true',
    DEMO_FIRMS: '60',
    // The app role is cluster-wide: the harness's password, or these processes would reset it (ALTER ROLE) under
    // the suites running alongside, whose new connections then fail to log in.
    APP_DB_PASSWORD: process.env.APP_DB_PASSWORD ?? 'growth_graph_app_test',
    TRUST_PROXY: 'loopback',
    RATE_LIMIT_PER_ADDRESS: '10',
    RATE_LIMIT_PER_ACCOUNT: '40',
    RATE_LIMIT_SYNC_MS: '100',
    SIGN_IN_MAX_FAILURES_PER_EMAIL: '4',
    SIGN_IN_MAX_FAILURES_PER_ADDRESS: '50',
  };
  const [portA, portB] = [await freePort(), await freePort()];
  // Started at the same moment on the empty database: migrations and demo data race unless locked.
  a = start('A', portA, env);
  b = start('B', portB, env);
  const deadline = Date.now() + 110_000;
  await Promise.all([waitUntilUp(a, deadline), waitUntilUp(b, deadline)]);
  sql = new Client({ connectionString: db.url });
  await sql.connect();
}, 120_000);

afterAll(async () => {
  await sql?.end();
  for (const p of [a, b]) {
    if (p && p.child.exitCode === null) {
      p.child.kill('SIGTERM');
      await new Promise((r) => (p.child.exitCode !== null ? r(null) : p.child.once('exit', r)));
    }
  }
  await db?.drop();
}, 60_000);

const count = async (q: string, params: unknown[] = []) => Number((await sql.query(q, params)).rows[0].count);

describe('two API processes on one database', () => {
  it('start together on an empty database: migrated once, demo data loaded once, retention run once', async () => {
    expect(await count('SELECT count(*) FROM migrations')).toBe(migrations.length);
    expect(await count('SELECT count(DISTINCT name) AS count FROM migrations')).toBe(migrations.length);
    // Loaded once: no user twice (the dashboards' audience users come on top of DEMO_USERS).
    expect(await count('SELECT count(*) FROM app_user')).toBe(await count('SELECT count(DISTINCT email) AS count FROM app_user'));
    expect(await count('SELECT count(*) FROM app_user')).toBeGreaterThanOrEqual(DEMO_USERS.length);
    expect(await count('SELECT count(*) FROM firm')).toBeLessThanOrEqual(60 + 20); // one demo load, not two
    const orgs = (await sql.query('SELECT count(*)::int AS n, count(DISTINCT name)::int AS d FROM organisation')).rows[0];
    expect(orgs.n).toBe(orgs.d);
    const job = (await sql.query(`SELECT runs FROM scheduled_job WHERE name = 'contact-person-retention'`)).rows[0];
    expect(job).toEqual({ runs: 1 });
  });

  it('a session made on A works on B; signing out on B ends it on A', async () => {
    const token = await tokenOn(a, 'consultant@midtjylland.demo');
    const onB = await gql(b, '{ me { email } }', {}, { token });
    expect(onB.body.data.me.email).toBe('consultant@midtjylland.demo');
    expect((await gql(b, 'mutation { signOut { signedOut } }', {}, { token })).body.data.signOut.signedOut).toBe(true);
    const onA = await gql(a, '{ me { email } }', {}, { token });
    expect(onA.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('sign-in failures for one e-mail are counted across both processes', async () => {
    const email = 'editor@randers.demo';
    for (const p of [a, b, a, b]) expect((await signIn(p, email, 'wrong')).body.data.signIn.userErrors[0].code).toBe('BAD_CREDENTIALS');
    // Four failures in all (two on each): the fifth attempt is refused on either, even with the right password.
    for (const p of [a, b]) {
      const locked = await signIn(p, email);
      expect(locked.body.data.signIn.token).toBeNull();
      expect(locked.body.data.signIn.userErrors[0]).toEqual({ field: ['input', 'email'], code: 'TOO_MANY_ATTEMPTS' });
    }
  });

  it('the per-address rate limit is counted across both processes (shared within a sync interval)', async () => {
    const address = '10.66.0.1';
    // Five on each: neither process alone is over the limit of 10.
    for (let i = 0; i < 10; i++) expect((await gql(i % 2 ? a : b, '{ __typename }', {}, { address })).status).toBe(200);
    // Each process adds its counts in the background: wait until the shared total has all ten...
    for (let tries = 0; ; tries++) {
      const row = (await sql.query(`SELECT hits FROM rate_limit_counter WHERE key = $1`, [`rl:addr:${address}`])).rows[0];
      if (row?.hits === 10) break;
      if (tries > 100) throw new Error(`shared count never reached 10: ${JSON.stringify(row)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    // ...and a few more intervals, so the process that added its five first has read the total back too.
    await new Promise((r) => setTimeout(r, 1000));
    for (const p of [a, b]) {
      const over = await gql(p, '{ __typename }', {}, { address });
      expect(over.status).toBe(429);
      expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(over.body.errors[0].extensions.code).toBe('RATE_LIMITED');
    }
  });

  it('an idempotency key used on A replays on B; concurrent duplicates on A and B create one record', async () => {
    const token = await tokenOn(a, 'admin@hovedstaden.demo');
    const CREATE = 'mutation($i: CreateFirmInput!) { createFirm(input: $i) { firm { id } userErrors { code } } }';
    const key = randomUUID();
    const first = await gql(a, CREATE, { i: { country: 'DK', name: 'Two Process ApS' } }, { token, key });
    expect(first.body.data.createFirm.firm.id).toBeTruthy();
    const onB = await gql(b, CREATE, { i: { country: 'DK', name: 'Two Process ApS' } }, { token, key });
    expect(onB.headers.get('idempotency-replayed')).toBe('true');
    expect(onB.body).toEqual(first.body);
    expect(await count('SELECT count(*) FROM firm WHERE name = $1', ['Two Process ApS'])).toBe(1);

    const raceKey = randomUUID();
    const answers = await Promise.all([a, b, a, b].map((p) => gql(p, CREATE, { i: { country: 'DK', name: 'Race Two Process ApS' } }, { token, key: raceKey })));
    expect(new Set(answers.map((r) => r.body.data?.createFirm?.firm?.id)).size).toBe(1);
    expect(await count('SELECT count(*) FROM firm WHERE name = $1', ['Race Two Process ApS'])).toBe(1);
  });
});
