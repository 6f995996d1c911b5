import fs from 'node:fs';
import path from 'node:path';
import { startServer } from '../main';
import { DEMO_API_KEY, DEMO_PASSWORD, DEMO_USERS } from '../seed/demo';
import { createTestDatabase } from '../testing/harness';
import { ProbeCaller, Prober } from '../testing/outside-probe';

/**
 * The outside testers' cross-organisation probe (testing/outside-probe.ts), from schema/schema.graphql only,
 * over HTTP against the real server on demo data, as every demo user and the demo API key.
 */
let server: Awaited<ReturnType<typeof startServer>> | undefined;
let drop: (() => Promise<void>) | undefined;
const callers: ProbeCaller[] = [];
let prober: Prober;
/** PROBE_ALL=1: every demo user, every hostile value, the fuzz of every field (minutes; see scripts/probes/README.md). */
const ALL = process.env.PROBE_ALL === '1';

beforeAll(async () => {
  // PROBE_URL: a server already running on demo data (`npm start`, e.g. PORT=4171), else one of our own.
  let url = process.env.PROBE_URL;
  if (!url) {
    const db = await createTestDatabase({ seeded: 30 }); // the server finds its demo data there (no seeding at start)
    drop = db.drop;
    process.env.RATE_LIMIT_PER_ADDRESS = '0';
    process.env.RATE_LIMIT_PER_ACCOUNT = '0';
    server = await startServer({ databaseUrl: db.url, port: 0, host: '127.0.0.1', demoFirmCount: 30 });
    url = server.url;
  }
  const sdl = fs.readFileSync(path.join(__dirname, '../../../schema/schema.graphql'), 'utf8');
  prober = new Prober(url, sdl, { maxDepth: ALL ? 3 : 2 });
  // One caller per kind of organisation keeps the default run short; PROBE_ALL=1 signs in every demo user.
  // (two Danish growth houses, a Swedish region and the KKR key: each one's records are the others' foreign ids).
  const quick = ['consultant@midtjylland.demo', 'admin@hovedstaden.demo', 'coordinator@kalmar.demo'];
  for (const u of DEMO_USERS.filter((d) => ALL || quick.includes(d.email))) {
    const r = await prober.post(undefined, { query: 'mutation($i: SignInInput!) { signIn(input: $i) { token } }', variables: { i: { email: u.email, password: DEMO_PASSWORD } } }, 'signIn');
    callers.push({ name: u.email, headers: { authorization: `Bearer ${r.json.data.signIn.token}` } });
  }
  callers.push({ name: 'api-key', headers: { authorization: `ApiKey ${DEMO_API_KEY}` } });
}, 120_000);
afterAll(async () => {
  await server?.stop();
  await drop?.();
});

test('every caller: foreign ids answer as missing ones, no crash, no internal text, no foreign id in a message', async () => {
  const t0 = Date.now();
  await prober.collect(callers);
  const t1 = Date.now();
  await prober.crossOrg(callers, ALL ? 3 : 1);
  const t2 = Date.now();
  await prober.cursorsAcross(callers);
  await prober.crossOrgInputs(callers, ownIdFor);
  const t3 = Date.now();
  console.log(`requests ${prober.requests}, ids ${prober.seen.size}, collect ${t1 - t0} ms, crossOrg ${t2 - t1} ms, cursors ${t3 - t2} ms`);
  if (process.env.PROBE_OUT) fs.writeFileSync(process.env.PROBE_OUT, JSON.stringify(prober.findings, null, 1));
  expect(prober.findings).toEqual([]);
}, 600_000);

/** An own id of the type an argument's name says (`firmId` -> a Firm the caller read), else a missing one. */
function ownIdFor(caller: string) {
  return (name: string) => {
    const stem = name.replace(/Ids?$/, '').toLowerCase();
    for (const [id, s] of prober.seen) if (s.by.has(caller) && stem && s.type.toLowerCase().endsWith(stem)) return id;
    if (/organisation/i.test(name)) for (const [id, s] of prober.seen) if (s.by.has(caller) && s.type === 'Organisation') return id;
    return '7a1c0b1e-0000-4000-8000-00000000beef';
  };
}

// Thousands of requests: with PROBE_ALL=1 only (http/fuzz.test.ts covers every argument in the default run).
(ALL ? test : test.skip)('hostile values in every argument and input field: typed errors naming the field, never a crash', async () => {
  if (!prober.seen.size) await prober.collect(callers);
  const before = prober.findings.length;
  const n0 = prober.requests;
  // Reads as the API key (read-only partner), reads and writes as a consultant.
  const perLeaf = process.env.PROBE_PER_LEAF ? Number(process.env.PROBE_PER_LEAF) : undefined;
  await prober.fuzz(callers.find((c) => c.name === 'api-key')!, ownIdFor('api-key'), { mutations: false, perLeaf });
  await prober.fuzz(callers[0], ownIdFor(callers[0].name), { perLeaf });
  console.log(`fuzz requests ${prober.requests - n0}`);
  if (process.env.PROBE_OUT) fs.writeFileSync(`${process.env.PROBE_OUT}.fuzz`, JSON.stringify(prober.findings.slice(before), null, 1));
  expect(prober.findings.slice(before)).toEqual([]);
}, 900_000);

test('shape attacks: 1000 aliases, a batch of 1000, nesting 200 deep, a 20 MB body, deep JSON variables', async () => {
  const c = callers[0];
  const aliases = await prober.post(c, { query: `{ ${Array.from({ length: 1000 }, (_, i) => `a${i}: me { id }`).join(' ')} }` }, 'aliases');
  expect(aliases.status).toBeLessThan(500);
  expect(aliases.json.errors?.[0]?.extensions?.code).toMatch(/GRAPHQL_VALIDATION_FAILED|BAD_USER_INPUT|BAD_REQUEST|GRAPHQL_PARSE_FAILED/);
  const batch = await prober.post(c, JSON.stringify(Array.from({ length: 1000 }, () => ({ query: '{ me { id } }' }))), 'batch');
  expect(batch.status).toBeLessThan(500);
  const deep = await prober.post(c, { query: `{ me { ${'memberships { organisation { '.repeat(100)}id${' } }'.repeat(100)} } }` }, 'depth');
  expect(deep.status).toBeLessThan(500);
  expect(deep.json.errors?.length).toBeGreaterThan(0);
  const huge = await prober.post(c, JSON.stringify({ query: '{ me { id } }', variables: { x: 'y'.repeat(20_000_000) } }), 'huge body');
  expect(huge.status).toBeLessThan(500);
  // 5000 levels of JSON, written by hand (JSON.stringify itself runs out of stack on it).
  const nested = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
  const deepJson = await prober.post(c, `{"query":"query($f: FirmSearch) { firms(first: 1, search: $f) { edges { node { id } } } }","variables":{"f":${nested}}}`, 'deep variables');
  expect(deepJson.status).toBeLessThan(500);
  expect(prober.findings.filter((f) => ['aliases', 'batch', 'depth', 'huge body', 'deep variables'].includes(f.field))).toEqual([]);
});
