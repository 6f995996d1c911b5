// The benchmark's scenarios: each has setup (once) and run (per request). Areas add theirs here.
const SIGN_IN = 'mutation($e: String!) { signIn(input: { email: $e, password: "growth-graph-demo" }) { token } }';

/**
 * Scales the journey data: TOUCHPOINTS_PER_FIRM entries for every Danish firm, recorded by the growth house
 * covering its municipality, spread over the last ~3 years (direct SQL: the API's back-dating rule would
 * refuse old entries, and this is about read latency).
 */
const TOUCHPOINTS_PER_FIRM = Number(process.env.BENCH_TOUCHPOINTS_PER_FIRM ?? 12);

export async function prepare({ gql, databaseUrl }) {
  const { default: pg } = await import('pg');
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const t0 = Date.now();
  await db.query(`
    INSERT INTO touchpoint (firm_id, organisation_id, kind, occurred_at, summary, details)
    SELECT f.id, cov.from_id,
           (CASE WHEN g % 3 = 0 THEN 'FIRST_CONTACT' ELSE 'NOTE' END)::touchpoint_kind,
           now() - ((g * 97 + abs(hashtext(f.id::text)) % 1000) % 1100) * interval '1 day' - g * interval '1 minute',
           'Benchmark entry',
           CASE WHEN g % 3 = 0 THEN '{"channel":"MEETING"}'::jsonb ELSE '{"text":"Benchmark note"}'::jsonb END
      FROM firm f
      JOIN organisation_relationship cov ON cov.to_id = f.municipality_id AND cov.kind = 'COVERS'
     CROSS JOIN generate_series(0, $1 - 1) g
     WHERE f.country = 'DK' AND f.status = 'REGISTERED'`, [TOUCHPOINTS_PER_FIRM]);
  await db.query('ANALYZE');
  const loadTouchpointsSeconds = (Date.now() - t0) / 1000;
  const [{ count }] = (await db.query('SELECT count(*)::int AS count FROM touchpoint')).rows;
  const ownFirms = (await db.query(`
    SELECT f.id FROM firm f JOIN organisation m ON m.id = f.municipality_id JOIN organisation r ON r.id = m.region_id
     WHERE r.official_code = '1082' AND f.status = 'REGISTERED' ORDER BY f.id LIMIT 200`)).rows.map((r) => r.id);
  const otherFirms = (await db.query(`
    SELECT f.id FROM firm f JOIN organisation m ON m.id = f.municipality_id JOIN organisation r ON r.id = m.region_id
     WHERE r.official_code = '1084' AND f.status = 'REGISTERED' ORDER BY f.id LIMIT 200`)).rows.map((r) => r.id);
  await db.end();
  const token = (await gql(SIGN_IN, { e: 'consultant@midtjylland.demo' })).signIn.token;
  return {
    token,
    ownFirms,
    otherFirms,
    describe: `${count.toLocaleString('en')} touchpoints (loaded in ${loadTouchpointsSeconds.toFixed(1)} s)`,
  };
}

const JOURNEY = `query($f: ID!) { firmJourney(firmId: $f, first: 20) {
  firm { name cvr } hiddenOrganisations { name } accessGrants { basis }
  edges { node { kind occurredAt recordedAt summary organisation { name }
    details { __typename ... on NoteDetails { text } ... on FirstContactDetails { channel } } } }
  pageInfo { hasNextPage endCursor } } }`;

const PREFIXES = ['a', 'b', 'd', 'g', 'h', 'k', 'l', 'm', 'n', 'p', 's', 't', 'v'];

export const scenarios = [
  {
    name: "journey page: a firm of the caller's region (20 of its entries)",
    setup: async (ctx) => ctx,
    run: ({ gql, token, ownFirms }, i) => gql(JOURNEY, { f: ownFirms[i % ownFirms.length] }, token),
  },
  {
    name: "journey page: another region's firm (entries hidden, no basis)",
    setup: async (ctx) => ctx,
    run: ({ gql, token, otherFirms }, i) => gql(JOURNEY, { f: otherFirms[i % otherFirms.length] }, token),
  },
  {
    name: "consultant's worklist (recent firms, milestones due, referrals waiting; 20 each)",
    setup: async (ctx) => ctx,
    run: ({ gql, token }) =>
      gql(`{ worklist { recentFirms(first: 20) { edges { node { lastOccurredAt touchpointCount firm { name } } } }
        milestonesDue(first: 20) { edges { node { title dueOn } } } referralsWaiting(first: 20) { edges { node { id } } } } }`, {}, token),
  },
  {
    name: 'firm search by name prefix (first 20)',
    setup: async (ctx) => ctx,
    run: ({ gql, token }, i) =>
      gql('query($p: String!) { firms(search: { namePrefix: $p }, first: 20) { edges { node { name cvr municipality { name } } } pageInfo { endCursor } } }', { p: PREFIXES[i % PREFIXES.length] }, token),
  },
  {
    name: 'firm lookup by CVR',
    setup: async (ctx) => {
      const d = await ctx.gql('{ firms(first: 100, search: { country: DK }) { edges { node { cvr } } } }', {}, ctx.token);
      return { ...ctx, cvrs: d.firms.edges.map((e) => e.node.cvr) };
    },
    run: ({ gql, token, cvrs }, i) => gql('query($c: String!) { firms(search: { identifier: $c }) { edges { node { name } } } }', { c: cvrs[i % cvrs.length] }, token),
  },
  {
    name: 'organisation graph: 6 growth houses -> covered municipalities -> 5 firms each',
    setup: async (ctx) => ctx,
    run: ({ gql, token }) =>
      gql(
        '{ organisations(filter: { kinds: [GROWTH_HOUSE] }, first: 10) { edges { node { name relationships(kinds: [COVERS]) { to { name firms(first: 5) { edges { node { name } } } } } } } } }',
        {},
        token,
      ),
  },
  {
    // Partner dashboards (server/src/dashboards): every panel for one organisation and the last 12 months of
    // the demo activity (referrals, enrolments, outcomes, growth work seeded over two years), as a BI tool asks
    // for it with a read-only API key.
    name: 'partner dashboard, all 9 panels: KKR Midtjylland (19 municipalities), 12 months, API key',
    setup: async (ctx) => ctx,
    run: ({ gql }, i) => gql(DASHBOARD, { i: { from: '2025-12-01', to: '2026-11-30', groupBy: i % 2 ? 'MUNICIPALITY' : null } }, 'ggk_demo_kkr_midtjylland_read_only'),
  },
  {
    name: 'partner dashboard, all 9 panels: Erhvervsstyrelsen (whole country), 12 months, by region, API key',
    setup: async (ctx) => ctx,
    run: ({ gql }) => gql(DASHBOARD, { i: { from: '2025-12-01', to: '2026-11-30', groupBy: 'REGION' } }, 'ggk_demo_erhvervsstyrelsen_read_only'),
  },
];

const DASHBOARD = `query($i: DashboardInput!) { dashboard(input: $i) { audience { organisationName }
  panels { kind groupBy measures { key } rows { key label suppressed units events values previousValues }
    total { units events values suppressed previousValues } } } }`;
