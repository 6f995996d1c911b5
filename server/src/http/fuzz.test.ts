import {
  getNamedType, getNullableType, GraphQLArgument, GraphQLField, GraphQLInputType, GraphQLObjectType, isCompositeType, isEnumType, isInputObjectType, isListType,
  isNonNullType, isObjectType, isScalarType,
} from 'graphql';
import { startServer } from '../main';
import { buildAppSchema } from '../schema';
import { createTestDatabase } from '../testing/harness';

/**
 * Hostile input for every argument of every query and mutation, sent over HTTP as a signed-in admin:
 * NUL bytes, lone surrogates, huge strings, bogus ids, garbage cursors, extreme numbers, wrong types,
 * malformed dates, unknown enum values, empty and huge lists. Whatever the server answers, it is never
 * a 500 or an INTERNAL_SERVER_ERROR: bad input is the caller's problem and is named as such.
 */
let server: Awaited<ReturnType<typeof startServer>>;
let drop: () => Promise<void>;
let auth: Record<string, string>;
let ids: { organisation: string; firm: string };
/** A real id per type (whatever the admin can list), so that hostile values get past "not found" and reach the writes. */
const realIds = new Map<string, string>();
beforeAll(async () => {
  const db = await createTestDatabase({ seeded: 30 }); // the server finds its demo data there (no seeding at start)
  drop = db.drop;
  // The fuzzer sends thousands of requests a minute from one address and account: on a quiet machine that is over
  // the rate limiter's defaults (3,000 / 1,200 a minute), whose own tests are in core/rate-limit.test.ts.
  process.env.RATE_LIMIT_PER_ADDRESS = '0';
  process.env.RATE_LIMIT_PER_ACCOUNT = '0';
  server = await startServer({ databaseUrl: db.url, port: 0, host: '127.0.0.1', demoFirmCount: 30 });
  // FUZZ_AS=<demo e-mail> runs it as another caller (other organisations reach other write paths).
  const email = process.env.FUZZ_AS ?? 'admin@midtjylland.demo';
  const signIn = await gql(`mutation { signIn(input: {email: "${email}", password: "growth-graph-demo"}) { token } }`, {});
  auth = { authorization: `Bearer ${signIn.json.data.signIn.token}` };
  const me = await gql('{ me { memberships { role organisation { id name } } } firms(first: 1) { edges { node { id } } } }', {});
  const own = me.json.data.me.memberships.find((m: any) => m.role !== 'VIEWER') ?? me.json.data.me.memberships[0];
  ids = { organisation: own.organisation.id, firm: me.json.data.firms.edges[0].node.id };
  for (const root of Object.values(schema.getQueryType()!.getFields())) {
    if (!root.args.some((a) => a.name === 'first') || root.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined)) continue;
    const conn = getNamedType(root.type);
    const edges = isObjectType(conn) ? conn.getFields().edges : undefined;
    const node = edges && getNamedType((getNamedType(edges.type) as GraphQLObjectType).getFields().node.type);
    if (!node || !isObjectType(node) || !node.getFields().id || realIds.has(node.name)) continue;
    const r = await gql(`{ r: ${root.name}(first: 1) { edges { node { id } } } }`, {});
    const id = r.json.data?.r?.edges?.[0]?.node?.id;
    if (id) realIds.set(node.name, id);
  }
});
afterAll(async () => {
  await server?.stop();
  await drop?.();
});

async function gql(query: string, variables: Record<string, unknown>, rawBody?: string) {
  const res = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...auth },
    body: rawBody ?? JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = { unparsable: text.slice(0, 300) };
  }
  return { status: res.status, json };
}

const BOGUS_ID = '00000000-0000-4000-8000-000000000000';
const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');
const HOSTILE_TEXT = ['a\u0000b', 'x\ud800y', '\udc00', 'x'.repeat(30_000), '', '%_\\\'";--'];
/** Over the input guard's limit: tried once per field (the guard is one check for every string). */
const HUGE_TEXT = 'x'.repeat(120_000);
const HOSTILE_ID = ['not-a-uuid', '00000000-0000-0000-0000-000000000000', '-1', '\u0000', 'x\ud800', 'x'.repeat(5000)];
const HOSTILE_CURSOR = ['garbage!', b64('not json'), b64(['a']), b64(['x', 'not-a-uuid']), b64([1, 2]), b64({ a: 1 }), b64(['aarhus', BOGUS_ID]), b64(['2024-01-01T00:00:00.000Z', BOGUS_ID]), b64(['2024-01-01', BOGUS_ID]), b64([BOGUS_ID]), b64(['\u0000', BOGUS_ID]), 'x'.repeat(600)];
const HOSTILE_INT = [-1, 0, -2147483648, 2147483647, 100000];
const HOSTILE_FLOAT = [-1, 0, 1e308, -1e308, 5e-324, 0.1 + 0.2];
const HOSTILE_DATE = ['0001-01-01T00:00:00.000Z', '9999-12-31T23:59:59.999Z', '+275760-09-13T00:00:00.000Z', '-000001-01-01T00:00:00.000Z', '1970-01-01T00:00:00Z'];
/** Values graphql-js must refuse while coercing variables (one request each). */
const WRONG_TYPE: Record<string, unknown[]> = {
  String: [12345, { a: 1 }, ['x']],
  ID: [{ a: 1 }, 1.5],
  Int: [2147483648, -2147483649, 1.5, '1', 1e400],
  Float: ['NaN', 'Infinity', 1e400, -1e400],
  Boolean: ['yes', 1],
  DateTimeISO: ['garbage', '2024-13-45T00:00:00Z', '2024-02-30', 12, '', '\u0000'],
  enum: ['NOT_A_VALUE', 1, '\u0000'],
};

/** The id to start from for an argument or input field: a real one where its name (or its input type's) says which type. */
function idFor(name: string, hint: string): string {
  if (/organisation|^(from|to)Id$/i.test(name)) return ids.organisation;
  if (/firm/i.test(name)) return ids.firm;
  const stem = name.replace(/Ids?$/, '').toLowerCase();
  let best: [string, string] | undefined;
  for (const [type, id] of realIds) {
    const t = type.toLowerCase();
    const matches = stem ? t === stem || t.endsWith(stem) : hint.toLowerCase().includes(t);
    if (matches && (!best || type.length > best[0].length)) best = [type, id];
  }
  return best?.[1] ?? BOGUS_ID;
}

function baseline(type: GraphQLInputType, name: string, depth = 0, hint = ''): unknown {
  if (isNonNullType(type)) return baseline(type.ofType, name, depth, hint);
  if (isListType(type)) return [baseline(type.ofType, name, depth, hint)];
  if (isInputObjectType(type)) {
    if (depth > 4) return undefined;
    return Object.fromEntries(Object.values(type.getFields()).map((f) => [f.name, baseline(f.type, f.name, depth + 1, type.name)]));
  }
  if (isEnumType(type)) return type.getValues()[0].value;
  switch (type.name) {
    case 'ID':
      return idFor(name, hint);
    case 'String':
      return name === 'after' ? null : 'fuzz';
    case 'Int':
      return 1;
    case 'Float':
      return 1;
    case 'Boolean':
      return true;
    case 'DateTimeISO':
      return new Date().toISOString();
    default:
      return 'fuzz';
  }
}

interface Leaf {
  path: (string | number)[];
  type: GraphQLInputType;
  name: string;
}

/** Every position in an argument's value: leaves (scalars, enums) and lists. */
function positions(type: GraphQLInputType, name: string, path: (string | number)[] = [], depth = 0): Leaf[] {
  if (isNonNullType(type)) return positions(type.ofType, name, path, depth);
  if (isListType(type)) return [{ path, type, name }, ...positions(type.ofType, name, [...path, 0], depth)];
  if (isInputObjectType(type)) {
    if (depth > 4) return [];
    return Object.values(type.getFields()).flatMap((f) => positions(f.type, f.name, [...path, f.name], depth + 1));
  }
  return [{ path, type, name }];
}

function hostileValues(leaf: Leaf): { value: unknown; coercion: boolean }[] {
  const t = isNonNullType(leaf.type) ? leaf.type.ofType : leaf.type;
  const base = baseline(leaf.type, leaf.name);
  if (isListType(t)) return [{ value: [], coercion: false }, { value: Array(300).fill(Array.isArray(base) ? base[0] : base), coercion: false }];
  const v = (values: unknown[], coercion = false) => values.map((value) => ({ value, coercion }));
  if (isEnumType(t)) return v(WRONG_TYPE.enum, true);
  if (!isScalarType(t)) return [];
  const wrong = v(WRONG_TYPE[t.name] ?? [], true);
  switch (t.name) {
    case 'String':
      return [...v(leaf.name === 'after' ? HOSTILE_CURSOR : HOSTILE_TEXT), ...wrong];
    case 'ID':
      return [...v(HOSTILE_ID), ...wrong];
    case 'Int':
      return [...v(HOSTILE_INT), ...wrong];
    case 'Float':
      return [...v(HOSTILE_FLOAT), ...wrong];
    case 'DateTimeISO':
      // Whether graphql-scalars accepts these is its business: one request each, so a refusal hides nothing.
      return [...v(HOSTILE_DATE, true), ...wrong];
    default:
      return wrong;
  }
}

function setAt(target: any, path: (string | number)[], value: unknown): any {
  if (!path.length) return value;
  const copy = Array.isArray(target) ? [...target] : { ...target };
  copy[path[0]] = setAt(copy[path[0]], path.slice(1), value);
  return copy;
}

interface Case {
  field: GraphQLField<unknown, unknown>;
  args: Record<string, unknown>;
  label: string;
}

const describeValue = (v: unknown) => {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 40 ? `${s.slice(0, 30)}...(${s.length} chars)` : s;
};

/**
 * Where the cases run: at the root, or as fields of the objects a root list returns
 * (`organisations(first: 2) { edges { node { <cases> } } }`), so nested connections and list
 * arguments get real parents.
 */
interface Site {
  kind: 'query' | 'mutation';
  wrap: (inner: string) => string;
  label: string;
}
const ROOT = (kind: 'query' | 'mutation'): Site => ({ kind, wrap: (inner) => inner, label: '' });

/** One operation running each case as an aliased copy of its field. */
function operation(site: Site, cases: Case[]) {
  const defs: string[] = [];
  const selections: string[] = [];
  const variables: Record<string, unknown> = {};
  cases.forEach((c, i) => {
    const argList = c.field.args.map((a: GraphQLArgument) => {
      const name = `v${i}_${a.name}`;
      defs.push(`$${name}: ${String(a.type)}`);
      variables[name] = c.args[a.name];
      return `${a.name}: $${name}`;
    });
    const sel = isCompositeType(getNamedType(c.field.type)) ? ' { __typename }' : '';
    selections.push(`c${i}: ${c.field.name}(${argList.join(', ')})${sel}`);
  });
  return { query: `${site.kind} Fuzz(${defs.join(', ')}) { ${site.wrap(selections.join(' '))} }`, variables };
}

const failures: string[] = [];
function check(site: Site, cases: Case[], r: { status: number; json: any }) {
  // The database's own refusal of a value (core/errors.ts' safety net) is typed but names no field: a gap to close, so it fails here too.
  const internal = (r.json.errors ?? []).filter((e: any) => e.extensions?.code === 'INTERNAL_SERVER_ERROR' || !e.extensions?.code || /^A value in the request is not valid/.test(e.message));
  if (r.status >= 500 || internal.length || r.json.unparsable) {
    const caseOf = (e: any) => {
      const alias = (e.path ?? []).find((p: unknown) => typeof p === 'string' && /^c\d+$/.test(p));
      return alias ? cases[Number(alias.slice(1))]?.label : undefined;
    };
    const which = internal.map(caseOf).filter(Boolean);
    failures.push(`${site.kind} ${site.label}${r.status} ${(which.length ? which : cases.map((c) => c.label)).join(' | ').slice(0, 400)} -> ${JSON.stringify(r.json).slice(0, 200)}`);
  }
}

/** Sends hostile values for every argument position of every field in `fields`, at `site`. */
async function fuzz(site: Site, fields: GraphQLField<unknown, unknown>[]) {
  let requests = 0;
  const send = async (cases: Case[], raw?: (op: { query: string; variables: Record<string, unknown> }) => string) => {
    const op = operation(site, cases);
    requests++;
    return gql(op.query, op.variables, raw?.(op));
  };
  for (const field of fields) {
    if (!field.args.length) continue;
    const base = Object.fromEntries(field.args.map((a) => [a.name, baseline(a.type, a.name)]));
    const batch: Case[] = [];
    let size = 0;
    const flush = async () => {
      if (!batch.length) return;
      const r = await send(batch);
      // A request-level refusal (e.g. a value graphql-js would not coerce) hides the other cases: retry them one by one.
      if (r.json.data === undefined && batch.length > 1) for (const c of batch) check(site, [c], await send([c]));
      else check(site, batch, r);
      batch.length = 0;
      size = 0;
    };
    let hugeTried = false;
    for (const arg of field.args) {
      for (const leaf of positions(arg.type, arg.name)) {
        const values = hostileValues(leaf);
        const named = getNamedType(leaf.type);
        if (!hugeTried && !isListType(getNullableType(leaf.type)) && (named.name === 'String' || named.name === 'ID')) {
          values.push({ value: HUGE_TEXT, coercion: true });
          hugeTried = true;
        }
        for (const { value, coercion } of values) {
          const c: Case = { field, args: { ...base, [arg.name]: setAt(base[arg.name], leaf.path, value) }, label: `${field.name}(${[arg.name, ...leaf.path].join('.')} = ${describeValue(value)})` };
          if (coercion) {
            // JSON cannot write 1e400 (Infinity): it goes into the body text, where JSON.parse makes it Infinity.
            const infinite = value === 1e400 || value === -1e400;
            const raw = infinite
              ? (op: { query: string; variables: Record<string, unknown> }) =>
                  JSON.stringify({ ...op, variables: setAt(op.variables, [`v0_${arg.name}`, ...leaf.path], '__INFINITE__') }).replace('"__INFINITE__"', value === 1e400 ? '1e400' : '-1e400')
              : undefined;
            check(site, [c], await send([c], raw));
            continue;
          }
          const bytes = JSON.stringify(c.args).length;
          if (size + bytes > 600_000 || batch.length >= 12) await flush();
          batch.push(c);
          size += bytes;
        }
      }
    }
    await flush();
  }
  return requests;
}

const { schema } = buildAppSchema();
const queryFields = Object.values(schema.getQueryType()!.getFields());

it('answers hostile arguments of every query without an internal error', async () => {
  const n = await fuzz(ROOT('query'), queryFields);
  expect(n).toBeGreaterThan(100);
  expect(failures).toEqual([]);
}, 600_000);

it('answers hostile arguments of fields inside the objects root lists return (nested connections, filters)', async () => {
  let n = 0;
  for (const root of queryFields) {
    // Root lists that page (`first`) and return a connection of objects: their nodes are real records.
    const conn = getNamedType(root.type);
    if (!root.args.some((a) => a.name === 'first') || !isObjectType(conn) || !conn.getFields().edges) continue;
    const node = getNamedType((getNamedType(conn.getFields().edges.type) as GraphQLObjectType).getFields().node.type);
    if (!isObjectType(node)) continue;
    const rootArgs = root.args.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined);
    if (rootArgs.length) continue; // needs an id we do not have
    const site: Site = { kind: 'query', label: `${root.name}.`, wrap: (inner) => `r: ${root.name}(first: 2) { edges { node { ${inner} } } }` };
    n += await fuzz(site, Object.values(node.getFields()));
  }
  expect(n).toBeGreaterThan(30);
  expect(failures).toEqual([]);
}, 600_000);

it('answers hostile arguments of every mutation without an internal error', async () => {
  const n = await fuzz(ROOT('mutation'), Object.values(schema.getMutationType()!.getFields()));
  expect(n).toBeGreaterThan(100);
  expect(failures).toEqual([]);
}, 600_000);

/** A value of the wrong kind for a list's items (graphql-js refuses each one while coercing the variables). */
function wrongItem(item: GraphQLInputType): unknown {
  const t = getNullableType(item);
  if (isListType(t)) return { a: 1 };
  if (isInputObjectType(t)) return 'not an object';
  if (isEnumType(t)) return 'NOT_A_VALUE';
  return (t as { name: string }).name === 'Int' || (t as { name: string }).name === 'Float' ? 'not a number' : { a: 1 };
}

it('refuses long lists of invalid items (more than graphql-js reports) with typed errors naming the variable', async () => {
  const tried: string[] = [];
  const bad: string[] = [];
  for (const [kind, fields] of [['query', queryFields], ['mutation', Object.values(schema.getMutationType()!.getFields())]] as const) {
    for (const field of fields) {
      const base = Object.fromEntries(field.args.map((a) => [a.name, baseline(a.type, a.name)]));
      for (const arg of field.args) {
        for (const leaf of positions(arg.type, arg.name)) {
          const list = getNullableType(leaf.type);
          if (!isListType(list)) continue;
          // 60 nulls are invalid only where the items are non-null; a wrong-typed item always is.
          const lists = [Array(60).fill(wrongItem(list.ofType)), ...(isNonNullType(list.ofType) ? [Array(60).fill(null)] : [])];
          for (const value of lists) {
            const label = `${kind} ${field.name}(${[arg.name, ...leaf.path].join('.')} = 60 x ${describeValue(value[0])})`;
            const c: Case = { field, args: { ...base, [arg.name]: setAt(base[arg.name], leaf.path, value) }, label };
            const op = operation(ROOT(kind), [c]);
            const r = await gql(op.query, op.variables);
            tried.push(label);
            const errors: any[] = r.json.errors ?? [];
            const variable = `$v0_${arg.name}`;
            const wrong = errors.filter((e) => e.extensions?.code !== 'BAD_USER_INPUT' || !e.message.includes(variable));
            // Refused before anything ran: no data, more than the 50 errors graphql-js stops at (the executor's summary is the last).
            if (r.status >= 500 || r.json.data !== undefined || errors.length < 51 || wrong.length) {
              bad.push(`${label} -> ${r.status} ${errors.length} errors ${JSON.stringify(wrong[0] ?? r.json).slice(0, 200)}`);
            }
          }
        }
      }
    }
  }
  expect(tried.length).toBeGreaterThan(20);
  expect(bad).toEqual([]);
}, 600_000);
