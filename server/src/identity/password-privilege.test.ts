import { createContext } from '../core/context';
import { APP_ROLE, prepareAppRole } from '../core/rls';
import { Role, Scope } from '../core/scope';
import { DEMO_PASSWORD } from '../seed/demo';
import { createTestApp, TestApp } from '../testing/harness';

/**
 * Password hashes are the owner's: the app role that serves requests cannot select `app_user.password_hash`
 * (column privileges, migration 1769110000000), whatever SQL it sends. Sign-in still works: it gets one
 * user's hash for the e-mail being signed in through gg_sign_in_lookup (SECURITY DEFINER).
 */
let app: TestApp;
let userId: string;
beforeAll(async () => {
  app = await createTestApp({ firmCount: 20 });
  [{ id: userId }] = await app.ds.query(`SELECT id FROM app_user WHERE email = 'consultant@midtjylland.demo'`);
});
afterAll(() => app?.close());

const INSUFFICIENT_PRIVILEGE = '42501';

/** Runs `sql` inside a request of the signed-in user (the app role, their scope), then rolls back. */
async function asUser(sql: string) {
  const ctx = createContext(app.appDs, app.config, { kind: 'user', userId, sessionId: 'x' }, new Scope([{ organisationId: app.org('gh:midtjylland').id, role: Role.ADMIN }], false));
  try {
    return await ctx.ds.query(sql);
  } finally {
    await ctx.db.finish(false);
  }
}

test('inside a request the app role cannot SELECT password_hash, nor SELECT *', async () => {
  await expect(asUser('SELECT password_hash FROM app_user')).rejects.toMatchObject({ code: INSUFFICIENT_PRIVILEGE });
  await expect(asUser('SELECT * FROM app_user')).rejects.toMatchObject({ code: INSUFFICIENT_PRIVILEGE });
  // Not through a condition either: comparing the hash needs SELECT on it too.
  await expect(asUser(`SELECT id FROM app_user WHERE password_hash LIKE '%'`)).rejects.toMatchObject({ code: INSUFFICIENT_PRIVILEGE });
  // The other columns stay readable (under the row rules).
  const rows = await asUser('SELECT id, email, display_name, created_at FROM app_user');
  expect(rows.length).toBeGreaterThan(0);
});

test('outside a request too (the app pool, no scope)', async () => {
  await expect(app.appDs.query('SELECT password_hash FROM app_user')).rejects.toMatchObject({ code: INSUFFICIENT_PRIVILEGE });
});

test('a restart re-grants tables but keeps the hash fenced; the owner still reads it', async () => {
  // prepareAppRole runs on every start and GRANTs SELECT on all tables: it must fence the column again.
  await prepareAppRole(app.ds, { url: String((app.appDs.options as { url?: string }).url), password: null });
  const [p] = await app.ds.query(
    `SELECT has_column_privilege($1, 'app_user', 'password_hash', 'SELECT') AS hash,
            has_column_privilege($1, 'app_user', 'display_name', 'SELECT') AS name,
            has_table_privilege($1, 'app_user', 'SELECT') AS whole`,
    [APP_ROLE],
  );
  expect(p).toEqual({ hash: false, name: true, whole: false });
  const [{ n }] = await app.ds.query('SELECT count(password_hash)::int AS n FROM app_user');
  expect(n).toBeGreaterThan(0);
});

test('sign-in still works, and a wrong password is still refused', async () => {
  const signIn = `mutation($input: SignInInput!) { signIn(input: $input) { token user { id } userErrors { field code } } }`;
  const ok = await app.exec(signIn, { input: { email: 'consultant@midtjylland.demo', password: DEMO_PASSWORD } });
  expect(ok.errors).toBeUndefined();
  expect(ok.data.signIn.token).toEqual(expect.any(String));
  expect(ok.data.signIn.user.id).toBe(userId);
  const bad = await app.exec(signIn, { input: { email: 'consultant@midtjylland.demo', password: 'not-the-password' } });
  expect(bad.data.signIn.token).toBeNull();
  expect(bad.data.signIn.userErrors).toEqual([expect.objectContaining({ code: 'BAD_CREDENTIALS' })]);
});

/** Runs `sql` with `params` in a request of the signed-in user, then rolls back (nothing is kept). */
async function asUserWith(sql: string, params: unknown[]) {
  const ctx = createContext(app.appDs, app.config, { kind: 'user', userId, sessionId: 'x' }, new Scope([{ organisationId: app.org('gh:midtjylland').id, role: Role.ADMIN }], false));
  try {
    return await ctx.ds.query(sql, params);
  } finally {
    await ctx.db.finish(false);
  }
}

test('the app role cannot UPDATE password_hash, not even of its own row; other columns stay writable (own row)', async () => {
  const [{ hash: before }] = await app.ds.query('SELECT password_hash AS hash FROM app_user WHERE id = $1', [userId]);
  await expect(asUserWith(`UPDATE app_user SET password_hash = 'x' WHERE id = $1`, [userId])).rejects.toMatchObject({ code: INSUFFICIENT_PRIVILEGE });
  const renamed = await asUserWith(`UPDATE app_user SET display_name = display_name WHERE id = $1 RETURNING id`, [userId]);
  expect(renamed[0]).toEqual([{ id: userId }]);
  const [{ hash: after }] = await app.ds.query('SELECT password_hash AS hash FROM app_user WHERE id = $1', [userId]);
  expect(after).toBe(before);
});

test("gg_set_own_password_hash writes only the signed-in user's own row", async () => {
  const [{ id: other }] = await app.ds.query(`SELECT id FROM app_user WHERE id <> $1 LIMIT 1`, [userId]);
  const [{ hash: otherBefore }] = await app.ds.query('SELECT password_hash AS hash FROM app_user WHERE id = $1', [other]);
  expect(await asUserWith('SELECT gg_set_own_password_hash($1, $2) AS ok', [other, 'forged'])).toEqual([{ ok: false }]);
  expect((await app.ds.query('SELECT password_hash AS hash FROM app_user WHERE id = $1', [other]))[0].hash).toBe(otherBefore);
  // No signed-in user (the pool outside a request): nothing to write.
  expect(await app.appDs.query('SELECT gg_set_own_password_hash($1, $2) AS ok', [userId, 'forged'])).toEqual([{ ok: false }]);
  // Its own row: written (and rolled back with the request).
  expect(await asUserWith('SELECT gg_set_own_password_hash($1, $2) AS ok', [userId, 'own'])).toEqual([{ ok: true }]);
  // Nobody else may call it (not granted to PUBLIC).
  const [{ pub }] = await app.ds.query(`SELECT has_function_privilege('public', 'gg_set_own_password_hash(uuid, text)', 'EXECUTE') AS pub`);
  expect(pub).toBe(false);
});

test('a restart re-grants tables but keeps the hash unwritable', async () => {
  await prepareAppRole(app.ds, { url: String((app.appDs.options as { url?: string }).url), password: null });
  const [p] = await app.ds.query(
    `SELECT has_column_privilege($1, 'app_user', 'password_hash', 'UPDATE') AS hash,
            has_column_privilege($1, 'app_user', 'display_name', 'UPDATE') AS name,
            has_table_privilege($1, 'app_user', 'UPDATE') AS whole,
            has_function_privilege($1, 'gg_set_own_password_hash(uuid, text)', 'EXECUTE') AS fn`,
    [APP_ROLE],
  );
  expect(p).toEqual({ hash: false, name: true, whole: false, fn: true });
});
