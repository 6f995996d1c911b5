import { Client } from 'pg';
import { startServer } from '../main';
import { DEMO_PASSWORD } from '../seed/demo';
import { createTestDatabase } from '../testing/harness';

/**
 * logForeignReads over HTTP: the journey page is a query that writes (the access log). The in-process tests
 * (sharing.test.ts) call Apollo directly; this one goes through the server's HTTP path (lean path, the
 * request's transaction as the app role), where a read-only query transaction would make the read fail.
 */
let server: Awaited<ReturnType<typeof startServer>> | undefined;
let drop: (() => Promise<void>) | undefined;
let url: string;
beforeAll(async () => {
  const db = await createTestDatabase({ seeded: 30 });
  drop = db.drop;
  url = db.url;
  process.env.RATE_LIMIT_PER_ADDRESS = '0';
  process.env.RATE_LIMIT_PER_ACCOUNT = '0';
  server = await startServer({ databaseUrl: db.url, port: 0, host: '127.0.0.1', demoFirmCount: 30 });
});
afterAll(async () => {
  await server?.stop();
  await drop?.();
});

async function gql(query: string, variables: Record<string, unknown>, token?: string) {
  const res = await fetch(`${server!.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { data?: any; errors?: unknown };
  expect(body.errors).toBeUndefined();
  return body.data;
}
const signIn = async (email: string) =>
  (await gql('mutation($i: SignInInput!) { signIn(input: $i) { token } }', { i: { email, password: DEMO_PASSWORD } })).signIn.token as string;

it('logs the read of another organisation\'s entries in the same HTTP request, and shows nothing without a basis', async () => {
  const midt = await signIn('consultant@midtjylland.demo');
  const hoved = await signIn('consultant@hovedstaden.demo');
  const admin = new Client({ connectionString: url });
  await admin.connect();
  try {
    const [{ organisation_id: hovedOrg }] = (await admin.query(
      `SELECT m.organisation_id FROM membership m JOIN app_user u ON u.id = m.user_id WHERE u.email = 'consultant@hovedstaden.demo'`,
    )).rows;
    const [{ id: firmId }] = (await admin.query(`SELECT id FROM firm WHERE status = 'REGISTERED' ORDER BY name LIMIT 1`)).rows;
    const note = { firmId, kind: 'NOTE', occurredAt: new Date().toISOString(), note: { text: 'Midt: over HTTP' } };
    const rec = await gql('mutation($i: RecordTouchpointInput!) { recordTouchpoint(input: $i) { touchpoint { id } userErrors { message } } }', { i: note }, midt);
    const entry = rec.recordTouchpoint.touchpoint.id;
    const PAGE = 'query($f: ID!) { firmJourney(firmId: $f, first: 50) { edges { node { id summary } } hiddenOrganisations { name } accessGrants { basis } } }';
    const logCount = async () => (await admin.query('SELECT count(*)::int AS n FROM journey_access_log WHERE $1 = ANY(touchpoint_ids)', [entry])).rows[0].n;

    // No basis: hidden, nothing logged.
    const before = await gql(PAGE, { f: firmId }, hoved);
    expect(before.firmJourney.edges.map((e: any) => e.node.id)).not.toContain(entry);
    expect(before.firmJourney.hiddenOrganisations.length).toBeGreaterThan(0);
    expect(await logCount()).toBe(0);

    const consent = await gql(
      'mutation($i: RecordConsentInput!) { recordConsent(input: $i) { userErrors { message } } }',
      { i: { firmId, scope: 'NAMED_ORGANISATIONS', recipientOrganisationIds: [hovedOrg], purpose: 'p', validUntil: new Date(Date.now() + 86400e3).toISOString() } },
      midt,
    );
    expect(consent.recordConsent.userErrors).toEqual([]);
    const after = await gql(PAGE, { f: firmId }, hoved);
    expect(after.firmJourney.edges.map((e: any) => e.node.id)).toContain(entry);
    expect(after.firmJourney.accessGrants).toEqual([{ basis: 'CONSENT' }]);
    expect(await logCount()).toBe(1); // committed with the request's transaction
  } finally {
    await admin.end();
  }
});
