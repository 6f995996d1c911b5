import { createTestApp, TestApp } from '../testing/harness';
import { encodeCursor } from './pagination';

/** Each class of bad input gets BAD_USER_INPUT (or NOT_FOUND) naming the argument: never an internal error. */
let app: TestApp;
beforeAll(async () => {
  app = await createTestApp({ firmCount: 30 });
});
afterAll(() => app?.close());

const as = { email: 'consultant@midtjylland.demo' };
const only = (r: { errors?: Array<{ extensions?: Record<string, unknown> }> }) => r.errors?.[0]?.extensions;

describe('strings PostgreSQL cannot store or that are not text', () => {
  it('refuses a NUL byte in a query argument, naming it', async () => {
    const r = await app.exec('query($c: String!) { organisationByCode(officialCode: $c, kind: MUNICIPALITY, country: DK) { id } }', { c: '10\u00001' }, as);
    expect(only(r)).toEqual({ code: 'BAD_USER_INPUT', fields: [{ field: 'officialCode', message: expect.stringMatching(/NUL/) }] });
  });

  it('refuses a NUL byte written as a GraphQL string literal', async () => {
    const r = await app.exec('{ organisationByCode(officialCode: "10\\u00001", kind: MUNICIPALITY, country: DK) { id } }', {}, as);
    expect(only(r)).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'officialCode' }] });
  });

  it('refuses a lone surrogate in a mutation input field, naming the path, and writes nothing', async () => {
    const org = app.org('gh:midtjylland').id;
    const r = await app.exec('mutation($input: CreateFirmInput!) { createFirm(input: $input) { firm { id } userErrors { field } } }', {
      input: { country: 'DK', name: 'Bad \ud800 name', recordedByOrganisationId: org },
    }, as);
    expect(only(r)).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.name', message: expect.stringMatching(/surrogate/) }] });
    const [{ n }] = await app.ds.query(`SELECT count(*)::int AS n FROM firm WHERE name LIKE 'Bad %'`);
    expect(n).toBe(0);
  });

  it('accepts proper surrogate pairs (emoji) and other Unicode', async () => {
    const r = await app.exec('query($c: String!) { organisationByCode(officialCode: $c, kind: MUNICIPALITY, country: DK) { id } }', { c: 'Ærø 🏃 Malmö' }, as);
    expect(r.errors).toBeUndefined();
  });
});

describe('cursors', () => {
  const page = 'query($after: String) { organisations(first: 2, after: $after) { edges { node { id } } pageInfo { endCursor } } }';
  it('pages with the cursors it hands out', async () => {
    const one = await app.exec(page, {}, as);
    const two = await app.exec(page, { after: one.data.organisations.pageInfo.endCursor }, as);
    expect(two.errors).toBeUndefined();
    expect(two.data.organisations.edges[0].node.id).not.toBe(one.data.organisations.edges[0].node.id);
  });

  it.each([
    ['not base64', 'garbage!'],
    ['not JSON', Buffer.from('nope').toString('base64url')],
    ['wrong arity', encodeCursor(['a'])],
    ['wrong types', encodeCursor([1, 2])],
    ['an id that is no uuid', encodeCursor(['aarhus', 'not-a-uuid'])],
    ['a NUL inside', encodeCursor(['a\u0000', '00000000-0000-4000-8000-000000000000'])],
  ])('refuses a crafted cursor (%s) with BAD_USER_INPUT naming `after`', async (_what, after) => {
    const r = await app.exec(page, { after }, as);
    expect(only(r)).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'after' }] });
  });

  it("refuses another connection's cursor whose key has other types (a timestamp list given a name cursor)", async () => {
    const firm = (await app.ds.query(`SELECT id FROM firm LIMIT 1`))[0].id;
    const r = await app.exec('query($f: ID!, $after: String) { firmJourney(firmId: $f, after: $after) { edges { cursor } } }', { f: firm, after: encodeCursor(['aarhus', firm]) }, as);
    expect(only(r)).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'after' }] });
  });
});

describe('ids', () => {
  it.each(['not-a-uuid', '00000000-0000-0000-0000-00000000000Z', "1' OR '1'='1", ''])('answers a malformed id (%s) as not found, never a cast error', async (id) => {
    const r = await app.exec('query($id: ID!) { organisation(id: $id) { id } firm(id: $id) { id } }', { id }, as);
    for (const e of r.errors ?? []) expect(['NOT_FOUND', 'BAD_USER_INPUT']).toContain(e.extensions?.code);
    if (!r.errors) expect(r.data).toEqual({ organisation: null, firm: null });
  });
});
