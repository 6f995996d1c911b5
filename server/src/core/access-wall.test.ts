import { randomUUID } from 'node:crypto';
import { contentOf, createAgreement, EDITOR, GH_ADMIN, M, OTHER, Q } from '../agreements/agreement.testkit';
import { ProgrammeState } from '../programmes/programme.entity';
import { PUBLISHED_STATES } from '../programmes/programme.service';
import { createTestApp, TestApp } from '../testing/harness';
import { Capability } from './access';
import { createContext } from './context';
import { ROW_RULES } from './row-rules';
import { Role, Scope } from './scope';

/**
 * The app and the wall say the same (README "The access model in three lines"): for the cases where the
 * row rule once admitted more than the area (agreements' creator, networks' representing organisation,
 * programmes' published states), each road - the API (by id, in a list, nested) and an unscoped SELECT
 * under row-level security - answers the same, and both match the row rule evaluated as the owner.
 */
let app: TestApp;
beforeAll(async () => {
  app = await createTestApp({ firmCount: 40 });
});
afterAll(() => app?.close());

/** A request of the demo user `email` as authentication builds it (app role, their memberships), for raw SQL. */
async function wall(email: string, sql: string, params: unknown[]): Promise<string[]> {
  const [{ id: userId }] = await app.ds.query('SELECT id FROM app_user WHERE email = $1', [email]);
  const ms: Array<{ organisation_id: string; role: Role }> = await app.ds.query('SELECT organisation_id, role FROM membership WHERE user_id = $1', [userId]);
  const ctx = createContext(app.appDs, app.config, { kind: 'user', userId, sessionId: randomUUID() }, new Scope(ms.map((m) => ({ organisationId: m.organisation_id, role: m.role })), false));
  try {
    return (await ctx.ds.query(sql, params)).map((r: { id: string }) => r.id).sort();
  } finally {
    await ctx.db.finish(false);
  }
}

/** The table's row rule evaluated as the owner (no RLS) for `email`, restricted by `where` on t. */
async function oracle(email: string, table: string, where: string, params: unknown[]): Promise<string[]> {
  const rule = ROW_RULES[table];
  if (rule.kind !== 'owned') throw new Error(`${table} is not owned`);
  const [{ id: userId }] = await app.ds.query('SELECT id FROM app_user WHERE email = $1', [email]);
  const ms: Array<{ organisation_id: string; role: Role }> = await app.ds.query('SELECT organisation_id, role FROM membership WHERE user_id = $1', [userId]);
  const scope = new Scope(ms.map((m) => ({ organisationId: m.organisation_id, role: m.role })), false);
  const n = params.length;
  const sql = `SELECT t.id FROM ${table} t WHERE (${rule.oracle.replace(/\$([123])/g, (_, k) => `$${Number(k) + n}`)}) AND ${where}`;
  const typed = `$${n + 1}::uuid[] IS NOT DISTINCT FROM $${n + 1}::uuid[] AND $${n + 2}::uuid IS NOT DISTINCT FROM $${n + 2}::uuid AND $${n + 3}::uuid[] IS NOT DISTINCT FROM $${n + 3}::uuid[]`;
  const rows = await app.ds.query(`${sql} AND ${typed}`, [...params, scope.organisationIds(Capability.READ), userId, scope.organisationIds(Capability.ADMINISTER)]);
  return rows.map((r: { id: string }) => r.id).sort();
}

const codeOf = (r: { errors?: Array<{ extensions?: Record<string, unknown> }> }) => r.errors?.[0]?.extensions?.code;

describe('service agreements: parties only, on both roads', () => {
  let id: string;
  const RANDERS_CREATOR = EDITOR; // Randers Kommune EDITOR: the agreement's creating organisation

  beforeAll(async () => {
    const a = await createAgreement(app);
    id = a.id;
    // The growth house (not the creator) drops the creating municipality from the parties of the draft.
    const parties = [
      { organisationId: app.org('council:randers').id, role: 'BUSINESS_COUNCIL' },
      { organisationId: app.org('gh:midtjylland').id, role: 'GROWTH_HOUSE' },
    ];
    const content = contentOf(app, { economy: [{ organisationId: app.org('council:randers').id, year: 2026, amount: 500000 }] });
    const r = await app.exec(M.UPDATE, { i: { agreementId: id, expectedVersion: a.version, content, parties } }, GH_ADMIN);
    expect(r.errors).toBeUndefined();
    expect(r.data.updateAgreementDraft.userErrors).toEqual([]);
    expect(r.data.updateAgreementDraft.agreement.parties.map((p: { organisation: { id: string } }) => p.organisation.id).sort()).toEqual(parties.map((p) => p.organisationId).sort());
    const [row] = await app.ds.query('SELECT created_by_organisation_id AS creator, state FROM service_agreement WHERE id = $1', [id]);
    expect(row).toEqual({ creator: app.org('mun:DK:730').id, state: 'DRAFT' });
  });

  test('the creating organisation, no longer a party, sees the draft on neither road; the parties still do', async () => {
    // Members of Randers Kommune only (the editor is also a VIEWER of the council, a party): a fresh admin.
    const creatorOnly = { email: 'creator-only@randers.test' };
    await app.addUser(creatorOnly.email, 'mun:DK:730', 'ADMIN');
    const random = randomUUID();
    const byId = await app.exec(Q.AGREEMENT, { id }, creatorOnly);
    const missing = await app.exec(Q.AGREEMENT, { id: random }, creatorOnly);
    expect(byId.data).toEqual(missing.data);
    expect(byId.errors?.map((e) => [e.message, e.extensions?.code])).toEqual(missing.errors?.map((e) => [e.message, e.extensions?.code]));
    const list = await app.exec(Q.LIST, { first: 100 }, creatorOnly);
    expect(list.data.serviceAgreements.edges.map((e: { node: { id: string } }) => e.node.id)).not.toContain(id);
    // Nested: the agreement's parts through the roads that take its id.
    const attainment = await app.exec(Q.ATTAINMENT, { id }, creatorOnly);
    expect(codeOf(attainment)).toBe(codeOf(await app.exec(Q.ATTAINMENT, { id: random }, creatorOnly)));
    expect(attainment.data).toBeNull();
    const compare = await app.exec(Q.COMPARE, { id, from: 1, to: 1 }, creatorOnly);
    expect(codeOf(compare)).toBe(codeOf(await app.exec(Q.COMPARE, { id: random, from: 1, to: 1 }, creatorOnly)));

    // The wall: the agreement and each of its child tables, unscoped, for the creator-only member.
    expect(await wall(creatorOnly.email, 'SELECT id FROM service_agreement WHERE id = $1', [id])).toEqual([]);
    for (const child of ['service_agreement_party', 'service_agreement_version', 'service_agreement_transition']) {
      expect(await wall(creatorOnly.email, `SELECT id FROM ${child} WHERE agreement_id = $1`, [id])).toEqual([]);
      expect(await oracle(creatorOnly.email, child, 't.agreement_id = $1', [id])).toEqual([]);
      // A party's member sees the same rows on the wall as the rule gives.
      const party = await wall(GH_ADMIN.email, `SELECT id FROM ${child} WHERE agreement_id = $1`, [id]);
      expect(party.length).toBeGreaterThan(0);
      expect(party).toEqual(await oracle(GH_ADMIN.email, child, 't.agreement_id = $1', [id]));
    }
    expect(await oracle(creatorOnly.email, 'service_agreement', 't.id = $1', [id])).toEqual([]);

    // The parties: the API, the wall and the rule agree.
    const party = await app.exec(Q.AGREEMENT, { id }, GH_ADMIN);
    expect(party.data.serviceAgreement.id).toBe(id);
    expect(await wall(GH_ADMIN.email, 'SELECT id FROM service_agreement WHERE id = $1', [id])).toEqual([id]);
    expect(await oracle(GH_ADMIN.email, 'service_agreement', 't.id = $1', [id])).toEqual([id]);
    // The editor of Randers Kommune is also a viewer of the council, a party: it still sees it.
    expect((await app.exec(Q.AGREEMENT, { id }, RANDERS_CREATOR)).data.serviceAgreement.id).toBe(id);
    // Another region's growth house: nothing anywhere.
    expect(await wall(OTHER.email, 'SELECT id FROM service_agreement WHERE id = $1', [id])).toEqual([]);
  });

  test('the creator-only window exists inside the creating transaction alone: no committed agreement is partyless', async () => {
    const [{ n }] = await app.ds.query('SELECT count(*)::int AS n FROM service_agreement a WHERE NOT EXISTS (SELECT 1 FROM service_agreement_party p WHERE p.agreement_id = a.id)');
    expect(n).toBe(0);
  });
});

describe('networks: owner and secretariat, not the representing organisation', () => {
  let networkId: string;
  beforeAll(async () => {
    // København owns it; the growth house of Hovedstaden is named as the organisation representing it.
    [{ id: networkId }] = await app.ds.query(
      `INSERT INTO network (name, owner_organisation_id, organisation_id, version) VALUES ('Testnetværk Nordhavn', $1, $2, 1) RETURNING id`,
      [app.org('mun:DK:101').id, app.org('gh:hovedstaden').id],
    );
    await app.ds.query(`INSERT INTO network_member (network_id, contact_name) SELECT $1, 'Medlem ' || g FROM generate_series(1, 2) g`, [networkId]);
  });

  test('the representing organisation sees the network on neither road; the owner on both', async () => {
    const random = randomUUID();
    const NETWORK = 'query($id: ID!) { network(id: $id) { id name } }';
    const byId = await app.exec(NETWORK, { id: networkId }, OTHER);
    const missing = await app.exec(NETWORK, { id: random }, OTHER);
    expect(byId.data).toEqual(missing.data);
    expect(byId.errors?.map((e) => [e.message, e.extensions?.code])).toEqual(missing.errors?.map((e) => [e.message, e.extensions?.code]));
    const list = await app.exec('query { networks(first: 100) { edges { node { id } } } }', {}, OTHER);
    expect(list.data.networks.edges.map((e: { node: { id: string } }) => e.node.id)).not.toContain(networkId);
    expect(await wall(OTHER.email, 'SELECT id FROM network WHERE id = $1', [networkId])).toEqual([]);
    expect(await oracle(OTHER.email, 'network', 't.id = $1', [networkId])).toEqual([]);
    expect(await wall(OTHER.email, 'SELECT id FROM network_member WHERE network_id = $1', [networkId])).toEqual([]);

    // Nested: Hovedstaden's own funding application for that network shows the application, not the network.
    const [{ id: pool }] = await app.ds.query(`INSERT INTO funding_pool (name, owner_organisation_id) VALUES ('Netværkspuljen', $1) RETURNING id`, [app.org('mun:DK:101').id]);
    const [{ id: application }] = await app.ds.query(
      `INSERT INTO funding_application (pool_id, applicant_organisation_id, network_id, project_name, version) VALUES ($1, $2, $3, 'Morgenmøder i Nordhavn', 1) RETURNING id`,
      [pool, app.org('gh:hovedstaden').id, networkId],
    );
    const nested = await app.exec('query($id: ID!) { fundingApplication(id: $id) { id network { id } } }', { id: application }, OTHER);
    expect(nested.errors).toBeUndefined();
    expect(nested.data.fundingApplication).toEqual({ id: application, network: null });

    const owner = { email: 'editor@kobenhavn.demo' };
    expect((await app.exec(NETWORK, { id: networkId }, owner)).data.network.id).toBe(networkId);
    expect(await wall(owner.email, 'SELECT id FROM network WHERE id = $1', [networkId])).toEqual([networkId]);
    expect(await oracle(owner.email, 'network', 't.id = $1', [networkId])).toEqual([networkId]);
    const members = await wall(owner.email, 'SELECT id FROM network_member WHERE network_id = $1', [networkId]);
    expect(members).toHaveLength(2);
    expect(members).toEqual(await oracle(owner.email, 'network_member', 't.network_id = $1', [networkId]));
  });
});

describe('programmes: an allow-list of published states, the same in the app and the rule', () => {
  test("the row rule's published states are PUBLISHED_STATES", () => {
    const rule = ROW_RULES.programme;
    if (rule.kind !== 'owned') throw new Error('programme is owned');
    const listed = /IN \(([^)]*)\)/.exec(rule.oracle)![1].split(',').map((s) => s.trim().replace(/'/g, '')).sort();
    expect(listed).toEqual([...PUBLISHED_STATES].sort());
    expect(/IN \(([^)]*)\)/.exec(rule.unscoped!)![1].split(',').map((s) => s.trim().replace(/'/g, '')).sort()).toEqual(listed);
  });

  test('in every state, a programme is visible to the same callers by id, in a list and on the wall', async () => {
    const operator = app.org('gh:midtjylland').id;
    const [{ id }] = await app.ds.query(
      `INSERT INTO programme (operator_organisation_id, kind, name, starts_on, ends_on, capacity, state, eligible_growth_potential_levels, eligible_region_ids,
         eligible_industry_code_prefixes, eligible_size_classes, version)
       SELECT $1, kind, 'Testforløb i alle tilstande', starts_on, ends_on, capacity, 'DRAFT', '{}', '{}', '{}', '{}', 1 FROM programme LIMIT 1 RETURNING id`,
      [operator],
    );
    const PROGRAMME = 'query($id: ID!) { programme(id: $id) { id } }';
    const OPERATED = 'query { operatedProgrammes(first: 100) { edges { node { id } } } }';
    for (const state of Object.values(ProgrammeState)) {
      await app.ds.query('UPDATE programme SET state = $2 WHERE id = $1', [id, state]);
      const published = PUBLISHED_STATES.includes(state);
      for (const who of [OTHER, GH_ADMIN]) {
        const isOperator = who === GH_ADMIN;
        const api = (await app.exec(PROGRAMME, { id }, who)).data?.programme?.id ?? null;
        const onWall = await wall(who.email, 'SELECT id FROM programme WHERE id = $1', [id]);
        const byRule = await oracle(who.email, 'programme', 't.id = $1', [id]);
        const expected = published || isOperator ? [id] : [];
        expect({ state, who: who.email, api: api ? [api] : [], onWall, byRule }).toEqual({ state, who: who.email, api: expected, onWall: expected, byRule: expected });
      }
      const operated = (await app.exec(OPERATED, {}, GH_ADMIN)).data.operatedProgrammes.edges.map((e: { node: { id: string } }) => e.node.id);
      expect(operated).toContain(id);
    }
  });
});
