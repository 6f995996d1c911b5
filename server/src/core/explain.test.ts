import { authenticate } from '../identity/authenticate';
import { APP_ROLE, beginStatement, rlsSettingsOf, RlsSettings } from './rls';
import { createTestApp, TestApp } from '../testing/harness';

/**
 * EXPLAIN of every SELECT the benchmark's queries (bench/scenarios.mjs) issue: none may read the large
 * tables (firm, touchpoint) by a sequential scan. The demo data set is small, where a scan is what the
 * planner would pick anyway, so plans are made with enable_seqscan = off: a Seq Scan then remains only
 * where no index can serve the statement.
 *
 * Planned as the request plans them (issue 12): as the app role, with the caller's scope set as
 * core/rls.ts sets it, so the row-level security policies are in the plan. A policy (or an app condition)
 * with a non-LEAKPROOF operator can keep the query's own conditions from becoming index conditions; the
 * owner connection (no RLS) would not show that.
 */
const LARGE_TABLES = ['firm', 'touchpoint'];

const JOURNEY = `query($f: ID!) { firmJourney(firmId: $f, first: 20) {
  firm { name cvr } hiddenOrganisations { name } accessGrants { basis }
  edges { node { kind occurredAt recordedAt summary organisation { name }
    details { __typename ... on NoteDetails { text } ... on FirstContactDetails { channel } } } }
  pageInfo { hasNextPage endCursor } } }`;
const WORKLIST = `{ worklist { recentFirms(first: 20) { edges { node { lastOccurredAt touchpointCount firm { name } } } }
  milestonesDue(first: 20) { edges { node { title dueOn } } } referralsWaiting(first: 20) { edges { node { id } } } } }`;
const SEARCH = 'query($p: String!, $after: String) { firms(search: { namePrefix: $p }, first: 20, after: $after) { edges { node { name cvr municipality { name } } } pageInfo { endCursor } } }';
const BY_CVR = 'query($c: String!) { firms(search: { identifier: $c }) { edges { node { name } } } }';
const GRAPH = '{ organisations(filter: { kinds: [GROWTH_HOUSE] }, first: 10) { edges { node { name relationships(kinds: [COVERS]) { to { name firms(first: 5) { edges { node { name } } } } } } } } }';
const PARTNER = `{ organisations(filter: { kinds: [GROWTH_HOUSE] }, first: 10) { edges { node { id name
  relationships(kinds: [COVERS], direction: OUTGOING) { to { id name firms(first: 10) { edges { node { id name cvr employees } } pageInfo { endCursor } } } } } } } }`;

let app: TestApp;
let ownFirm: string;
let otherFirm: string;
let cvr: string;
beforeAll(async () => {
  app = await createTestApp({ firmCount: 400 });
  const firmIn = async (region: string) =>
    (await app.ds.query(`SELECT f.id, f.cvr FROM firm f JOIN organisation m ON m.id = f.municipality_id JOIN organisation r ON r.id = m.region_id
      WHERE r.official_code = $1 AND f.status = 'REGISTERED' ORDER BY f.id LIMIT 1`, [region]))[0];
  const own = await firmIn('1082');
  [ownFirm, cvr, otherFirm] = [own.id, own.cvr, (await firmIn('1084')).id];
});
afterAll(() => app?.close());

type PlanNode = { 'Node Type': string; 'Relation Name'?: string; 'Index Cond'?: string; Plans?: PlanNode[] };
/**
 * Reads of a whole large table: a Seq Scan, or an index scan without an index condition (with seqscan off
 * the planner walks a whole index rather than scan the table - e.g. when RLS keeps a condition out of the
 * index). Such a walk is fine only under a LIMIT it serves in order (the first page of a name-ordered list).
 */
const bitmapWithoutCond = (n: PlanNode): boolean =>
  (n['Node Type'] === 'Bitmap Index Scan' && !n['Index Cond']) || (/^Bitmap(And|Or)$/.test(n['Node Type']) && (n.Plans ?? []).some(bitmapWithoutCond));
const wholeIndex = (n: PlanNode, limited: boolean) =>
  (/^Index (Only )?Scan$/.test(n['Node Type']) && !n['Index Cond'] && !limited) || (n['Node Type'] === 'Bitmap Heap Scan' && (n.Plans ?? []).some(bitmapWithoutCond));
const scans = (n: PlanNode, limited = false): string[] => [
  ...(LARGE_TABLES.includes(n['Relation Name'] ?? '') && (n['Node Type'] === 'Seq Scan' || wholeIndex(n, limited))
    ? [`${n['Relation Name']!}${n['Node Type'] === 'Seq Scan' ? '' : ' (whole index)'}`]
    : []),
  ...(n.Plans ?? []).flatMap((c) => scans(c, n['Node Type'] === 'Limit' || (limited && n['Node Type'] !== 'Sort'))),
];

const CALLER = 'consultant@midtjylland.demo';

/** The scope a request of `email` runs with (what its BEGIN passes to set_config). */
async function settingsOf(email: string): Promise<RlsSettings> {
  const ctx = await authenticate(app.appDs, app.config, { authorization: `Bearer ${await app.tokenFor(email)}` });
  try {
    return rlsSettingsOf(ctx.principal, ctx.scope);
  } finally {
    await ctx.db.finish(false);
  }
}

/** In `runner`'s open transaction: become the app role with `email`'s scope (as a request does). */
async function actAs(runner: { query: (sql: string) => Promise<unknown> }, email: string) {
  const settings = await settingsOf(email);
  expect(settings.orgIds.length).toBeGreaterThan(0);
  await runner.query(`SET LOCAL ROLE ${APP_ROLE}`);
  await runner.query(beginStatement(settings).replace(/^START TRANSACTION; /, ''));
}

async function seqScansOf(query: string, variables: Record<string, unknown> = {}) {
  const r = await app.exec(query, variables, { email: CALLER });
  expect(r.errors).toBeUndefined();
  const selects = r.queries.statements.map((sql, i) => ({ sql, params: r.queries.parameters[i] })).filter((s) => /^\s*(SELECT|WITH)\b/i.test(s.sql));
  expect(selects.length).toBeGreaterThan(0);
  const runner = app.ds.createQueryRunner();
  try {
    await runner.startTransaction();
    await runner.query('SET LOCAL enable_seqscan = off');
    await actAs(runner, CALLER);
    const found: string[] = [];
    for (const s of selects) {
      const [{ 'QUERY PLAN': plan }] = await runner.query(`EXPLAIN (FORMAT JSON) ${s.sql}`, s.params);
      for (const table of scans(plan[0].Plan)) found.push(`${table}: ${s.sql.replace(/\s+/g, ' ').slice(0, 160)}`);
    }
    return found;
  } finally {
    await runner.rollbackTransaction();
    await runner.release();
  }
}

describe('the benchmark queries read firm and touchpoint through indexes only', () => {
  it('journey page of a firm of the caller\'s region', async () => expect(await seqScansOf(JOURNEY, { f: ownFirm })).toEqual([]));
  it('journey page of another region\'s firm', async () => expect(await seqScansOf(JOURNEY, { f: otherFirm })).toEqual([]));
  it('worklist', async () => expect(await seqScansOf(WORKLIST)).toEqual([]));
  it('firm search by name prefix, first page and the next', async () => {
    expect(await seqScansOf(SEARCH, { p: 'k' })).toEqual([]);
    const first = await app.exec(SEARCH, { p: 'k' }, { email: 'consultant@midtjylland.demo' });
    expect(await seqScansOf(SEARCH, { p: 'k', after: first.data.firms.pageInfo.endCursor })).toEqual([]);
  });
  it('firm lookup by CVR', async () => expect(await seqScansOf(BY_CVR, { c: cvr })).toEqual([]));
  it('organisation graph and the partner nested read', async () => {
    expect(await seqScansOf(GRAPH)).toEqual([]);
    expect(await seqScansOf(PARTNER)).toEqual([]);
  });

  it('the check plans as the app role: an index condition the owner gets but RLS forbids (a non-LEAKPROOF enum =) shows', async () => {
    const planned = async (asApp: boolean) => {
      const runner = app.ds.createQueryRunner();
      try {
        await runner.startTransaction();
        await runner.query('SET LOCAL enable_seqscan = off');
        if (asApp) await actAs(runner, CALLER);
        const [{ 'QUERY PLAN': plan }] = await runner.query(`EXPLAIN (FORMAT JSON) SELECT id FROM touchpoint WHERE kind = 'NOTE'`);
        return scans(plan[0].Plan);
      } finally {
        await runner.rollbackTransaction();
        await runner.release();
      }
    };
    expect(await planned(false)).toEqual([]); // IDX_touchpoint_kind_occurred
    expect(await planned(true)).toEqual([expect.stringMatching(/^touchpoint/)]);
  });

  it('the check finds a sequential scan where there is no index', async () => {
    const runner = app.ds.createQueryRunner();
    try {
      await runner.startTransaction();
      await runner.query('SET LOCAL enable_seqscan = off');
      const [{ 'QUERY PLAN': plan }] = await runner.query(`EXPLAIN (FORMAT JSON) SELECT id FROM firm WHERE employees = $1`, [5]);
      expect(scans(plan[0].Plan)).toEqual(['firm']);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });
});
