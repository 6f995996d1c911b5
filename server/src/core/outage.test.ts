import http from 'node:http';
import { Client } from 'pg';
import { RunningServer, startServer } from '../main';
import { DEMO_API_KEY, DEMO_PASSWORD } from '../seed/demo';
import { FaultProxy } from '../testing/fault-proxy';
import { OutageServer, startOutageServer } from '../testing/outage-server';
import { databaseUnavailableReason, isBrokenConnection } from './outage';

/**
 * A database outage is answered as one: HTTP 503, Retry-After and SERVICE_UNAVAILABLE - for queries,
 * mutations, sign-in and token/API-key checks - when the database refuses connections, when it hangs, and
 * when a statement runs into the statement timeout. The real HTTP stack talks to the real PostgreSQL
 * through a TCP proxy that can refuse or black-hole on demand (core/../testing/fault-proxy.ts).
 */
process.env.READY_TIMEOUT_MS = '700';

let server: RunningServer;
let proxy: FaultProxy;
let db: { url: string; drop: () => Promise<void> };
let direct: Client;
let token: string;
let firmId: string;
let receiverId: string;

const MIDT = 'consultant@midtjylland.demo';
const AUTH_SECRET = 'outage-test-secret';
const SIGN_IN = `mutation($i: SignInInput!) { signIn(input: $i) { token userErrors { code } } }`;
const RECORD = `mutation($i: RecordTouchpointInput!) { recordTouchpoint(input: $i) { touchpoint { id } referral { id } userErrors { code } } }`;

async function post(body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as any };
}
const auth = () => ({ authorization: `Bearer ${token}` });
const referralInput = () => ({ firmId, kind: 'REFERRAL', occurredAt: new Date().toISOString(), referral: { receiverOrganisationId: receiverId, reason: 'outage test' } });
const count = async (table: string) => Number((await direct.query(`SELECT count(*) FROM ${table}`)).rows[0].count);

function expectUnavailable(r: Awaited<ReturnType<typeof post>>) {
  expect(r.status).toBe(503);
  expect(Number(r.retryAfter)).toBeGreaterThan(0);
  expect(r.body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
  expect(JSON.stringify(r.body)).not.toMatch(/ECONN|stack|timeout exceeded|\.js:|Query read/);
}

let outage: OutageServer;
beforeAll(async () => {
  outage = await startOutageServer({ authSecret: AUTH_SECRET });
  ({ server, proxy, db, direct } = outage);
  const signIn = await post({ query: SIGN_IN, variables: { i: { email: MIDT, password: DEMO_PASSWORD } } });
  token = signIn.body.data.signIn.token;
  firmId = (await direct.query(`SELECT id FROM firm WHERE status = 'REGISTERED' ORDER BY name LIMIT 1`)).rows[0].id;
  receiverId = (await direct.query(`SELECT o.id FROM organisation o WHERE o.id NOT IN (SELECT organisation_id FROM membership m JOIN app_user u ON u.id = m.user_id WHERE u.email = $1) ORDER BY o.name LIMIT 1`, [MIDT])).rows[0].id;
});

afterAll(async () => {
  await outage?.close();
});

describe('classifying failures', () => {
  it('names connection failures, timeouts and shutdown codes, and nothing else', () => {
    expect(databaseUnavailableReason(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }))).toBe('ECONNREFUSED');
    expect(databaseUnavailableReason(new Error('timeout exceeded when trying to connect'))).toBe('pool-connect-timeout');
    expect(databaseUnavailableReason({ driverError: { code: '57P01', message: 'terminating connection due to administrator command' } })).toBe('sqlstate-57P01');
    expect(databaseUnavailableReason({ code: '57014' })).toBe('statement-timeout');
    expect(databaseUnavailableReason({ code: '08006' })).toBe('sqlstate-08006');
    expect(databaseUnavailableReason(new Error('Query runner already released. Cannot run queries anymore.'))).toBe('connection-lost-in-transaction');
    expect(databaseUnavailableReason(new AggregateError([Object.assign(new Error('x'), { code: 'ECONNRESET' })]))).toBe('ECONNRESET');
    // The database answered: a bug or bad input, not an outage.
    expect(databaseUnavailableReason({ code: '23505', message: 'duplicate key value violates unique constraint' })).toBeNull();
    expect(databaseUnavailableReason({ code: '22P02', message: 'invalid input syntax for type uuid' })).toBeNull();
    expect(databaseUnavailableReason(new TypeError('x is undefined'))).toBeNull();
    // A statement timeout leaves the connection usable; a client-side timeout does not.
    expect(isBrokenConnection({ code: '57014' })).toBe(false);
    expect(isBrokenConnection(new Error('Query read timeout'))).toBe(true);
  });
});

describe('healthy', () => {
  it('/healthz and /readyz say so', async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ok: true, database: 'up' });
  });
});

describe('a statement that hangs (statement timeout)', () => {
  let locker: Client;
  beforeEach(async () => {
    locker = new Client({ connectionString: db.url });
    locker.on('error', () => {});
    await locker.connect();
    await locker.query('BEGIN');
  });
  afterEach(async () => {
    await locker.query('ROLLBACK');
    await locker.end();
  });

  it('a query: 503 once its statement times out', async () => {
    await locker.query('LOCK TABLE app_user IN ACCESS EXCLUSIVE MODE');
    const r = await post({ query: '{ me { displayName } }' }, auth());
    expectUnavailable(r);
  });

  it('a mutation: 503, and nothing of it was written (one transaction)', async () => {
    const referrals = await count('referral');
    const steps = await count('referral_step');
    // The referral and its first step are written before the touchpoint, which then waits for the lock.
    await locker.query('LOCK TABLE touchpoint IN ACCESS EXCLUSIVE MODE');
    const r = await post({ query: RECORD, variables: { i: referralInput() } }, auth());
    expectUnavailable(r);
    await locker.query('ROLLBACK');
    await locker.query('BEGIN');
    expect(await count('referral')).toBe(referrals);
    expect(await count('referral_step')).toBe(steps);
  });

  it('sign-in and the token check: 503', async () => {
    await locker.query('LOCK TABLE session IN ACCESS EXCLUSIVE MODE');
    expectUnavailable(await post({ query: SIGN_IN, variables: { i: { email: MIDT, password: DEMO_PASSWORD } } }));
    expectUnavailable(await post({ query: '{ me { displayName } }' }, auth()));
  });

  it('the API-key check: 503', async () => {
    await locker.query('LOCK TABLE api_key IN ACCESS EXCLUSIVE MODE');
    expectUnavailable(await post({ query: '{ me { displayName } }' }, { authorization: `ApiKey ${DEMO_API_KEY}` }));
  });
});

describe('a database that refuses connections', () => {
  beforeAll(() => proxy.down());
  afterAll(() => proxy.up());

  it('query, mutation, sign-in and API key: 503 with Retry-After', async () => {
    expectUnavailable(await post({ query: '{ me { displayName } }' }, auth()));
    expectUnavailable(await post({ query: RECORD, variables: { i: referralInput() } }, auth()));
    expectUnavailable(await post({ query: SIGN_IN, variables: { i: { email: MIDT, password: DEMO_PASSWORD } } }));
    expectUnavailable(await post({ query: '{ me { displayName } }' }, { authorization: `ApiKey ${DEMO_API_KEY}` }));
  });

  it('/readyz is 503, /healthz stays 200', async () => {
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(ready.headers.get('retry-after')).toBeTruthy();
    expect(((await ready.json()) as any).database).toBe('down');
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});

describe('a database that hangs (accepts, never answers)', () => {
  beforeAll(() => proxy.hang());
  afterAll(() => proxy.up());

  it('answers 503 within the timeouts instead of holding the request', async () => {
    // Generous bound: the configured limits are under a second; a request held forever would hit Jest's.
    const bound = new Promise<'held'>((r) => setTimeout(() => r('held'), 15_000).unref());
    const r = await Promise.race([post({ query: SIGN_IN, variables: { i: { email: MIDT, password: DEMO_PASSWORD } } }), bound]);
    expect(r).not.toBe('held');
    expectUnavailable(r as Awaited<ReturnType<typeof post>>);
    expectUnavailable(await post({ query: '{ me { displayName } }' }, auth()));
    expect((await fetch(`${server.url}/readyz`)).status).toBe(503);
  });
});

describe('after the outage', () => {
  it('recovers by itself: ready again, and requests succeed', async () => {
    let ready = 0;
    for (let i = 0; i < 50 && ready !== 200; i++) {
      ready = (await fetch(`${server.url}/readyz`)).status;
      if (ready !== 200) await new Promise((r) => setTimeout(r, 100));
    }
    expect(ready).toBe(200);
    const r = await post({ query: RECORD, variables: { i: referralInput() } }, auth());
    expect(r.status).toBe(200);
    expect(r.body.data.recordTouchpoint.userErrors).toEqual([]);
    const me = await post({ query: '{ me { displayName } }' }, auth());
    expect(me.body).toEqual({ data: { me: { displayName: 'Mette Consultant' } } });
  });
});

describe('graceful stop', () => {
  it('answers the request in flight, closes idle kept-alive connections at once, refuses new ones', async () => {
    // A second server on the same (seeded) database, with timeouts long enough to hold a request on a lock.
    const s2 = await startServer({
      databaseUrl: db.url, port: 0, host: '127.0.0.1', seedDemo: false, authSecret: AUTH_SECRET,
      dbTimeouts: { connectMs: 5000, statementMs: 30_000, queryMs: 35_000 }, shutdownGraceMs: 20_000,
    });
    // An idle kept-alive connection.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const idleSocket = await new Promise<import('node:net').Socket>((resolve, reject) => {
      const req = http.get(`${s2.url}/healthz`, { agent }, (res) => {
        res.resume();
        res.on('end', () => resolve(req.socket!));
      });
      req.on('error', reject);
    });
    const idleClosed = new Promise<void>((r) => idleSocket.once('close', () => r()));

    const locker = new Client({ connectionString: db.url });
    locker.on('error', () => {}); // dropped with the database if this test fails half-way
    await locker.connect();
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE app_user IN ACCESS EXCLUSIVE MODE');
    let settled = false;
    const inFlight = fetch(`${s2.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth() }, body: JSON.stringify({ query: '{ me { displayName } }' }) })
      .then(async (res) => ({ status: res.status, body: (await res.json()) as any }))
      .finally(() => (settled = true));
    // Wait until the request is really waiting inside PostgreSQL.
    for (let i = 0; i < 200; i++) {
      const { rows } = await locker.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND pid <> pg_backend_pid() AND datname = current_database()`);
      if (rows[0].n > 0) break;
      await new Promise((r) => setTimeout(r, 25));
    }

    const stopping = s2.stop();
    // The idle connection is closed while the request in flight is still waiting: the stop does not wait for it.
    await idleClosed;
    expect(settled).toBe(false);
    await expect(fetch(`${s2.url}/healthz`)).rejects.toThrow();

    await locker.query('ROLLBACK');
    await locker.end();
    const answer = await inFlight;
    expect(answer).toEqual({ status: 200, body: { data: { me: { displayName: 'Mette Consultant' } } } });
    const result = await stopping;
    expect(result).toMatchObject({ forced: false, cut: 0 });
    expect(result.inFlight).toBeGreaterThanOrEqual(1);
    agent.destroy();
  });
});
