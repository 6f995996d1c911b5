// The benchmark's scenarios: each has setup (once) and run (per request). Areas add theirs here.
const SIGN_IN = 'mutation($e: String!) { signIn(input: { email: $e, password: "growth-graph-demo" }) { token } }';

/**
 * Scales the journey data: TOUCHPOINTS_PER_FIRM entries for every Danish firm, recorded by the growth house
 * covering its municipality, spread over the last ~3 years (direct SQL: the API's back-dating rule would
 * refuse old entries, and this is about read latency).
 */
const TOUCHPOINTS_PER_FIRM = Number(process.env.BENCH_TOUCHPOINTS_PER_FIRM ?? 12);

export async function prepare({ gql, sql, databaseUrl, reuse = false }) {
  const { default: pg } = await import('pg');
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const t0 = Date.now();
  // reuse: the database is already loaded (bench:ab with BENCH_DATABASE_URL): no second set of journey entries.
  if (!reuse) await db.query(`
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
  // The caller's organisations, for the hand-written SQL (the API derives them from the token).
  const orgIds = (await sql(`SELECT m.organisation_id AS id FROM membership m JOIN app_user u ON u.id = m.user_id WHERE u.email = 'consultant@midtjylland.demo'`)).map((r) => r.id);
  return {
    token,
    orgIds,
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

/**
 * The hand-written SQL answers: one statement each, the same visibility rules (public register firms or
 * the caller's prospects; journey entries of the caller's organisations or of owners with a consent /
 * open referral), JSON built in the database. Written for the current schema (its indexes), so it is the
 * limit the API is measured against.
 */
const VISIBLE = (f) => `(${f}.status <> 'PROSPECT' OR ${f}.owner_organisation_id = ANY($2::uuid[]))`;

const JOURNEY_SQL = `
  WITH f AS (SELECT id, name, cvr, status FROM firm f WHERE id = $1 AND ${VISIBLE('f')}),
  ids AS (SELECT id FROM f UNION ALL SELECT m.id FROM firm m JOIN f ON m.merged_into_id = f.id AND f.status <> 'MERGED'),
  granted AS (
    SELECT c.organisation_id AS owner, 'CONSENT' AS basis FROM firm_consent c
     WHERE c.firm_id IN (SELECT id FROM ids) AND c.withdrawn_at IS NULL AND c.valid_until > now() AND c.organisation_id <> ALL($2::uuid[])
       AND (c.scope = 'ALL_PUBLIC_BUSINESS_SUPPORT'
         OR EXISTS (SELECT 1 FROM firm_consent_recipient cr WHERE cr.consent_id = c.id AND cr.organisation_id = ANY($2::uuid[])))
    UNION
    SELECT CASE WHEN r.sender_organisation_id = ANY($2::uuid[]) THEN r.receiver_organisation_id ELSE r.sender_organisation_id END, 'REFERRAL'
      FROM referral r
     WHERE r.firm_id IN (SELECT id FROM ids) AND r.status::text IN ('SENT', 'ACCEPTED', 'FIRST_CONTACT')
       AND (r.sender_organisation_id = ANY($2::uuid[]) OR r.receiver_organisation_id = ANY($2::uuid[]))),
  owners AS (SELECT unnest($2::uuid[]) AS id UNION SELECT owner FROM granted),
  e AS (SELECT t.kind, t.occurred_at, t.recorded_at, t.summary, t.details, o.name AS organisation
          FROM touchpoint t JOIN organisation o ON o.id = t.organisation_id
         WHERE t.firm_id IN (SELECT id FROM ids) AND t.organisation_id IN (SELECT id FROM owners)
         ORDER BY t.occurred_at DESC, t.id DESC LIMIT 21)
  SELECT (SELECT row_to_json(f) FROM f) AS firm,
         (SELECT json_agg(DISTINCT o.name) FROM touchpoint t JOIN organisation o ON o.id = t.organisation_id
           WHERE t.firm_id IN (SELECT id FROM ids) AND t.organisation_id NOT IN (SELECT id FROM owners)) AS hidden,
         (SELECT json_agg(basis) FROM granted) AS grants,
         (SELECT json_agg(e) FROM e) AS entries`;

const WORKLIST_SQL = `
  SELECT (SELECT json_agg(x) FROM (
            SELECT r.last_at, r.n, f.name FROM (
              SELECT firm_id, max(occurred_at) AS last_at, count(*)::int AS n FROM touchpoint
               WHERE organisation_id = ANY($1::uuid[]) AND occurred_at >= now() - interval '30 days'
               GROUP BY firm_id ORDER BY last_at DESC, firm_id DESC LIMIT 21) r
            JOIN firm f ON f.id = r.firm_id ORDER BY r.last_at DESC, r.firm_id DESC) x) AS recent,
         (SELECT json_agg(m) FROM (
            SELECT title, due_on FROM growth_plan_milestone
             WHERE organisation_id = ANY($1::uuid[]) AND status::text IN ('PLANNED', 'IN_PROGRESS') AND due_on <= current_date + 14
             ORDER BY due_on, id LIMIT 21) m) AS milestones,
         (SELECT json_agg(r) FROM (
            SELECT id FROM referral WHERE receiver_organisation_id = ANY($1::uuid[]) AND status::text IN ('SENT', 'ACCEPTED', 'FIRST_CONTACT')
             ORDER BY sent_at, id LIMIT 21) r) AS referrals`;

const SEARCH_SQL = `
  SELECT f.name, f.cvr, m.name AS municipality FROM firm f LEFT JOIN organisation m ON m.id = f.municipality_id
   WHERE ${VISIBLE('f')} AND lower(f.name) COLLATE "C" LIKE $1
   ORDER BY lower(f.name) COLLATE "C", f.id LIMIT 21`;

const CVR_SQL = `SELECT f.name FROM firm f WHERE (f.cvr = $1 OR f.organisationsnummer = $1) AND ${VISIBLE('f')} ORDER BY lower(f.name) COLLATE "C", f.id LIMIT 21`;

/** Growth houses -> municipalities they cover -> the first $1 firms of each by name, as one JSON document. */
const GRAPH_SQL = (firmColumns) => `
  SELECT gh.name, (
    SELECT json_agg(json_build_object('name', m.name, 'firms', (
             SELECT json_agg(x) FROM (
               SELECT ${firmColumns} FROM firm f WHERE f.municipality_id = m.id AND ${VISIBLE('f')}
                ORDER BY lower(f.name) COLLATE "C", f.id LIMIT $1 + 1) x)) ORDER BY r.kind, r.created_at, r.id)
      FROM organisation_relationship r JOIN organisation m ON m.id = r.to_id
     WHERE r.from_id = gh.id AND r.kind = 'COVERS') AS municipalities
    FROM organisation gh WHERE gh.kind = 'GROWTH_HOUSE' ORDER BY lower(gh.name), gh.id LIMIT 11`;

const PARTNER = `{ organisations(filter: { kinds: [GROWTH_HOUSE] }, first: 10) { edges { node { id name
  relationships(kinds: [COVERS], direction: OUTGOING) { to { id name firms(first: 10) { edges { node { id name cvr employees } } } } } } } } }`;

export const scenarios = [
  {
    name: "journey page: a firm of the caller's region (20 of its entries)",
    setup: async (ctx) => ctx,
    run: ({ gql, token, ownFirms }, i) => gql(JOURNEY, { f: ownFirms[i % ownFirms.length] }, token),
    sql: ({ sql, orgIds, ownFirms }, i) => sql(JOURNEY_SQL, [ownFirms[i % ownFirms.length], orgIds]),
  },
  {
    name: "journey page: another region's firm (entries hidden, no basis)",
    setup: async (ctx) => ctx,
    run: ({ gql, token, otherFirms }, i) => gql(JOURNEY, { f: otherFirms[i % otherFirms.length] }, token),
    sql: ({ sql, orgIds, otherFirms }, i) => sql(JOURNEY_SQL, [otherFirms[i % otherFirms.length], orgIds]),
  },
  {
    name: "consultant's worklist (recent firms, milestones due, referrals waiting; 20 each)",
    setup: async (ctx) => ctx,
    run: ({ gql, token }) =>
      gql(`{ worklist { recentFirms(first: 20) { edges { node { lastOccurredAt touchpointCount firm { name } } } }
        milestonesDue(first: 20) { edges { node { title dueOn } } } referralsWaiting(first: 20) { edges { node { id } } } } }`, {}, token),
    sql: ({ sql, orgIds }) => sql(WORKLIST_SQL, [orgIds]),
  },
  {
    name: 'firm search by name prefix (first 20)',
    setup: async (ctx) => ctx,
    run: ({ gql, token }, i) =>
      gql('query($p: String!) { firms(search: { namePrefix: $p }, first: 20) { edges { node { name cvr municipality { name } } } pageInfo { endCursor } } }', { p: PREFIXES[i % PREFIXES.length] }, token),
    sql: ({ sql, orgIds }, i) => sql(SEARCH_SQL, [`${PREFIXES[i % PREFIXES.length]}%`, orgIds]),
    check: async (ctx) => {
      const api = (await ctx.gql('query($p: String!) { firms(search: { namePrefix: $p }, first: 20) { edges { node { name } } } }', { p: 'k' }, ctx.token)).firms.edges.map((e) => e.node.name);
      const db = (await ctx.sql(SEARCH_SQL, ['k%', ctx.orgIds])).slice(0, 20).map((r) => r.name);
      same('firm search', api, db);
    },
  },
  {
    // The per-request floor: authentication (BEGIN with the scope), Apollo, COMMIT, HTTP - no resolver at all.
    name: 'floor: signed in, { __typename }',
    setup: async (ctx) => ctx,
    run: ({ gql, token }) => gql('{ __typename }', {}, token),
  },
  {
    name: 'firm lookup by CVR',
    setup: async (ctx) => {
      const d = await ctx.gql('{ firms(first: 100, search: { country: DK }) { edges { node { cvr } } } }', {}, ctx.token);
      return { ...ctx, cvrs: d.firms.edges.map((e) => e.node.cvr) };
    },
    run: ({ gql, token, cvrs }, i) => gql('query($c: String!) { firms(search: { identifier: $c }) { edges { node { name } } } }', { c: cvrs[i % cvrs.length] }, token),
    sql: ({ sql, orgIds, cvrs }, i) => sql(CVR_SQL, [cvrs[i % cvrs.length], orgIds]),
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
    sql: ({ sql, orgIds }) => sql(GRAPH_SQL('f.name'), [5, orgIds]),
  },
  {
    name: 'partner nested read: growth houses -> municipalities -> 10 firms each (id, name, cvr, employees)',
    setup: async (ctx) => ctx,
    run: ({ gql, token }) => gql(PARTNER, {}, token),
    sql: ({ sql, orgIds }) => sql(GRAPH_SQL('f.id, f.name, f.cvr, f.employees'), [10, orgIds]),
    check: async (ctx) => {
      const d = await ctx.gql(PARTNER, {}, ctx.token);
      const api = d.organisations.edges.flatMap((e) => e.node.relationships.flatMap((r) => r.to.firms.edges.map((x) => x.node.id)));
      const rows = await ctx.sql(GRAPH_SQL('f.id, f.name, f.cvr, f.employees'), [10, ctx.orgIds]);
      const db = rows.flatMap((g) => (g.municipalities ?? []).flatMap((m) => (m.firms ?? []).slice(0, 10).map((f) => f.id)));
      same('partner nested read', api, db);
      console.log(`  ${api.length} firms in the answer`);
    },
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
  // The README's other two demo audiences: a growth house (its coverage area) and a Swedish region (län).
  {
    name: 'partner dashboard, all 9 panels: Erhvervshus Fyn (growth house, its coverage area), 12 months, API key',
    setup: async (ctx) => ctx,
    run: ({ gql }, i) => gql(DASHBOARD, { i: { from: '2025-12-01', to: '2026-11-30', groupBy: i % 2 ? 'MUNICIPALITY' : null } }, 'ggk_demo_gh_fyn_read_only'),
  },
  {
    name: 'partner dashboard, all 9 panels: Region Kalmar län (its municipalities), 12 months, by municipality, API key',
    setup: async (ctx) => ctx,
    run: ({ gql }) => gql(DASHBOARD, { i: { from: '2025-12-01', to: '2026-11-30', groupBy: 'MUNICIPALITY' } }, 'ggk_demo_region_kalmar_read_only'),
  },
];

function same(what, api, db) {
  if (JSON.stringify(api) !== JSON.stringify(db)) {
    throw new Error(`${what}: the hand-written SQL answers differently from the API\nAPI ${JSON.stringify(api.slice(0, 5))}...\nSQL ${JSON.stringify(db.slice(0, 5))}...`);
  }
}

const DASHBOARD = `query($i: DashboardInput!) { dashboard(input: $i) { audience { organisationName }
  panels { kind groupBy measures { key } rows { key label suppressed units events values previousValues }
    total { units events values suppressed previousValues } } } }`;
