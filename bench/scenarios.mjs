// The benchmark's scenarios: each has setup (once) and run (per request). Areas add theirs here.
const SIGN_IN = 'mutation($e: String!) { signIn(input: { email: $e, password: "growth-graph-demo" }) { token } }';

export async function prepare({ gql }) {
  const token = (await gql(SIGN_IN, { e: 'consultant@midtjylland.demo' })).signIn.token;
  return { token };
}

const PREFIXES = ['a', 'b', 'd', 'g', 'h', 'k', 'l', 'm', 'n', 'p', 's', 't', 'v'];

export const scenarios = [
  {
    name: 'firm search by name prefix (first 20)',
    setup: async (ctx) => ctx,
    run: ({ gql, token }, i) =>
      gql('query($p: String!) { firms(search: { namePrefix: $p }, first: 20) { edges { node { name cvr municipality { name } } } pageInfo { endCursor } } }', { p: PREFIXES[i % PREFIXES.length] }, token),
  },
  {
    name: 'firm lookup by CVR',
    setup: async (ctx) => {
      const d = await ctx.gql('{ firms(first: 100, search: { country: DK }) { edges { node { cvr } } } }', {}, ctx.token);
      return { ...ctx, cvrs: d.firms.edges.map((e) => e.node.cvr) };
    },
    run: ({ gql, token, cvrs }, i) => gql('query($c: String!) { firms(search: { identifier: $c }) { edges { node { name } } } }', { c: cvrs[i % cvrs.length] }, token),
  },
  {
    name: 'organisation graph: 6 growth houses -> covered municipalities -> 5 firms each',
    setup: async (ctx) => ctx,
    run: ({ gql, token }) =>
      gql(
        '{ organisations(filter: { kinds: [GROWTH_HOUSE] }, first: 10) { edges { node { name relationships(kinds: [COVERS]) { to { name firms(first: 5) { edges { node { name } } } } } } } } }',
        {},
        token,
      ),
  },
];
