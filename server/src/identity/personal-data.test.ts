import { getNamedType, GraphQLField, GraphQLObjectType, GraphQLSchema, isInterfaceType, isNonNullType, isObjectType, isUnionType } from 'graphql';
import { buildAppSchema } from '../schema';
import { DEMO_API_KEY } from '../seed/demo';
import { codes, createTestApp, TestApp } from '../testing/harness';
import { sha256 } from './tokens';

/**
 * Gap closed (issue 8): API keys (partner dashboards) see register data, their organisation's records and
 * aggregates - no personal data: no member lists, no people's names or contact details, no "recorded by".
 */

/** Field names that hold a person's name or contact details. A new one must be guarded to pass. */
const PERSONAL_FIELD = /(^|[a-z])(email|phone|displayName|personName|contactName|ownerName|fullName)$/i;
/** Names that match but are not people: reviewed here. */
const NOT_PERSONAL: Record<string, string> = {
  'EstablishmentInquiry.displayName': 'the project\'s code name (or its project name for handlers)',
  'InvestorPortalListing.publicOwnerName': 'the public organisation owning the project',
};
/** Types that are personal data as a whole. */
const PERSONAL_TYPES = ['Membership', 'ContactPerson', 'ContactPersonRevealLog', 'JourneyAccessLog'];

const refusesKeys = (rule: string | undefined) => !!rule && (/not API keys/.test(rule) || rule.startsWith('signed-in user') || rule === 'the user themself');

/** Every field an API key can reach: from the root queries open to keys, following fields not refused to keys. */
function reachableByApiKey(schema: GraphQLSchema, rules: Map<string, string>) {
  const fields: Array<{ type: string; name: string; field: GraphQLField<unknown, unknown> }> = [];
  const seen = new Set<string>();
  const queue: GraphQLObjectType[] = [schema.getQueryType()!];
  while (queue.length) {
    const type = queue.shift()!;
    if (seen.has(type.name)) continue;
    seen.add(type.name);
    for (const field of Object.values(type.getFields())) {
      if (refusesKeys(rules.get(`${type.name}.${field.name}`))) continue;
      fields.push({ type: type.name, name: field.name, field });
      const target = getNamedType(field.type);
      if (isObjectType(target)) queue.push(target);
      else if (isUnionType(target) || isInterfaceType(target)) queue.push(...schema.getPossibleTypes(target));
    }
  }
  return { fields, types: seen };
}

describe('the schema an API key can reach holds no personal data', () => {
  const { schema, access } = buildAppSchema();
  const rules = new Map(access.map((a) => [`${a.type}.${a.field}`, a.rule]));
  const { fields, types } = reachableByApiKey(schema, rules);

  it('reaches a large part of the schema (the walk is real)', () => {
    expect(types.size).toBeGreaterThan(60);
    expect(types.has('ServiceAgreement')).toBe(true);
    expect(types.has('Network')).toBe(true);
  });

  it('every field naming a person or their contact details is refused to API keys', () => {
    expect(fields.filter((f) => PERSONAL_FIELD.test(f.name) && !NOT_PERSONAL[`${f.type}.${f.name}`]).map((f) => `${f.type}.${f.name}`)).toEqual([]);
  });

  it('member lists, contact persons and access logs are out of reach', () => {
    expect(PERSONAL_TYPES.filter((t) => types.has(t))).toEqual([]);
  });

  it('fields returning a User are nullable (keys get null) and the User type shows keys nothing but its id', () => {
    const toUser = fields.filter((f) => getNamedType(f.field.type).name === 'User');
    expect(toUser.length).toBeGreaterThan(5); // recordedBy, signedBy, reportedBy, ...
    expect(toUser.filter((f) => isNonNullType(f.field.type)).map((f) => `${f.type}.${f.name}`)).toEqual([]);
    expect(fields.filter((f) => f.type === 'User').map((f) => f.name).sort()).toEqual(['createdAt', 'id']);
  });
});

describe('an API key reading records gets no people', () => {
  let app: TestApp;
  const networkKey = 'ggk_test_network_read_only_0001';
  beforeAll(async () => {
    app = await createTestApp();
    const [{ owner }] = await app.ds.query(`SELECT owner_organisation_id AS owner FROM network WHERE EXISTS (SELECT 1 FROM network_member m WHERE m.network_id = network.id AND m.contact_name IS NOT NULL) LIMIT 1`);
    await app.ds.query(`INSERT INTO api_key (organisation_id, name, prefix, key_hash) VALUES ($1, 'Netværksdashboard', $2, $3)`, [owner, networkKey.slice(0, 10), sha256(networkKey)]);
  });
  afterAll(() => app?.close());

  it('its organisation\'s member list is refused (names, roles, e-mails)', async () => {
    const r = await app.exec(`query($id: ID!) { organisation(id: $id) { name members { role user { id displayName } } } }`, { id: app.org('kkr:1082').id }, { apiKey: DEMO_API_KEY });
    expect(r.data.organisation).toEqual({ name: expect.any(String), members: null });
    expect(codes(r)).toEqual(['FORBIDDEN']);
    // A signed-in member still sees it.
    const user = await app.exec(`query($id: ID!) { organisation(id: $id) { members { user { displayName } } } }`, { id: app.org('kkr:1082').id }, { email: 'admin@kkr-midtjylland.demo' });
    expect(user.data.organisation.members.length).toBeGreaterThan(0);
  });

  it('an agreement\'s signers, reporters and life-cycle actors are null; the records and aggregates remain', async () => {
    const [{ id }] = await app.ds.query(`SELECT agreement_id AS id FROM service_agreement_party WHERE organisation_id = $1`, [app.org('kkr:1082').id]);
    const q = `query($id: ID!) { serviceAgreement(id: $id) { state
      versions { signatures { party { name } signedBy { id displayName } } }
      transitions { toState by { id displayName } } followUps { reportedBy { id displayName } } } }`;
    const r = await app.exec(q, { id }, { apiKey: DEMO_API_KEY });
    expect(r.errors).toBeUndefined();
    const a = r.data.serviceAgreement;
    expect(a.state).toBe('ACTIVE');
    const sigs = a.versions.flatMap((v: any) => v.signatures);
    expect(sigs.length).toBeGreaterThan(0);
    expect(sigs.every((s: any) => s.signedBy === null && s.party.name)).toBe(true);
    expect(a.transitions.every((t: any) => t.by === null)).toBe(true);
    const signed = await app.exec(q, { id }, { email: 'admin@kkr-midtjylland.demo' });
    expect(signed.data.serviceAgreement.versions.flatMap((v: any) => v.signatures).some((s: any) => s.signedBy?.displayName)).toBe(true);
  });

  it('a network\'s contact persons and working-group names are refused; counts remain', async () => {
    const [{ id }] = await app.ds.query(`SELECT n.id FROM network n JOIN api_key k ON k.organisation_id = n.owner_organisation_id WHERE k.prefix = $1 LIMIT 1`, [networkKey.slice(0, 10)]);
    const r = await app.exec(`query($id: ID!) { network(id: $id) { memberCount members(first: 50) { edges { node { contactName firm { name } } } } workingGroup { personName role } } }`, { id }, { apiKey: networkKey });
    expect(r.data.network.memberCount).toBeGreaterThan(0);
    expect(codes(r).length).toBeGreaterThan(0);
    expect(codes(r).every((c) => c === 'FORBIDDEN')).toBe(true);
    const text = JSON.stringify(r.data);
    const names: Array<{ contact_name: string }> = await app.ds.query(`SELECT contact_name FROM network_member WHERE network_id = $1 AND contact_name IS NOT NULL`, [id]);
    expect(names.length).toBeGreaterThan(0);
    for (const n of names) expect(text).not.toContain(n.contact_name);
  });
});
