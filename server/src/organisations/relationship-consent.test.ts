import { createTestApp, TestApp } from '../testing/harness';

/**
 * Gap closed (issue 8): an edge between two organisations is proposed by one side's admin and takes effect
 * only when the other side's admin confirms it. Until then it changes nothing (KPI areas, cluster offices)
 * and is visible only to the two sides.
 */
let app: TestApp;
const ADD = `mutation($i: AddOrganisationRelationshipInput!) { addOrganisationRelationship(input: $i) { relationship { id state } userErrors { field code } } }`;
const CONFIRM = `mutation($i: ConfirmOrganisationRelationshipInput!) { confirmOrganisationRelationship(input: $i) { relationship { id state decidedAt } userErrors { field code } } }`;
const DECLINE = `mutation($i: DeclineOrganisationRelationshipInput!) { declineOrganisationRelationship(input: $i) { relationship { id state } userErrors { field code } } }`;
const RELS = `query($id: ID!) { organisation(id: $id) { relationships { id kind state from { id } to { id } } } }`;
const ATT = `query($id: ID!) { agreementKpiAttainment(agreementId: $id) { kpis { kpi { key metric } actual countedEntries } } }`;
const OFFICES = `query($id: ID!) { cluster(id: $id) { offices { id } } }`;

const CPH_ADMIN = { email: 'admin-cph@test.demo' };
const OFFICE_ADMIN = { email: 'admin-office@test.demo' };
const CLUSTER_ADMIN = { email: 'admin-webuild@test.demo' };
const KKR_ADMIN = { email: 'admin@kkr-midtjylland.demo' };
const OUTSIDER = { email: 'consultant@hovedstaden.demo' };

let kkrAgreement: string;
let officeId: string;

beforeAll(async () => {
  app = await createTestApp();
  await app.addUser(CPH_ADMIN.email, 'mun:DK:101', 'ADMIN');
  await app.addUser(CLUSTER_ADMIN.email, 'cluster:webuild', 'ADMIN');
  [{ id: officeId }] = await app.ds.query(`INSERT INTO organisation (kind, name, country, version) VALUES ('CLUSTER_OFFICE', 'Selvbestaltet kontor', 'DK', 1) RETURNING id`);
  const [{ id: userId }] = await app.ds.query(
    `INSERT INTO app_user (email, display_name, password_hash) SELECT $1, $1, password_hash FROM app_user ORDER BY created_at LIMIT 1 RETURNING id`, [OFFICE_ADMIN.email]);
  await app.ds.query(`INSERT INTO membership (user_id, organisation_id, role) VALUES ($1, $2, 'ADMIN')`, [userId, officeId]);
  kkrAgreement = (await app.ds.query(`SELECT agreement_id FROM service_agreement_party WHERE organisation_id = $1`, [app.org('kkr:1082').id]))[0].agreement_id;
  // Growth mappings in København in 2026: outside the KKR Midtjylland area.
  const firms = await app.ds.query(`SELECT f.id FROM firm f WHERE f.municipality_id = $1 AND f.status = 'REGISTERED' ORDER BY f.id LIMIT 3`, [app.org('mun:DK:101').id]);
  for (const f of firms) {
    await app.ds.query(`INSERT INTO touchpoint (firm_id, organisation_id, kind, occurred_at, details) VALUES ($1, $2, 'GROWTH_MAPPING', '2026-03-03T10:00:00Z', '{}')`,
      [f.id, app.org('gh:hovedstaden').id]);
  }
});
afterAll(() => app?.close());

const mappings = async () => {
  const r = await app.exec(ATT, { id: kkrAgreement }, KKR_ADMIN);
  return r.data.agreementKpiAttainment.kpis.find((k: any) => k.kpi.metric === 'GROWTH_MAPPINGS').countedEntries as number;
};

describe('relationships take effect only when the other side confirms', () => {
  it('a proposed MEMBER_OF_COUNCIL changes no KKR area, is seen only by the two sides, and counts once confirmed', async () => {
    const before = await mappings();
    const input = { kind: 'MEMBER_OF_COUNCIL', fromId: app.org('mun:DK:101').id, toId: app.org('kkr:1082').id };
    const proposed = await app.exec(ADD, { i: input }, CPH_ADMIN);
    expect(proposed.data.addOrganisationRelationship).toMatchObject({ userErrors: [], relationship: { state: 'PROPOSED' } });
    const id = proposed.data.addOrganisationRelationship.relationship.id;
    expect(await mappings()).toBe(before);

    // Visible to the two sides only.
    const seenBy = async (as: { email: string }) =>
      (await app.exec(RELS, { id: app.org('kkr:1082').id }, as)).data.organisation.relationships.some((r: any) => r.id === id);
    expect(await seenBy(KKR_ADMIN)).toBe(true);
    expect(await seenBy(CPH_ADMIN)).toBe(true);
    expect(await seenBy(OUTSIDER)).toBe(false);

    // Only the other side answers.
    const self = await app.exec(CONFIRM, { i: { id } }, CPH_ADMIN);
    expect(self.data.confirmOrganisationRelationship.userErrors).toEqual([{ field: ['input', 'id'], code: 'NOT_ALLOWED' }]);
    const outsider = await app.exec(CONFIRM, { i: { id } }, { email: 'admin@hovedstaden.demo' });
    expect(outsider.data.confirmOrganisationRelationship.userErrors).toEqual([{ field: ['input', 'id'], code: 'NOT_FOUND' }]);

    const declined = await app.exec(DECLINE, { i: { id } }, KKR_ADMIN);
    expect(declined.data.declineOrganisationRelationship).toMatchObject({ userErrors: [], relationship: { state: 'DECLINED' } });
    expect(await mappings()).toBe(before);
    expect(await seenBy(OUTSIDER)).toBe(false);
    const late = await app.exec(CONFIRM, { i: { id } }, KKR_ADMIN);
    expect(late.data.confirmOrganisationRelationship.userErrors).toEqual([{ field: ['input', 'id'], code: 'INVALID_STATE' }]);

    // Proposed again, then confirmed: now København's mappings count for the KKR, and everyone sees the edge.
    const again = await app.exec(ADD, { i: input }, CPH_ADMIN);
    expect(again.data.addOrganisationRelationship).toMatchObject({ userErrors: [], relationship: { id, state: 'PROPOSED' } });
    const ok = await app.exec(CONFIRM, { i: { id } }, KKR_ADMIN);
    expect(ok.data.confirmOrganisationRelationship).toMatchObject({ userErrors: [], relationship: { state: 'ACTIVE', decidedAt: expect.any(String) } });
    expect(await mappings()).toBeGreaterThanOrEqual(before + 3);
    expect(await seenBy(OUTSIDER)).toBe(true);
  });

  it('a self-declared OFFICE_OF adds no office to a cluster until the cluster confirms', async () => {
    const clusterId = app.org('cluster:webuild').id;
    const offices = async () => (await app.exec(OFFICES, { id: clusterId }, OUTSIDER)).data.cluster.offices.map((o: any) => o.id);
    const proposed = await app.exec(ADD, { i: { kind: 'OFFICE_OF', fromId: officeId, toId: clusterId } }, OFFICE_ADMIN);
    expect(proposed.data.addOrganisationRelationship).toMatchObject({ userErrors: [], relationship: { state: 'PROPOSED' } });
    expect(await offices()).not.toContain(officeId);
    const ok = await app.exec(CONFIRM, { i: { id: proposed.data.addOrganisationRelationship.relationship.id } }, CLUSTER_ADMIN);
    expect(ok.data.confirmOrganisationRelationship.userErrors).toEqual([]);
    expect(await offices()).toContain(officeId);
  });

  it('nobody can propose an edge between two organisations it does not administer', async () => {
    const r = await app.exec(ADD, { i: { kind: 'COOPERATES_WITH', fromId: app.org('mun:DK:101').id, toId: app.org('ki:au').id } }, { email: 'admin@hovedstaden.demo' });
    expect(r.data.addOrganisationRelationship.userErrors).toEqual([{ field: ['input', 'fromId'], code: 'NOT_ALLOWED' }]);
  });
});
