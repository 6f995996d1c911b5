import { codes, createTestApp, TestApp } from '../testing/harness';

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp({ firmCount: 1500 });
});
afterAll(() => app?.close());

const VIEWER = { email: 'viewer@kkr-midtjylland.demo' };

describe('the organisation graph', () => {
  it('is navigable in both directions', async () => {
    const r = await app.exec(
      `query { organisationByCode(country: DK, kind: MUNICIPALITY, officialCode: "730") {
         name region { name }
         incoming: relationships(direction: INCOMING) { kind from { name } }
         outgoing: relationships(direction: OUTGOING) { kind to { name kind } } } }`,
      {},
      VIEWER,
    );
    expect(r.errors).toBeUndefined();
    const m = r.data.organisationByCode;
    expect(m.name).toBe('Randers Kommune');
    expect(m.region.name).toBe('Region Midtjylland');
    expect(m.incoming.map((x: any) => `${x.kind} ${x.from.name}`).sort()).toEqual(['COVERS Erhvervshus Midtjylland', 'SERVES Erhverv Randers']);
    expect(m.outgoing.map((x: any) => `${x.kind} ${x.to.name}`).sort()).toEqual(['LOCATED_IN Region Midtjylland', 'MEMBER_OF_COUNCIL KKR Midtjylland']);

    const gh = await app.exec('query($id: ID!) { organisation(id: $id) { relationships(kinds: [COVERS]) { to { officialCode } } } }', { id: app.org('gh:midtjylland').id }, VIEWER);
    expect(gh.data.organisation.relationships).toHaveLength(19);
  });

  it('has the reference data: 98 Danish municipalities, 5 regions, 6 growth houses, Kalmar län with 12', async () => {
    const count = async (filter: object) => {
      let n = 0;
      let after: string | null = null;
      do {
        const r: any = await app.exec('query($f: OrganisationFilter, $after: String) { organisations(filter: $f, first: 100, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }', { f: filter, after }, VIEWER);
        n += r.data.organisations.edges.length;
        after = r.data.organisations.pageInfo.hasNextPage ? r.data.organisations.pageInfo.endCursor : null;
      } while (after);
      return n;
    };
    expect(await count({ kinds: ['MUNICIPALITY'], country: 'DK' })).toBe(98);
    expect(await count({ kinds: ['REGION'], country: 'DK' })).toBe(5);
    expect(await count({ kinds: ['GROWTH_HOUSE'] })).toBe(6);
    expect(await count({ kinds: ['MUNICIPALITY'], regionId: app.org('region:SE:08').id })).toBe(12);
  });
});

describe('no N+1: a nested query issues a fixed number of SQL statements', () => {
  const NESTED = `query($kinds: [OrganisationKind!], $first: Int!) {
    organisations(filter: { kinds: $kinds }, first: $first) { edges { node {
      name region { name }
      relationships(kinds: [COVERS, RECEPTION_FOR]) { kind to { name region { name }
        firms(first: 5) { edges { node { name cvr municipality { name } } } } } } } } } }`;

  it('does not grow with the number of organisations, relationships or firms', async () => {
    const one = await app.exec(NESTED, { kinds: ['GROWTH_HOUSE'], first: 1 }, VIEWER);
    const all = await app.exec(NESTED, { kinds: ['GROWTH_HOUSE', 'INVESTMENT_PROMOTION_AGENCY'], first: 20 }, VIEWER);
    expect(one.errors).toBeUndefined();
    expect(all.errors).toBeUndefined();
    const firmsIn = (r: any) =>
      r.data.organisations.edges.flatMap((e: any) => e.node.relationships.flatMap((rel: any) => rel.to.firms.edges)).length;
    const relsIn = (r: any) => r.data.organisations.edges.flatMap((e: any) => e.node.relationships).length;
    // The bigger query really returns much more ...
    expect(relsIn(all)).toBeGreaterThan(140);
    expect(firmsIn(all)).toBeGreaterThan(5 * firmsIn(one));
    // ... with as many statements: page, regions, relationships, organisations, firms (+1 when a level's
    // organisations happen to be cached already in the small query and not in the big one).
    expect(all.queries.count).toBeLessThanOrEqual(one.queries.count + 1);
    // +2: every request runs in one transaction on the app role (row-level security): its first statement
    // begins it and sets the caller's scope, and COMMIT ends it (core/rls.ts).
    expect(all.queries.count).toBeLessThanOrEqual(6 + 2);
  });

  it('reads both sides of every relationship with the relationships, each side\'s profile sent once', async () => {
    // A growth house is the "from" of all its COVERS rows: its profile comes on the first of them only (the others carry
    // NULL), yet `from` and `to` of every row are answered without a statement of their own.
    const Q = `{ organisations(filter: { kinds: [GROWTH_HOUSE] }, first: 10) { edges { node { id name
      relationships(kinds: [COVERS], direction: OUTGOING) { kind from { id name kind createdAt } to { id name kind officialCode } } } } } }`;
    const r: any = await app.exec(Q, {}, VIEWER);
    expect(r.errors).toBeUndefined();
    const houses = r.data.organisations.edges.map((e: any) => e.node);
    const rels = houses.flatMap((h: any) => h.relationships.map((x: any) => ({ h, x })));
    expect(rels.length).toBeGreaterThan(90);
    for (const { h, x } of rels) {
      expect(x.from).toMatchObject({ id: h.id, name: h.name, kind: 'GROWTH_HOUSE' });
      expect(x.to.kind).toBe('MUNICIPALITY');
    }
    const [row] = await app.ds.query(`SELECT created_at AS "createdAt" FROM organisation WHERE id = $1`, [houses[0].id]);
    expect(rels.find(({ h }: any) => h.id === houses[0].id).x.from.createdAt).toBe(row.createdAt.toISOString());
    // The sides cost no statement: the same query without them issues as many (organisations page, relationships).
    const bare: any = await app.exec(`{ organisations(filter: { kinds: [GROWTH_HOUSE] }, first: 10) { edges { node { id relationships(kinds: [COVERS], direction: OUTGOING) { kind } } } } }`, {}, VIEWER);
    expect(bare.errors).toBeUndefined();
    expect(r.queries.count).toBe(bare.queries.count);
    expect(r.queries.count).toBeLessThanOrEqual(2 + 2);
    const statement = r.queries.statements.find((t: string) => t.includes('organisation_relationship'))!;
    expect(statement).toContain('row_number() OVER');
  });
});

describe('editing an organisation', () => {
  const UPDATE = 'mutation($i: UpdateOrganisationInput!) { updateOrganisation(input: $i) { organisation { description version } userErrors { field code message } } }';

  it('only its admins may, with a version check', async () => {
    const id = app.org('gh:midtjylland').id;
    const other = await app.exec(UPDATE, { i: { id, expectedVersion: 1, description: 'taken over' } }, { email: 'admin@hovedstaden.demo' });
    expect(other.data.updateOrganisation.userErrors).toMatchObject([{ field: ['input', 'id'], code: 'NOT_ALLOWED' }]);
    const consultant = await app.exec(UPDATE, { i: { id, expectedVersion: 1, description: 'x' } }, { email: 'consultant@midtjylland.demo' });
    expect(codes(consultant)).toEqual(['FORBIDDEN']);

    const ok = await app.exec(UPDATE, { i: { id, expectedVersion: 1, description: 'Growth house of Central Denmark' } }, { email: 'admin@midtjylland.demo' });
    expect(ok.data.updateOrganisation).toMatchObject({ organisation: { version: 2 }, userErrors: [] });
    const stale = await app.exec(UPDATE, { i: { id, expectedVersion: 1, description: 'stale' } }, { email: 'admin@midtjylland.demo' });
    expect(stale.data.updateOrganisation.userErrors).toMatchObject([{ field: ['input', 'expectedVersion'], code: 'VERSION_CONFLICT' }]);
    expect((await app.ds.query('SELECT description FROM organisation WHERE id = $1', [id]))[0].description).toBe('Growth house of Central Denmark');
  });

  it('rejects a bad website as a typed error naming the field', async () => {
    const r = await app.exec(UPDATE, { i: { id: app.org('gh:midtjylland').id, expectedVersion: 2, website: 'javascript:alert(1)' } }, { email: 'admin@midtjylland.demo' });
    expect(r.data.updateOrganisation.userErrors[0]).toMatchObject({ field: ['input', 'website'], code: 'INVALID' });
  });

  it('relationships are added and removed by admins of the "from" organisation only', async () => {
    const ADD = 'mutation($i: AddOrganisationRelationshipInput!) { addOrganisationRelationship(input: $i) { relationship { id } userErrors { field code } } }';
    const REMOVE = 'mutation($i: RemoveOrganisationRelationshipInput!) { removeOrganisationRelationship(input: $i) { removedId userErrors { field code } } }';
    const input = { kind: 'COOPERATES_WITH', fromId: app.org('gh:midtjylland').id, toId: app.org('ki:au').id };
    const foreign = await app.exec(ADD, { i: input }, { email: 'admin@hovedstaden.demo' });
    expect(foreign.data.addOrganisationRelationship.userErrors).toEqual([{ field: ['input', 'fromId'], code: 'NOT_ALLOWED' }]);
    const added = await app.exec(ADD, { i: input }, { email: 'admin@midtjylland.demo' });
    const relId = added.data.addOrganisationRelationship.relationship.id;
    const dup = await app.exec(ADD, { i: input }, { email: 'admin@midtjylland.demo' });
    expect(dup.data.addOrganisationRelationship.userErrors).toEqual([{ field: ['input', 'kind'], code: 'DUPLICATE' }]);
    const removeForeign = await app.exec(REMOVE, { i: { id: relId } }, { email: 'admin@hovedstaden.demo' });
    expect(removeForeign.data.removeOrganisationRelationship.userErrors).toEqual([{ field: ['input', 'id'], code: 'NOT_FOUND' }]);
    const removed = await app.exec(REMOVE, { i: { id: relId } }, { email: 'admin@midtjylland.demo' });
    expect(removed.data.removeOrganisationRelationship.removedId).toBe(relId);
  });
});
