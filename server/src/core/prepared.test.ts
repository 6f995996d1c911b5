import { prefixRange } from '../firms/firm.service';
import { firmJourneyPage } from '../journeys/journey.service';
import { createTestApp, TestApp } from '../testing/harness';
import { Capability } from './access';
import { createContext } from './context';
import { prepared, preparedName } from './prepared';
import { countQueries } from './query-counter';
import { Role, Scope } from './scope';

/** Named statements for the journey page (issue 12): planned once per connection, same answers, same statement count. */
let app: TestApp;
beforeAll(async () => {
  app = await createTestApp({ firmCount: 50 });
});
afterAll(() => app?.close());

it('sends the journey page statements as named statements, parsed once per connection', async () => {
  const [{ user_id: userId, organisation_id: orgId }] = await app.ds.query(
    `SELECT m.user_id, m.organisation_id FROM membership m JOIN app_user u ON u.id = m.user_id WHERE u.email = 'consultant@midtjylland.demo' LIMIT 1`,
  );
  // A firm with the organisation's entries and a register firm without any: both pages use the same text.
  const firms: Array<{ firm_id: string }> = await app.ds.query(
    `(SELECT firm_id FROM touchpoint WHERE organisation_id = $1 ORDER BY firm_id LIMIT 1)
     UNION ALL (SELECT f.id FROM firm f WHERE f.status::text = 'REGISTERED' AND NOT EXISTS (SELECT 1 FROM touchpoint t WHERE t.firm_id = f.id) ORDER BY f.id LIMIT 1)`, [orgId],
  );
  expect(firms).toHaveLength(2);
  const ctx = createContext(app.appDs, app.config, { kind: 'user', userId, sessionId: 'x' }, new Scope([{ organisationId: orgId, role: Role.CONSULTANT }], false));
  try {
    const scope = ctx.scope.require(Capability.READ);
    const pages: Array<Awaited<ReturnType<typeof firmJourneyPage>>> = [];
    const { tally } = await countQueries(async () => {
      for (const f of firms) pages.push(await firmJourneyPage(ctx, scope, f.firm_id, undefined, 20, null));
    });
    // BEGIN-with-scope and one read per page (was two; the first page may also log a foreign read it shows).
    const statements = tally.statements.filter((s) => !s.startsWith('INSERT')).slice(1);
    expect(statements).toHaveLength(2);
    for (const [i, page] of pages.entries()) {
      expect(page!.firm.id).toBe(firms[i].firm_id);
      const expected: Array<{ id: string }> = await app.ds.query(
        'SELECT id FROM touchpoint WHERE firm_id = $1 AND organisation_id = ANY($2::uuid[]) ORDER BY occurred_at DESC, id DESC LIMIT 20', [firms[i].firm_id, page!.visibleOwners],
      );
      expect(page!.connection.edges.map((e) => e.node.id)).toEqual(expected.map((e) => e.id));
    }
    expect(pages[0]!.connection.edges.length).toBeGreaterThan(0);
    // The session (this request's connection) holds the statement, under the name prepared() gave it.
    expect(statements[0]).toBe(statements[1]);
    const held: Array<{ name: string }> = await ctx.ds.query('SELECT name FROM pg_prepared_statements WHERE name LIKE $1', ['gg\\_%']);
    const names = held.map((r) => r.name);
    for (const s of statements.slice(0, 1)) {
      expect(preparedName(s)).toMatch(/^gg_[0-9a-f]{20}$/);
      expect(names).toContain(preparedName(s));
    }
  } finally {
    await ctx.db.finish(false);
  }
});

it('marks a lookup by CVR (one plan for every number) and a name-prefix search given as an index range', async () => {
  const AS = { email: 'consultant@midtjylland.demo' };
  const [{ cvr }] = await app.ds.query(`SELECT cvr FROM firm WHERE cvr IS NOT NULL AND status::text = 'REGISTERED' ORDER BY id LIMIT 1`);
  for (const q of ['query($c: String!) { firms(search: { identifier: $c }) { edges { node { name } } } }', 'query($c: String!) { firms(search: { identifier: $c }) { edges { node { name municipality { name } } } } }']) {
    const r = await app.exec(q, { c: cvr }, AS);
    expect(r.errors).toBeUndefined();
    expect(r.data.firms.edges).toHaveLength(1);
    // The lookup and COMMIT (BEGIN-with-scope ran in authentication): the count is unchanged, the lookup is the marked text.
    expect(r.queries.count).toBe(2);
    expect(preparedName(r.queries.statements[0])).toBeDefined();
  }
  // The prefix as a range of the "C"-collated name (not LIKE, which a generic plan cannot use as an index range):
  // the same firms, in the same order, as LIKE gives.
  for (const p of ['a', 'K', 'Nord', 'zz']) {
    const search = await app.exec('query($p: String!) { firms(search: { namePrefix: $p }, first: 5) { edges { node { name municipality { name } } } } }', { p }, AS);
    expect(search.errors).toBeUndefined();
    expect(search.queries.count).toBe(2);
    expect(search.queries.statements[0]).not.toMatch(/LIKE/);
    expect(preparedName(search.queries.statements[0])).toBeDefined();
    const expected = await app.ds.query(
      `SELECT name FROM firm WHERE status::text <> 'PROSPECT' AND lower(name) COLLATE "C" LIKE $1 ORDER BY lower(name) COLLATE "C", id LIMIT 5`, [`${p.toLowerCase()}%`],
    );
    expect(search.data.firms.edges.map((e: any) => e.node.name)).toEqual(expected.map((r: any) => r.name));
  }
});

it('gives the code-point range of a prefix', () => {
  expect(prefixRange('ab')).toEqual({ lo: 'ab', hi: 'ac' });
  expect(prefixRange('kø')).toEqual({ lo: 'kø', hi: 'kù' });
  expect(prefixRange('a\u{D7FF}')).toEqual({ lo: 'a\u{D7FF}', hi: 'a\u{E000}' });
  expect(prefixRange('a\u{1F600}')).toEqual({ lo: 'a\u{1F600}', hi: 'a\u{1F601}' });
  expect(prefixRange('a\u{10FFFF}')).toBeNull();
});

// Last: it fills the registry up to its cap.
it('prepares only marked texts, and at most 64 of them', () => {
  expect(preparedName('SELECT 1 -- never marked')).toBeUndefined();
  const marked = Array.from({ length: 80 }, (_, i) => prepared(`SELECT ${i} AS cap_probe`));
  const named = marked.filter((s) => preparedName(s) !== undefined);
  expect(named.length).toBeGreaterThan(0);
  expect(named.length).toBeLessThanOrEqual(64);
  expect(preparedName(marked[79])).toBeUndefined();
});
