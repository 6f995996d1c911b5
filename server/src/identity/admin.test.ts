import { codes, createTestApp, TestApp } from '../testing/harness';

/** Issue 11's administration capabilities: API keys' last use, members, the user's own password. */
let app: TestApp;
beforeAll(async () => {
  app = await createTestApp({ firmCount: 20 });
});
afterAll(() => app?.close());

const CREATE_KEY = 'mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret apiKey { id lastUsedAt } userErrors { code } } }';
const KEYS = 'query($id: ID!) { organisation(id: $id) { apiKeys(first: 50) { edges { node { id lastUsedAt } } } } }';
const READ = '{ firms(first: 1) { edges { node { id } } } }';

describe('API keys record their last use', () => {
  const lastUsed = async (id: string): Promise<Date | null> => (await app.ds.query('SELECT last_used_at FROM api_key WHERE id = $1', [id]))[0].last_used_at;

  async function newKey(name: string) {
    const r = await app.exec(CREATE_KEY, { i: { organisationId: app.org('kkr:1082').id, name } }, { email: 'admin@kkr-midtjylland.demo' });
    return { id: r.data.createApiKey.apiKey.id as string, secret: r.data.createApiKey.secret as string, lastUsedAt: r.data.createApiKey.apiKey.lastUsedAt };
  }

  it('stamps the first use, writes nothing again within the minute, and stamps again after it', async () => {
    const key = await newKey('last-used');
    expect(key.lastUsedAt).toBeNull();
    expect(codes(await app.exec(READ, {}, { apiKey: key.secret }))).toEqual([]);
    const first = await lastUsed(key.id);
    expect(first).toBeInstanceOf(Date);

    // Within the minute: a second use leaves the stamp as it was (no write).
    await app.ds.query(`UPDATE api_key SET last_used_at = last_used_at - interval '30 seconds' WHERE id = $1`, [key.id]);
    const halfMinuteAgo = await lastUsed(key.id);
    expect(codes(await app.exec(READ, {}, { apiKey: key.secret }))).toEqual([]);
    expect(await lastUsed(key.id)).toEqual(halfMinuteAgo);

    // Older than a minute: stamped again.
    await app.ds.query(`UPDATE api_key SET last_used_at = now() - interval '2 minutes' WHERE id = $1`, [key.id]);
    const stale = (await lastUsed(key.id))!;
    expect(codes(await app.exec(READ, {}, { apiKey: key.secret }))).toEqual([]);
    expect((await lastUsed(key.id))!.getTime()).toBeGreaterThan(stale.getTime() + 60_000);

    // Its admins see it; another organisation's admin does not.
    const mine = await app.exec(KEYS, { id: app.org('kkr:1082').id }, { email: 'admin@kkr-midtjylland.demo' });
    const node = mine.data.organisation.apiKeys.edges.find((e: any) => e.node.id === key.id).node;
    expect(new Date(node.lastUsedAt).getTime()).toBe((await lastUsed(key.id))!.getTime());
    const other = await app.exec(KEYS, { id: app.org('kkr:1082').id }, { email: 'admin@hovedstaden.demo' });
    expect(other.data.organisation.apiKeys).toBeNull();
    expect(codes(other)).toEqual(['FORBIDDEN']);
  });

  it('never fails or waits for the stamp: a key whose row is locked still authenticates', async () => {
    const key = await newKey('locked');
    const runner = app.ds.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      await runner.query('SELECT id FROM api_key WHERE id = $1 FOR UPDATE', [key.id]);
      const started = Date.now();
      expect(codes(await app.exec(READ, {}, { apiKey: key.secret }))).toEqual([]);
      expect(Date.now() - started).toBeLessThan(4500); // skipped, not waited for (a wait would end at the 5 s statement timeout, as an error)
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
    expect(await lastUsed(key.id)).toBeNull();
  });

  it('a revoked key is not stamped', async () => {
    const key = await newKey('revoked');
    await app.exec('mutation($i: RevokeApiKeyInput!) { revokeApiKey(input: $i) { userErrors { code } } }', { i: { id: key.id } }, { email: 'admin@kkr-midtjylland.demo' });
    expect(codes(await app.exec(READ, {}, { apiKey: key.secret }))).toEqual(['UNAUTHENTICATED']);
    expect(await lastUsed(key.id)).toBeNull();
  });
});

const ADD = 'mutation($i: AddMemberInput!) { addMember(input: $i) { membership { id role user { displayName } organisation { id } } userErrors { field code } } }';
const CHANGE = 'mutation($i: ChangeMemberRoleInput!) { changeMemberRole(input: $i) { membership { id role } userErrors { field code } } }';
const REMOVE = 'mutation($i: RemoveMemberInput!) { removeMember(input: $i) { removedId userErrors { field code } } }';
const MEMBERS = 'query($id: ID!) { organisation(id: $id) { members { id role user { displayName } } } }';

describe('members', () => {
  const gh = () => app.org('gh:midtjylland').id;
  const ADMIN = { email: 'admin@midtjylland.demo' };

  it('an admin adds a person by e-mail with a role, changes the role and removes them; the member sees the organisation at once', async () => {
    await app.addUser('new.colleague@midtjylland.demo', 'gh:hovedstaden', 'VIEWER');
    const added = await app.exec(ADD, { i: { organisationId: gh(), email: 'New.Colleague@Midtjylland.demo', role: 'CONSULTANT' } }, ADMIN);
    expect(added.data.addMember.userErrors).toEqual([]);
    expect(added.data.addMember.membership).toMatchObject({ role: 'CONSULTANT', user: { displayName: 'new.colleague@midtjylland.demo' }, organisation: { id: gh() } });
    const id = added.data.addMember.membership.id;

    const me = await app.exec('{ me { memberships { role organisation { id } } } }', {}, { email: 'new.colleague@midtjylland.demo' });
    expect(me.data.me.memberships).toContainEqual({ role: 'CONSULTANT', organisation: { id: gh() } });

    const again = await app.exec(ADD, { i: { organisationId: gh(), email: 'new.colleague@midtjylland.demo', role: 'VIEWER' } }, ADMIN);
    expect(again.data.addMember.userErrors).toEqual([{ field: ['input', 'email'], code: 'DUPLICATE' }]);

    const changed = await app.exec(CHANGE, { i: { id, role: 'EDITOR' } }, ADMIN);
    expect(changed.data.changeMemberRole).toEqual({ membership: { id, role: 'EDITOR' }, userErrors: [] });

    const removed = await app.exec(REMOVE, { i: { id } }, ADMIN);
    expect(removed.data.removeMember).toEqual({ removedId: id, userErrors: [] });
    const members = await app.exec(MEMBERS, { id: gh() }, ADMIN);
    expect(members.data.organisation.members.map((m: any) => m.id)).not.toContain(id);
  });

  it('names the e-mail of a person without an account, and writes nothing', async () => {
    const r = await app.exec(ADD, { i: { organisationId: gh(), email: 'nobody@nowhere.demo', role: 'VIEWER' } }, ADMIN);
    expect(r.data.addMember).toEqual({ membership: null, userErrors: [{ field: ['input', 'email'], code: 'NOT_FOUND' }] });
    const bad = await app.exec(ADD, { i: { organisationId: gh(), email: 'not-an-email', role: 'VIEWER' } }, ADMIN);
    expect(bad.data.addMember.userErrors[0]).toMatchObject({ field: ['input', 'email'], code: 'INVALID' });
  });

  it('another organisation\'s admin cannot add, change or remove, and learns nothing; non-admins are refused', async () => {
    const [consultant] = (await app.exec(MEMBERS, { id: gh() }, ADMIN)).data.organisation.members.filter((m: any) => m.role === 'CONSULTANT');
    const OTHER = { email: 'admin@hovedstaden.demo' };
    expect((await app.exec(ADD, { i: { organisationId: gh(), email: 'admin@hovedstaden.demo', role: 'ADMIN' } }, OTHER)).data.addMember.userErrors).toEqual([
      { field: ['input', 'organisationId'], code: 'NOT_ALLOWED' },
    ]);
    const change = await app.exec(CHANGE, { i: { id: consultant.id, role: 'ADMIN' } }, OTHER);
    const missing = await app.exec(CHANGE, { i: { id: '00000000-0000-4000-8000-000000000000', role: 'ADMIN' } }, OTHER);
    expect(change.data.changeMemberRole.userErrors).toEqual([{ field: ['input', 'id'], code: 'NOT_FOUND' }]);
    expect(change.data.changeMemberRole).toEqual(missing.data.changeMemberRole); // the same answer as no such id
    expect((await app.exec(REMOVE, { i: { id: consultant.id } }, OTHER)).data.removeMember.userErrors).toEqual([{ field: ['input', 'id'], code: 'NOT_FOUND' }]);
    // A consultant of the organisation itself: refused before anything runs.
    expect(codes(await app.exec(CHANGE, { i: { id: consultant.id, role: 'ADMIN' } }, { email: 'consultant@midtjylland.demo' }))).toEqual(['FORBIDDEN']);
    // Acting for KKR (where they are a viewer), the growth house's admin cannot manage its members.
    expect(codes(await app.exec(REMOVE, { i: { id: consultant.id } }, { ...ADMIN, organisationId: app.org('kkr:1082').id }))).toEqual(['FORBIDDEN']);
    const after = await app.ds.query('SELECT role FROM membership WHERE id = $1', [consultant.id]);
    expect(after).toEqual([{ role: 'CONSULTANT' }]);
  });

  it('the last admin can be neither demoted nor removed; with a second admin they can', async () => {
    const members = (await app.exec(MEMBERS, { id: app.org('gh:hovedstaden').id }, { email: 'admin@hovedstaden.demo' })).data.organisation.members;
    const admin = members.find((m: any) => m.role === 'ADMIN' && m.user.displayName !== 'second.admin@hovedstaden.demo');
    const AS = { email: 'admin@hovedstaden.demo' };
    expect((await app.exec(CHANGE, { i: { id: admin.id, role: 'VIEWER' } }, AS)).data.changeMemberRole.userErrors).toEqual([{ field: ['input', 'role'], code: 'INVALID_STATE' }]);
    expect((await app.exec(REMOVE, { i: { id: admin.id } }, AS)).data.removeMember.userErrors).toEqual([{ field: ['input', 'id'], code: 'INVALID_STATE' }]);

    await app.addUser('second.admin@hovedstaden.demo', 'gh:hovedstaden', 'ADMIN');
    expect((await app.exec(CHANGE, { i: { id: admin.id, role: 'EDITOR' } }, AS)).data.changeMemberRole.userErrors).toEqual([]);
    // Now an editor: no longer allowed to manage members.
    expect(codes(await app.exec(CHANGE, { i: { id: admin.id, role: 'ADMIN' } }, AS))).toEqual(['FORBIDDEN']);
    const restored = await app.exec(CHANGE, { i: { id: admin.id, role: 'ADMIN' } }, { email: 'second.admin@hovedstaden.demo' });
    expect(restored.data.changeMemberRole.userErrors).toEqual([]);
  });

  it('API keys cannot manage members', async () => {
    const key = await app.exec(CREATE_KEY, { i: { organisationId: gh(), name: 'members?' } }, ADMIN);
    expect(codes(await app.exec(ADD, { i: { organisationId: gh(), email: 'x@y.demo', role: 'ADMIN' } }, { apiKey: key.data.createApiKey.secret }))).toEqual(['FORBIDDEN']);
  });
});

const SIGN_IN = 'mutation($i: SignInInput!) { signIn(input: $i) { token userErrors { code } } }';
const CHANGE_PASSWORD = 'mutation($i: ChangePasswordInput!) { changePassword(input: $i) { changed otherSessionsEnded userErrors { field code parameters { name value } } } }';

describe('changing one\'s own password', () => {
  const signIn = async (email: string, password: string) => (await app.exec(SIGN_IN, { i: { email, password } })).data.signIn.token as string | null;

  it('needs the current password, a long enough new one, and ends the other sessions but not this one', async () => {
    const email = 'password.owner@randers.demo';
    await app.addUser(email, 'mun:DK:730', 'VIEWER');
    const token = (await signIn(email, 'growth-graph-demo'))!;
    const other = (await signIn(email, 'growth-graph-demo'))!;

    const wrong = await app.exec(CHANGE_PASSWORD, { i: { currentPassword: 'not-it', newPassword: 'a-long-new-passphrase' } }, { token });
    expect(wrong.data.changePassword).toMatchObject({ changed: false, userErrors: [{ field: ['input', 'currentPassword'], code: 'BAD_CREDENTIALS' }] });
    const short = await app.exec(CHANGE_PASSWORD, { i: { currentPassword: 'growth-graph-demo', newPassword: 'short' } }, { token });
    expect(short.data.changePassword.userErrors).toEqual([
      { field: ['input', 'newPassword'], code: 'INVALID', parameters: [{ name: 'constraint', value: 'minLength' }, { name: 'min', value: '12' }] },
    ]);
    expect(await signIn(email, 'growth-graph-demo')).toBeTruthy(); // nothing changed so far

    const ok = await app.exec(CHANGE_PASSWORD, { i: { currentPassword: 'growth-graph-demo', newPassword: 'a-long-new-passphrase' } }, { token });
    expect(ok.data.changePassword).toEqual({ changed: true, otherSessionsEnded: 2, userErrors: [] });
    expect(codes(await app.exec('{ me { id } }', {}, { token }))).toEqual([]);
    expect(codes(await app.exec('{ me { id } }', {}, { token: other }))).toEqual(['UNAUTHENTICATED']);
    expect(await signIn(email, 'growth-graph-demo')).toBeNull();
    expect(await signIn(email, 'a-long-new-passphrase')).toBeTruthy();
  });

  it('changes only the caller\'s own password (another user\'s is untouched) and is refused to API keys', async () => {
    const before = await app.ds.query(`SELECT email, password_hash FROM app_user WHERE email <> 'password.owner@randers.demo' ORDER BY email`);
    const email = 'second.owner@randers.demo';
    await app.addUser(email, 'mun:DK:730', 'VIEWER');
    const token = (await signIn(email, 'growth-graph-demo'))!;
    expect((await app.exec(CHANGE_PASSWORD, { i: { currentPassword: 'growth-graph-demo', newPassword: 'another-long-passphrase' } }, { token })).data.changePassword.changed).toBe(true);
    const after = await app.ds.query(`SELECT email, password_hash FROM app_user WHERE email NOT IN ('password.owner@randers.demo', $1) ORDER BY email`, [email]);
    expect(after).toEqual(before.filter((u: any) => u.email !== email));
    const key = await app.exec(CREATE_KEY, { i: { organisationId: app.org('kkr:1082').id, name: 'pw?' } }, { email: 'admin@kkr-midtjylland.demo' });
    expect(codes(await app.exec(CHANGE_PASSWORD, { i: { currentPassword: 'x', newPassword: 'another-long-passphrase' } }, { apiKey: key.data.createApiKey.secret }))).toEqual(['FORBIDDEN']);
  });
});
