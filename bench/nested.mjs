// `npm run bench:nested`: the GraphQL execution CPU of the partner nested read's shape (issue 12), in process,
// without HTTP or a database: `organisation(id) { relationships(COVERS, OUTGOING) { to { id name firms(first: 10)
// { edges { node { id name cvr employees } } } } } }` over one growth house, MUNICIPALITIES municipalities and
// 10 firms each, every row primed into the request's loaders (the stub database refuses any statement). The
// app's built schema and executor (server/dist: access rules, input guard, list caps, type-graphql resolvers,
// graphql-jit) as in production. Prints CPU per execution, per firm and per answered field (fields per second),
// and what JSON.stringify of the answer adds (Apollo serialises the result once).
//   BENCH_NESTED_REPEATS=200 BENCH_SERVER=/path/to/server/dist/main.js npm run bench:nested
//   BENCH_NESTED_HEAP=1 npm run bench:nested   # also: bytes allocated per execution (sampling heap profile, collected objects
//                                              # included), by allocating function - what the GC then has to clear
process.env.NODE_ENV = 'production';
import { createRequire } from 'node:module';
import inspector from 'node:inspector';
import os from 'node:os';
import path from 'node:path';
import { buildServer, ensureDependencies, root } from '../scripts/lib/setup.mjs';

const MUNICIPALITIES = Number(process.env.BENCH_NESTED_MUNICIPALITIES ?? 98);
const REPEATS = Number(process.env.BENCH_NESTED_REPEATS ?? 200);
const ROUNDS = Number(process.env.BENCH_NESTED_ROUNDS ?? 7);

ensureDependencies();
if (!process.env.BENCH_SERVER) buildServer();
const dist = process.env.BENCH_SERVER ? path.dirname(path.resolve(process.env.BENCH_SERVER)) : path.join(root, 'server/dist');
const require = createRequire(path.join(dist, 'main.js'));
const { parse, validate } = require('graphql');
const { DataSource } = require('typeorm');
const { buildAppSchema } = require(path.join(dist, 'schema.js'));
const { entities } = require(path.join(dist, 'entities.js'));
const { LoaderRegistry } = require(path.join(dist, 'core/context.js'));
const { Scope, Role } = require(path.join(dist, 'core/scope.js'));
const { compiledExecutor } = require(path.join(dist, 'core/executor.js'));
const { createOrganisationLoaders } = require(path.join(dist, 'organisations/organisation.loaders.js'));
const { createFirmLoaders } = require(path.join(dist, 'firms/firm.loaders.js'));

const { schema } = buildAppSchema();
const run = compiledExecutor(schema);
// Entity metadata only (the loaders read column names from it); never connected.
const metadata = new DataSource({ type: 'postgres', entities });
await metadata.buildMetadatas();

const uuid = (group, i) => `00000000-0000-4000-${group}-${String(i).padStart(12, '0')}`;
const now = new Date();
const org = (id, kind, name) => ({ id, kind, name, country: 'DK', officialCode: null, regionId: null, version: 1, createdAt: now, updatedAt: now });
const HOUSE = uuid('8000', 1);
const house = org(HOUSE, 'GROWTH_HOUSE', 'Erhvervshus Bench');
const municipalities = Array.from({ length: MUNICIPALITIES }, (_, m) => org(uuid('9000', m), 'MUNICIPALITY', `Kommune ${m}`));
const relationships = municipalities.map((m, i) => ({
  id: uuid('a000', i), kind: 'COVERS', state: 'ACTIVE', fromId: HOUSE, toId: m.id, proposedByOrganisationId: HOUSE,
  proposedByUserId: null, decidedAt: null, decidedByUserId: null, createdAt: now,
}));
// As the municipality page loader gives them: the selected properties, 11 rows (10 + the one telling there is a next page).
const pages = municipalities.map((m, mi) =>
  Array.from({ length: 11 }, (_, f) => ({ id: uuid('b000', mi * 100 + f), name: `Firma ${mi}-${String(f).padStart(2, '0')} ApS`, municipalityId: m.id, cvr: String(10000000 + mi * 100 + f), employees: f * 3 })),
);
// firmPropertiesFor's order: `always` (id, name, municipalityId), then the selected columns.
const PROPERTIES = ['id', 'name', 'municipalityId', 'cvr', 'employees'];

function context() {
  const refuse = () => {
    throw new Error('bench/nested.mjs: no database here');
  };
  const ds = { getRepository: () => ({ createQueryBuilder: refuse }), getMetadata: (e) => metadata.getMetadata(e), query: refuse, createQueryBuilder: refuse };
  const ctx = {
    ds,
    db: { finish: async () => {} },
    config: { authSecret: 'bench' },
    principal: { kind: 'user', userId: uuid('c000', 1), sessionId: uuid('c000', 2) },
    scope: new Scope([{ organisationId: HOUSE, role: Role.CONSULTANT }], false),
    activeOrganisationId: null,
  };
  ctx.loaders = new LoaderRegistry(() => ctx);
  const o = ctx.loaders.get(createOrganisationLoaders);
  o.byId.prime(HOUSE, house);
  for (const m of municipalities) o.byId.prime(m.id, m);
  o.relationshipsWithPending.prime(HOUSE, relationships);
  const f = ctx.loaders.get(createFirmLoaders);
  municipalities.forEach((m, i) => f.pageByMunicipality.prime({ municipalityId: m.id, first: 10, after: null, properties: PROPERTIES }, pages[i].map((r) => ({ ...r }))));
  return ctx;
}

const document = parse(`query($id: ID!) { organisation(id: $id) { id name relationships(kinds: [COVERS], direction: OUTGOING) {
  to { id name firms(first: 10) { edges { node { id name cvr employees } } } } } } }`);
const errors = validate(schema, document);
if (errors.length) throw new Error(errors.map((e) => e.message).join('; '));

async function once(ctx = context()) {
  const result = await run({ document, contextValue: ctx, variables: { id: HOUSE } });
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result;
}
const sample = await once();
const firms = sample.data.organisation.relationships.reduce((n, r) => n + r.to.firms.edges.length, 0);
if (firms !== MUNICIPALITIES * 10) throw new Error(`expected ${MUNICIPALITIES * 10} firms, got ${firms}`);
// Answered leaf fields (what "fields per second" counts): 2 + per municipality 2 + per firm 4.
const leaves = 2 + MUNICIPALITIES * 2 + firms * 4;

const cpu = (f) => {
  const t0 = process.cpuUsage();
  f();
  const t = process.cpuUsage(t0);
  return t.user + t.system;
};
async function perExecution(stringify) {
  // Contexts (loaders primed with the rows) are built before the clock starts: only execution is timed.
  const contexts = Array.from({ length: REPEATS }, context);
  const t0 = process.cpuUsage();
  for (let i = 0; i < REPEATS; i++) {
    const r = await once(contexts[i]);
    if (stringify) JSON.stringify(r);
  }
  const t = process.cpuUsage(t0);
  return (t.user + t.system) / REPEATS;
}
for (let i = 0; i < 100; i++) await once(); // warm-up (JIT)
const exec = [];
const withJson = [];
for (let r = 0; r < ROUNDS; r++) {
  exec.push(await perExecution(false));
  withJson.push(await perExecution(true));
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const e = median(exec);
const j = median(withJson);
const stringifyOnly = cpu(() => { for (let i = 0; i < REPEATS; i++) JSON.stringify(sample); }) / REPEATS;
const load = os.loadavg().map((l) => l.toFixed(2)).join(' / ');
console.log(`Nested read execution CPU: ${(e / 1000).toFixed(2)} ms per execution (median of ${ROUNDS} rounds x ${REPEATS}; min ${(Math.min(...exec) / 1000).toFixed(2)}, max ${(Math.max(...exec) / 1000).toFixed(2)})`);
console.log(`  ${firms} firms, ${leaves} leaf fields: ${(e / firms).toFixed(2)} us per firm, ${(e / leaves).toFixed(3)} us per leaf field (${((leaves / e) * 1e6 / 1e6).toFixed(2)} M fields/s)`);
console.log(`  with JSON.stringify of the answer: ${(j / 1000).toFixed(2)} ms (stringify alone ${(stringifyOnly / 1000).toFixed(2)} ms, ${JSON.stringify(sample).length} characters)`);
console.log(`  build: ${dist}`);
console.log(`  Node ${process.version}, ${os.cpus()[0]?.model ?? 'cpu'} x${os.cpus().length}, load average ${load} (1/5/15 min)`);

if (process.env.BENCH_NESTED_HEAP) {
  // V8's sampling heap profiler with the objects minor and major GCs collected (a request's garbage is what costs here).
  const session = new inspector.Session();
  session.connect();
  const post = (method, params = {}) => new Promise((resolve, reject) => session.post(method, params, (err, r) => (err ? reject(err) : resolve(r))));
  const contexts = Array.from({ length: REPEATS }, context);
  await post('HeapProfiler.enable');
  await post('HeapProfiler.startSampling', { samplingInterval: 1024, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
  for (let i = 0; i < REPEATS; i++) JSON.stringify(await once(contexts[i]));
  const { profile } = await post('HeapProfiler.stopSampling');
  session.disconnect();
  const bySite = new Map();
  let total = 0;
  const walk = (n) => {
    const f = n.callFrame;
    const where = `${f.functionName || '(anonymous)'} ${f.url.split('node_modules/').pop().split('/').slice(-2).join('/')}:${f.lineNumber + 1}`;
    total += n.selfSize;
    bySite.set(where, (bySite.get(where) ?? 0) + n.selfSize);
    n.children.forEach(walk);
  };
  walk(profile.head);
  const kb = (b) => (b / REPEATS / 1024).toFixed(1).padStart(7);
  console.log(`Allocated per execution + JSON.stringify (sampled): ${kb(total).trim()} kB (${(total / REPEATS / firms).toFixed(0)} bytes per firm); by allocating function:`);
  for (const [k, v] of [...bySite].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.BENCH_NESTED_HEAP_TOP ?? 15))) console.log(`  ${kb(v)} kB  ${k}`);
}
