import { DEMO_API_KEY } from '../seed/demo';
import { codes, createTestApp, TestApp } from '../testing/harness';

/**
 * Gap closed (issue 8): register data is changed by editors and admins only, every change is kept in an
 * append-only history readable by everyone who can see the firm, and the growth-potential level comes from
 * the assessment history alone (the latest assessment, with who made it).
 */
let app: TestApp;
let firm: { id: string; name: string; version: number; municipality_id: string };
const UPDATE = `mutation($i: UpdateFirmInput!) { updateFirm(input: $i) { firm { id name version municipality { id } } userErrors { field code } } }`;
const HISTORY = `query($id: ID!) { firm(id: $id) { name history(first: 10) { edges { node { field oldValue newValue changedAt changedBy { displayName } changedByOrganisation { id } } } } } }`;
const CONSULTANT = { email: 'consultant@hovedstaden.demo' };
const EDITOR = { email: 'editor@randers.demo' };

beforeAll(async () => {
  app = await createTestApp();
  [firm] = await app.ds.query(`SELECT id, name, version, municipality_id FROM firm WHERE status = 'REGISTERED' AND country = 'DK' AND municipality_id = $1 ORDER BY id LIMIT 1`, [app.org('mun:DK:730').id]);
});
afterAll(() => app?.close());

describe('register data: editors only, every change in an append-only history', () => {
  it('a CONSULTANT cannot rename a register firm or move it to another municipality', async () => {
    const r = await app.exec(UPDATE, { i: { id: firm.id, expectedVersion: firm.version, name: 'Overtaget ApS', municipalityCode: '101' } }, CONSULTANT);
    expect(r.data.updateFirm).toEqual({ firm: null, userErrors: [{ field: ['input', 'id'], code: 'NOT_ALLOWED' }] });
    const [now] = await app.ds.query(`SELECT name, municipality_id, version FROM firm WHERE id = $1`, [firm.id]);
    expect(now).toEqual({ name: firm.name, municipality_id: firm.municipality_id, version: firm.version });
  });

  it('an EDITOR can; each changed field is kept with who, for which organisation, when (server time), old -> new', async () => {
    const before = Date.now();
    const r = await app.exec(UPDATE, { i: { id: firm.id, expectedVersion: firm.version, name: 'Omdøbt ApS', municipalityCode: '101', employees: undefined } }, EDITOR);
    expect(r.data.updateFirm.userErrors).toEqual([]);
    // Everyone who can see the firm reads the history (another organisation's consultant here).
    const h = await app.exec(HISTORY, { id: firm.id }, CONSULTANT);
    expect(h.errors).toBeUndefined();
    const changes = h.data.firm.history.edges.map((e: any) => e.node);
    expect(changes.map((c: any) => [c.field, c.oldValue, c.newValue]).sort()).toEqual([
      ['municipalityId', firm.municipality_id, app.org('mun:DK:101').id],
      ['name', firm.name, 'Omdøbt ApS'],
    ]);
    for (const c of changes) {
      expect(c.changedByOrganisation.id).toBe(app.org('mun:DK:730').id);
      expect(c.changedBy.displayName).toBe('Rikke Editor');
      expect(new Date(c.changedAt).getTime()).toBeGreaterThanOrEqual(before - 5_000);
    }
    // API keys read the history too, without the person.
    const key = await app.exec(HISTORY, { id: firm.id }, { apiKey: DEMO_API_KEY });
    expect(key.data.firm.history.edges.every((e: any) => e.node.changedBy === null && e.node.changedByOrganisation.id)).toBe(true);
  });

  it('the history cannot be changed or deleted', async () => {
    await expect(app.ds.query(`UPDATE firm_change SET new_value = 'x' WHERE firm_id = $1`, [firm.id])).rejects.toThrow(/append-only/);
    await expect(app.ds.query(`DELETE FROM firm_change WHERE firm_id = $1`, [firm.id])).rejects.toThrow(/append-only/);
  });

  it('a prospect stays its recording organisation\'s own record: its consultants may correct it', async () => {
    const [p] = await app.ds.query(`SELECT id, version FROM firm WHERE status = 'PROSPECT' AND owner_organisation_id = $1 LIMIT 1`, [app.org('gh:hovedstaden').id]);
    const r = await app.exec(UPDATE, { i: { id: p.id, expectedVersion: p.version, name: 'Iværksætter: app (rettet)' } }, CONSULTANT);
    expect(r.data.updateFirm.userErrors).toEqual([]);
    const other = await app.exec(UPDATE, { i: { id: p.id, expectedVersion: p.version + 1, name: 'x' } }, EDITOR);
    expect(other.data.updateFirm.userErrors).toEqual([{ field: ['input', 'id'], code: 'NOT_FOUND' }]);
  });
});

describe('the growth-potential level comes from the assessment history alone', () => {
  const GP = `query($id: ID!) { firm(id: $id) { growthPotentialLevel growthPotential { level segment assessedAt organisation { id } assessedBy { displayName } } } }`;

  it('the firm has no level column and the API takes no level in firm writes', async () => {
    expect(await app.ds.query(`SELECT 1 FROM information_schema.columns WHERE table_name = 'firm' AND column_name = 'growth_potential'`)).toEqual([]);
    const r = await app.exec(`mutation($i: UpdateFirmInput!) { updateFirm(input: $i) { userErrors { code } } }`, { i: { id: firm.id, expectedVersion: 1, growthPotentialLevel: 'HIGH' } }, EDITOR);
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);
  });

  it('the current level is the latest assessment, with who made it; eligibility checks follow it', async () => {
    const [f] = await app.ds.query(
      `SELECT f.id FROM firm f JOIN organisation m ON m.id = f.municipality_id
        WHERE f.status = 'REGISTERED' AND m.official_code = '751' AND m.country = 'DK' AND f.employees < 50 ORDER BY f.id LIMIT 1`,
    );
    const assess = (level: string) => app.exec(
      `mutation($i: AssessGrowthPotentialInput!) { assessGrowthPotential(input: $i) { userErrors { field code } } }`,
      { i: { firmId: f.id, level, segment: 'GROWTH_FIRM', organisationId: app.org('gh:midtjylland').id } },
      { email: 'consultant@midtjylland.demo' },
    );
    expect((await assess('LOW')).data.assessGrowthPotential.userErrors).toEqual([]);
    let r = await app.exec(GP, { id: f.id }, CONSULTANT);
    expect(r.data.firm).toMatchObject({ growthPotentialLevel: 'LOW', growthPotential: { level: 'LOW', organisation: { id: app.org('gh:midtjylland').id }, assessedBy: { displayName: 'Mette Consultant' } } });
    const [prog] = await app.ds.query(`SELECT id FROM programme WHERE 'HIGH' = ANY(eligible_growth_potential_levels) AND NOT 'LOW' = ANY(eligible_growth_potential_levels) AND state <> 'DRAFT' LIMIT 1`);
    const elig = `query($p: ID!, $f: ID!) { programmeEligibility(programmeId: $p, firmId: $f) { failedCriteria } }`;
    expect((await app.exec(elig, { p: prog.id, f: f.id }, CONSULTANT)).data.programmeEligibility.failedCriteria).toContain('GROWTH_POTENTIAL');
    expect((await assess('HIGH')).data.assessGrowthPotential.userErrors).toEqual([]);
    r = await app.exec(GP, { id: f.id }, CONSULTANT);
    expect(r.data.firm.growthPotential.level).toBe('HIGH');
    expect((await app.exec(elig, { p: prog.id, f: f.id }, CONSULTANT)).data.programmeEligibility.failedCriteria).not.toContain('GROWTH_POTENTIAL');
  });
});
