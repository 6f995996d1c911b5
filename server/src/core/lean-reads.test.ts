import { codes, createTestApp, TestApp } from '../testing/harness';

/** The lean execution layer and lean reads (issue 12) give the same answers and the same typed errors. */
let app: TestApp;
beforeAll(async () => {
  app = await createTestApp({ firmCount: 300 });
});
afterAll(() => app?.close());

const AS = { email: 'consultant@midtjylland.demo' };

describe('page arguments are checked by hand, with the typed error naming the field', () => {
  it('refuses first out of 1-100 and an over-long cursor, at the root and nested', async () => {
    const zero = await app.exec('{ firms(first: 0) { edges { node { id } } } }', {}, AS);
    expect(codes(zero)).toEqual(['BAD_USER_INPUT']);
    expect(zero.errors![0].extensions).toMatchObject({ fields: [{ field: 'first', message: 'first must not be less than 1' }] });
    const nested = await app.exec('{ organisations(filter: { kinds: [MUNICIPALITY] }, first: 2) { edges { node { firms(first: 101) { edges { node { id } } } } } } }', {}, AS);
    expect(nested.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', fields: [{ field: 'first', message: 'first must not be greater than 100' }] });
    expect(nested.errors![0].path).toEqual(['organisations', 'edges', 0, 'node', 'firms']);
    const long = await app.exec('query($a: String) { firms(after: $a) { edges { node { id } } } }', { a: 'x'.repeat(501) }, AS);
    expect(long.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'after' }] });
  });
});

describe('firm lists in name order (lower(name) COLLATE "C") with lazy cursors', () => {
  const SEARCH = 'query($p: String, $after: String) { firms(search: { namePrefix: $p }, first: 7, after: $after) { edges { cursor node { id name } } pageInfo { hasNextPage startCursor endCursor } } }';

  it('pages through a prefix search exactly as SQL orders it, without gaps or repeats', async () => {
    // the most common first letter, so there are a few pages
    const [{ p }] = await app.ds.query(`SELECT left(lower(name), 1) AS p FROM firm WHERE status <> 'PROSPECT' GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`);
    const expected: string[] = (await app.ds.query(
      `SELECT id FROM firm WHERE status <> 'PROSPECT' AND lower(name) COLLATE "C" LIKE $1 ORDER BY lower(name) COLLATE "C", id`, [`${p}%`],
    )).map((r: { id: string }) => r.id);
    expect(expected.length).toBeGreaterThan(14);
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 50; page++) {
      const r: any = await app.exec(SEARCH, { p, after }, AS);
      expect(r.errors).toBeUndefined();
      const conn = r.data.firms;
      seen.push(...conn.edges.map((e: any) => e.node.id));
      if (conn.edges.length) {
        expect(conn.pageInfo.startCursor).toBe(conn.edges[0].cursor);
        expect(conn.pageInfo.endCursor).toBe(conn.edges[conn.edges.length - 1].cursor);
      }
      if (!conn.pageInfo.hasNextPage) break;
      after = conn.pageInfo.endCursor;
    }
    expect(seen).toEqual(expected);
  });

  it('a prefix search with municipality names is one statement (+ COMMIT); a lookup by CVR without them too', async () => {
    const Q = 'query($p: String!) { firms(search: { namePrefix: $p }, first: 20) { edges { node { name cvr municipality { name } } } pageInfo { endCursor } } }';
    const r: any = await app.exec(Q, { p: 'a' }, AS);
    expect(r.errors).toBeUndefined();
    const expected = await app.ds.query(
      `SELECT f.name, m.name AS municipality FROM firm f LEFT JOIN organisation m ON m.id = f.municipality_id
        WHERE f.status <> 'PROSPECT' AND lower(f.name) COLLATE "C" LIKE 'a%' ORDER BY lower(f.name) COLLATE "C", f.id LIMIT 20`);
    expect(expected.length).toBeGreaterThan(1);
    expect(r.data.firms.edges.map((e: any) => [e.node.name, e.node.municipality?.name ?? null])).toEqual(expected.map((e: any) => [e.name, e.municipality]));
    // Was 2 + COMMIT: the firms, then the municipalities by the organisation loader (issue 12).
    expect(r.queries.statements.map((q: string) => q.slice(0, 20))).toEqual(['WITH page AS (SELECT', 'COMMIT']);
    const [{ cvr }] = await app.ds.query(`SELECT cvr FROM firm WHERE cvr IS NOT NULL LIMIT 1`);
    const byCvr: any = await app.exec('query($c: String!) { firms(search: { identifier: $c }) { edges { node { name } } } }', { c: cvr }, AS);
    expect(byCvr.data.firms.edges).toHaveLength(1);
    expect(byCvr.queries.count).toBe(2);
  });

  it('pages a municipality\'s firms in the same order, reading only the columns asked for, all fields still right', async () => {
    const [m] = await app.ds.query(`SELECT municipality_id AS id FROM firm WHERE status = 'REGISTERED' GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`);
    const Q = `query($m: ID!, $after: String) { organisation(id: $m) { firms(first: 3, after: $after) {
      edges { node { ...F sizeClass municipality { id } } } pageInfo { hasNextPage endCursor } } } }
      fragment F on Firm { id name cvr employees foundedOn createdAt status }`;
    const expected = await app.ds.query(
      `SELECT id, name, cvr, employees, to_char(founded_on, 'YYYY-MM-DD') AS "foundedOn", created_at AS "createdAt", status::text
         FROM firm WHERE municipality_id = $1 AND status <> 'PROSPECT' ORDER BY lower(name) COLLATE "C", id LIMIT 6`, [m.id]);
    const first: any = await app.exec(Q, { m: m.id }, AS);
    const second: any = await app.exec(Q, { m: m.id, after: first.data.organisation.firms.pageInfo.endCursor }, AS);
    const nodes = [...first.data.organisation.firms.edges, ...second.data.organisation.firms.edges].map((e: any) => e.node);
    expect(nodes.map((n: any) => n.id)).toEqual(expected.map((e: any) => e.id));
    nodes.forEach((n: any, i: number) => {
      const e = expected[i];
      expect(n).toMatchObject({ name: e.name, cvr: e.cvr, employees: e.employees, foundedOn: e.foundedOn, status: e.status, municipality: { id: m.id } });
      expect(n.createdAt).toBe(e.createdAt.toISOString());
      expect(n.sizeClass === null).toBe(e.employees === null);
    });
  });

  it('a nested read of municipalities -> firms stays at a fixed number of statements', async () => {
    const Q = `{ organisations(filter: { kinds: [GROWTH_HOUSE] }, first: 10) { edges { node { id name
      relationships(kinds: [COVERS], direction: OUTGOING) { to { id name firms(first: 10) { edges { node { id name cvr employees } } } } } } } } }`;
    const r: any = await app.exec(Q, {}, AS);
    expect(r.errors).toBeUndefined();
    const firms = r.data.organisations.edges.flatMap((e: any) => e.node.relationships.flatMap((x: any) => x.to.firms.edges));
    expect(firms.length).toBeGreaterThan(200);
    // organisations page, relationships (with both sides' organisations: no statement of its own for
    // the municipalities), firm pages; + 2 for the request's transaction (begin with the scope, commit: core/rls.ts)
    expect(r.queries.count).toBeLessThanOrEqual(3 + 2);
    // only the asked-for columns were read for the firm pages
    const page = r.queries.statements.find((s: string) => s.includes('LATERAL'))!;
    expect(page).toContain('"employees"');
    expect(page).not.toContain('"founded_on"');
  });
});
