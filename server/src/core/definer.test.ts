import { createTestApp, TestApp } from '../testing/harness';

/**
 * SECURITY DEFINER functions run as the owner, past every policy: each must pin its search_path (so the caller's
 * cannot redirect it), and the app role may execute only those it has a reason to (migration 1769234000000).
 * A new definer function fails here until it is either revoked from PUBLIC or listed below with its reason.
 */
const APP_CALLS: Record<string, string> = {
  'gg_agreement_has_parties(uuid)': 'row policies (service agreements), evaluated as the querying role',
  'gg_agreement_party(uuid,uuid[])': 'row policies (agreement parties, KPI entries)',
  'gg_co_financing_party(uuid,uuid[])': 'row policies (co-financing)',
  'gg_delegation_party(uuid,uuid[])': 'row policies (delegations)',
  'gg_inquiry_role(uuid,uuid[])': 'row policies (inquiries)',
  'gg_journey_shared(uuid,uuid)': 'row policies (journey data shared by consent)',
  'gg_network_party(uuid,uuid[])': 'row policies (networks)',
  'gg_api_key_lookup(text)': 'identity/authenticate.ts: API-key sign-in, before any scope exists',
  'gg_sign_in_lookup(text)': 'identity/account.service.ts: password sign-in reads the hash the app role cannot',
  'gg_session_memberships(uuid,uuid)': 'gg_begin_session (SECURITY INVOKER, runs as the app role) on every request',
  'gg_set_own_password_hash(uuid,text)': 'identity/account.service.ts: password change (granted to the app role only)',
  'gg_kpi_entries(uuid,text,date,date)': 'agreements/agreement.kpi.ts: counted entries (drill-down)',
  'gg_kpi_growth_actuals(jsonb,text,boolean)': 'agreements/agreement.kpi.ts: KPI actuals from the rollups',
  'gg_kpi_jobs_actuals(jsonb,text)': 'agreements/agreement.kpi.ts: KPI actuals from the rollups',
  'gg_kpi_referral_share(jsonb)': 'agreements/agreement.kpi.ts: KPI actuals from the rollups',
};

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp({ firmCount: 5 });
});
afterAll(() => app?.close());

interface Definer {
  sig: string;
  returns: string;
  config: string[] | null;
  app: boolean;
  public: boolean;
}

const definers = (): Promise<Definer[]> =>
  app.ds.query(
    `SELECT p.oid::regprocedure::text AS sig, p.prorettype::regtype::text AS returns, p.proconfig AS config,
            has_function_privilege('growth_graph_app', p.oid, 'EXECUTE') AS app,
            -- PUBLIC's grant: the default ACL (NULL) or an entry with an empty grantee.
            (p.proacl IS NULL OR EXISTS (SELECT 1 FROM aclexplode(p.proacl) a WHERE a.grantee = 0 AND a.privilege_type = 'EXECUTE')) AS public
       FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = 'public' AND p.prosecdef ORDER BY 1`,
  );

test('every SECURITY DEFINER function pins its search_path, and the app role executes only the listed ones', async () => {
  const all = await definers();
  expect(all.length).toBeGreaterThan(20);
  // pg_temp named, and last: unnamed, PostgreSQL searches the caller's temporary schema first.
  expect(all.filter((f) => !(f.config ?? []).some((c) => /^search_path=.*\bpg_temp$/.test(c))).map((f) => [f.sig, f.config])).toEqual([]);
  expect(all.filter((f) => f.app && !APP_CALLS[f.sig]).map((f) => f.sig)).toEqual([]);
  // Not executable by PUBLIC either (another login role, e.g. APP_DATABASE_URL's, would inherit it).
  expect(all.filter((f) => f.public && !APP_CALLS[f.sig]).map((f) => f.sig)).toEqual([]);
  // The allow-list names real functions, no trigger function among them.
  const sigs = new Set(all.map((f) => f.sig));
  expect(Object.keys(APP_CALLS).filter((s) => !sigs.has(s))).toEqual([]);
  expect(all.filter((f) => f.returns === 'trigger' && APP_CALLS[f.sig]).map((f) => f.sig)).toEqual([]);
  // And the listed ones still work for the app role (a revoke too many would break sign-in or the policies).
  expect(all.filter((f) => APP_CALLS[f.sig] && !f.app).map((f) => f.sig)).toEqual([]);
});

test('the app role cannot call the rollup refresh functions directly', async () => {
  for (const call of ["gg_dashboard_refresh_firms('{}'::uuid[])", "gg_dashboard_refresh_referrals('{}'::uuid[])", "gg_dashboard_refresh_enrolments('{}'::uuid[])", "gg_dashboard_refresh_outcomes('{}'::uuid[])"]) {
    await expect(app.appDs.query(`SELECT public.${call}`)).rejects.toMatchObject({ code: '42501' });
  }
  // The owner still can (migrations, repairs).
  await expect(app.ds.query(`SELECT public.gg_dashboard_refresh_firms('{}'::uuid[])`)).resolves.toBeDefined();
});

test('an app-role write still refreshes the rollups through the (SECURITY DEFINER) triggers', async () => {
  const [{ id: firmId }] = await app.ds.query(
    `SELECT f.id FROM firm f WHERE f.status = 'REGISTERED' AND f.country = 'DK'
        AND NOT EXISTS (SELECT 1 FROM touchpoint t WHERE t.firm_id = f.id AND t.kind = 'GROWTH_MAPPING') ORDER BY f.id LIMIT 1`,
  );
  const AREAS = ['SALES', 'FINANCING', 'INTERNATIONALISATION', 'MARKETING', 'MANAGEMENT', 'CUSTOMER_SEGMENTS', 'EMPLOYEES', 'PROFITABILITY', 'VISION', 'BUSINESS_CONCEPT',
    'OWNERSHIP', 'LEGAL_STRUCTURE', 'PRODUCTS_AND_SERVICES', 'COMPETITIVE_POSITION', 'OPERATIONS', 'ADMINISTRATION', 'PARTNERS', 'NETWORK', 'INVESTORS', 'COMMUNICATION'];
  const r = await app.exec(
    `mutation($i: RecordTouchpointInput!) { recordTouchpoint(input: $i) { touchpoint { id } userErrors { field message code } } }`,
    { i: { firmId, kind: 'GROWTH_MAPPING', occurredAt: new Date().toISOString(),
      growthMapping: { scores: AREAS.map((decisionArea, i) => ({ decisionArea, score: 1 + (i % 5) })), focusAreas: ['SALES', 'VISION', 'NETWORK'] } } },
    { email: 'consultant@midtjylland.demo' },
  );
  expect(r.errors).toBeUndefined();
  expect(r.data.recordTouchpoint.userErrors).toEqual([]);
  const rows = await app.ds.query(`SELECT kind::text, events FROM dashboard_growth_month WHERE firm_id = $1`, [firmId]);
  expect(rows).toEqual([{ kind: 'GROWTH_MAPPING', events: 1 }]);
});
