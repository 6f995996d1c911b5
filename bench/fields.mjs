// `npm run bench:fields`: GraphQL execution CPU per plain field (issue 12's target: under 0.5 us), in process,
// without HTTP or a database. The app's built schema (server/dist: access rules, input guard, list caps and
// type-graphql's resolvers as in production) executes `{ organisation(id) { relationships { ... } } }` over
// ROWS relationship rows primed into the request's loaders. A query of K plain fields per row is timed against
// the same query with 1 field; the difference divided by ROWS x (K - 1) is the cost of one plain field
// (the per-row, per-list and per-request costs cancel out).
//   BENCH_FIELD_ROWS=500 BENCH_FIELD_REPEATS=300 npm run bench:fields
// As the benchmark's server runs (bench/run.mjs): graphql-js checks types with a slower instanceof outside production.
process.env.NODE_ENV = 'production';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { buildServer, ensureDependencies, root } from '../scripts/lib/setup.mjs';

// 500: the hard cap of Organisation.relationships (core/list-bounds.ts).
const ROWS = Math.min(500, Number(process.env.BENCH_FIELD_ROWS ?? 500));
const REPEATS = Number(process.env.BENCH_FIELD_REPEATS ?? 300);
const ROUNDS = Number(process.env.BENCH_FIELD_ROUNDS ?? 7);

ensureDependencies();
if (!process.env.BENCH_SERVER) buildServer();
const dist = process.env.BENCH_SERVER ? path.dirname(process.env.BENCH_SERVER) : path.join(root, 'server/dist');
const require = createRequire(path.join(dist, 'main.js'));
const { execute, parse, validate } = require('graphql');
const { buildAppSchema } = require(path.join(dist, 'schema.js'));
const { LoaderRegistry } = require(path.join(dist, 'core/context.js'));
const { Scope, Role } = require(path.join(dist, 'core/scope.js'));
const { createOrganisationLoaders } = require(path.join(dist, 'organisations/organisation.loaders.js'));

const { schema } = buildAppSchema();
const ORG = '00000000-0000-4000-8000-000000000001';
const now = new Date();
const rows = Array.from({ length: ROWS }, (_, i) => ({
  id: `00000000-0000-4000-8000-${String(i + 2).padStart(12, '0')}`,
  kind: 'COVERS',
  state: 'ACTIVE',
  fromId: ORG,
  toId: `00000000-0000-4000-9000-${String(i).padStart(12, '0')}`,
  proposedByOrganisationId: ORG,
  proposedByUserId: null,
  decidedAt: null,
  decidedByUserId: null,
  createdAt: now,
}));
const organisation = { id: ORG, kind: 'GROWTH_HOUSE', name: 'Erhvervshus Bench', country: 'DK', officialCode: null, regionId: null, version: 1, createdAt: now, updatedAt: now };

/** A request context whose loaders already hold the rows: no statement is ever sent (the stub database refuses any). */
function context() {
  const refuse = () => {
    throw new Error('bench/fields.mjs: no database here');
  };
  const ds = { getRepository: () => ({ createQueryBuilder: refuse }), query: refuse, createQueryBuilder: refuse };
  const ctx = {
    ds,
    db: { finish: async () => {} },
    config: { authSecret: 'bench' },
    principal: { kind: 'user', userId: '00000000-0000-4000-8000-00000000aaaa', sessionId: '00000000-0000-4000-8000-00000000bbbb' },
    scope: new Scope([{ organisationId: ORG, role: Role.CONSULTANT }], false),
    activeOrganisationId: null,
  };
  ctx.loaders = new LoaderRegistry(() => ctx);
  const loaders = ctx.loaders.get(createOrganisationLoaders);
  loaders.byId.prime(ORG, organisation);
  loaders.relationshipsWithPending.prime(ORG, rows);
  return ctx;
}

// Plain fields: columns read by graphql-js's default resolver (ID, enum, ID), no field resolver.
const PLAIN = ['id', 'kind', 'state', 'proposedByOrganisationId'];
const fieldsOf = (k) => Array.from({ length: k }, (_, i) => (i < PLAIN.length ? PLAIN[i] : `f${i}: ${PLAIN[i % PLAIN.length]}`)).join(' ');
const documentOf = (k) => {
  const document = parse(`query($id: ID!) { organisation(id: $id) { relationships(direction: OUTGOING) { ${fieldsOf(k)} } } }`);
  const errors = validate(schema, document);
  if (errors.length) throw new Error(errors.map((e) => e.message).join('; '));
  return document;
};

// The app's executor as Apollo runs it (core/executor.ts: graphql-jit), or graphql-js' execute for a build
// without one or with BENCH_FIELDS_GRAPHQL_JS=1.
const fs = createRequire(import.meta.url)('node:fs');
const executorFile = path.join(dist, 'core/executor.js');
const compiled = !process.env.BENCH_FIELDS_GRAPHQL_JS && fs.existsSync(executorFile) ? require(executorFile).compiledExecutor(schema) : null;
const executorName = compiled ? 'graphql-jit (core/executor.ts)' : 'graphql-js execute';

async function run(document) {
  const result = compiled
    ? await compiled({ document, contextValue: context(), variables: { id: ORG } })
    : await execute({ schema, document, contextValue: context(), variableValues: { id: ORG } });
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  if (result.data.organisation.relationships.length !== ROWS) throw new Error('wrong number of rows');
  return result;
}

/** CPU time of REPEATS executions of `document`, in us per execution (process CPU: user + system). */
async function cpuPerExecution(document) {
  const t0 = process.cpuUsage();
  for (let i = 0; i < REPEATS; i++) await run(document);
  const t = process.cpuUsage(t0);
  return (t.user + t.system) / REPEATS;
}

const K = Number(process.env.BENCH_FIELD_COUNT ?? 8);
const one = documentOf(1);
const many = documentOf(K);
for (let i = 0; i < 50; i++) { await run(one); await run(many); } // warm-up (JIT)
const perField = [];
const baselines = [];
for (let r = 0; r < ROUNDS; r++) {
  // Alternate the two queries so that machine load hits both alike.
  const base = await cpuPerExecution(one);
  const full = await cpuPerExecution(many);
  baselines.push(base);
  perField.push((full - base) / (ROWS * (K - 1)));
}
perField.sort((a, b) => a - b);
baselines.sort((a, b) => a - b);
const median = (xs) => xs[Math.floor(xs.length / 2)];
const load = os.loadavg().map((l) => l.toFixed(2)).join(' / ');
console.log(`GraphQL execution CPU per plain field: ${median(perField).toFixed(3)} us (median of ${ROUNDS} rounds; min ${perField[0].toFixed(3)}, max ${perField[perField.length - 1].toFixed(3)})`);
console.log(`  ${ROWS} rows x ${K} plain fields against ${ROWS} rows x 1 field (${(median(baselines) / 1000).toFixed(2)} ms per execution), ${REPEATS} executions per round`);
console.log(`  executor: ${executorName}`);
console.log(`  Node ${process.version}, ${os.cpus()[0]?.model ?? 'cpu'} x${os.cpus().length}, load average ${load} (1/5/15 min)`);
