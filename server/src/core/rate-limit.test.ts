import type { DataSource } from 'typeorm';
import { createHttpTestApp, HttpTestApp } from '../testing/http';
import { DEMO_PASSWORD } from '../seed/demo';
import { startOutageServer } from '../testing/outage-server';
import type { Request, Response } from 'express';
import { countQueries } from './query-counter';
import { addressBucket, countHits, rateLimiter, rateLimitSettingsFromEnv, SharedRateCounts, syncRateLimits } from './rate-limit';

// Low limits for this file only; the defaults are far above what any test suite does.
const saved = { ...process.env };
let app: HttpTestApp;
beforeAll(async () => {
  Object.assign(process.env, {
    RATE_LIMIT_PER_ADDRESS: '8',
    RATE_LIMIT_PER_ACCOUNT: '5',
    RATE_LIMIT_WINDOW_SECONDS: '60',
    // Counts are shared only when a test says so (syncRateLimits), so what a request itself writes is visible.
    RATE_LIMIT_SYNC_MS: '3600000',
    SIGN_IN_MAX_FAILURES_PER_ADDRESS: '3',
    TRUST_PROXY: 'loopback', // the test is the proxy: X-Forwarded-For names the client
  });
  app = await createHttpTestApp();
});
afterAll(async () => {
  process.env = saved;
  await app?.close();
});

const ME = { query: '{ me { id } }' };
const from = (address: string, extra: Record<string, string> = {}) => ({ 'x-forwarded-for': address, ...extra });

describe('addressBucket', () => {
  it('is the IPv4 address itself, and the /64 network of an IPv6 address', () => {
    expect(addressBucket('10.1.2.3')).toBe('10.1.2.3');
    expect(addressBucket('::ffff:10.1.2.3')).toBe('10.1.2.3');
    expect(addressBucket('2001:db8:abcd:12:1:2:3:4')).toBe('2001:db8:abcd:12::/64');
    expect(addressBucket('2001:db8:abcd:0012::1')).toBe('2001:db8:abcd:12::/64');
    expect(addressBucket('2001:DB8::1')).toBe('2001:db8:0:0::/64');
    expect(addressBucket('::1')).toBe('0:0:0:0::/64');
    expect(addressBucket('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });
});

describe('countHits', () => {
  it('counts without waiting for a WAL flush, and only in its own transaction (synchronous_commit off locally)', async () => {
    const runner = app.ds.createQueryRunner();
    try {
      // The test cluster runs with synchronous_commit off: turn it on for the transaction to see the statement turn it off.
      const before = (await runner.query('SHOW synchronous_commit'))[0].synchronous_commit;
      await runner.startTransaction();
      await runner.query('SET LOCAL synchronous_commit = on');
      // Only from inside the statement's transaction can the setting be seen; the app may not do this (countHits takes a DataSource).
      const [hit] = await countHits(runner.manager as unknown as DataSource, ['rl:test:async-commit'], 60);
      expect(hit).toMatchObject({ key: 'rl:test:async-commit', hits: 1 });
      expect((await runner.query('SHOW synchronous_commit'))[0].synchronous_commit).toBe('off');
      await runner.commitTransaction();
      // The connection goes back to the pool as it was: other statements on it stay durable.
      expect((await runner.query('SHOW synchronous_commit'))[0].synchronous_commit).toBe(before);
      expect((await countHits(app.ds, ['rl:test:async-commit'], 60))[0].hits).toBe(2);
    } finally {
      await runner.release();
    }
  });
});

describe('defaults', () => {
  it('leave an office behind one NAT address and a BI refresh room, and stop a runaway script within seconds', () => {
    const saved = { ...process.env };
    try {
      for (const k of ['RATE_LIMIT_PER_ADDRESS', 'RATE_LIMIT_PER_ACCOUNT', 'RATE_LIMIT_WINDOW_SECONDS', 'RATE_LIMIT_SYNC_MS', 'RATE_LIMIT_MAX_KEYS']) delete process.env[k];
      expect(rateLimitSettingsFromEnv()).toEqual({ windowSeconds: 60, perAddress: 6000, perAccount: 3000, syncMs: 250, maxKeys: 50_000 });
    } finally {
      process.env = saved;
    }
  });
});

describe('rate limits (counted in memory, shared in PostgreSQL)', () => {
  it('per client address: over the limit is HTTP 429 with Retry-After and a typed GraphQL-shaped body', async () => {
    for (let i = 0; i < 8; i++) expect((await app.post({ query: '{ __typename }' }, from('10.9.0.1'))).status).toBe(200);
    const over = await app.post({ query: '{ __typename }' }, from('10.9.0.1'));
    expect(over.status).toBe(429);
    const retryAfter = Number(over.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(over.headers.get('content-type')).toMatch(/application\/json/);
    expect(over.body).toEqual({
      errors: [{ message: `Too many requests from this address. Try again in ${retryAfter} seconds.`, extensions: { code: 'RATE_LIMITED', retryAfterSeconds: retryAfter, limit: 'address' } }],
    });
    // Another address is not affected.
    expect((await app.post({ query: '{ __typename }' }, from('10.9.0.2'))).status).toBe(200);
  });

  it('per account: counted whatever address the requests come from', async () => {
    const token = await app.tokenFor('editor@randers.demo', from('10.9.1.100'));
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await app.post(ME, from(`10.9.1.${i}`, { authorization: `Bearer ${token}` }))).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const over = await app.post(ME, from('10.9.1.50', { authorization: `Bearer ${token}` }));
    expect(over.body.errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 'account' });
  });

  it('an IPv6 client counts per /64 network, however it rotates its address', async () => {
    for (let i = 1; i <= 8; i++) expect((await app.post({ query: '{ __typename }' }, from(`2001:db8:7:7::${i}`))).status).toBe(200);
    expect((await app.post({ query: '{ __typename }' }, from('2001:db8:7:7:ffff::9'))).status).toBe(429);
    expect((await app.post({ query: '{ __typename }' }, from('2001:db8:7:8::1'))).status).toBe(200);
  });

  it('a token the server did not sign gets no account budget of its own (counted by address only)', async () => {
    await syncRateLimits(app.ds);
    const before = Number((await app.ds.query(`SELECT count(*) FROM rate_limit_counter WHERE key LIKE 'rl:user:%'`))[0].count);
    await app.post(ME, from('10.9.3.1', { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.forged' }));
    await syncRateLimits(app.ds);
    expect(Number((await app.ds.query(`SELECT count(*) FROM rate_limit_counter WHERE key = 'rl:addr:10.9.3.1'`))[0].count)).toBe(1);
    expect(Number((await app.ds.query(`SELECT count(*) FROM rate_limit_counter WHERE key LIKE 'rl:user:%'`))[0].count)).toBe(before);
  });

  it('sign-in is throttled per client address across e-mail addresses, naming no field but the input', async () => {
    const signIn = (email: string, password: string) =>
      app.post({ query: 'mutation($i: SignInInput!) { signIn(input: $i) { token userErrors { field message code } } }', variables: { i: { email, password } } }, from('10.9.2.1'));
    for (const email of ['a@nowhere.demo', 'b@nowhere.demo', 'c@nowhere.demo']) {
      expect((await signIn(email, 'guess')).body.data.signIn.userErrors[0].code).toBe('BAD_CREDENTIALS');
    }
    const locked = await signIn('admin@randers.demo', DEMO_PASSWORD);
    expect(locked.body.data.signIn.token).toBeNull();
    expect(locked.body.data.signIn.userErrors).toEqual([
      { field: ['input'], message: 'Too many failed sign-ins from this network address. Try again in 15 minutes.', code: 'TOO_MANY_ATTEMPTS' },
    ]);
    // The same user from another address is fine.
    const elsewhere = await app.post({ query: 'mutation($i: SignInInput!) { signIn(input: $i) { token } }', variables: { i: { email: 'admin@randers.demo', password: DEMO_PASSWORD } } }, from('10.9.2.2'));
    expect(elsewhere.body.data.signIn.token).toEqual(expect.any(String));
  });

  it('a request causes no statement on rate_limit_counter; one background statement shares the counts of all keys', async () => {
    // A statement-level trigger counts every INSERT statement on the table, whoever runs it (an upsert fires it
    // once, and its UPDATE trigger too: INSERT alone counts each statement once).
    await app.ds.query(`CREATE SEQUENCE rl_test_writes`);
    await app.ds.query(`CREATE FUNCTION rl_test_count() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM nextval('rl_test_writes'); RETURN NULL; END $$`);
    await app.ds.query(`CREATE TRIGGER rl_test_count AFTER INSERT ON rate_limit_counter FOR EACH STATEMENT EXECUTE FUNCTION rl_test_count()`);
    const writes = async () => Number((await app.ds.query(`SELECT CASE WHEN is_called THEN last_value ELSE 0 END AS n FROM rl_test_writes`))[0].n);
    try {
      const token = await app.tokenFor('admin@randers.demo', from('10.9.5.100'));
      await syncRateLimits(app.ds); // earlier tests' and the sign-in's counts out of the way
      const before = await writes();
      for (let i = 1; i <= 3; i++) expect((await app.post(ME, from(`10.9.5.${i}`, { authorization: `Bearer ${token}` }))).status).toBe(200);
      expect(await writes()).toBe(before);
      const userId = (await app.ds.query(`SELECT id FROM app_user WHERE email = 'admin@randers.demo'`))[0].id;
      const keys = ['rl:addr:10.9.5.1', 'rl:addr:10.9.5.2', 'rl:addr:10.9.5.3', `rl:user:${userId}`];
      const rows = async () => app.ds.query(`SELECT key, hits FROM rate_limit_counter WHERE key = ANY($1) ORDER BY key`, [keys]);
      expect(await rows()).toEqual([]);
      await syncRateLimits(app.ds);
      expect(await writes()).toBe(before + 1); // three addresses and the account in one statement
      expect(await rows()).toEqual(keys.map((key, i) => ({ key, hits: i < 3 ? 1 : 3 })));
    } finally {
      await app.ds.query(`DROP TRIGGER rl_test_count ON rate_limit_counter; DROP FUNCTION rl_test_count(); DROP SEQUENCE rl_test_writes`);
    }
  });

  it('decides a request without any statement at all (reads counted too)', async () => {
    const limiter = rateLimiter(app.ds, { authSecret: 'unused' }, { windowSeconds: 60, perAddress: 2, perAccount: 0, syncMs: 3_600_000, maxKeys: 100 });
    const req = { method: 'POST', ip: '10.9.7.1', headers: {}, socket: {} } as unknown as Request;
    const answers: number[] = [];
    const { tally } = await countQueries(async () => {
      for (let i = 0; i < 3; i++) {
        await new Promise<void>((resolve) => {
          const res = { status: (code: number) => (answers.push(code), res), set: () => res, json: () => (resolve(), res) };
          limiter(req, res as unknown as Response, () => (answers.push(200), resolve()));
        });
      }
      await app.ds.query('SELECT 1 AS counted'); // the tally sees this pool's statements
    });
    expect(answers).toEqual([200, 200, 429]);
    expect(tally.statements).toEqual(['SELECT 1 AS counted']);
  });

  it('keeps its memory bounded: at most maxKeys keys, and ended windows are dropped', async () => {
    const counts = new SharedRateCounts(app.ds, { windowSeconds: 1, syncMs: 3_600_000, maxKeys: 100 });
    try {
      for (let i = 0; i < 250; i++) counts.hit(`rl:test:many:${i}`);
      expect(counts.trackedKeys).toBeLessThanOrEqual(100);
      expect(counts.hit('rl:test:many:249').hits).toBe(2); // the newest keys are the ones kept
      await new Promise((r) => setTimeout(r, 1100)); // the one-second windows end
      await counts.sync();
      expect(counts.trackedKeys).toBe(0);
    } finally {
      await counts.stop();
    }
  });

  it('counts another process added are part of the budget after a sync', async () => {
    for (let i = 0; i < 3; i++) expect((await app.post({ query: '{ __typename }' }, from('10.9.6.1'))).status).toBe(200);
    await syncRateLimits(app.ds);
    // Another API process counted five on this address meanwhile (as its sync would add them).
    await app.ds.query(`UPDATE rate_limit_counter SET hits = hits + 5 WHERE key = 'rl:addr:10.9.6.1'`);
    await syncRateLimits(app.ds);
    expect((await app.post({ query: '{ __typename }' }, from('10.9.6.1'))).status).toBe(429); // 3 + 5 + 1 > 8
  });

  it('fails open, deliberately: when the shared counts cannot be written, requests go on (limited by this process) and no hit is lost', async () => {
    await app.ds.query('ALTER TABLE rate_limit_counter RENAME TO rate_limit_counter_away');
    try {
      const r = await app.post({ query: '{ __typename }' }, from('10.9.4.1'));
      expect(r.status).toBe(200);
      expect(r.body).toEqual({ data: { __typename: 'Query' } });
      await expect(syncRateLimits(app.ds)).resolves.toBeUndefined(); // the failure is logged, not thrown
      for (let i = 0; i < 7; i++) expect((await app.post({ query: '{ __typename }' }, from('10.9.4.1'))).status).toBe(200);
      expect((await app.post({ query: '{ __typename }' }, from('10.9.4.1'))).status).toBe(429); // still limited in memory
    } finally {
      await app.ds.query('ALTER TABLE rate_limit_counter_away RENAME TO rate_limit_counter');
    }
    await syncRateLimits(app.ds);
    expect((await app.ds.query(`SELECT hits FROM rate_limit_counter WHERE key = 'rl:addr:10.9.4.1'`))[0].hits).toBe(9);
  });
});

describe('rate limits with the database down', () => {
  it('requests are still answered: 503 from their own database work, never a 500 from the limiter', async () => {
    const outage = await startOutageServer({ authSecret: 'rate-limit-outage' });
    try {
      const post = async (body: unknown, headers: Record<string, string> = {}) => {
        const res = await fetch(`${outage.server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
        return { status: res.status, body: (await res.json()) as any };
      };
      const signIn = await post({ query: 'mutation($i: SignInInput!) { signIn(input: $i) { token } }', variables: { i: { email: 'editor@randers.demo', password: DEMO_PASSWORD } } });
      const token = signIn.body.data.signIn.token as string;
      await outage.proxy.down();
      const me = await post(ME, { authorization: `Bearer ${token}` });
      expect(me.status).toBe(503);
      expect(me.body.errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
      await expect(syncRateLimits(outage.server.appDs)).resolves.toBeUndefined();
      const again = await post(ME, { authorization: `Bearer ${token}` });
      expect(again.status).toBe(503);
    } finally {
      await outage.close();
    }
  });
});
