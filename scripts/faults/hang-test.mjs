// Hang test: a database that stops answering (SIGSTOP of every PostgreSQL process), then resumes (SIGCONT).
//   node scripts/faults/hang-test.mjs
// Checks that a query, a mutation, a sign-in and /readyz each answer 503 (SERVICE_UNAVAILABLE, Retry-After)
// within the pool's timeouts (production defaults: connect 3 s, statement 5 s, answer 7 s) instead of
// hanging, and that the API recovers by itself after SIGCONT. Appends to RESULTS.md.
import { buildServer, ensureDependencies, step } from '../lib/setup.mjs';
import { gql, record, signalPostgres, signIn, spawnServer, stopChild, waitReady } from './common.mjs';

ensureDependencies();
buildServer();
const { startEmbeddedPostgres, freePort } = await import('../lib/postgres.mjs');

step('Starting PostgreSQL and the server (default timeouts)');
const pg = await startEmbeddedPostgres({ durable: true, persistent: false, detached: true });
await pg.createDatabase('hang');
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const server = spawnServer({ databaseUrl: pg.url('hang'), port });
let exitCode = 1;
try {
  await waitReady(base, server);
  const token = await signIn(base);
  const firm = (await gql(base, '{ firms(first: 1) { edges { node { id } } } }', {}, token)).body?.data?.firms?.edges?.[0]?.node?.id;

  step('SIGSTOP of PostgreSQL; a query, a mutation, a sign-in and /readyz at once');
  const stopped = signalPostgres(pg.pid(), 'SIGSTOP');
  console.log(`  stopped the postmaster and ${stopped} PostgreSQL processes`);
  const timed = async (name, fn) => {
    const t0 = Date.now();
    const r = await fn();
    return { name, ms: Date.now() - t0, status: r.status, code: r.body?.errors?.[0]?.extensions?.code ?? r.body?.reason ?? null, retryAfter: r.retryAfter };
  };
  const ready = async () => {
    const res = await fetch(`${base}/readyz`, { signal: AbortSignal.timeout(30_000) });
    return { status: res.status, body: await res.json(), retryAfter: res.headers.get('retry-after') };
  };
  const answers = await Promise.all([
    timed('query { me }', () => gql(base, '{ me { displayName } }', {}, token)),
    timed('mutation recordTouchpoint', () => gql(base, 'mutation($i: RecordTouchpointInput!) { recordTouchpoint(input: $i) { touchpoint { id } } }',
      { i: { firmId: firm, kind: 'NOTE', occurredAt: new Date().toISOString(), note: { text: 'hang test' } } }, token)),
    timed('mutation signIn', () => gql(base, 'mutation { signIn(input: {email: "consultant@midtjylland.demo", password: "growth-graph-demo"}) { token } }')),
    timed('GET /readyz', ready),
  ]);
  for (const a of answers) console.log(`  ${a.name.padEnd(28)} HTTP ${a.status} ${a.code} after ${a.ms} ms (Retry-After ${a.retryAfter})`);

  step('SIGCONT; waiting for the API to recover');
  const resumedAt = Date.now();
  signalPostgres(pg.pid(), 'SIGCONT');
  await waitReady(base, server, 60_000);
  const after = await gql(base, '{ me { displayName } }', {}, token);
  const recoveredMs = Date.now() - resumedAt;
  const recovered = after.status === 200 && after.body?.data?.me?.displayName;
  console.log(`  recovered in ${recoveredMs} ms: ${recovered ? 'yes' : 'NO'}`);

  const ok = answers.every((a) => a.status === 503 && a.retryAfter && a.ms < 15_000) && answers.slice(0, 3).every((a) => a.code === 'SERVICE_UNAVAILABLE') && recovered;
  record(`hang test (SIGSTOP / SIGCONT of PostgreSQL): ${ok ? 'every request answered 503 within seconds, recovered' : 'FAILED'}`, [
    'Command: `node scripts/faults/hang-test.mjs` (default timeouts: connect 3 s, statement 5 s, client-side answer 7 s; /readyz 2 s).',
    '',
    ...answers.map((a) => `- ${a.name}: HTTP ${a.status} \`${a.code}\`, Retry-After ${a.retryAfter}, after ${a.ms} ms.`),
    `- After SIGCONT: ready and answering again in ${recoveredMs} ms.`,
  ]);
  exitCode = ok ? 0 : 1;
} catch (e) {
  console.error(e);
  try { signalPostgres(pg.pid(), 'SIGCONT'); } catch {}
} finally {
  await stopChild(server);
  await pg.stop();
}
process.exit(exitCode);
