import { buildAppSchema } from '../schema';

/**
 * Every query and mutation with its access rule. A change in who can reach what must show up here, in
 * review. (The rules are also printed into the schema's descriptions.)
 */
const EXPECTED = `
Mutation.addOrganisationRelationship: member with "administer" in an organisation; not API keys
Mutation.createApiKey: member with "administer" in an organisation; not API keys
Mutation.createFirm: member with "record" in an organisation; not API keys
Mutation.linkFirmIdentifier: member with "record" in an organisation; not API keys
Mutation.removeOrganisationRelationship: member with "administer" in an organisation; not API keys
Mutation.revokeApiKey: member with "administer" in an organisation; not API keys
Mutation.signIn: public (no sign-in)
Mutation.signOut: signed-in user; not API keys
Mutation.updateFirm: member with "record" in an organisation; not API keys
Mutation.updateOrganisation: member with "administer" in an organisation; not API keys
Organisation.apiKeys: member with "administer" in this organisation
Organisation.members: member with "read" in this organisation
Query.firm: signed in (user or API key)
Query.firms: signed in (user or API key)
Query.me: signed-in user
Query.organisation: signed in (user or API key)
Query.organisationByCode: signed in (user or API key)
Query.organisations: signed in (user or API key)
User.email: the user themself
User.memberships: the user themself
`;

describe('access rules', () => {
  it('declares a rule for every query and mutation, and the list is the reviewed one', () => {
    const { access } = buildAppSchema();
    const actual = access.map((a) => `${a.type}.${a.field}: ${a.rule}`).sort().join('\n');
    expect(actual).toBe(EXPECTED.trim());
  });

  it('refuses nothing by accident and nothing is left undeclared', () => {
    const { schema, access } = buildAppSchema();
    expect(access.filter((a) => a.rule.startsWith('DENIED'))).toEqual([]);
    const rootFields = [schema.getQueryType()!, schema.getMutationType()!].flatMap((t) => Object.keys(t.getFields()).map((f) => `${t.name}.${f}`));
    const declared = new Set(access.map((a) => `${a.type}.${a.field}`));
    expect(rootFields.filter((f) => !declared.has(f))).toEqual([]);
  });

  it('only sign-in is open without signing in', () => {
    const { access } = buildAppSchema();
    expect(access.filter((a) => a.rule.startsWith('public')).map((a) => a.field)).toEqual(['signIn']);
  });

  it('no mutation other than sign-in is open to API keys', () => {
    const { access } = buildAppSchema();
    const mutations = access.filter((a) => a.type === 'Mutation' && a.field !== 'signIn');
    expect(mutations.length).toBeGreaterThan(5);
    for (const m of mutations) expect(m.rule).toMatch(/not API keys$/);
  });
});
