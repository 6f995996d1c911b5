import jwt from 'jsonwebtoken';
import { codes, createTestApp, TestApp } from '../testing/harness';
import { DEMO_API_KEY } from '../seed/demo';
import { signSessionToken } from './tokens';

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp({ firmCount: 50 });
});
afterAll(() => app?.close());

const ME = '{ me { id displayName email memberships { role organisation { name } } } }';
const SIGN_IN = 'mutation($i: SignInInput!) { signIn(input: $i) { token expiresAt user { displayName } userErrors { field message code } } }';

describe('sign-in', () => {
  it('signs in with the right password and knows who I am', async () => {
    const token = await app.tokenFor('admin@midtjylland.demo');
    const r = await app.exec(ME, {}, { token });
    expect(r.errors).toBeUndefined();
    expect(r.data.me.email).toBe('admin@midtjylland.demo');
    expect(r.data.me.memberships.map((m: any) => `${m.role}@${m.organisation.name}`).sort()).toEqual([
      'ADMIN@Erhvervshus Midtjylland',
      'VIEWER@KKR Midtjylland',
    ]);
  });

  it('answers a wrong password and an unknown e-mail the same way, naming the field', async () => {
    const wrong = await app.exec(SIGN_IN, { i: { email: 'admin@midtjylland.demo', password: 'nope' } });
    const unknown = await app.exec(SIGN_IN, { i: { email: 'nobody@nowhere.demo', password: 'nope' } });
    expect(wrong.data.signIn.token).toBeNull();
    expect(wrong.data.signIn.userErrors).toEqual([{ field: ['input', 'password'], message: 'E-mail or password is wrong.', code: 'BAD_CREDENTIALS' }]);
    expect(unknown.data.signIn.userErrors).toEqual(wrong.data.signIn.userErrors);
  });

  it('after 10 failures an address is locked for a while, even with the right password, known or not', async () => {
    const attempt = (email: string, password: string) => app.exec(SIGN_IN, { i: { email, password } });
    for (const email of ['network@amager.demo', 'nobody-else@nowhere.demo']) {
      for (let i = 0; i < 10; i++) expect((await attempt(email, `guess-${i}`)).data.signIn.userErrors[0].code).toBe('BAD_CREDENTIALS');
      const locked = await attempt(email, 'growth-graph-demo');
      expect(locked.data.signIn.token).toBeNull();
      expect(locked.data.signIn.userErrors).toEqual([
        { field: ['input', 'email'], message: 'Too many failed sign-ins for this e-mail address. Try again in 15 minutes.', code: 'TOO_MANY_ATTEMPTS' },
      ]);
    }
    // Other addresses are not affected.
    expect((await attempt('cluster@webuild.demo', 'growth-graph-demo')).data.signIn.token).toBeTruthy();
  });

  it('rejects a malformed e-mail as a typed user error', async () => {
    const r = await app.exec(SIGN_IN, { i: { email: 'not-an-email', password: 'x' } });
    expect(r.data.signIn.userErrors[0]).toMatchObject({ field: ['input', 'email'], code: 'INVALID' });
  });

  it('refuses a forged, an expired and a revoked token', async () => {
    const good = await app.tokenFor('consultant@midtjylland.demo');
    const claims = jwt.decode(good) as jwt.JwtPayload;

    const forged = signSessionToken('not-the-server-secret', claims.sub!, claims.sid, new Date(Date.now() + 3600_000));
    expect(codes(await app.exec(ME, {}, { token: forged }))).toEqual(['UNAUTHENTICATED']);

    const expired = jwt.sign({ sid: claims.sid, exp: Math.floor(Date.now() / 1000) - 10 }, app.config.authSecret, { subject: claims.sub, issuer: 'growth-graph' });
    expect(codes(await app.exec(ME, {}, { token: expired }))).toEqual(['UNAUTHENTICATED']);

    // A session row that expired in the database is refused even with a still-valid signature.
    await app.ds.query(`UPDATE session SET expires_at = now() - interval '1 minute' WHERE id = $1`, [claims.sid]);
    expect(codes(await app.exec(ME, {}, { token: good }))).toEqual(['UNAUTHENTICATED']);
    await app.ds.query(`UPDATE session SET expires_at = now() + interval '1 hour' WHERE id = $1`, [claims.sid]);
    expect(codes(await app.exec(ME, {}, { token: good }))).toEqual([]);
  });

  it('signing out revokes the token at once', async () => {
    const r = await app.exec(SIGN_IN, { i: { email: 'editor@randers.demo', password: 'growth-graph-demo' } });
    const token = r.data.signIn.token;
    expect((await app.exec(ME, {}, { token })).data.me.displayName).toBe('Rikke Editor');
    const out = await app.exec('mutation { signOut { signedOut } }', {}, { token });
    expect(out.data.signOut.signedOut).toBe(true);
    expect(codes(await app.exec(ME, {}, { token }))).toEqual(['UNAUTHENTICATED']);
  });

  it('anonymous callers get UNAUTHENTICATED for everything but sign-in', async () => {
    expect(codes(await app.exec('{ firms { edges { node { id } } } }'))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await app.exec('{ organisations { edges { node { id } } } }'))).toEqual(['UNAUTHENTICATED']);
  });
});

describe('API keys', () => {
  const KEY = { apiKey: DEMO_API_KEY };

  it('read public-register data', async () => {
    const r = await app.exec('{ firms(first: 3) { edges { node { name } } } }', {}, KEY);
    expect(r.errors).toBeUndefined();
    expect(r.data.firms.edges).toHaveLength(3);
  });

  it('cannot write, whatever the mutation', async () => {
    const create = await app.exec('mutation { createFirm(input: {country: DK, name: "X", cvr: "24256790"}) { firm { id } } }', {}, KEY);
    expect(create.errors?.[0]).toMatchObject({ message: 'API keys are read-only.', extensions: { code: 'FORBIDDEN' } });
    const key = await app.exec(
      'mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret } }',
      { i: { organisationId: app.org('kkr:1082').id, name: 'escalate' } },
      KEY,
    );
    expect(codes(key)).toEqual(['FORBIDDEN']);
    expect(codes(await app.exec('{ me { id } }', {}, KEY))).toEqual(['FORBIDDEN']);
  });

  it('are created by an admin only, work at once, and stop working when revoked', async () => {
    const orgId = app.org('gh:midtjylland').id;
    const CREATE = 'mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret apiKey { id prefix } userErrors { field code } } }';

    const byConsultant = await app.exec(CREATE, { i: { organisationId: orgId, name: 'dash' } }, { email: 'consultant@midtjylland.demo' });
    expect(codes(byConsultant)).toEqual(['FORBIDDEN']);
    const byOtherAdmin = await app.exec(CREATE, { i: { organisationId: orgId, name: 'dash' } }, { email: 'admin@hovedstaden.demo' });
    expect(byOtherAdmin.data.createApiKey.userErrors).toEqual([{ field: ['input', 'organisationId'], code: 'NOT_ALLOWED' }]);

    const created = await app.exec(CREATE, { i: { organisationId: orgId, name: 'dash' } }, { email: 'admin@midtjylland.demo' });
    const secret = created.data.createApiKey.secret;
    expect(secret).toMatch(/^ggk_/);
    expect(created.data.createApiKey.apiKey.prefix).toBe(secret.slice(0, 10));
    const stored = await app.ds.query('SELECT key_hash FROM api_key WHERE id = $1', [created.data.createApiKey.apiKey.id]);
    expect(stored[0].key_hash).not.toContain(secret.slice(4));

    expect(codes(await app.exec('{ firms(first: 1) { edges { node { id } } } }', {}, { apiKey: secret }))).toEqual([]);

    const REVOKE = 'mutation($i: RevokeApiKeyInput!) { revokeApiKey(input: $i) { apiKey { revokedAt } userErrors { code } } }';
    const foreignRevoke = await app.exec(REVOKE, { i: { id: created.data.createApiKey.apiKey.id } }, { email: 'admin@hovedstaden.demo' });
    expect(foreignRevoke.data.revokeApiKey.userErrors).toEqual([{ code: 'NOT_FOUND' }]);
    const revoked = await app.exec(REVOKE, { i: { id: created.data.createApiKey.apiKey.id } }, { email: 'admin@midtjylland.demo' });
    expect(revoked.data.revokeApiKey.apiKey.revokedAt).toBeTruthy();
    expect(codes(await app.exec('{ firms(first: 1) { edges { node { id } } } }', {}, { apiKey: secret }))).toEqual(['UNAUTHENTICATED']);
  });
});

describe('members and personal data', () => {
  const MEMBERS = 'query($id: ID!) { organisation(id: $id) { name members { role user { displayName } } apiKeys { edges { node { name } } } } }';

  it('an organisation\'s members are visible to its members, keys to its admins', async () => {
    const id = app.org('gh:midtjylland').id;
    const admin = await app.exec(MEMBERS, { id }, { email: 'admin@midtjylland.demo' });
    expect(admin.errors).toBeUndefined();
    expect(admin.data.organisation.members.map((m: any) => m.user.displayName).sort()).toEqual(['Anders Admin', 'Mette Consultant']);

    const consultant = await app.exec(MEMBERS, { id }, { email: 'consultant@midtjylland.demo' });
    expect(consultant.data.organisation.members).toHaveLength(2);
    expect(consultant.errors?.map((e) => [e.path?.join('.'), e.extensions?.code])).toEqual([['organisation.apiKeys', 'FORBIDDEN']]);
  });

  it('another organisation sees neither members nor keys, and the error says nothing about them', async () => {
    const r = await app.exec(MEMBERS, { id: app.org('gh:midtjylland').id }, { email: 'admin@hovedstaden.demo' });
    expect(r.data.organisation).toEqual({ name: 'Erhvervshus Midtjylland', members: null, apiKeys: null });
    expect(r.errors?.map((e) => e.extensions?.code).sort()).toEqual(['FORBIDDEN', 'FORBIDDEN']);
    expect(JSON.stringify(r.errors)).not.toMatch(/Anders|Mette|midtjylland\.demo|dashboard/i);
  });

  it('e-mail addresses of other users are refused', async () => {
    const r = await app.exec('query($id: ID!) { organisation(id: $id) { members { user { email } } } }', { id: app.org('gh:midtjylland').id }, { email: 'consultant@midtjylland.demo' });
    expect(codes(r)).toContain('FORBIDDEN');
    expect(JSON.stringify(r)).not.toContain('admin@midtjylland.demo');
  });

  it('the organisation switcher narrows the scope to the chosen organisation', async () => {
    const gh = app.org('gh:midtjylland').id;
    const kkr = app.org('kkr:1082').id;
    const asGh = await app.exec(MEMBERS, { id: gh }, { email: 'admin@midtjylland.demo', organisationId: gh });
    expect(asGh.errors).toBeUndefined();
    const asKkr = await app.exec(MEMBERS, { id: gh }, { email: 'admin@midtjylland.demo', organisationId: kkr });
    expect(codes(asKkr)).toContain('FORBIDDEN');
  });
});
