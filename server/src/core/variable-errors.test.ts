import { createTestApp, TestApp } from '../testing/harness';

/**
 * Found by the outside probe (testing/outside-probe.ts): a variable with more than 50 invalid values (a list of
 * 5000 nulls where items are non-null) made graphql-js stop with "Too many errors processing variables", which
 * came out as INTERNAL_SERVER_ERROR (logged with a stack) instead of a typed bad-input error.
 */
let app: TestApp;
beforeAll(async () => {
  app = await createTestApp({ firmCount: 5 });
});
afterAll(() => app?.close());

test('more than 50 invalid values in the variables: typed errors naming the variable, no internal error', async () => {
  const r = await app.exec('query($i: DashboardInput!) { dashboard(input: $i) { __typename } }', {
    i: { organisationId: app.org('gh:midtjylland').id, from: '2026-01-01', to: '2026-02-01', panels: Array(5000).fill(null) },
  }, { email: 'consultant@midtjylland.demo' });
  const codes = new Set(r.errors?.map((e) => e.extensions?.code));
  expect(codes.has('INTERNAL_SERVER_ERROR')).toBe(false);
  expect(r.errors?.length).toBe(51);
  expect(r.errors?.[50].extensions?.code).toBe('BAD_USER_INPUT');
  for (const e of r.errors ?? []) expect(e.message).toMatch(/\$i/);
});
