import { buildSchema, GraphQLEnumType, GraphQLObjectType, GraphQLSchema, GraphQLString, parse } from 'graphql';
import { assertRecoercible, compiledExecutor, isBareDataClass, passRootsAsTheyAre } from './executor';

describe('compiled executor (core/executor.ts)', () => {
  const schema = buildSchema(`
    input Page { first: Int! = 10, label: String }
    type Query { echo(page: Page!): String, fail: String }
  `);
  (schema.getQueryType()!.getFields().echo as { resolve?: unknown }).resolve = (_: unknown, { page }: { page: { first: number; label?: string } }) => `${page.first}:${page.label ?? '-'}`;
  (schema.getQueryType()!.getFields().fail as { resolve?: unknown }).resolve = () => {
    throw Object.assign(new Error('nope'), { extensions: { code: 'NOT_FOUND' } });
  };
  const run = compiledExecutor(schema);

  it("fills input fields' defaults in variables, as graphql-js does", async () => {
    const r = await run({ document: parse('query($p: Page!) { echo(page: $p) }'), variables: { p: { label: 'x' } }, contextValue: {} });
    expect(r).toEqual({ data: { echo: '10:x' } });
  });

  it("answers a wrong variable with graphql-js' own error (Apollo: BAD_USER_INPUT)", async () => {
    const r = await run({ document: parse('query($p: Page!) { echo(page: $p) }'), variables: { p: { lable: 'x' } }, contextValue: {} });
    expect(r.data).toBeUndefined();
    expect(r.errors?.[0].message).toMatch(/^Variable "\$p" got invalid value .*"lable" is not defined/);
    expect(r.errors?.[0].nodes?.[0].kind).toBe('VariableDefinition');
  });

  it('gives errors with a writable message, path and the original error', async () => {
    const r = await run({ document: parse('{ fail }'), contextValue: {} });
    const e = r.errors![0];
    expect(e.path).toEqual(['fail']);
    expect(e.originalError?.message).toBe('nope');
    e.message = 'masked'; // graphql-armor rewrites messages
    expect(e.message).toBe('masked');
  });

  it('refuses a schema whose enum values would not coerce twice', () => {
    const odd = new GraphQLEnumType({ name: 'Odd', values: { A: { value: 1 } } });
    const s = new GraphQLSchema({ query: new GraphQLObjectType({ name: 'Query', fields: { x: { type: GraphQLString, args: { o: { type: odd } } } } }) });
    expect(() => assertRecoercible(s)).toThrow(/Odd\.A/);
  });
});

describe('@Root() rows passed as they are', () => {
  it('only for classes that are nothing but data', () => {
    class Bare {
      name!: string;
    }
    class WithMethod {
      label() {
        return 'x';
      }
    }
    class WithGetter {
      get label() {
        return 'x';
      }
    }
    class Inherits extends WithMethod {}
    class WithInitialiser {
      tags: string[] = [];
    }
    expect([Bare, WithMethod, WithGetter, Inherits, WithInitialiser, String].map(isBareDataClass)).toEqual([true, false, false, false, false, false]);
    const params = [
      { kind: 'root', getType: () => Bare },
      { kind: 'root', getType: () => WithMethod },
      { kind: 'args', getType: () => Bare },
    ];
    expect(passRootsAsTheyAre(params)).toBe(1);
    expect(params.map((p) => Boolean(p.getType))).toEqual([false, true, true]);
  });
});
