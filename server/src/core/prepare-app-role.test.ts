import { openAppDatabaseAs } from './db';
import { countQueries } from './query-counter';
import { APP_ROLE, prepareAppRole } from './rls';
import { createTestApp, TestApp } from '../testing/harness';

// prepareAppRole runs at every start: when nothing changed it must only look (one read-only statement, no
// GRANT, no lock); when something is missing it must still grant it (issue 12, warm start).
let app: TestApp;
const appUrl = () => String((app.appDs.options as { url?: string }).url);
const prepare = () => countQueries(() => prepareAppRole(app.ds, { url: appUrl(), password: null }));

beforeAll(async () => {
  app = await createTestApp({ firmCount: 3 });
});
afterAll(async () => {
  await app.close();
});

test('unchanged: one read-only statement, nothing granted', async () => {
  const { result, tally } = await prepare();
  expect(result).toBe('unchanged');
  expect(tally.count).toBe(1);
  expect(tally.statements[0]).toMatch(/^WITH r AS/);
});

test('a table from a new migration is granted at the next start and read by the app role under RLS', async () => {
  await app.ds.query(`CREATE TABLE r2_new_thing (id int PRIMARY KEY, org uuid NOT NULL)`);
  await app.ds.query(`ALTER TABLE r2_new_thing ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY`);
  await app.ds.query(`CREATE POLICY r2_read ON r2_new_thing FOR SELECT USING (org::text = current_setting('app.r2_org', true))`);
  const [a, b] = ['00000000-0000-4000-8000-0000000000a1', '00000000-0000-4000-8000-0000000000b2'];
  await app.ds.query(`INSERT INTO r2_new_thing VALUES (1, $1), (2, $2)`, [a, b]);
  try {
    // Not granted yet: the app role may not read it.
    await expect(app.appDs.query('SELECT id FROM r2_new_thing')).rejects.toMatchObject({ code: '42501' });
    const { result } = await prepare();
    expect(result).toBe('granted');
    // Granted, and the policy applies (only the rows of the organisation in scope).
    const rows = await app.appDs.transaction(async (m) => {
      await m.query(`SELECT set_config('app.r2_org', $1, true)`, [a]);
      return m.query('SELECT id FROM r2_new_thing ORDER BY id');
    });
    expect(rows).toEqual([{ id: 1 }]);
    expect((await prepare()).result).toBe('unchanged');
  } finally {
    await app.ds.query('DROP TABLE r2_new_thing');
  }
});

test('a new column of the fenced table, a new sequence, a writable view: all noticed and fixed', async () => {
  await app.ds.query(`ALTER TABLE app_user ADD COLUMN r2_extra text`);
  try {
    expect((await prepare()).result).toBe('granted');
    const [p] = await app.ds.query(
      `SELECT has_column_privilege($1, 'app_user', 'r2_extra', 'SELECT') AS extra, has_column_privilege($1, 'app_user', 'password_hash', 'SELECT') AS hash,
              has_column_privilege($1, 'app_user', 'password_hash', 'UPDATE') AS hash_w, has_table_privilege($1, 'app_user', 'SELECT') AS whole`,
      [APP_ROLE],
    );
    expect(p).toEqual({ extra: true, hash: false, hash_w: false, whole: false });
  } finally {
    await app.ds.query(`ALTER TABLE app_user DROP COLUMN r2_extra`);
  }
  // The fence broken by hand: noticed, the hash fenced again.
  await app.ds.query(`GRANT SELECT ON app_user TO ${APP_ROLE}`);
  expect((await prepare()).result).toBe('granted');
  const [{ hash }] = await app.ds.query(`SELECT has_column_privilege($1, 'app_user', 'password_hash', 'SELECT') AS hash`, [APP_ROLE]);
  expect(hash).toBe(false);

  await app.ds.query(`CREATE SEQUENCE r2_seq`);
  await app.ds.query(`CREATE VIEW r2_view AS SELECT 1 AS one`);
  try {
    expect((await prepare()).result).toBe('granted');
    const [v] = await app.ds.query(
      `SELECT has_sequence_privilege($1, 'r2_seq', 'USAGE') AS seq, has_table_privilege($1, 'r2_view', 'SELECT') AS read,
              has_table_privilege($1, 'r2_view', 'INSERT') AS write`,
      [APP_ROLE],
    );
    expect(v).toEqual({ seq: true, read: true, write: false });
    await app.ds.query(`GRANT INSERT ON r2_view TO ${APP_ROLE}`);
    expect((await prepare()).result).toBe('granted');
    expect((await prepare()).result).toBe('unchanged');
  } finally {
    await app.ds.query('DROP VIEW r2_view; DROP SEQUENCE r2_seq');
  }
  // The migrations table is the owner's: a grant on it is noticed and taken back.
  await app.ds.query(`GRANT SELECT ON migrations TO ${APP_ROLE}`);
  expect((await prepare()).result).toBe('granted');
  const [{ m }] = await app.ds.query(`SELECT has_table_privilege($1, 'migrations', 'SELECT') AS m`, [APP_ROLE]);
  expect(m).toBe(false);
  expect((await prepare()).result).toBe('unchanged');
});

test('a role of ours: created, a changed password applied at the next start, a superuser-like role refused', async () => {
  const role = 'gg_r2_prepare_test';
  const url = new URL(appUrl());
  url.username = role;
  url.password = 'first-secret';
  const ownerUrl = { url: url.toString(), password: 'first-secret' };
  try {
    const first = await openAppDatabaseAs(app.ds, ownerUrl, { poolSize: 1 });
    expect(await first.query('SELECT current_user AS u')).toEqual([{ u: role }]);
    await first.destroy();
    // Someone (or an older APP_DB_PASSWORD) set another password: the pool's login is refused, ours is set.
    await app.ds.query(`ALTER ROLE ${role} WITH PASSWORD 'other-secret'`);
    const again = await openAppDatabaseAs(app.ds, ownerUrl, { poolSize: 1 });
    expect(await again.query('SELECT current_user AS u')).toEqual([{ u: role }]);
    await again.destroy();
    // A role that bypasses RLS is not "prepared" and never serves requests.
    await app.ds.query(`ALTER ROLE ${role} BYPASSRLS`);
    const { result } = await countQueries(() => prepareAppRole(app.ds, ownerUrl));
    expect(result).toBe('granted');
    await expect(openAppDatabaseAs(app.ds, ownerUrl, { poolSize: 1 })).rejects.toThrow(/must not be a superuser, bypass RLS/);
  } finally {
    await app.ds.query(`DROP OWNED BY ${role}; DROP ROLE ${role}`);
  }
});
