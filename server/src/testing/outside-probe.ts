import {
  buildSchema, getNamedType, GraphQLArgument, GraphQLField, GraphQLInputType, GraphQLNamedType, GraphQLObjectType, GraphQLSchema, isAbstractType,
  isEnumType, isInputObjectType, isLeafType, isListType, isNonNullType, isObjectType, isScalarType,
} from 'graphql';

/**
 * An outside tester's probe, built from `schema/schema.graphql` alone and run over HTTP against a running
 * server (no server code is imported): it knows only what a partner sees - the SDL, demo sign-ins, an API key.
 *
 * 1. Collect: each caller reads every root field it can call without input (and, once ids are known, every
 *    by-id field of its own ids), every nested field reachable; every id seen is remembered with who saw it.
 * 2. Cross-organisation: each caller asks each by-id root field for ids only others saw, and the answer is
 *    compared with the answer for an id that does not exist (data and error, the id masked): they must be the
 *    same unless the caller reaches the record in its own reads too. Cursors of another caller's pages and
 *    cursors forged from foreign ids are fed to every connection.
 * 3. Every answer anywhere: never HTTP 500, never INTERNAL_SERVER_ERROR, no stack, no SQL/driver text, no
 *    uuid in an error message the request did not contain.
 * Findings are returned, not thrown, so a runner can print all of them.
 */
export interface ProbeCaller {
  name: string;
  headers: Record<string, string>;
}

export interface Finding {
  kind: 'http-500' | 'internal' | 'leak-message' | 'leak-by-id' | 'leak-differs' | 'leak-cursor' | 'leak-nested' | 'untyped';
  caller: string;
  field: string;
  detail: string;
}

export interface ProbeResult {
  findings: Finding[];
  requests: number;
  ids: number;
  byIdFields: number;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
/** Text no answer should carry: stack frames, driver and SQL wording, file paths. */
const INTERNAL_TEXT = /\bat [\w.<>]+ \(|node_modules|\/src\/|\.ts:\d|QueryFailedError|TypeORM|syntax error at|relation "|column "|violates|duplicate key|invalid input syntax|pg_|SELECT |INSERT |UPDATE .* SET|Cannot read prop|undefined is not|is not a function|ECONNREFUSED|ETIMEDOUT/i;
const ALLOWED_CODES = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'BAD_REQUEST', 'RATE_LIMITED', 'SERVICE_UNAVAILABLE', 'PERSISTED_QUERY_NOT_FOUND', 'OPERATION_RESOLUTION_FAILURE', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', 'TRANSACTION_FAILED']);
export const MISSING_ID = '7a1c0b1e-0000-4000-8000-00000000beef';

type Json = any;

export class Prober {
  readonly schema: GraphQLSchema;
  readonly findings: Finding[] = [];
  requests = 0;
  /** id -> typename and the callers that saw it in their own reads. */
  readonly seen = new Map<string, { type: string; by: Set<string> }>();
  /** caller -> connection field path -> an endCursor it was given. */
  readonly cursors = new Map<string, Map<string, string>>();

  constructor(private url: string, sdl: string, private opts: { maxDepth?: number; log?: (s: string) => void } = {}) {
    this.schema = buildSchema(sdl);
  }

  private note(f: Finding) {
    const key = `${f.kind}|${f.caller}|${f.field}|${f.detail.slice(0, 80)}`;
    if (!this.findings.some((x) => `${x.kind}|${x.caller}|${x.field}|${x.detail.slice(0, 80)}` === key)) this.findings.push(f);
  }

  async post(caller: ProbeCaller | undefined, body: unknown, label: string): Promise<{ status: number; json: Json }> {
    this.requests++;
    const res = await fetch(`${this.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(caller?.headers ?? {}) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let json: Json;
    try {
      json = JSON.parse(text);
    } catch {
      json = { unparsable: text.slice(0, 300) };
    }
    this.check(caller?.name ?? 'anonymous', label, res.status, json, typeof body === 'string' ? body : JSON.stringify(body));
    return { status: res.status, json };
  }

  /** The rules for every answer (3. above). */
  private check(caller: string, field: string, status: number, json: Json, sent: string) {
    if (status >= 500 && status !== 503) this.note({ kind: 'http-500', caller, field, detail: `HTTP ${status}: ${JSON.stringify(json).slice(0, 300)}` });
    if (json?.unparsable !== undefined) this.note({ kind: 'untyped', caller, field, detail: `HTTP ${status}, not JSON: ${json.unparsable}` });
    for (const e of (Array.isArray(json) ? json.flatMap((j) => j?.errors ?? []) : json?.errors) ?? []) {
      const code = e?.extensions?.code;
      if (code === 'INTERNAL_SERVER_ERROR') this.note({ kind: 'internal', caller, field, detail: `${e.message} at ${JSON.stringify(e.path)}` });
      else if (!code || !ALLOWED_CODES.has(code)) this.note({ kind: 'untyped', caller, field, detail: `code ${code}: ${e.message}` });
      const text = JSON.stringify({ m: e.message, x: e.extensions });
      if (code !== 'GRAPHQL_PARSE_FAILED' && INTERNAL_TEXT.test(text)) this.note({ kind: 'internal', caller, field, detail: `internal text: ${text.slice(0, 300)}` });
      for (const u of String(e.message).match(UUID) ?? []) {
        if (!sent.toLowerCase().includes(u.toLowerCase())) this.note({ kind: 'leak-message', caller, field, detail: `message names ${u} the request did not: ${e.message}` });
      }
    }
  }

  // ---------- selections from the SDL ----------

  private requiredArgs(f: GraphQLField<unknown, unknown>) {
    return f.args.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined);
  }

  /** Every field reachable without required arguments, to `depth` object levels, no type twice on a path. */
  selection(type: GraphQLNamedType, depth: number, path: string[] = []): string {
    if (isLeafType(type)) return '';
    if (isAbstractType(type)) {
      const parts = this.schema.getPossibleTypes(type).map((t) => `... on ${t.name} { ${this.selection(t, depth, path)} }`);
      return `__typename ${parts.join(' ')}`;
    }
    if (!isObjectType(type)) return '';
    const out: string[] = ['__typename'];
    for (const f of Object.values(type.getFields())) {
      if (this.requiredArgs(f).length) continue;
      const named = getNamedType(f.type);
      if (isLeafType(named)) {
        out.push(f.name);
        continue;
      }
      if (depth <= 0 || path.includes(named.name)) continue;
      const args = f.args.some((a) => a.name === 'first') ? '(first: 5)' : '';
      const inner = this.selection(named, depth - (isConnectionPart(named.name) ? 0 : 1), [...path, named.name]);
      if (inner) out.push(`${f.name}${args} { ${inner} }`);
    }
    return out.join(' ');
  }

  /** The deepest selection of a field's type that stays under the server's token limit (2000 in graphql-js' parser). */
  fitting(f: GraphQLField<unknown, unknown>): string {
    const named = getNamedType(f.type);
    for (let d = this.opts.maxDepth ?? 3; d >= 0; d--) {
      const sel = this.selection(named, d, [named.name]);
      if ((sel.match(/\.\.\.|[A-Za-z_]\w*|[{}():$!]/g) ?? []).length < 1700) return sel ? `{ ${sel} }` : '';
    }
    return '{ __typename }';
  }

  /** Remembers every object id in an answer (objects with `__typename` and `id`) and every endCursor. */
  harvest(caller: string, value: Json, at: string) {
    if (Array.isArray(value)) return value.forEach((v) => this.harvest(caller, v, at));
    if (!value || typeof value !== 'object') return;
    if (typeof value.id === 'string' && value.__typename) {
      const s = this.seen.get(value.id) ?? { type: value.__typename, by: new Set<string>() };
      s.by.add(caller);
      this.seen.set(value.id, s);
    }
    if (value.pageInfo?.endCursor) {
      const m = this.cursors.get(caller) ?? new Map();
      if (!m.has(at)) m.set(at, value.pageInfo.endCursor);
      this.cursors.set(caller, m);
    }
    for (const [k, v] of Object.entries(value)) if (k !== 'pageInfo') this.harvest(caller, v, `${at}.${k}`);
  }

  private rootQueries() {
    return Object.values(this.schema.getQueryType()!.getFields());
  }

  /** Root fields whose only required argument is one ID (`id`, `firmId`, `agreementId`, ...). */
  byIdFields() {
    return this.rootQueries().filter((f) => {
      const req = this.requiredArgs(f);
      return req.length === 1 && getNamedType(req[0].type).name === 'ID' && !isListType(unwrap(req[0].type));
    });
  }

  // ---------- 1. collect ----------

  async collect(callers: ProbeCaller[]) {
    for (const c of callers) {
      for (const f of this.rootQueries()) {
        if (this.requiredArgs(f).length) continue;
        const args = f.args.some((a) => a.name === 'first') ? '(first: 100)' : '';
        const r = await this.post(c, { query: `{ r: ${f.name}${args} ${this.fitting(f)} }` }, f.name);
        this.harvest(c.name, r.json?.data?.r, f.name);
      }
    }
    // Drill down: each by-id field for the ids the caller itself saw (a few per type), nested reads included.
    const byId = this.byIdFields();
    for (const c of callers) {
      const own = [...this.seen].filter(([, s]) => s.by.has(c.name));
      for (const f of byId) {
        const arg = this.requiredArgs(f)[0];
        for (const id of pickIds(own, f, arg, 3)) {
          const r = await this.post(c, { query: `query($id: ID!) { r: ${f.name}(${arg.name}: $id) ${this.fitting(f)} }`, variables: { id } }, f.name);
          this.harvest(c.name, r.json?.data?.r, f.name);
        }
      }
    }
  }

  // ---------- 2. cross-organisation ----------

  /** For each caller and by-id field: foreign ids answer as a missing id does, unless the caller reads them itself. */
  async crossOrg(callers: ProbeCaller[], perType = 3) {
    for (const f of this.byIdFields()) {
      const arg = this.requiredArgs(f)[0];
      const query = `query($id: ID!) { r: ${f.name}(${arg.name}: $id) ${this.fitting(f)} }`;
      for (const c of callers) {
        const foreign = [...this.seen].filter(([, s]) => !s.by.has(c.name));
        const ids = pickIds(foreign, f, arg, perType);
        if (!ids.length) continue;
        const missing = await this.post(c, { query, variables: { id: MISSING_ID } }, f.name);
        const base = normalise(missing.json, MISSING_ID);
        for (const id of ids) {
          const r = await this.post(c, { query, variables: { id } }, f.name);
          const got = normalise(r.json, id);
          if (JSON.stringify(got) === JSON.stringify(base)) continue;
          // Answered differently from a missing id: a finding unless it is something the caller is allowed to see
          // (the runner judges these; kept apart from crashes).
          const s = this.seen.get(id)!;
          if (r.json?.data?.r && this.isPublic(f)) {
            // A public profile (firm register data, organisation profiles): reachable by anyone signed in; what
            // it nests must still be the caller's own reads, or reachable by their own by-id field.
            await this.nestedCheck(c, f.name, r.json.data.r, `${f.name}(${s.type})`);
            continue;
          }
          this.note({
            kind: r.json?.data?.r ? 'leak-by-id' : 'leak-differs',
            caller: c.name,
            field: f.name,
            detail: `${s.type} ${id} (seen by ${[...s.by].join(', ')}): ${JSON.stringify(got).slice(0, 400)} vs missing ${JSON.stringify(base).slice(0, 200)}`,
          });
        }
      }
    }
  }

  /**
   * The root queries that take more than one id (dashboards, drill-downs, KPI drill-downs, ...): every ID position
   * of their arguments, the rest filled with the caller's own ids, gets a foreign id and then a missing one; the two
   * answers must be the same (the id masked), unless the foreign record is public or the caller reaches it by id.
   */
  async crossOrgInputs(callers: ProbeCaller[], ownIdFor: (caller: string) => (name: string) => string) {
    const byId = new Set(this.byIdFields());
    for (const f of this.rootQueries()) {
      if (byId.has(f) || !this.requiredArgs(f).length) continue;
      const defs = f.args.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
      const query = `query(${defs}) { r: ${f.name}(${f.args.map((a) => `${a.name}: $${a.name}`).join(', ')}) ${this.leafSelection(f)} }`;
      for (const c of callers) {
        const base = Object.fromEntries(f.args.map((a) => [a.name, plausible(a.type, a.name, ownIdFor(c.name))]));
        for (const a of f.args) {
          for (const leaf of leaves(a.type, a.name, [a.name])) {
            if (getNamedType(leaf.type).name !== 'ID' || isListType(unwrap(leaf.type))) continue;
            const stem = leaf.name.replace(/Id$/, '').toLowerCase();
            const foreign = [...this.seen].find(([, s]) => !s.by.has(c.name) && (s.type.toLowerCase().endsWith(stem) || (stem === 'organisation' && s.type === 'Organisation') || (stem === 'agreement' && s.type === 'ServiceAgreement')));
            if (!foreign) continue;
            const [id, s] = foreign;
            const got = normalise((await this.post(c, { query, variables: setAt(base, leaf.path, id) }, `${f.name}.${leaf.path.join('.')}`)).json, id);
            const missing = normalise((await this.post(c, { query, variables: setAt(base, leaf.path, MISSING_ID) }, `${f.name}.${leaf.path.join('.')}`)).json, MISSING_ID);
            if (JSON.stringify(got) === JSON.stringify(missing)) continue;
            if (await this.visibleById(c, id)) continue;
            this.note({ kind: 'leak-differs', caller: c.name, field: `${f.name}.${leaf.path.join('.')}`, detail: `${s.type} ${id} (seen by ${[...s.by].join(', ')}): ${JSON.stringify(got).slice(0, 400)} vs missing ${JSON.stringify(missing).slice(0, 300)}` });
          }
        }
      }
    }
  }

  /** Root fields whose records are public to signed-in callers (SDL description, or firm register data). */
  isPublic(f: GraphQLField<unknown, unknown>) {
    return /public/i.test(f.description ?? '') || getNamedType(f.type).name === 'Firm';
  }

  /** Objects inside a public record that the caller never saw in its own reads and cannot fetch by id. */
  private async nestedCheck(c: ProbeCaller, field: string, value: Json, at: string, depth = 0): Promise<void> {
    if (Array.isArray(value)) {
      for (const v of value) await this.nestedCheck(c, field, v, at, depth);
      return;
    }
    if (!value || typeof value !== 'object') return;
    if (depth > 0 && typeof value.id === 'string' && value.__typename) {
      const s = this.seen.get(value.id);
      const publicType = this.byIdFields().some((f) => getNamedType(f.type).name === value.__typename && this.isPublic(f)) || PUBLIC_NESTED[value.__typename]?.(value);
      if (!publicType && !s?.by.has(c.name)) {
        const byId = this.byIdFields().filter((f) => getNamedType(f.type).name === value.__typename);
        const visible = byId.length ? await this.visibleById(c, value.id, value.__typename) : undefined;
        if (visible !== true) {
          this.note({ kind: 'leak-nested', caller: c.name, field, detail: `${at}: ${value.__typename} ${value.id} (seen by ${s ? [...s.by].join(', ') : 'nobody'}; by id: ${visible === undefined ? 'no field' : 'null'}): ${JSON.stringify(value).slice(0, 300)}` });
        }
      }
    }
    for (const [k, v] of Object.entries(value)) await this.nestedCheck(c, field, v, `${at}.${k}`, depth + 1);
  }

  /**
   * Hostile values in every argument and input field of every root field (one position at a time, the rest a
   * plausible value): the answer is data, userErrors naming the field, or a typed error whose message or
   * extensions name the field - never a 500, an INTERNAL_SERVER_ERROR or internal text (checked in post()).
   */
  async fuzz(c: ProbeCaller, idFor: (name: string) => string, opts: { mutations?: boolean; perLeaf?: number } = {}) {
    const roots: Array<['query' | 'mutation', GraphQLField<unknown, unknown>]> = [
      ...this.rootQueries().map((f) => ['query', f] as ['query', GraphQLField<unknown, unknown>]),
      ...(opts.mutations === false ? [] : Object.values(this.schema.getMutationType()?.getFields() ?? {}).map((f) => ['mutation', f] as ['mutation', GraphQLField<unknown, unknown>])),
    ];
    for (const [kind, f] of roots) {
      if (!f.args.length || f.name === 'signIn') continue;
      const defs = f.args.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
      const query = `${kind}(${defs}) { r: ${f.name}(${f.args.map((a) => `${a.name}: $${a.name}`).join(', ')}) ${this.leafSelection(f)} }`;
      const base = Object.fromEntries(f.args.map((a) => [a.name, plausible(a.type, a.name, idFor)]));
      // Where the plausible values themselves are refused (a text field that wants a date, ...), an error names
      // that field rather than the hostile one: the naming rule is only judged where the base is accepted.
      const baseRefused = ((await this.post(c, { query, variables: base }, f.name)).json?.errors ?? []).some((e: Json) => e.extensions?.code === 'BAD_USER_INPUT');
      for (const a of f.args) {
        for (const leaf of leaves(a.type, a.name, [a.name])) {
          const all = hostile(leaf.type, leaf.name);
          // A sample keeps a run short: the first few (NUL, surrogates, extremes) and the last (wrong type).
          const values = opts.perLeaf && all.length > opts.perLeaf ? [...all.slice(0, opts.perLeaf - 1), all[all.length - 1]] : all;
          for (const bad of values) {
            const variables = setAt(base, leaf.path, bad);
            const { json } = await this.post(c, { query, variables }, `${f.name}.${leaf.path.join('.')}`);
            const errors: Json[] = json?.errors ?? [];
            const userErrors: Json[] = json?.data?.r?.userErrors ?? [];
            const named = (text: string) => leaf.path.some((p) => typeof p === 'string' && text.toLowerCase().includes(p.toLowerCase()));
            for (const e of errors) {
              if (baseRefused || (e.extensions?.code !== 'BAD_USER_INPUT' && e.extensions?.code !== 'GRAPHQL_VALIDATION_FAILED')) continue;
              if (!named(JSON.stringify({ m: e.message, x: e.extensions }))) {
                this.note({ kind: 'untyped', caller: c.name, field: `${f.name}.${leaf.path.join('.')}`, detail: `error does not name the field for ${describe(bad)}: ${e.message}` });
              }
            }
            for (const u of userErrors) {
              if (!Array.isArray(u.field) || !u.field.length) this.note({ kind: 'untyped', caller: c.name, field: `${f.name}.${leaf.path.join('.')}`, detail: `userError without a field for ${describe(bad)}: ${u.message}` });
            }
          }
        }
      }
    }
  }

  /** Scalars of the answer (and userErrors' field/message), enough to make resolvers run. */
  private leafSelection(f: GraphQLField<unknown, unknown>): string {
    const named = getNamedType(f.type);
    if (isLeafType(named)) return '';
    const sel = this.selection(named, 1, [named.name]);
    return `{ ${sel} }`;
  }

  /** Another caller's cursors, and cursors forged from foreign ids, for every root connection. */
  async cursorsAcross(callers: ProbeCaller[]) {
    const conns = this.rootQueries().filter((f) => f.args.some((a) => a.name === 'after') && !this.requiredArgs(f).length);
    for (const c of callers) {
      const foreign = [...this.seen].filter(([, s]) => !s.by.has(c.name)).slice(0, 40);
      for (const f of conns) {
        const forged: string[] = [];
        for (const [other, m] of this.cursors) {
          if (other === c.name) continue;
          const cur = m.get(f.name);
          if (!cur) continue;
          forged.push(cur);
          // Decode, swap every uuid for a foreign one, encode again (an outsider would try exactly this).
          const raw = Buffer.from(cur, 'base64url').toString('utf8');
          for (const [id] of foreign.slice(0, 3)) forged.push(Buffer.from(raw.replace(UUID, id), 'utf8').toString('base64url'));
        }
        for (const after of [...new Set(forged)].slice(0, 8)) {
          const { json } = await this.post(c, { query: `query($a: String) { r: ${f.name}(first: 100, after: $a) { edges { node { ${idSel(this.schema, f)} } } } }`, variables: { a: after } }, `${f.name}(after)`);
          for (const e of json?.data?.r?.edges ?? []) {
            const id = e?.node?.id;
            const s = id && this.seen.get(id);
            const publicType = this.byIdFields().some((b) => getNamedType(b.type).name === s?.type && this.isPublic(b));
            if (s && !publicType && !s.by.has(c.name) && !(await this.visibleById(c, id))) {
              this.note({ kind: 'leak-cursor', caller: c.name, field: f.name, detail: `${s.type} ${id} of ${[...s.by].join(', ')} in a page after a forged cursor` });
            }
          }
        }
      }
    }
  }

  private async visibleById(c: ProbeCaller, id: string, type = this.seen.get(id)!.type): Promise<boolean> {
    for (const f of this.byIdFields()) {
      if (getNamedType(f.type).name !== type) continue;
      const arg = this.requiredArgs(f)[0];
      const r = await this.post(c, { query: `query($id: ID!) { r: ${f.name}(${arg.name}: $id) { __typename } }`, variables: { id } }, f.name);
      if (r.json?.data?.r) return true;
    }
    return false;
  }
}

/**
 * Nested objects the SDL declares public inside a public profile: "relationships ... those in force, plus proposed
 * or declined ones if you belong to one of the two sides" - so an ACTIVE one is anyone's, any other state a leak.
 */
const PUBLIC_NESTED: Record<string, (v: Json) => boolean> = {
  OrganisationRelationship: (v) => v.state === 'ACTIVE',
};

const HOSTILE_TEXT = ['a\u0000b', 'x\ud800y', '\u202e\u0301\ufeff', '\u{1F600}'.repeat(2000), 'x'.repeat(200_000), '%_\\\'";--', ' '];
const HOSTILE_ID = ['not-a-uuid', '00000000-0000-0000-0000-000000000000', MISSING_ID.toUpperCase(), ` ${MISSING_ID}`, '\u0000', 'x'.repeat(10_000), '1 OR 1=1'];
const HOSTILE_INT = [-1, 0, -2147483648, 2147483647, 2147483648, 1.5, '12'];
const HOSTILE_FLOAT = [-1, 1e308, -1e308, 5e-324, 'NaN'];

function hostile(t: GraphQLInputType, name: string): unknown[] {
  const inner = unwrap(t);
  const wrongType = [{ deep: { deep: { deep: [1, [2, [3]]] } } }, true];
  if (isListType(inner)) return [[], Array(5000).fill(null), 'not-a-list'];
  if (isEnumType(inner)) return ['NOT_A_VALUE', 'x'.repeat(5000), 1];
  if (isInputObjectType(inner)) return ['text', [], {}];
  switch ((inner as GraphQLNamedType).name) {
    case 'ID':
      return [...HOSTILE_ID, ...wrongType];
    case 'Int':
      return [...HOSTILE_INT, ...wrongType];
    case 'Float':
      return [...HOSTILE_FLOAT, ...wrongType];
    case 'Boolean':
      return ['true', 0, ...wrongType];
    case 'String':
      return [...HOSTILE_TEXT, ...(name === 'after' ? ['garbage', Buffer.from('["x"]').toString('base64url')] : []), ...wrongType];
    default:
      // Custom scalars (dates, JSON): text forms that are not the format, and extremes.
      return ['garbage', '2024-02-30', '9999-99-99T99:99:99Z', '+275760-09-14T00:00:00.000Z', '-1', '', 1e308, ...wrongType];
  }
}

interface Leaf {
  path: Array<string | number>;
  type: GraphQLInputType;
  name: string;
}

/** Every position of an argument's value: the argument, each input field, a list's first item. */
function leaves(t: GraphQLInputType, name: string, path: Array<string | number>, depth = 0): Leaf[] {
  const inner = unwrap(t);
  const here = { path, type: t, name };
  if (isListType(inner)) return [here, ...leaves(inner.ofType as GraphQLInputType, name, [...path, 0], depth)];
  if (isInputObjectType(inner) && depth < 4) return [here, ...Object.values(inner.getFields()).flatMap((f) => leaves(f.type, f.name, [...path, f.name], depth + 1))];
  return [here];
}

function plausible(t: GraphQLInputType, name: string, idFor: (name: string) => string, depth = 0): unknown {
  const inner = unwrap(t);
  if (isListType(inner)) return [plausible(inner.ofType as GraphQLInputType, name, idFor, depth)];
  if (isInputObjectType(inner)) return depth > 4 ? null : Object.fromEntries(Object.values(inner.getFields()).map((f) => [f.name, plausible(f.type, f.name, idFor, depth + 1)]));
  if (isEnumType(inner)) return inner.getValues()[0].value;
  switch ((inner as GraphQLNamedType).name) {
    case 'ID':
      return idFor(name);
    case 'Int':
      return name === 'first' ? 5 : 1;
    case 'Float':
      return 1;
    case 'Boolean':
      return false;
    case 'String':
      return name === 'after' ? null : 'probe';
    default:
      return /date$|On$/i.test(name) ? '2026-01-01' : new Date('2026-01-01T00:00:00Z').toISOString();
  }
}

function setAt(target: Json, path: Array<string | number>, value: unknown): Json {
  if (!path.length) return value;
  const copy = Array.isArray(target) ? [...target] : { ...(target ?? {}) };
  copy[path[0]] = setAt(copy[path[0]], path.slice(1), value);
  return copy;
}

const describe = (v: unknown) => {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 40 ? `${s.slice(0, 30)}...(${s.length} chars)` : s;
};

const isConnectionPart = (name: string) => /(Connection|Edge|PageInfo)$/.test(name);
const unwrap = (t: GraphQLInputType): GraphQLInputType => (isNonNullType(t) ? (t.ofType as GraphQLInputType) : t);

function idSel(schema: GraphQLSchema, f: GraphQLField<unknown, unknown>): string {
  const conn = getNamedType(f.type) as GraphQLObjectType;
  const edge = getNamedType(conn.getFields().edges?.type) as GraphQLObjectType | undefined;
  const node = edge && getNamedType(edge.getFields().node?.type);
  if (node && isObjectType(node) && node.getFields().id) return '__typename id';
  if (node && isAbstractType(node)) return `__typename ${schema.getPossibleTypes(node).filter((t) => t.getFields().id).map((t) => `... on ${t.name} { id }`).join(' ')}`;
  return '__typename';
}

/** Ids whose type fits the argument: by the return type for `id`, by the argument's stem for `xxxId`. */
function pickIds(pool: Array<[string, { type: string }]>, f: GraphQLField<unknown, unknown>, arg: GraphQLArgument, perType: number): string[] {
  const ret = getNamedType(f.type).name.replace(/Report$|Page$|Connection$/, '').toLowerCase();
  const stem = arg.name === 'id' ? ret : arg.name.replace(/Id$/, '').toLowerCase();
  const fits = (t: string) => {
    const l = t.toLowerCase();
    return l === stem || l.endsWith(stem) || stem.endsWith(l) || (stem === 'agreement' && l === 'serviceagreement') || (stem === 'organisation' && /organisation|office|cluster|network/.test(l));
  };
  const byType = new Map<string, string[]>();
  for (const [id, s] of pool) {
    if (!fits(s.type)) continue;
    const list = byType.get(s.type) ?? [];
    if (list.length < perType) list.push(id);
    byType.set(s.type, list);
  }
  return [...byType.values()].flat();
}

/** The answer with the asked id masked, for comparing a foreign id's answer with a missing one's. */
function normalise(json: Json, id: string): Json {
  const mask = (v: Json): Json => {
    if (typeof v === 'string') return v.split(id).join('<ID>');
    if (Array.isArray(v)) return v.map(mask);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).filter(([k]) => k !== 'locations').map(([k, x]) => [k, mask(x)]));
    return v;
  };
  return mask({ data: json?.data ?? null, errors: (json?.errors ?? []).map((e: Json) => ({ message: e.message, code: e.extensions?.code, path: e.path })) });
}

export { isEnumType, isInputObjectType, isScalarType };
