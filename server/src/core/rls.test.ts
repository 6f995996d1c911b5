import { randomUUID } from 'node:crypto';
import { loadGrants } from '../journeys/journey.access';
import { createTestApp, TestApp } from '../testing/harness';
import { createContext, Principal, RequestContext } from './context';
import { ROW_RULES } from './row-rules';
import { Role, Scope } from './scope';

/**
 * The second wall. Every request runs as the app role (not the tables' owner), so PostgreSQL applies the
 * row-level security policies of the RLS migration whatever SQL the app sends. These tests send
 * deliberately UNSCOPED statements (`SELECT * FROM <table>`, no WHERE) through a request's own
 * connection and compare what comes back with each table's rule in core/row-rules.ts, evaluated
 * independently as the owner.
 */
let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(() => app?.close());

interface Table {
  name: string;
  relkind: string;
  /** The app role may write into it (INSERT, UPDATE or DELETE). */
  writable: boolean;
  rls: boolean;
  force: boolean;
  commands: string[];
}

async function tables(): Promise<Table[]> {
  return app.ds.query(
    `SELECT c.relname AS name, c.relkind::text AS relkind, c.relrowsecurity AS rls,
            has_table_privilege('growth_graph_app', c.oid, 'INSERT, UPDATE, DELETE') AS writable, c.relforcerowsecurity AS force,
            coalesce((SELECT array_agg(DISTINCT p.cmd ORDER BY p.cmd) FROM pg_policies p WHERE p.schemaname = 'public' AND p.tablename = c.relname), '{}') AS commands
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm')
      ORDER BY c.relname`,
  );
}

const owned = () => Object.entries(ROW_RULES).flatMap(([name, r]) => (r.kind === 'owned' ? [{ name, ...r }] : []));

/** The oracles' parameters, typed even where a rule does not use them all. */
const TYPED = '$1::uuid[] IS NOT DISTINCT FROM $1::uuid[] AND $2::uuid IS NOT DISTINCT FROM $2::uuid AND $3::uuid[] IS NOT DISTINCT FROM $3::uuid[]';

/** A request context as the API builds it (app role pool), for `principal` with `scope`. */
const requestAs = (principal: Principal | null, scope: Scope): RequestContext => createContext(app.appDs, app.config, principal, scope);

async function inRequest<T>(ctx: RequestContext, fn: (ctx: RequestContext) => Promise<T>): Promise<T> {
  try {
    return await fn(ctx);
  } finally {
    await ctx.db.finish(false);
  }
}

/**
 * What the app role may select: every column, except app_user's password hash (column privileges, migration
 * 1769110000000); there rows are told apart by id (its system column ctid is not granted either).
 */
const readableColumns = (table: string) => (table === 'app_user' ? 'id, email, display_name, created_at' : '*');
const rowKey = (table: string) => (table === 'app_user' ? 'id::text' : 'ctid::text');

const rowKeys = (rows: Array<{ __row: string }>) => rows.map((r) => r.__row).sort();

describe('row-level security', () => {
  test('every table and view is in the registry; every owned table has ENABLE + FORCE RLS and policies for every command', async () => {
    const found = await tables();
    const names = found.map((t) => t.name);
    // A new table fails here until it is listed in core/row-rules.ts (with a rule, or why it is public).
    expect(names.filter((n) => !ROW_RULES[n])).toEqual([]);
    expect(Object.keys(ROW_RULES).filter((n) => !names.includes(n))).toEqual([]);
    const wrong = found.filter((t) => {
      const rule = ROW_RULES[t.name];
      // Views see past the policies: read-only, and listed with what they let through.
      if (rule.kind === 'view' || t.relkind === 'v' || t.relkind === 'm') return rule.kind !== 'view' || t.relkind === 'r' || t.writable;
      if (rule.kind !== 'owned') return t.rls;
      return !t.rls || !t.force || ['ALL', 'DELETE', 'INSERT', 'SELECT', 'UPDATE'].some((c) => !t.commands.includes(c));
    });
    expect(wrong).toEqual([]);
  });

  test('the API role owns nothing, is no superuser and cannot bypass RLS; the owner is another role', async () => {
    const [me] = await app.appDs.query(`SELECT current_user AS role, r.rolsuper, r.rolbypassrls FROM pg_roles r WHERE r.rolname = current_user`);
    const [owner] = await app.ds.query(`SELECT current_user AS role`);
    expect(me).toEqual({ role: 'growth_graph_app', rolsuper: false, rolbypassrls: false });
    expect(owner.role).not.toBe(me.role);
    const [{ n }] = await app.ds.query(`SELECT count(*)::int AS n FROM pg_class WHERE pg_get_userbyid(relowner) = 'growth_graph_app'`);
    expect(n).toBe(0);
  });

  test('with no scope set, owned tables return nothing (beyond their public part)', async () => {
    const leaks: string[] = [];
    for (const t of owned()) {
      const [{ n: publicRows }] = await app.ds.query(`SELECT count(*)::int AS n FROM ${t.name} t WHERE ${t.unscoped ?? 'false'}`);
      // Straight on the pool (autocommit, nothing set) ...
      const [{ n: plain }] = await app.appDs.query(`SELECT count(*)::int AS n FROM ${t.name}`);
      // ... and inside an anonymous request's transaction.
      const inReq = await inRequest(requestAs(null, Scope.NONE), async (ctx) => (await ctx.ds.query(`SELECT count(*)::int AS n FROM ${t.name}`))[0].n);
      if (plain !== publicRows || inReq !== publicRows) leaks.push(`${t.name}: ${plain}/${inReq} visible, ${publicRows} public`);
    }
    expect(leaks).toEqual([]);
  });

  test("inside a request of organisation A, an unscoped SELECT * of every owned table returns exactly A's permitted rows", async () => {
    // Every organisation with members, as an ADMIN (a real member user where there is one), and once as
    // its API key (read-only, no person: no journey rows).
    const orgs: Array<{ id: string; user_id: string | null }> = await app.ds.query(
      `SELECT o.id, (SELECT m.user_id FROM membership m WHERE m.organisation_id = o.id ORDER BY m.created_at LIMIT 1) AS user_id
         FROM organisation o ORDER BY (SELECT count(*) FROM membership m WHERE m.organisation_id = o.id) DESC, o.name LIMIT 14`,
    );
    const mismatches: string[] = [];
    const seen = new Map<string, number>();
    let checks = 0;
    let sharedSeen = 0;
    for (const org of orgs) {
      for (const as of ['user', 'apiKey'] as const) {
        const userId = as === 'user' ? (org.user_id ?? randomUUID()) : null;
        const principal: Principal = as === 'user' ? { kind: 'user', userId: userId!, sessionId: randomUUID() } : { kind: 'apiKey', apiKeyId: randomUUID(), organisationId: org.id };
        const scope = new Scope([{ organisationId: org.id, role: as === 'user' ? Role.ADMIN : Role.VIEWER }], as === 'apiKey');
        const admin = as === 'user' ? [org.id] : [];
        // The journey-sharing grants, computed by the app's own code on the owner's connection (no RLS).
        const ownerCtx = createContext(app.ds, app.config, principal, scope);
        await inRequest(requestAs(principal, scope), async (ctx) => {
          for (const t of owned()) {
            const visible = rowKeys(await ctx.ds.query(`SELECT ${readableColumns(t.name)}, ${rowKey(t.name)} AS __row FROM ${t.name}`));
            let expected = rowKeys(await app.ds.query(`SELECT ${rowKey(t.name)} AS __row FROM ${t.name} t WHERE ${TYPED} AND (${t.oracle})`, [[org.id], userId, admin]));
            if (t.journeyShared && userId) {
              const others: Array<{ __row: string; firm: string; owner: string }> = await app.ds.query(
                `SELECT ctid::text AS __row, ${t.journeyShared.firm} AS firm, ${t.journeyShared.owner} AS owner FROM ${t.name} t WHERE ${TYPED} AND NOT (${t.oracle})`,
                [[org.id], userId, admin],
              );
              const grants = await loadGrants(ownerCtx, [...new Set(others.map((r) => r.firm))], [org.id]);
              const shared = others.filter((r) => grants.get(r.firm)?.some((g) => g.ownerOrganisationId === r.owner));
              expected = [...expected, ...shared.map((r) => r.__row)].sort();
              sharedSeen += shared.length;
            }
            checks++;
            seen.set(t.name, (seen.get(t.name) ?? 0) + visible.length);
            if (visible.join() !== expected.join()) mismatches.push(`${t.name} as ${as} of ${org.id}: ${visible.length} visible, ${expected.length} expected`);
          }
        });
        await ownerCtx.db.finish(false);
      }
    }
    expect(mismatches).toEqual([]);
    expect(checks).toBe(orgs.length * 2 * owned().length);
    // Journey sharing was exercised: some organisation saw another's entries under consent or referral.
    expect(sharedSeen).toBeGreaterThan(0);
    // The comparison means something only where the seed has rows someone can see.
    // Tables no caller reads by design (oracle `false`: the dashboard rollups, read on the owner pool) are never seen.
    const byDesign = new Set(owned().filter((t) => t.oracle === 'false').map((t) => t.name));
    const neverSeen = [...seen].filter(([t, n]) => n === 0 && !byDesign.has(t)).map(([t]) => t);
    expect(neverSeen.length).toBeLessThan(owned().length / 4);
  });

  test('writes are checked too: no touchpoint for another organisation, nothing at all with an API key', async () => {
    const [user] = await app.ds.query(`SELECT user_id, organisation_id FROM membership ORDER BY created_at LIMIT 1`);
    const a = { id: user.organisation_id as string };
    const [b] = await app.ds.query(`SELECT id FROM organisation WHERE id <> $1 LIMIT 1`, [a.id]);
    const [firm] = await app.ds.query(`SELECT id FROM firm WHERE status <> 'PROSPECT' LIMIT 1`);
    const insert = (ctx: RequestContext, orgId: string) =>
      ctx.ds.query(
        `INSERT INTO touchpoint (firm_id, organisation_id, recorded_by_user_id, kind, occurred_at, summary, details) VALUES ($1, $2, $3, 'NOTE', now(), 'x', '{}')`,
        [firm.id, orgId, user.user_id],
      );
    const consultant = requestAs({ kind: 'user', userId: user.user_id, sessionId: randomUUID() }, new Scope([{ organisationId: a.id, role: Role.CONSULTANT }], false));
    await expect(inRequest(consultant, (ctx) => insert(ctx, b.id))).rejects.toThrow(/row-level security/);
    const key = requestAs({ kind: 'apiKey', apiKeyId: randomUUID(), organisationId: a.id }, new Scope([{ organisationId: a.id, role: Role.VIEWER }], true));
    await expect(inRequest(key, (ctx) => insert(ctx, a.id))).rejects.toThrow(/row-level security/);
    // The same insert for the consultant's own organisation passes the wall (rolled back afterwards).
    const own = requestAs({ kind: 'user', userId: user.user_id, sessionId: randomUUID() }, new Scope([{ organisationId: a.id, role: Role.CONSULTANT }], false));
    await expect(inRequest(own, (ctx) => insert(ctx, a.id))).resolves.toBeDefined();
  });

  test("a failing read does not take the request's other reads with it (before any write)", async () => {
    const ctx = requestAs(null, Scope.NONE);
    await inRequest(ctx, async () => {
      await expect(ctx.ds.query(`SELECT 'not a uuid'::uuid`)).rejects.toThrow(/invalid input syntax/);
      expect(await ctx.ds.query(`SELECT current_setting('app.org_ids', true) AS o`)).toEqual([{ o: '' }]);
    });
  });

  test('loaders of one request share its transaction and connection, serialised', async () => {
    const ctx = requestAs(null, Scope.NONE);
    await inRequest(ctx, async () => {
      // Parallel statements on one request: one backend, one transaction, no pg "already executing" warning.
      const rows = await Promise.all(Array.from({ length: 8 }, () => ctx.ds.query(`SELECT pg_backend_pid() AS pid, txid_current() AS tx`)));
      expect(new Set(rows.map((r) => `${r[0].pid}/${r[0].tx}`)).size).toBe(1);
    });
  });
});

/**
 * Every table with who may read its rows. A change of visibility must show up here, in review
 * (the rules themselves: core/row-rules.ts and the RLS migration).
 */
const EXPECTED = `
activity_attendance_count: view - Attendance counts of activities are public; who attended is not.
api_key: owned - administrators of the key's organisation (authentication: gg_api_key_lookup)
app_user: owned - any signed-in person (names appear as recorders); e-mail only to the user (field rule)
cluster_activity: public - A cluster's activities are part of its public profile.
cluster_activity_attendance: owned - the cluster (and its office) running the activity; the attending organisation
cluster_member: owned - the cluster's own members (READ in the cluster), and the member organisation itself
cluster_member_count: view - Member counts per cluster and kind are public; the members themselves are not.
contact_person: owned - the organisation that recorded the contact person (personal data)
contact_person_reveal_log: owned - the organisation whose member revealed the data
current_touchpoint: view - Current (not superseded) touchpoints; security_invoker, so the touchpoint policies apply.
dashboard_enrolment_event: owned - nobody through the API role: dashboard rollups, read for aggregates on the owner pool (core/aggregates.ts)
dashboard_focus_month: owned - nobody through the API role: dashboard rollups, read for aggregates on the owner pool (core/aggregates.ts)
dashboard_growth_month: owned - nobody through the API role: dashboard rollups, read for aggregates on the owner pool (core/aggregates.ts)
dashboard_outcome_report: owned - nobody through the API role: dashboard rollups, read for aggregates on the owner pool (core/aggregates.ts)
dashboard_referral: owned - nobody through the API role: dashboard rollups, read for aggregates on the owner pool (core/aggregates.ts)
delegation: owned - the receiving organisation and the hosting municipalities
delegation_follow_up: owned - whoever sees the delegation
delegation_host: owned - whoever sees the delegation
establishment_inquiry: owned - handlers (agency, coordinator, the municipalities of its group); observers in the coordinator's region (code name and figures)
establishment_inquiry_municipality: owned - whoever sees the inquiry
establishment_inquiry_state_change: owned - whoever sees the inquiry
establishment_offer: owned - the offering municipality, the agency and the coordinator (not competing municipalities)
firm: owned - register firms: everyone (public register); prospects: only the organisation that recorded them
firm_change: owned - whoever sees the firm (register history: everyone for register firms; prospects: their organisation)
firm_consent: owned - the recording organisation; organisations it currently grants a basis (journey sharing)
firm_consent_recipient: owned - whoever sees the consent
funding_application: owned - the applicant; once submitted, also the pool's owner
funding_budget_line: owned - whoever sees the application
funding_pool: public - Funding pools are announced publicly, so organisations can apply.
growth_plan_milestone: owned - the organisation owning the growth plan; others under journey sharing
growth_potential_assessment: owned - whoever sees the firm (the level history is register data); the assessing organisation
idempotency_key: system - Answers to retried mutations, read only by the idempotency layer for the same principal (core/idempotency.ts).
investor_portal_project: owned - listed projects meeting the portal criteria: everyone; the rest: the owning organisation
journey_access_log: owned - the viewing organisation and the owner of the entries viewed (who looked at our entries)
journey_presence: view - That an organisation has entries about a firm (hiddenOrganisations), to signed-in people; nothing else.
membership: owned - the user's own memberships, and the members of the caller's organisations
migrations: system - TypeORM migration bookkeeping; the app role has no grant on it.
network: owned - the owning organisation and the secretariat
network_meeting: owned - whoever sees the network
network_meeting_participant: owned - whoever sees the network
network_member: owned - whoever sees the network
network_working_group_member: owned - whoever sees the network
office_co_financing: owned - the cluster and the municipalities with a share in it
office_co_financing_amount: owned - whoever sees the co-financing
office_co_financing_share: owned - whoever sees the co-financing
office_placement_proposal: owned - the cluster and the lead municipality
office_placement_score: owned - whoever sees the proposal
organisation: public - Organisations are public register data (names, kinds, codes, regions).
organisation_relationship: public - The ecosystem graph between organisations is public.
programme: owned - published programmes (OPEN, RUNNING, CLOSED): everyone; drafts and cancelled: the operator
programme_enrolment: owned - the programme's operator
programme_enrolment_count: view - Throughput counts of published programmes (drafts: the operator); never which firms.
programme_enrolment_event: owned - the programme's operator
programme_funding_source: owned - whoever sees the programme
programme_kpi: owned - whoever sees the programme
rate_limit_counter: system - Request and sign-in counters per hashed address/account (core/rate-limit.ts); no personal data.
reception_municipality: public - Which municipalities a reception organisation covers is public configuration.
referral: owned - sender and receiver
referral_step: owned - whoever sees the referral (sender, receiver)
scheduled_job: system - When each background job last ran, so it runs once across processes (core/jobs.ts).
service_agreement: owned - its parties (the creating organisation only while no party is written yet)
service_agreement_follow_up: owned - whoever sees the agreement
service_agreement_party: owned - whoever sees the agreement
service_agreement_signature: owned - whoever sees the agreement
service_agreement_transition: owned - whoever sees the agreement
service_agreement_version: owned - whoever sees the agreement
session: owned - the user's own sessions (authentication reads them through gg_session_memberships)
touchpoint: owned - the recording organisation; others under consent or an open referral (journey sharing)
`;

test('every table is listed with its visibility rule', () => {
  const listed = Object.entries(ROW_RULES)
    .map(([t, r]) => `${t}: ${r.kind} - ${r.kind === 'owned' ? r.rule : r.reason}`)
    .sort();
  expect(listed).toEqual(EXPECTED.trim().split('\n'));
});
