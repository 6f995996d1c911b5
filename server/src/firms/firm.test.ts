import { codes, createTestApp, TestApp } from '../testing/harness';

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp({ firmCount: 300 });
});
afterAll(() => app?.close());

const CREATE = `mutation($i: CreateFirmInput!) { createFirm(input: $i) {
  firm { id status cvr organisationsnummer name version municipality { name } }
  userErrors { field message code } } }`;
const UPDATE = `mutation($i: UpdateFirmInput!) { updateFirm(input: $i) { firm { id name version } userErrors { field message code } } }`;
const LINK = `mutation($i: LinkFirmIdentifierInput!) { linkFirmIdentifier(input: $i) { firm { id status cvr version mergedInto { id } } userErrors { field message code } } }`;
const FIRM = 'query($id: ID!) { firm(id: $id) { id name status } }';
const SEARCH = 'query($s: FirmSearch, $first: Int!, $after: String) { firms(search: $s, first: $first, after: $after) { edges { cursor node { id name cvr } } pageInfo { hasNextPage endCursor } } }';

const MIDT = 'consultant@midtjylland.demo';
const HOVED = 'consultant@hovedstaden.demo';
const firmCount = async () => Number((await app.ds.query('SELECT count(*) FROM firm'))[0].count);

describe('creating firms: bad input is a typed user error naming the field, and nothing is written', () => {
  it.each([
    ['an invalid CVR (check digit)', { country: 'DK', name: 'A', cvr: '24256791' }, ['input', 'cvr'], 'INVALID_IDENTIFIER'],
    ['a CVR starting with 0', { country: 'DK', name: 'A', cvr: '02425679' }, ['input', 'cvr'], 'INVALID_IDENTIFIER'],
    ['an invalid organisationsnummer (Luhn)', { country: 'SE', name: 'A', organisationsnummer: '556036-0794' }, ['input', 'organisationsnummer'], 'INVALID_IDENTIFIER'],
    ['a CVR on a Swedish firm', { country: 'SE', name: 'A', cvr: '24256790' }, ['input', 'cvr'], 'INVALID'],
    ['an unknown municipality code', { country: 'DK', name: 'A', cvr: '24256790', municipalityCode: '999' }, ['input', 'municipalityCode'], 'NOT_FOUND'],
    ['an oversized name', { country: 'DK', name: 'x'.repeat(201), cvr: '24256790' }, ['input', 'name'], 'TOO_LONG'],
    ['an empty name', { country: 'DK', name: '', cvr: '24256790' }, ['input', 'name'], 'REQUIRED'],
    ['a wrong-length industry code', { country: 'DK', name: 'A', cvr: '24256790', industryCode: '6201' }, ['input', 'industryCode'], 'INVALID'],
    ['negative employees', { country: 'DK', name: 'A', cvr: '24256790', employees: -1 }, ['input', 'employees'], 'INVALID'],
  ])('%s', async (_label, input, field, code) => {
    const before = await firmCount();
    const r = await app.exec(CREATE, { i: input }, { email: MIDT });
    expect(r.errors).toBeUndefined();
    expect(r.data.createFirm.firm).toBeNull();
    expect(r.data.createFirm.userErrors[0]).toMatchObject({ field, code });
    expect(await firmCount()).toBe(before);
  });

  it.each([
    ['empty', ''],
    ['only spaces', '   '],
  ])('a name that is %s is REQUIRED with the rule named (minLength 1), like other required fields', async (_label, name) => {
    const before = await firmCount();
    const r = await app.exec(`mutation($i: CreateFirmInput!) { createFirm(input: $i) { firm { id } userErrors { field code parameters { name value } } } }`, { i: { country: 'DK', name, cvr: '24256790' } }, { email: MIDT });
    expect(r.errors).toBeUndefined();
    expect(r.data.createFirm).toEqual({
      firm: null,
      userErrors: [{ field: ['input', 'name'], code: 'REQUIRED', parameters: [{ name: 'constraint', value: 'minLength' }, { name: 'min', value: '1' }] }],
    });
    expect(await firmCount()).toBe(before);
  });

  it('a duplicate CVR is refused naming the field', async () => {
    const existing = (await app.ds.query(`SELECT cvr FROM firm WHERE cvr IS NOT NULL LIMIT 1`))[0].cvr;
    const before = await firmCount();
    const r = await app.exec(CREATE, { i: { country: 'DK', name: 'Copy', cvr: existing } }, { email: MIDT });
    expect(r.data.createFirm.userErrors).toEqual([{ field: ['input', 'cvr'], message: 'A firm with this CVR number exists already.', code: 'DUPLICATE' }]);
    expect(await firmCount()).toBe(before);
  });

  it('a strange string never becomes a 500', async () => {
    const r = await app.exec(SEARCH, { s: { namePrefix: "%' OR 1=1 --\\" }, first: 5 }, { email: MIDT });
    expect(r.errors).toBeUndefined();
    expect(r.data.firms.edges).toEqual([]);
    const badCursor = await app.exec(SEARCH, { first: 5, after: 'garbage' }, { email: MIDT });
    expect(codes(badCursor)).toEqual(['BAD_USER_INPUT']);
    const tooMany = await app.exec(SEARCH, { first: 5000 }, { email: MIDT });
    expect(codes(tooMany)).toEqual(['BAD_USER_INPUT']);
    expect(tooMany.errors![0].message).toMatch(/first/);
  });

  it('creates a register firm with a valid CVR and municipality code', async () => {
    const r = await app.exec(CREATE, { i: { country: 'DK', name: 'Testfirma ApS', cvr: '10403782', municipalityCode: '730', industryCode: '620100' } }, { email: MIDT });
    expect(r.data.createFirm.userErrors).toEqual([]);
    expect(r.data.createFirm.firm).toMatchObject({ status: 'REGISTERED', cvr: '10403782', municipality: { name: 'Randers Kommune' }, version: 1 });
  });

  it('accepts a Swedish organisationsnummer with a dash and stores it normalised', async () => {
    const r = await app.exec(CREATE, { i: { country: 'SE', name: 'Kalmar Test AB', organisationsnummer: '556036-0793', municipalityCode: '0880' } }, { email: 'coordinator@kalmar.demo' });
    expect(r.data.createFirm.userErrors).toEqual([]);
    expect(r.data.createFirm.firm.organisationsnummer).toBe('5560360793');
  });
});

describe('identifiers are immutable', () => {
  it('the database refuses to change a CVR once set', async () => {
    const [firm] = await app.ds.query(`SELECT id FROM firm WHERE cvr IS NOT NULL LIMIT 1`);
    await expect(app.ds.query(`UPDATE firm SET cvr = '24256790' WHERE id = $1`, [firm.id])).rejects.toThrow(/immutable/);
  });

  it('the API has no way to change an identifier', async () => {
    const [firm] = await app.ds.query(`SELECT id, version FROM firm WHERE cvr IS NOT NULL LIMIT 1`);
    const r = await app.exec(LINK, { i: { firmId: firm.id, expectedVersion: firm.version, cvr: '24256790' } }, { email: MIDT });
    expect(r.data.linkFirmIdentifier.userErrors[0]).toMatchObject({ field: ['input', 'firmId'], code: 'IMMUTABLE' });
  });
});

describe('prospects (would-be entrepreneurs) are private to the organisation that recorded them', () => {
  let prospectId: string;
  beforeAll(async () => {
    const r = await app.exec(CREATE, { i: { country: 'DK', name: 'Zebra Iværksætter Idé', municipalityCode: '730' } }, { email: MIDT });
    expect(r.data.createFirm.userErrors).toEqual([]);
    prospectId = r.data.createFirm.firm.id;
    expect(r.data.createFirm.firm.status).toBe('PROSPECT');
  });

  it('the recording organisation sees it by id and in search', async () => {
    expect((await app.exec(FIRM, { id: prospectId }, { email: MIDT })).data.firm.name).toBe('Zebra Iværksætter Idé');
    const s = await app.exec(SEARCH, { s: { namePrefix: 'zebra iv' }, first: 10 }, { email: MIDT });
    expect(s.data.firms.edges.map((e: any) => e.node.id)).toContain(prospectId);
  });

  it('another organisation gets null by id: the same as for an id that does not exist', async () => {
    const other = await app.exec(FIRM, { id: prospectId }, { email: HOVED });
    const missing = await app.exec(FIRM, { id: '00000000-0000-4000-8000-000000000000' }, { email: HOVED });
    expect(other).toMatchObject({ data: { firm: null }, errors: undefined });
    expect(missing).toMatchObject({ data: { firm: null }, errors: undefined });
  });

  it('another organisation does not find it through search, identifier or a municipality\'s firms', async () => {
    const s = await app.exec(SEARCH, { s: { namePrefix: 'zebra iv' }, first: 10 }, { email: HOVED });
    expect(s.data.firms.edges).toEqual([]);
    const nested = await app.exec(
      'query($code: String!) { organisationByCode(country: DK, kind: MUNICIPALITY, officialCode: $code) { firms(first: 100) { edges { node { id } } } } }',
      { code: '730' },
      { email: HOVED },
    );
    const ids = nested.data.organisationByCode.firms.edges.map((e: any) => e.node.id);
    expect(ids).not.toContain(prospectId);
    // ... while the owner sees it there.
    const own = await app.exec(
      'query($code: String!) { organisationByCode(country: DK, kind: MUNICIPALITY, officialCode: $code) { firms(first: 100) { edges { node { id } } } } }',
      { code: '730' },
      { email: MIDT },
    );
    expect(own.data.organisationByCode.firms.edges.map((e: any) => e.node.id)).toContain(prospectId);
  });

  it('an API key of another organisation does not see it either', async () => {
    const r = await app.exec(FIRM, { id: prospectId }, { apiKey: 'ggk_demo_kkr_midtjylland_read_only' });
    expect(r.data.firm).toBeNull();
  });

  it('another organisation cannot change it, and the refusal is the one for a missing firm', async () => {
    const r = await app.exec(UPDATE, { i: { id: prospectId, expectedVersion: 1, name: 'Hijacked' } }, { email: HOVED });
    const missing = await app.exec(UPDATE, { i: { id: '00000000-0000-4000-8000-000000000000', expectedVersion: 1, name: 'x' } }, { email: HOVED });
    expect(r.data.updateFirm.userErrors).toEqual([{ field: ['input', 'id'], message: 'Firm not found.', code: 'NOT_FOUND' }]);
    expect(missing.data.updateFirm.userErrors).toEqual(r.data.updateFirm.userErrors);
    expect((await app.ds.query('SELECT name FROM firm WHERE id = $1', [prospectId]))[0].name).toBe('Zebra Iværksætter Idé');
  });

  it('a viewer (no "record") cannot create firms', async () => {
    const r = await app.exec(CREATE, { i: { country: 'DK', name: 'Nope' } }, { email: 'viewer@kkr-midtjylland.demo' });
    expect(codes(r)).toEqual(['FORBIDDEN']);
  });

  it('linking the CVR keeps the same firm (and so its history) and makes it public', async () => {
    const r = await app.exec(LINK, { i: { firmId: prospectId, expectedVersion: 1, cvr: '22756214' } }, { email: MIDT });
    expect(r.data.linkFirmIdentifier.userErrors).toEqual([]);
    expect(r.data.linkFirmIdentifier.firm).toMatchObject({ id: prospectId, status: 'REGISTERED', cvr: '22756214', version: 2 });
    expect((await app.exec(FIRM, { id: prospectId }, { email: HOVED })).data.firm.status).toBe('REGISTERED');
  });

  it('linking a CVR that is already registered merges the prospect into that firm', async () => {
    const p = await app.exec(CREATE, { i: { country: 'DK', name: 'Second idea' } }, { email: MIDT });
    const [existing] = await app.ds.query(`SELECT id, cvr FROM firm WHERE status = 'REGISTERED' AND cvr IS NOT NULL AND id <> $1 LIMIT 1`, [prospectId]);
    const r = await app.exec(LINK, { i: { firmId: p.data.createFirm.firm.id, expectedVersion: 1, cvr: existing.cvr } }, { email: MIDT });
    expect(r.data.linkFirmIdentifier.firm).toMatchObject({ status: 'MERGED', cvr: null, mergedInto: { id: existing.id } });
  });
});

describe('search and pagination', () => {
  it('pages through a name prefix with cursors, without gaps or repeats', async () => {
    const [{ prefix }] = await app.ds.query(`SELECT lower(left(name, 1)) AS prefix, count(*) FROM firm GROUP BY 1 ORDER BY 2 DESC LIMIT 1`);
    const expected = Number((await app.ds.query(`SELECT count(*) FROM firm WHERE lower(name) LIKE $1 AND status <> 'PROSPECT'`, [prefix + '%']))[0].count);
    expect(expected).toBeGreaterThan(10);
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 100; page++) {
      const r: any = await app.exec(SEARCH, { s: { namePrefix: prefix }, first: 7, after }, { email: HOVED });
      seen.push(...r.data.firms.edges.map((e: any) => e.node.id));
      if (!r.data.firms.pageInfo.hasNextPage) break;
      after = r.data.firms.pageInfo.endCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(expected);
  });

  it('finds a firm by CVR and by organisationsnummer with or without a dash', async () => {
    const [dk] = await app.ds.query(`SELECT id, cvr FROM firm WHERE cvr IS NOT NULL LIMIT 1`);
    const [se] = await app.ds.query(`SELECT id, organisationsnummer FROM firm WHERE organisationsnummer IS NOT NULL LIMIT 1`);
    const byCvr = await app.exec(SEARCH, { s: { identifier: dk.cvr }, first: 5 }, { email: HOVED });
    expect(byCvr.data.firms.edges.map((e: any) => e.node.id)).toEqual([dk.id]);
    const dashed = `${se.organisationsnummer.slice(0, 6)}-${se.organisationsnummer.slice(6)}`;
    const byOrgnr = await app.exec(SEARCH, { s: { identifier: dashed }, first: 5 }, { email: HOVED });
    expect(byOrgnr.data.firms.edges.map((e: any) => e.node.id)).toEqual([se.id]);
  });
});

describe('concurrent edits', () => {
  it('of many writers holding the same version exactly one wins; the rest get a conflict', async () => {
    const [firm] = await app.ds.query(`SELECT id, version FROM firm WHERE status = 'REGISTERED' ORDER BY name DESC LIMIT 1`);
    const writers = await Promise.all(
      // Register data: editors only (editor@randers.demo is EDITOR of Randers Kommune).
      Array.from({ length: 8 }, (_, i) => app.exec(UPDATE, { i: { id: firm.id, expectedVersion: firm.version, name: `Writer ${i}` } }, { email: 'editor@randers.demo' })),
    );
    const winners = writers.filter((w) => w.data.updateFirm.userErrors.length === 0);
    const losers = writers.filter((w) => w.data.updateFirm.userErrors.length > 0);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(7);
    for (const l of losers) expect(l.data.updateFirm.userErrors[0]).toMatchObject({ field: ['input', 'expectedVersion'], code: 'VERSION_CONFLICT' });
    const [after] = await app.ds.query('SELECT name, version FROM firm WHERE id = $1', [firm.id]);
    expect(after).toEqual({ name: winners[0].data.updateFirm.firm.name, version: firm.version + 1 });
  });
});
