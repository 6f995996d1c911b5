import { createContext, RequestContext } from '../core/context';
import { Role, Scope } from '../core/scope';
import { createTestApp, TestApp } from '../testing/harness';
import { computeKpiActuals, KpiRequest, listCountedEntries } from './agreement.kpi';
import { AgreementKpiActualSource, AgreementKpiMetric } from './agreement.enums';

/**
 * The KPI functions as a wall (migration 1769226000000): they take agreement ids, derive the area and the
 * parties themselves and answer only a caller whose request scope holds a party of the agreement. Called
 * straight through a scoped request connection (the app role, as any SQL the app could send), another
 * organisation gets nothing; a party gets the figures, equal to the aggregate of the entries the drill-down lists.
 */
let app: TestApp;
let agreementId: string;
let party: string;
let outsider: string;
const METRICS = [
  AgreementKpiMetric.GROWTH_MAPPINGS, AgreementKpiMetric.FIRMS_IN_GROWTH_PARTNERSHIPS, AgreementKpiMetric.REFERRALS_TO_PRIVATE_ADVISORS_SHARE,
  AgreementKpiMetric.JOBS_SELF_REPORTED, AgreementKpiMetric.JOBS_REGISTER_MEASURED,
];
const WINDOWS = [{ from: '2025-12-01', to: '2026-11-30' }, { from: '2026-03-15', to: '2026-09-14' }, { from: '2026-06-01', to: '2026-06-30' }];

beforeAll(async () => {
  app = await createTestApp();
  party = app.org('gh:midtjylland').id;
  // Randers' agreement (accepted parties: the municipality, the business council, the growth house).
  [{ agreement_id: agreementId }] = await app.ds.query(
    `SELECT p.agreement_id FROM service_agreement_party p WHERE p.organisation_id = $1 AND p.accepted_at IS NOT NULL
       AND EXISTS (SELECT 1 FROM service_agreement_party q WHERE q.agreement_id = p.agreement_id AND q.organisation_id = $2 AND q.accepted_at IS NOT NULL)
     ORDER BY 1 LIMIT 1`,
    [party, app.org('mun:DK:730').id],
  );
  // A growth house that is no party to it.
  [{ id: outsider }] = await app.ds.query(
    `SELECT o.id FROM organisation o WHERE o.kind = 'GROWTH_HOUSE' AND NOT EXISTS (SELECT 1 FROM service_agreement_party p WHERE p.agreement_id = $1 AND p.organisation_id = o.id) ORDER BY o.name LIMIT 1`,
    [agreementId],
  );
});
afterAll(() => app?.close());

const as = (organisationId: string | null): RequestContext =>
  createContext(app.appDs, app.config, { kind: 'user', userId: '00000000-0000-0000-0000-000000000000', sessionId: 'x' },
    organisationId ? new Scope([{ organisationId, role: Role.VIEWER }], false) : Scope.NONE);

async function inRequest<T>(ctx: RequestContext, fn: (ctx: RequestContext) => Promise<T>): Promise<T> {
  try {
    return await fn(ctx);
  } finally {
    await ctx.db.finish(false);
  }
}

/** Every KPI function, called directly with the agreement's windows. */
async function callAll(ctx: RequestContext, agreement: string) {
  const windows = JSON.stringify(WINDOWS.map((w, i) => ({ i, agreement_id: agreement, from_date: w.from, to_date: w.to })));
  return {
    mappings: await ctx.ds.query(`SELECT * FROM gg_kpi_growth_actuals($1::jsonb, 'GROWTH_MAPPING', false) ORDER BY i`, [windows]),
    partnerships: await ctx.ds.query(`SELECT * FROM gg_kpi_growth_actuals($1::jsonb, 'GROWTH_PARTNERSHIP', true) ORDER BY i`, [windows]),
    jobs: await ctx.ds.query(`SELECT * FROM gg_kpi_jobs_actuals($1::jsonb, 'SELF_REPORTED') ORDER BY i`, [windows]),
    share: await ctx.ds.query(`SELECT * FROM gg_kpi_referral_share($1::jsonb) ORDER BY i`, [windows]),
    entries: (
      await Promise.all(METRICS.map((m) => ctx.ds.query(`SELECT * FROM gg_kpi_entries($1, $2, '2025-01-01', '2026-12-31')`, [agreement, m])))
    ).flat(),
  };
}

describe('the KPI functions answer the parties of the agreement only', () => {
  test('another organisation, or no scope, calling them directly gets nothing; a party gets figures', async () => {
    const empty = { mappings: [], partnerships: [], jobs: [], share: [], entries: [] };
    expect(await inRequest(as(outsider), (c) => callAll(c, agreementId))).toEqual(empty);
    expect(await inRequest(as(null), (c) => callAll(c, agreementId))).toEqual(empty);
    const mine = await inRequest(as(party), (c) => callAll(c, agreementId));
    expect(mine.mappings.map((r: any) => r.i)).toEqual([0, 1, 2]);
    expect(mine.mappings[0].counted).toBeGreaterThan(0);
    expect(mine.share[0].counted).toBeGreaterThan(0);
    expect(mine.entries.length).toBeGreaterThan(0);
    // Naming the party's organisation in the outsider's call does not help: the functions read the request's scope.
    expect(await inRequest(as(outsider), (c) => c.ds.query(`SELECT public.gg_agreement_party($1, ARRAY[$2::uuid]) AS yes`, [agreementId, party])))
      .toEqual([{ yes: false }]);
    expect(await inRequest(as(party), (c) => c.ds.query(`SELECT public.gg_agreement_party($1, ARRAY[$2::uuid]) AS yes`, [agreementId, party])))
      .toEqual([{ yes: true }]);
  });

  test('the old area-taking form is gone, and the scope helper is not the app role\'s to call', async () => {
    const area = JSON.stringify([{ i: 0, from_date: '2025-01-01', to_date: '2026-12-31', area: [app.org('mun:DK:730').id] }]);
    expect(await inRequest(as(outsider), (c) => c.ds.query(`SELECT * FROM gg_kpi_growth_actuals($1::jsonb, 'GROWTH_MAPPING', false)`, [area]))).toEqual([]);
    await expect(inRequest(as(party), (c) => c.ds.query(`SELECT * FROM gg_kpi_scopes(ARRAY[$1::uuid])`, [agreementId]))).rejects.toThrow(/permission denied/);
  });

  test('the other row-rule helpers answer only for the caller\'s own organisations', async () => {
    const [net] = await app.ds.query(`SELECT id, owner_organisation_id AS owner FROM network ORDER BY id LIMIT 1`);
    const [del] = await app.ds.query(`SELECT id, reception_organisation_id AS owner FROM delegation ORDER BY id LIMIT 1`);
    const [inq] = await app.ds.query(`SELECT id, received_from_organisation_id AS owner FROM establishment_inquiry ORDER BY id LIMIT 1`);
    const probe = (orgId: string) => inRequest(as(orgId), (c) => c.ds.query(
      `SELECT public.gg_network_party($1, ARRAY[$2::uuid]) AS net, public.gg_delegation_party($3, ARRAY[$4::uuid]) AS del, public.gg_inquiry_role($5, ARRAY[$6::uuid]) AS inq`,
      [net.id, net.owner, del.id, del.owner, inq.id, inq.owner],
    ));
    expect(await probe(outsider)).toEqual([{ net: false, del: false, inq: null }]);
    // Each owner itself still gets its answer (the policies' case).
    expect((await inRequest(as(net.owner), (c) => c.ds.query(`SELECT public.gg_network_party($1, ARRAY[$2::uuid]) AS yes`, [net.id, net.owner])))[0].yes).toBe(true);
    expect((await inRequest(as(inq.owner), (c) => c.ds.query(`SELECT public.gg_inquiry_role($1, ARRAY[$2::uuid]) AS r`, [inq.id, inq.owner])))[0].r).toBe('AGENCY');
  });

  test('the API: an outsider\'s computeKpiActuals is "not computed", with no figure', async () => {
    const reqs: KpiRequest[] = METRICS.map((metric) => ({ agreementId, metric, from: '2025-12-01', to: '2026-11-30' }));
    const got = await inRequest(as(outsider), (c) => computeKpiActuals(c.ds.manager, reqs));
    expect(got.map((g) => [g.source, g.actual, g.counted])).toEqual(reqs.map(() => [AgreementKpiActualSource.NOT_COMPUTABLE, null, null]));
  });

  test('the app role reads no fact views: touchpoint_fact, referral_fact and firm_area are gone', async () => {
    for (const view of ['touchpoint_fact', 'referral_fact', 'firm_area']) {
      await expect(inRequest(as(party), (c) => c.ds.query(`SELECT count(*) FROM ${view}`))).rejects.toThrow(/does not exist/);
    }
    // And no view the app role can read exposes touchpoint rows past their policies (only security_invoker ones, or aggregates).
    const views: Array<{ name: string }> = await app.ds.query(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind = 'v' AND has_table_privilege('growth_graph_app', c.oid, 'SELECT')
          AND pg_get_viewdef(c.oid) ~ 'touchpoint' AND NOT coalesce(c.reloptions @> ARRAY['security_invoker=true'], false) ORDER BY 1`,
    );
    expect(views.map((v) => v.name)).toEqual(['journey_presence']);
  });
});

describe('a party gets the same numbers as before', () => {
  test('every metric and window: the function equals the aggregate of its entries and the drill-down\'s count', async () => {
    const reqs: KpiRequest[] = METRICS.flatMap((metric) => WINDOWS.map((w) => ({ agreementId, metric, ...w })));
    await inRequest(as(party), async (c) => {
      const fast = await computeKpiActuals(c.ds.manager, reqs);
      const oracle = await computeKpiActuals(c.ds.manager, reqs, { fromEntries: true });
      expect(reqs.map((r, i) => ({ ...r, ...fast[i] }))).toEqual(reqs.map((r, i) => ({ ...r, ...oracle[i] })));
      expect(fast.every((f) => f.source === AgreementKpiActualSource.COMPUTED)).toBe(true);
      // Not all empty (the demo data of Randers: growth mappings, referrals, partnerships).
      expect(fast.filter((f) => (f.counted ?? 0) > 0).length).toBeGreaterThan(2);
      for (const [i, r] of reqs.entries()) {
        const page = await listCountedEntries(c.ds.manager, r, [party], 1000, null);
        expect({ ...r, counted: page.rows.length + page.hidden.reduce((s, h) => s + h.n, 0) }).toEqual({ ...r, counted: fast[i].counted });
      }
    });
  });

  test('the referral share equals a count written here over the base tables (as the owner)', async () => {
    const [expected] = await app.ds.query(
      `SELECT count(*)::int AS counted, round(100.0 * count(*) FILTER (WHERE ro.kind = 'PRIVATE_ADVISOR') / nullif(count(*), 0), 2)::float8 AS actual
         FROM touchpoint t JOIN referral r ON r.id = t.referral_id JOIN organisation ro ON ro.id = r.receiver_organisation_id
        WHERE t.kind = 'REFERRAL' AND NOT EXISTS (SELECT 1 FROM touchpoint s WHERE s.supersedes_id = t.id)
          AND t.organisation_id IN (SELECT organisation_id FROM service_agreement_party WHERE agreement_id = $1 AND accepted_at IS NOT NULL)
          AND (t.occurred_at AT TIME ZONE 'Europe/Copenhagen')::date BETWEEN '2025-12-01' AND '2026-11-30'`,
      [agreementId],
    );
    expect(expected.counted).toBeGreaterThan(0);
    const [got] = await inRequest(as(party), (c) =>
      computeKpiActuals(c.ds.manager, [{ agreementId, metric: AgreementKpiMetric.REFERRALS_TO_PRIVATE_ADVISORS_SHARE, from: '2025-12-01', to: '2026-11-30' }]));
    expect({ actual: got.actual, counted: got.counted }).toEqual(expected);
  });

  test('the demo seed\'s follow-up snapshot computed its KPIs as a party (not "not computed")', async () => {
    const [{ entries }] = await app.ds.query(
      `SELECT f.entries FROM service_agreement_follow_up f WHERE f.period_start = '2026-01-01' AND f.period_end = '2026-06-30' ORDER BY f.reported_at LIMIT 1`,
    );
    const computed = entries.filter((e: any) => e.metric !== AgreementKpiMetric.EXTERNAL);
    expect(computed.length).toBeGreaterThan(0);
    expect(computed.map((e: any) => e.actualSource)).toEqual(computed.map(() => AgreementKpiActualSource.COMPUTED));
    // (Its counts are 0: the demo's journeys hold no first-half-2026 entries in Randers; the dashboards' activity is seeded after it.)
    expect(computed.every((e: any) => e.countedEntries === 0 || e.countedEntries > 0)).toBe(true);
  });
});
