import { Capability } from '../core/access';
import { countQueries } from '../core/query-counter';
import { createTestApp, TestApp } from '../testing/harness';
import { authenticate } from './authenticate';
import { signSessionToken } from './tokens';

/**
 * gg_begin_session (migration 1769228000000): BEGIN, the session check and the scope in one call. The scope it
 * stores must be the one the app computes from the same memberships - otherwise RequestDb.rescope would send a
 * correcting set_config before the next statement (an extra statement this test would count).
 */
let app: TestApp;
beforeAll(async () => {
  app = await createTestApp({ firmCount: 10 });
});
afterAll(() => app?.close());

const SETTINGS = `SELECT current_setting('app.org_ids', true) AS org_ids, current_setting('app.write_org_ids', true) AS write_org_ids,
  current_setting('app.admin_org_ids', true) AS admin_org_ids, current_setting('app.user_id', true) AS user_id`;
const sorted = (v: string) => (v ? v.split(',').sort() : []);

async function settingsFor(headers: Record<string, string>) {
  const { result, tally } = await countQueries(async () => {
    const ctx = await authenticate(app.appDs, app.config, headers);
    try {
      const [row] = await ctx.ds.query(SETTINGS);
      return { ctx, row };
    } finally {
      await ctx.db.finish(false);
    }
  });
  return { ...result, statements: tally.statements };
}

it('stores the scope the app computes, in the one statement that begins the request', async () => {
  const token = await app.tokenFor('admin@midtjylland.demo');
  const { ctx, row, statements } = await settingsFor({ authorization: `Bearer ${token}` });
  expect(ctx.principal?.kind).toBe('user');
  expect(statements[0]).toMatch(/^START TRANSACTION; SELECT \* FROM public\.gg_begin_session\(/);
  expect(statements.slice(1, 2)).toEqual([SETTINGS]); // no correcting set_config between them
  expect(sorted(row.org_ids)).toEqual([...ctx.scope.organisationIds(Capability.READ)].sort());
  expect(sorted(row.write_org_ids)).toEqual([...ctx.scope.organisationIds(Capability.RECORD)].sort());
  expect(sorted(row.admin_org_ids)).toEqual([...ctx.scope.organisationIds(Capability.ADMINISTER)].sort());
  expect(row.admin_org_ids).not.toBe('');
  expect(row.user_id).toBe(ctx.principal?.kind === 'user' ? ctx.principal.userId : null);

  // Acting for one organisation narrows the stored scope to it; one the caller is no member of leaves nothing.
  const [org] = ctx.scope.organisationIds(Capability.READ);
  const one = await settingsFor({ authorization: `Bearer ${token}`, 'x-organisation-id': org });
  expect(one.row.org_ids).toBe(org);
  expect(one.statements.slice(1, 2)).toEqual([SETTINGS]);
  const none = await settingsFor({ authorization: `Bearer ${token}`, 'x-organisation-id': '00000000-0000-4000-8000-000000000000' });
  expect(none.row).toMatchObject({ org_ids: '', write_org_ids: '', admin_org_ids: '' });
});

it('stores no scope for a session that does not exist or was revoked', async () => {
  const [{ id: userId }] = await app.ds.query(`SELECT id FROM app_user WHERE email = 'consultant@midtjylland.demo'`);
  const forged = signSessionToken(app.config.authSecret, userId, '00000000-0000-4000-8000-000000000001', new Date(Date.now() + 3600e3));
  const unknown = await settingsFor({ authorization: `Bearer ${forged}` });
  expect(unknown.ctx.principal).toBeNull();
  expect(unknown.row).toMatchObject({ org_ids: '', write_org_ids: '', admin_org_ids: '', user_id: '' });

  const token = await app.tokenFor('consultant@midtjylland.demo');
  await app.ds.query(`UPDATE session SET revoked_at = now() WHERE user_id = $1`, [userId]);
  const revoked = await settingsFor({ authorization: `Bearer ${token}` });
  expect(revoked.ctx.principal).toBeNull();
  expect(revoked.row).toMatchObject({ org_ids: '', user_id: '' });
});
