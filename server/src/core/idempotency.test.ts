import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { createHttpTestApp, HttpTestApp } from '../testing/http';
import { DEMO_PASSWORD } from '../seed/demo';
import { deleteExpiredIdempotencyKeys } from './idempotency';

let app: HttpTestApp;
let token: string;
let otherToken: string;
beforeAll(async () => {
  app = await createHttpTestApp();
  token = await app.tokenFor('consultant@midtjylland.demo');
  otherToken = await app.tokenFor('admin@midtjylland.demo');
});
afterAll(() => app?.close());

const CREATE = 'mutation($i: CreateFirmInput!) { createFirm(input: $i) { firm { id name } userErrors { field code } } }';
async function waitFor(check: () => Promise<boolean>, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}
const firmsNamed = async (name: string) => Number((await app.ds.query('SELECT count(*) FROM firm WHERE name = $1', [name]))[0].count);
const create = (name: string, key: string, t = token) =>
  app.post({ query: CREATE, variables: { i: { country: 'DK', name } } }, { authorization: `Bearer ${t}`, 'idempotency-key': key });

describe('Idempotency-Key on mutations', () => {
  it('a repeat with the same key returns the first answer and creates nothing more', async () => {
    const key = randomUUID();
    const first = await create('Idem Retry ApS', key);
    expect(first.status).toBe(200);
    expect(first.body.data.createFirm.userErrors).toEqual([]);
    const again = await create('Idem Retry ApS', key);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotency-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await firmsNamed('Idem Retry ApS')).toBe(1);
    // Without a key (or with a new one) the same request is a new request.
    await create('Idem Retry ApS', randomUUID());
    expect(await firmsNamed('Idem Retry ApS')).toBe(2);
  });

  it('the same key with a different input is refused with a typed error and writes nothing', async () => {
    const key = randomUUID();
    await create('Idem First ApS', key);
    const reused = await create('Idem Second ApS', key);
    expect(reused.status).toBe(422);
    expect(reused.body.errors.map((e: any) => e.extensions.code)).toEqual(['IDEMPOTENCY_KEY_REUSED']);
    expect(await firmsNamed('Idem Second ApS')).toBe(0);
  });

  it('concurrent duplicates (one key, at the same time) create exactly one record, and all get its answer', async () => {
    const key = randomUUID();
    const answers = await Promise.all(Array.from({ length: 6 }, () => create('Idem Race ApS', key)));
    expect(await firmsNamed('Idem Race ApS')).toBe(1);
    const ids = new Set(answers.map((a) => a.body.data?.createFirm?.firm?.id));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(ids.size).toBe(1);
    expect([...ids][0]).toBeTruthy();
  });

  it('a duplicate arriving while the first is still inside its transaction waits for it, then gets its answer', async () => {
    const key = randomUUID();
    // Hold the first request inside its transaction: it has claimed the key, then waits for the firm table.
    const blocker = new Client({ connectionString: (app.ds.options as { url: string }).url });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE firm IN EXCLUSIVE MODE');
      const first = create('Idem In Flight ApS', key);
      const waitingOn = async (type: string) =>
        Number((await blocker.query(`SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE NOT l.granted AND l.locktype = $1 AND a.datname = current_database()`, [type])).rows[0].count);
      await waitFor(async () => (await waitingOn('relation')) === 1);
      const second = create('Idem In Flight ApS', key);
      // The duplicate's claim waits on the first one's uncommitted claim (a transaction lock), writing nothing.
      await waitFor(async () => (await waitingOn('transactionid')) === 1);
      await blocker.query('COMMIT');
      const [a, b] = await Promise.all([first, second]);
      expect(a.body.data.createFirm.firm.id).toBeTruthy();
      expect(b.headers.get('idempotency-replayed')).toBe('true');
      expect(b.body).toEqual(a.body);
      expect(await firmsNamed('Idem In Flight ApS')).toBe(1);
    } finally {
      await blocker.query('ROLLBACK').catch(() => undefined);
      await blocker.end();
    }
  });

  it('when the first answer never gets stored (its process died after the commit), a repeat gets a typed 409, never a second record', async () => {
    const key = randomUUID();
    await create('Idem Lost Answer ApS', key);
    await app.ds.query('UPDATE idempotency_key SET response = NULL WHERE key = $1', [key]);
    process.env.IDEMPOTENCY_WAIT_MS = '300';
    try {
      const again = await create('Idem Lost Answer ApS', key);
      expect(again.status).toBe(409);
      expect(again.headers.get('retry-after')).toBe('1');
      expect(again.body.errors[0].extensions.code).toBe('IDEMPOTENCY_KEY_IN_PROGRESS');
    } finally {
      delete process.env.IDEMPOTENCY_WAIT_MS;
    }
    expect(await firmsNamed('Idem Lost Answer ApS')).toBe(1);
  });

  it('keys are scoped per caller: another user with the same key gets their own record', async () => {
    const key = randomUUID();
    const mine = await create('Idem Scoped ApS', key);
    const theirs = await create('Idem Scoped ApS', key, otherToken);
    expect(theirs.headers.get('idempotency-replayed')).toBeNull();
    expect(theirs.body.data.createFirm.firm.id).not.toBe(mine.body.data.createFirm.firm.id);
    expect(await firmsNamed('Idem Scoped ApS')).toBe(2);
  });

  it('a mutation that failed with user errors does not use up its key', async () => {
    const key = randomUUID();
    const failed = await app.post({ query: CREATE, variables: { i: { country: 'DK', name: 'Idem Bad', cvr: '123' } } }, { authorization: `Bearer ${token}`, 'idempotency-key': key });
    expect(failed.body.data.createFirm.userErrors.length).toBeGreaterThan(0);
    const fixed = await create('Idem Fixed ApS', key);
    expect(fixed.status).toBe(200);
    expect(fixed.body.data.createFirm.firm.name).toBe('Idem Fixed ApS');
  });

  it('a key past its 24 hours is free again, and the cleanup deletes expired keys', async () => {
    const key = randomUUID();
    await create('Idem Old ApS', key);
    await app.ds.query(`UPDATE idempotency_key SET expires_at = now() - interval '1 second' WHERE key = $1`, [key]);
    const later = await create('Idem Old ApS', key);
    expect(later.headers.get('idempotency-replayed')).toBeNull();
    expect(await firmsNamed('Idem Old ApS')).toBe(2);
    await app.ds.query(`UPDATE idempotency_key SET expires_at = now() - interval '1 second' WHERE key = $1`, [key]);
    expect(await deleteExpiredIdempotencyKeys(app.ds)).toBeGreaterThanOrEqual(1);
    expect(await app.ds.query('SELECT 1 FROM idempotency_key WHERE key = $1', [key])).toEqual([]);
  });

  it('answers carrying a secret are never stored: a repeated sign-in makes no second session and shows no token', async () => {
    const key = randomUUID();
    const signIn = () =>
      app.post({ query: 'mutation($i: SignInInput!) { signIn(input: $i) { token } }', variables: { i: { email: 'viewer@kkr-midtjylland.demo', password: DEMO_PASSWORD } } }, { 'idempotency-key': key });
    const sessions = async () => Number((await app.ds.query('SELECT count(*) FROM session'))[0].count);
    const first = await signIn();
    expect(first.body.data?.signIn?.token ?? first.body).toEqual(expect.any(String));
    const before = await sessions();
    const again = await signIn();
    expect(again.status).toBe(409);
    expect(again.body.errors[0].extensions.code).toBe('IDEMPOTENT_RESULT_WITHHELD');
    expect(await sessions()).toBe(before);
    const [row] = await app.ds.query('SELECT response, withheld FROM idempotency_key WHERE key = $1', [key]);
    expect(row).toEqual({ response: null, withheld: true });
  });

  it('a malformed key is a typed 400; queries ignore the header', async () => {
    const bad = await create('Idem Never ApS', 'has spaces in it');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].extensions.code).toBe('IDEMPOTENCY_KEY_INVALID');
    expect(await firmsNamed('Idem Never ApS')).toBe(0);
    const q = await app.post({ query: '{ me { id } }' }, { authorization: `Bearer ${token}`, 'idempotency-key': 'has spaces in it' });
    expect(q.status).toBe(200);
    expect(q.body.data.me.id).toBeTruthy();
  });
});
