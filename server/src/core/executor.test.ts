import { buildSchema, GraphQLEnumType, GraphQLObjectType, GraphQLSchema, GraphQLString, parse } from 'graphql';
import { Arg, ArgumentValidationError, Args, buildSchemaSync, Ctx, Field, FieldResolver, getMetadataStorage, ID, InputType, Int, ObjectType, Query, Resolver, Root, UseMiddleware } from 'type-graphql';
import { Access, Rules } from './access';
import { assertRecoercible, compiledExecutor, directFieldResolvers, isBareDataClass, passRootsAsTheyAre } from './executor';
import { checkPageArgs, PageArgs } from './pagination';

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

describe('field resolvers called directly (directFieldResolvers)', () => {
  // Its own type-graphql schema (the metadata storage holds this file's classes only: Jest loads modules per test file).
  @ObjectType()
  class Item {
    @Field(() => ID) id!: string;
  }
  @InputType()
  class Filter {
    @Field() word!: string;
  }
  @Resolver(() => Item)
  class ItemResolver {
    @Query(() => [Item])
    @Access(Rules.signedIn()) // not applied here (no applyAccessRules); the lint rule wants every root field declared
    items(): Item[] {
      return [{ id: 'a' }, { id: 'b' }];
    }
    @FieldResolver(() => String)
    label(@Root() item: Item, @Arg('suffix', { defaultValue: '!' }) suffix: string, @Ctx() ctx: { tag: string }) {
      return `${item.id}${suffix}${ctx.tag}`;
    }
    @FieldResolver(() => Int, { nullable: true })
    page(@Args(() => PageArgs, { validateFn: checkPageArgs }) { first }: PageArgs) {
      return first;
    }
    @FieldResolver(() => String)
    filtered(@Arg('filter', () => Filter) filter: Filter) {
      return filter.word;
    }
    @FieldResolver(() => String)
    @UseMiddleware(async (_, next) => `m:${await next()}`)
    wrapped() {
      return 'x';
    }
  }
  passRootsAsTheyAre(getMetadataStorage().params as never); // as schema.ts does first
  const schema = buildSchemaSync({ resolvers: [ItemResolver], validate: { forbidUnknownValues: false } });
  const before = Object.fromEntries(Object.entries((schema.getType('Item') as GraphQLObjectType).getFields()).map(([name, f]) => [name, f.resolve]));
  const changed = directFieldResolvers(schema, getMetadataStorage() as never, {});
  const after = (schema.getType('Item') as GraphQLObjectType).getFields();
  const run = compiledExecutor(schema);

  it('refuses build options whose per-call work its direct calls would skip (global middlewares, an auth checker)', () => {
    const fresh = buildSchemaSync({ resolvers: [ItemResolver], validate: { forbidUnknownValues: false } });
    const label = (fresh.getType('Item') as GraphQLObjectType).getFields().label.resolve;
    expect(() => directFieldResolvers(fresh, getMetadataStorage() as never, { globalMiddlewares: [async (_: unknown, next: () => Promise<unknown>) => next()] })).toThrow(/globalMiddlewares/);
    expect(() => directFieldResolvers(fresh, getMetadataStorage() as never, { authChecker: () => true })).toThrow(/authChecker/);
    expect((fresh.getType('Item') as GraphQLObjectType).getFields().label.resolve).toBe(label); // nothing changed before the refusal
    expect(directFieldResolvers(fresh, getMetadataStorage() as never, { globalMiddlewares: [] })).toBe(2);
  });

  it('only where type-graphql would only pass root, context, info and plain arguments', () => {
    expect(changed).toBe(2);
    expect(['label', 'page', 'filtered', 'wrapped'].map((f) => after[f].resolve !== before[f])).toEqual([true, true, false, false]);
  });

  it('gives the same answers, argument defaults and page checks included', async () => {
    const r = await run({ document: parse('{ items { id label x: label(suffix: "?") page p: page(first: 5) filtered(filter: { word: "w" }) wrapped } }'), contextValue: { tag: 't' } });
    expect(r).toEqual({
      data: {
        items: [
          { id: 'a', label: 'a!t', x: 'a?t', page: 20, p: 5, filtered: 'w', wrapped: 'm:x' },
          { id: 'b', label: 'b!t', x: 'b?t', page: 20, p: 5, filtered: 'w', wrapped: 'm:x' },
        ],
      },
    });
    const bad = await run({ document: parse('{ items { page(first: 0) } }'), contextValue: {} });
    expect(bad.errors?.map((e) => [e.path, e.message])).toEqual([
      [['items', 0, 'page'], 'Argument Validation Error'],
      [['items', 1, 'page'], 'Argument Validation Error'],
    ]);
    expect(bad.errors?.[0].originalError).toBeInstanceOf(ArgumentValidationError);
  });
});
