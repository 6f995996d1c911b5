import { randomUUID } from 'node:crypto';
import {
  getNamedType, GraphQLArgument, GraphQLField, GraphQLInputType, isEnumType, isInputObjectType, isListType, isNonNullType, isObjectType, isScalarType,
} from 'graphql';
import { contentOf, createAgreement, OTHER_ADMIN } from '../agreements/agreement.testkit';
import { buildAppSchema } from '../schema';
import { createTestApp, TestApp } from '../testing/harness';
import { Capability } from './access';
import { ROW_RULES } from './row-rules';
import { Role, Scope } from './scope';

/**
 * Cross-organisation probes: an id of another organisation's row must be answered exactly like an id that
 * does not exist (message, code, extensions, userErrors), or the answer tells that the row exists. Walks
 * every root field taking an `id`/`*Id` argument, and every mutation whose input has a top-level `id`/`*Id`
 * field, and sends a FOREIGN id (a row the caller's row rule hides, core/row-rules.ts) and a RANDOM one.
 * The other arguments get plausible values, their ids rows the caller does see, so the probed id is what decides.
 */
let app: TestApp;
const CALLER = { email: 'admin@midtjylland.demo' }; // ADMIN of Erhvervshus Midtjylland, VIEWER of its KKR
let ruleParams: unknown[];
beforeAll(async () => {
  app = await createTestApp({ firmCount: 40 });
  const [{ id: userId }] = await app.ds.query('SELECT id FROM app_user WHERE email = $1', [CALLER.email]);
  const ms: Array<{ organisation_id: string; role: Role }> = await app.ds.query('SELECT organisation_id, role FROM membership WHERE user_id = $1', [userId]);
  const scope = new Scope(ms.map((m) => ({ organisationId: m.organisation_id, role: m.role })), false);
  ruleParams = [scope.organisationIds(Capability.READ), userId, scope.organisationIds(Capability.ADMINISTER)];
  // Rows of tables where the seed has none the caller cannot see: Hovedstaden's own agreement and draft programme.
  await createAgreement(app, {
    parties: [{ organisationId: app.org('mun:DK:101').id, role: 'MUNICIPALITY' }, { organisationId: app.org('gh:hovedstaden').id, role: 'GROWTH_HOUSE' }],
    content: contentOf(app, { taskDivision: [{ organisationId: app.org('gh:hovedstaden').id, tasks: 'Vækstkortlægning.' }], economy: [] }),
  }, OTHER_ADMIN);
  await app.ds.query(
    `INSERT INTO programme (operator_organisation_id, kind, name, starts_on, ends_on, capacity, state, eligible_growth_potential_levels, eligible_region_ids,
       eligible_industry_code_prefixes, eligible_size_classes, version)
     SELECT $1, kind, 'Kladde: acceleratorforløb', starts_on, ends_on, capacity, 'DRAFT', '{}', '{}', '{}', '{}', 1 FROM programme LIMIT 1`,
    [app.org('gh:hovedstaden').id],
  );
});
afterAll(() => app?.close());

const { schema } = buildAppSchema();
const snake = (s: string) => s.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
const ownedTables = Object.keys(ROW_RULES);

/** Types and argument stems whose table is not found by name. */
const TABLE_OF: Record<string, string> = {
  agreement: 'service_agreement', ServiceAgreement: 'service_agreement', InvestorPortalListing: 'investor_portal_project', project: 'investor_portal_project',
  reveal: 'contact_person', consent: 'firm_consent', party: 'service_agreement_party', key: 'api_key', apiKey: 'api_key', user: 'app_user',
  session: 'session', milestone: 'growth_plan_milestone', enrolment: 'programme_enrolment', meeting: 'network_meeting', pool: 'funding_pool',
  coFinancing: 'office_co_financing', OfficeCoFinancing: 'office_co_financing', proposal: 'office_placement_proposal', activity: 'cluster_activity',
  application: 'funding_application', inquiry: 'establishment_inquiry', offer: 'establishment_offer', followUp: 'service_agreement_follow_up',
  // Public register data: no foreign rows to probe (core/row-rules.ts says why everyone may read them).
  Organisation: 'organisation', Cluster: 'organisation', ClusterOffice: 'organisation', ClusterActivity: 'cluster_activity',
  cluster: 'organisation', office: 'organisation', municipality: 'organisation', leadMunicipality: 'organisation', from: 'organisation', to: 'organisation',
  Member: 'membership', ApiKey: 'api_key',
};

/** For an input's own `id`: the type the mutation is about (updateNetwork -> Network, changeProgrammeState -> Programme). */
const subjectOf = (mutation: string) =>
  mutation.replace(/^(update|remove|decide|revoke|change|confirm|decline|submit|cancel|delete|close|withdraw|archive|correct)/, '').replace(/(State|Role)$/, '');

/** The owned table an argument's id refers to, if it can be told from its name (or the field's return type for `id`). */
function tableFor(argName: string, typeName: string): string | null {
  const stem = argName === 'id' ? typeName : argName.replace(/Id$/, '');
  if (TABLE_OF[stem]) return TABLE_OF[stem];
  const s = snake(stem);
  const exact = ownedTables.find((t) => t === s);
  if (exact) return exact;
  const ending = ownedTables.filter((t) => t.endsWith(`_${s}`));
  return ending.length === 1 ? ending[0] : null;
}

const isIdName = (n: string) => n === 'id' || /[a-z]Id$/.test(n);
const isIdType = (t: GraphQLInputType) => getNamedType(t).name === 'ID' && !isListType(isNonNullType(t) ? t.ofType : t);

async function rowOf(table: string, visible: boolean): Promise<string | null> {
  const rule = ROW_RULES[table];
  if (rule.kind !== 'owned') return null;
  const typed = '$1::uuid[] IS NOT DISTINCT FROM $1::uuid[] AND $2::uuid IS NOT DISTINCT FROM $2::uuid AND $3::uuid[] IS NOT DISTINCT FROM $3::uuid[]';
  const rows = await app.ds.query(`SELECT t.id::text AS id FROM ${table} t WHERE ${typed} AND ${visible ? '' : 'NOT '}coalesce((${rule.oracle}), false) ORDER BY t.id LIMIT 1`, ruleParams);
  return rows[0]?.id ?? null;
}

const PREFERRED_ENUM_VALUES = ['NOTE', 'APPROVED', 'COMPLETED'];
const ORG_KIND_OF: Record<string, string> = { clusterId: 'CLUSTER', officeId: 'CLUSTER_OFFICE', municipalityId: 'MUNICIPALITY', leadMunicipalityId: 'MUNICIPALITY' };

/** A plausible value for an argument or input field; ids: a row the caller sees, where the name says which table. */
async function plausible(type: GraphQLInputType, name: string, depth = 0): Promise<unknown> {
  if (isNonNullType(type)) return plausible(type.ofType, name, depth);
  if (isListType(type)) {
    const v = await plausible(type.ofType, name, depth);
    return v === undefined ? [] : [v];
  }
  if (isInputObjectType(type)) {
    if (depth > 3) return undefined;
    const out: Record<string, unknown> = {};
    for (const f of Object.values(type.getFields())) {
      // Optional fields are left out: fewer reasons to refuse before the id is looked at.
      if (!isNonNullType(f.type)) continue;
      out[f.name] = await plausible(f.type, f.name, depth + 1);
    }
    return out;
  }
  if (isEnumType(type)) {
    // Values that need no further input where the first one would (FIRST_CONTACT needs its details, ...).
    const values = type.getValues().map((v) => v.value as string);
    return values.find((v) => PREFERRED_ENUM_VALUES.includes(v)) ?? values[0];
  }
  switch (type.name) {
    case 'ID': {
      if (/organisation/i.test(name) || /^(from|to)Id$/.test(name)) return app.org('gh:midtjylland').id;
      const kind = ORG_KIND_OF[name];
      if (kind) return (await app.ds.query('SELECT id FROM organisation WHERE kind = $1 ORDER BY name LIMIT 1', [kind]))[0].id;
      const table = tableFor(name, '');
      if (table && ROW_RULES[table]?.kind === 'public') return (await app.ds.query(`SELECT id::text AS id FROM ${table} ORDER BY id LIMIT 1`))[0]?.id ?? randomUUID();
      return (table && (await rowOf(table, true))) ?? randomUUID();
    }
    case 'String':
      if (/(On|Date|Start|End)$/.test(name) || /^period/.test(name)) return '2026-12-01';
      return name === 'after' ? null : 'Afprøvning';
    case 'Int':
      return name === 'first' ? 5 : /year/i.test(name) ? 2026 : 1;
    case 'Float':
      return 1;
    case 'Boolean':
      return false;
    case 'DateTimeISO':
      return new Date(Date.now() - 3_600_000).toISOString();
    default:
      return name.toLowerCase().includes('date') || name.endsWith('On') || name.startsWith('period') ? '2026-06-01' : 'Afprøvning';
  }
}

/** The answer with the probed id replaced, and without request-specific parts (paths, locations). */
const normalised = (r: { data: unknown; errors?: unknown }, id: string) =>
  JSON.stringify({ data: r.data, errors: ((r.errors as Array<{ message: string; extensions?: unknown }>) ?? []).map((e) => ({ message: e.message, extensions: e.extensions })) })
    .split(id).join('<id>')
    // Messages that quote the current time (e.g. the earliest allowed back-dating) differ by milliseconds.
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, '<time>');

function selectionOf(field: GraphQLField<unknown, unknown>): string {
  const t = getNamedType(field.type);
  if (isScalarType(t) || isEnumType(t)) return '';
  if (isObjectType(t) && t.getFields().userErrors) return '{ __typename userErrors { field message code } }';
  return '{ __typename }';
}

interface Probe { label: string; send: (id: string) => Promise<{ data: unknown; errors?: unknown }>; table: string }

async function probesOf(kind: 'query' | 'mutation'): Promise<{ probes: Probe[]; unclassified: string[] }> {
  const root = kind === 'query' ? schema.getQueryType()! : schema.getMutationType()!;
  const probes: Probe[] = [];
  const unclassified: string[] = [];
  for (const field of Object.values(root.getFields())) {
    const typeName = getNamedType(field.type).name;
    const targets: Array<{ arg: GraphQLArgument; path: string[]; table: string }> = [];
    for (const arg of field.args) {
      if (isIdName(arg.name) && isIdType(arg.type)) {
        const table = tableFor(arg.name, typeName);
        if (table) targets.push({ arg, path: [], table });
        else if (!/organisation/i.test(arg.name)) unclassified.push(`${field.name}(${arg.name})`);
      }
      const inner = getNamedType(arg.type);
      if (kind === 'mutation' && isInputObjectType(inner)) {
        for (const f of Object.values(inner.getFields())) {
          if (!isIdName(f.name) || !isIdType(f.type)) continue;
          const table = tableFor(f.name, subjectOf(field.name));
          if (table) targets.push({ arg, path: [f.name], table });
          else if (!/organisation/i.test(f.name)) unclassified.push(`${field.name}(${arg.name}.${f.name})`);
        }
      }
    }
    for (const t of targets) {
      if (ROW_RULES[t.table]?.kind !== 'owned') continue;
      const decl = field.args.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
      const call = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
      const doc = `${kind}${decl ? `(${decl})` : ''} { r: ${field.name}${call ? `(${call})` : ''} ${selectionOf(field)} }`;
      probes.push({
        label: `${field.name}(${[t.arg.name, ...t.path].join('.')}) -> ${t.table}`,
        table: t.table,
        send: async (id) => {
          const vars: Record<string, unknown> = {};
          for (const a of field.args) vars[a.name] = a.defaultValue !== undefined && !isNonNullType(a.type) ? a.defaultValue : await plausible(a.type, a.name);
          if (t.path.length) vars[t.arg.name] = { ...(vars[t.arg.name] as object), [t.path[0]]: id };
          else vars[t.arg.name] = id;
          return app.exec(doc, vars, CALLER);
        },
      });
    }
  }
  return { probes, unclassified };
}

async function compare(kind: 'query' | 'mutation') {
  const { probes, unclassified } = await probesOf(kind);
  const differing: string[] = [];
  const checked: string[] = [];
  for (const p of probes) {
    const foreign = await rowOf(p.table, false);
    if (!foreign) continue; // the seed has no row of this table the caller cannot see
    const random = randomUUID();
    const a = normalised(await p.send(foreign), foreign);
    const b = normalised(await p.send(random), random);
    // Decisive: the answer is about the probed id (not found), not an earlier refusal of another argument.
    if (/not found|"r":null|"r":\[\]/i.test(b)) checked.push(p.label);
    if (process.env.PROBE_LOG) console.log(p.label, a.slice(0, 300));
    if (a !== b) differing.push(`${p.label}\n  foreign: ${a.slice(0, 400)}\n  random:  ${b.slice(0, 400)}`);
  }
  return { checked, differing, unclassified };
}

test('queries: a foreign id is answered like a random one', async () => {
  const { checked, differing, unclassified } = await compare('query');
  expect(differing).toEqual([]);
  expect(unclassified).toEqual([]);
  // The walk reached the areas (agreements, networks, investment, journeys, programmes, firms ...).
  expect(checked.length).toBeGreaterThanOrEqual(20);
}, 120_000);

test('mutations: a foreign id in the input is answered like a random one', async () => {
  const { checked, differing, unclassified } = await compare('mutation');
  expect(differing).toEqual([]);
  expect(unclassified).toEqual([]);
  expect(checked.length).toBeGreaterThanOrEqual(40);
}, 300_000);
