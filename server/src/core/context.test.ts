import { randomUUID } from 'node:crypto';
import { createTestApp, TestApp } from '../testing/harness';
import { createContext, RequestContext, withClientAddressOf } from './context';
import { Role, Scope } from './scope';

/**
 * Apollo copies the context's own enumerable properties into a clone for every operation (ApolloServer's
 * cloneObject: Object.assign(Object.create(prototype), context)). The clone is what resolvers get, so `ds`
 * and `loaders` must work on it, and copying must not build the request's query runner or facade (issue 12:
 * an own `ds` getter did so for every request, `{ __typename }` included).
 */
let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(() => app?.close());

const apolloClone = <T extends object>(o: T): T => Object.assign(Object.create(Object.getPrototypeOf(o)), o);
const built = (ctx: RequestContext) => (ctx.db as unknown as { ownRunner: unknown; ownFacade: unknown });

it('a cloned context builds no query runner or facade until a resolver reaches for ctx.ds, and then reads in scope', async () => {
  const userId = randomUUID();
  const ctx = createContext(app.appDs, app.config, { kind: 'user', userId, sessionId: randomUUID() }, new Scope([{ organisationId: randomUUID(), role: Role.VIEWER }], false));
  const clone = apolloClone(ctx);
  expect(built(ctx).ownRunner).toBeNull();
  expect(built(ctx).ownFacade).toBeNull();
  // Through the clone: the request's one transaction, with the caller's scope set.
  const [row] = await clone.ds.query(`SELECT current_setting('app.user_id', true) AS u`);
  expect(row.u).toBe(userId);
  expect(clone.ds).toBe(ctx.ds);
  await ctx.db.finish(true);
});

it('loaders are made on first use, once per context, for the context that asks', async () => {
  const ctx = createContext(app.appDs, app.config, null, Scope.NONE);
  const clone = apolloClone(ctx);
  const seen: RequestContext[] = [];
  const factory = (c: RequestContext) => (seen.push(c), { made: seen.length });
  expect(clone.loaders.get(factory)).toBe(clone.loaders.get(factory));
  expect(seen.length).toBe(1);
  expect(seen[0]).toBe(clone);
  await ctx.db.finish(true);
});

it("the client's address is read from the request when asked, on the clone too, and not by the copy", async () => {
  const ctx = createContext(app.appDs, app.config, null, Scope.NONE);
  let reads = 0;
  const req = { get ip() { reads++; return '203.0.113.7'; } };
  const clone = apolloClone(withClientAddressOf(ctx, req));
  expect(reads).toBe(0); // the copy ran no proxy-addr parse
  expect(clone.clientAddress).toBe('203.0.113.7');
  expect(reads).toBe(1);
  const given = apolloClone(Object.assign(createContext(app.appDs, app.config, null, Scope.NONE), { clientAddress: '198.51.100.1' }));
  expect(given.clientAddress).toBe('198.51.100.1');
  await ctx.db.finish(true);
});
