import fs from 'node:fs';
import path from 'node:path';
import { getNamedType, getNullableType, isCompositeType, isListType, isObjectType, Kind, parse } from 'graphql';
import { buildAppSchema } from '../schema';
import { createTestApp, TestApp } from '../testing/harness';
import { isConnectionType, LIST_CAPS, listCap, MAX_COST, operationCost } from './list-bounds';

const { schema } = buildAppSchema();

describe('every list in the schema is bounded', () => {
  it('gives every list field of objects pagination (`first`) or a cap registered in LIST_CAPS', () => {
    const unbounded: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.values(type.getFields())) {
        if (!isListType(getNullableType(field.type)) || !isCompositeType(getNamedType(field.type))) continue;
        if (field.args.some((a) => a.name === 'first')) continue;
        if (isConnectionType(type) && (field.name === 'edges' || field.name === 'nodes')) continue;
        if (listCap(type.name, field.name) === undefined) unbounded.push(`${type.name}.${field.name}`);
      }
    }
    expect(unbounded).toEqual([]);
  });

  it('prints each cap into the field description, where clients read it', () => {
    for (const [key, { cap }] of Object.entries(LIST_CAPS)) {
      const [t, f] = key.split('.');
      const type = schema.getType(t);
      expect(isObjectType(type) && type.getFields()[f].description).toContain(`At most ${cap}`);
    }
  });
});

const cost = (query: string, variables: Record<string, unknown> = {}) => {
  const document = parse(query);
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION)!;
  return operationCost({ schema, document, operation: operation as never, variables });
};

describe('the cost rule counts lists', () => {
  it('multiplies by `first`, with variables, and by the cap of capped lists', () => {
    expect(cost('{ organisations(first: 10) { edges { node { id } } } }')).toBe(10 * (1 + 1 + 1 + 1));
    expect(cost('query($n: Int!) { organisations(first: $n) { edges { node { id } } } }', { n: 3 })).toBe(3 * 4);
    // Default page size when `first` is left out.
    expect(cost('{ organisations { edges { node { id } } } }')).toBe(20 * 4);
    expect(cost('{ organisation(id: "x") { relationships { id } } }')).toBe(1 + LIST_CAPS['Organisation.relationships'].cap * 2);
  });

  it('keeps the cost per parsed operation and per the values of the variables given as `first`', () => {
    // Apollo hands the same parsed document to every request with the same text: the memo must not answer
    // one request's `first` for another's.
    const document = parse('query($n: Int!, $f: ID!) { organisations(first: $n) { edges { node { id } } } firm(id: $f) { id } }');
    const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION) as never;
    const of = (variables: Record<string, unknown>) => operationCost({ schema, document, operation, variables });
    expect(of({ n: 3, f: 'a' })).toBe(3 * 4 + 2);
    expect(of({ n: 50, f: 'a' })).toBe(50 * 4 + 2);
    expect(of({ n: 3, f: 'b' })).toBe(3 * 4 + 2);
    expect(of({ f: 'b' })).toBe(100 * 4 + 2); // a missing `first` counts as the largest page
    expect(of({ n: 3, f: 'c' })).toBe(3 * 4 + 2);
  });

  it('prices the 175-character query that returned 5 MB far over the limit', () => {
    const q = '{organisations(first:100){edges{node{relationships{to{relationships{to{relationships{to{name kind officialCode}}}}}}}}}}';
    expect(q.length).toBeLessThan(176);
    expect(cost(q)).toBeGreaterThan(MAX_COST * 1000);
  });

  it('lets every operation of the web client through, with page sizes at their maximum', () => {
    const dir = path.resolve(__dirname, '../../../client/src');
    const files = fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.graphql'));
    const fragments = files.map((f) => fs.readFileSync(path.join(dir, f), 'utf8')).join('\n');
    const document = parse(fragments);
    const over: string[] = [];
    for (const op of document.definitions) {
      if (op.kind !== Kind.OPERATION_DEFINITION) continue;
      const c = operationCost({ schema, document, operation: op, variables: {} });
      if (c > MAX_COST) over.push(`${op.name?.value}: ${c}`);
    }
    expect(over).toEqual([]);
    expect(document.definitions.length).toBeGreaterThan(50);
  });

  it('lets the queries the browser tests send directly through', () => {
    const dir = path.resolve(__dirname, '../../../client/e2e');
    const over: string[] = [];
    let n = 0;
    for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.mjs'))) {
      // GraphQL documents written as string literals in the test scripts.
      for (const m of fs.readFileSync(path.join(dir, f), 'utf8').matchAll(/(['`])((?:query|mutation|\{)[\s\S]*?)\1/g)) {
        let document;
        try {
          document = parse(m[2].replace(/\$\{[^}]*\}/g, 'x'));
        } catch {
          continue; // not GraphQL
        }
        for (const op of document.definitions) {
          if (op.kind !== Kind.OPERATION_DEFINITION) continue;
          n++;
          const c = operationCost({ schema, document, operation: op, variables: {} });
          if (c > MAX_COST) over.push(`${f}: ${c} ${m[2].slice(0, 80)}`);
        }
      }
    }
    expect(over).toEqual([]);
    expect(n).toBeGreaterThan(20);
  });
});

describe('a cap is a guarantee', () => {
  let app: TestApp;
  const cap = LIST_CAPS['Organisation.relationships'];
  const original = cap.cap;
  beforeAll(async () => {
    app = await createTestApp({ firmCount: 10 });
  });
  afterAll(async () => {
    cap.cap = original;
    await app?.close();
  });

  it('refuses the relationship that would pass the cap, and cuts a longer list to the cap when read', async () => {
    const as = { email: 'admin@midtjylland.demo' };
    const org = app.org('gh:midtjylland').id;
    const read = 'query($id: ID!) { organisation(id: $id) { relationships { id } } }';
    const before = (await app.exec(read, { id: org }, as)).data.organisation.relationships.length;
    expect(before).toBeGreaterThan(1);
    const add = 'mutation($input: AddOrganisationRelationshipInput!) { addOrganisationRelationship(input: $input) { relationship { id } userErrors { field code message } } }';
    const others: Array<{ id: string }> = await app.ds.query(
      `SELECT id FROM organisation o WHERE id <> $1 AND NOT EXISTS (SELECT 1 FROM organisation_relationship r WHERE (r.from_id = $1 AND r.to_id = o.id) OR (r.to_id = $1 AND r.from_id = o.id)) ORDER BY name LIMIT 2`,
      [org],
    );
    cap.cap = before + 1;
    const ok = await app.exec(add, { input: { fromId: org, toId: others[0].id, kind: 'COOPERATES_WITH' } }, as);
    expect(ok.data.addOrganisationRelationship.userErrors).toEqual([]);
    const refused = await app.exec(add, { input: { fromId: org, toId: others[1].id, kind: 'COOPERATES_WITH' } }, as);
    expect(refused.data.addOrganisationRelationship).toEqual({
      relationship: null,
      userErrors: [{ field: ['input', 'fromId'], code: 'INVALID_STATE', message: `An organisation can have at most ${before + 1} relationships.` }],
    });
    cap.cap = 2;
    expect((await app.exec(read, { id: org }, as)).data.organisation.relationships).toHaveLength(2);
  });
});

describe('a list that grows without bound pages', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp({ firmCount: 10 });
  });
  afterAll(() => app?.close());

  it("pages an organisation's API keys (revoked ones stay listed) with cursors", async () => {
    const as = { email: 'admin@midtjylland.demo' };
    const org = app.org('gh:midtjylland').id;
    for (const name of ['k1', 'k2', 'k3']) {
      const r = await app.exec('mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { userErrors { message } } }', { input: { name, organisationId: org } }, as);
      expect(r.data.createApiKey.userErrors).toEqual([]);
    }
    const page = 'query($id: ID!, $after: String) { organisation(id: $id) { apiKeys(first: 1, after: $after) { edges { node { name } } pageInfo { hasNextPage endCursor } } } }';
    const names: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 10; i++) {
      const r: any = await app.exec(page, { id: org, after }, as);
      expect(r.errors).toBeUndefined();
      names.push(...r.data.organisation.apiKeys.edges.map((e: any) => e.node.name));
      if (!r.data.organisation.apiKeys.pageInfo.hasNextPage) break;
      after = r.data.organisation.apiKeys.pageInfo.endCursor;
    }
    expect(names.filter((n) => /^k\d$/.test(n))).toEqual(['k1', 'k2', 'k3']);
    expect(new Set(names).size).toBe(names.length);
  });
});
