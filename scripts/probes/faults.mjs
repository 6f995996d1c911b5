// Outside fault probe: what a tester outside the team does to the running server, judged only by the answers
// and by what is in the database afterwards.
//   node scripts/probes/faults.mjs            (builds the server; ~1-2 min; PROBE_WORKERS, default 8)
// 1. SIGTERM under write load: every write the server answered with an id is present after a restart, with its
//    details (nothing half-written), and no answer was a 500.
// 2. PostgreSQL SIGSTOPped under load for 10 s (longer than the 7 s client-side query timeout): every answer in that window is 200 or 503 SERVICE_UNAVAILABLE with
//    Retry-After (never 500, never a hang past the client's 20 s), and the API answers 200 again after SIGCONT.
// 3. PostgreSQL stopped (fast shutdown) under load, then started again on the same data: 503 typed while down,
//    200 again after it is back, without restarting the API.
import fs from 'node:fs';
import pgLib from 'pg';
import { buildServer, ensureDependencies, step } from '../lib/setup.mjs';
import { gql, signalPostgres, signIn, spawnServer, stopChild, waitReady } from '../faults/common.mjs';

const WORKERS = Number(process.env.PROBE_WORKERS ?? 8);
ensureDependencies();
buildServer();
const { startEmbeddedPostgres, freePort } = await import('../lib/postgres.mjs');
const failures = [];
const fail = (what) => (failures.push(what), console.log(`  FAIL ${what}`));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

step('Starting PostgreSQL (durable) and the server');
const pg = await startEmbeddedPostgres({ durable: true, persistent: true, detached: true });
const { dataDir } = pg;
await pg.createDatabase('probe');
const url = pg.url('probe');
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
let server = spawnServer({ databaseUrl: url, port });
const direct = async (sql, params) => {
  const c = new pgLib.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql, params)).rows;
  } finally {
    await c.end();
  }
};

/** Load until stop(): each worker alternates a touchpoint write (unique text) and a read; every answer is classified. */
function load(token, firms, tag) {
  const answered = new Map(); // touchpoint id -> text, for writes the server confirmed
  const statuses = {};
  const bad = [];
  let stop = false;
  let slowest = 0;
  const worker = async (w) => {
    for (let i = 0; !stop; i++) {
      const t0 = Date.now();
      const text = `probe ${tag} ${w}/${i}`;
      const r = i % 2 === 0
        ? await gql(base, 'mutation($i: RecordTouchpointInput!) { recordTouchpoint(input: $i) { touchpoint { id } userErrors { code } } }',
          { i: { firmId: firms[(w * 7 + i) % firms.length], kind: 'NOTE', occurredAt: new Date().toISOString(), note: { text } } }, token, { timeoutMs: 20_000 })
        : await gql(base, '{ firms(first: 3) { edges { node { id name } } } }', {}, token, { timeoutMs: 20_000 });
      slowest = Math.max(slowest, Date.now() - t0);
      const key = r.status ? String(r.status) : r.error;
      statuses[key] = (statuses[key] ?? 0) + 1;
      const id = r.body?.data?.recordTouchpoint?.touchpoint?.id;
      if (id) answered.set(id, text);
      if (r.status >= 500 && r.status !== 503) bad.push(`HTTP ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
      if (r.status === 503 && (r.body?.errors?.[0]?.extensions?.code !== 'SERVICE_UNAVAILABLE' || !r.retryAfter)) bad.push(`503 without code/Retry-After: ${JSON.stringify(r.body).slice(0, 200)}`);
      for (const e of r.body?.errors ?? []) if (e.extensions?.code === 'INTERNAL_SERVER_ERROR') bad.push(`INTERNAL_SERVER_ERROR: ${e.message}`);
      if (r.error === 'TimeoutError') bad.push('no answer within 20 s');
      if (!r.status) await sleep(100); // refused / reset: do not spin
    }
  };
  const all = Array.from({ length: WORKERS }, (_, w) => worker(w));
  return { answered, statuses, bad, slowest: () => slowest, stop: async () => ((stop = true), await Promise.all(all)) };
}

async function recovered(token, withinMs) {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    const r = await gql(base, '{ me { id } }', {}, token, { timeoutMs: 5000 });
    if (r.status === 200 && r.body?.data?.me?.id) return true;
    await sleep(250);
  }
  return false;
}

let exitCode = 1;
try {
  await waitReady(base, server);
  let token = await signIn(base);
  const firms = (await direct(`SELECT id FROM firm WHERE status = 'REGISTERED' ORDER BY name LIMIT 40`)).map((r) => r.id);

  step('1. SIGTERM under write load, restart, every answered write present and whole');
  const l1 = load(token, firms, 'sigterm');
  await sleep(2500);
  const exited = new Promise((r) => server.once('exit', (code) => r(code)));
  server.kill('SIGTERM');
  const code = await Promise.race([exited, sleep(30_000).then(() => 'timeout')]);
  await l1.stop();
  if (code !== 0) fail(`server exit after SIGTERM: ${code}`);
  server = spawnServer({ databaseUrl: url, port });
  await waitReady(base, server);
  const ids = [...l1.answered.keys()];
  // Whole: the row is there with the details it was written with (details are a column of the touchpoint row).
  const present = await direct(`SELECT id, details->>'text' AS text FROM touchpoint WHERE id = ANY($1::uuid[])`, [ids]);
  const missing = ids.filter((id) => !present.some((p) => p.id === id));
  if (missing.length) fail(`${missing.length} of ${ids.length} answered writes missing after restart: ${missing.slice(0, 3)}`);
  const torn = present.filter((p) => p.text !== l1.answered.get(p.id));
  if (torn.length) fail(`${torn.length} answered writes not as written: ${JSON.stringify(torn.slice(0, 3))}`);
  // Nothing half-written among the unanswered ones either: every probe touchpoint has its text and its firm.
  const [{ n }] = await direct(`SELECT count(*)::int AS n FROM touchpoint WHERE details->>'text' LIKE 'probe sigterm %' AND (firm_id IS NULL OR organisation_id IS NULL)`);
  if (n) fail(`${n} probe touchpoints half-written`);
  token = await signIn(base);
  for (const b of l1.bad.slice(0, 5)) fail(`SIGTERM load: ${b}`);
  console.log(`  ${ids.length} answered writes, ${missing.length} missing; statuses ${JSON.stringify(l1.statuses)}`);

  step('2. PostgreSQL SIGSTOPped for 10 s under load');
  const l2 = load(token, firms, 'sigstop');
  await sleep(1500);
  signalPostgres(pg.pid(), 'SIGSTOP');
  // Longer than the client-side query timeout (DB_QUERY_TIMEOUT_MS, 7 s): a shorter pause is just a slow answer.
  await sleep(10_000);
  signalPostgres(pg.pid(), 'SIGCONT');
  if (!(await recovered(token, 30_000))) fail('no 200 within 30 s after SIGCONT');
  await l2.stop();
  for (const b of l2.bad.slice(0, 5)) fail(`SIGSTOP load: ${b}`);
  if (!l2.statuses['503']) fail(`no 503 while PostgreSQL was stopped: ${JSON.stringify(l2.statuses)}`);
  // A write answered 503 must not be there afterwards (the client was told it failed and will retry).
  const [{ n: stored }] = await direct(`SELECT count(*)::int AS n FROM touchpoint WHERE details->>'text' LIKE 'probe sigstop %'`);
  if (stored !== l2.answered.size) fail(`SIGSTOP: ${stored} probe writes stored, ${l2.answered.size} answered with an id (${stored - l2.answered.size} written though answered otherwise)`);
  console.log(`  statuses ${JSON.stringify(l2.statuses)}; slowest answer ${l2.slowest()} ms; stored ${stored}, answered ${l2.answered.size}`);

  step('3. PostgreSQL stopped under load, then started again on the same data');
  const l3 = load(token, firms, 'pgdown');
  await sleep(1500);
  await pg.stop();
  await sleep(3000);
  await pg.start();
  if (!(await recovered(token, 30_000))) fail('no 200 within 30 s after PostgreSQL came back');
  await l3.stop();
  for (const b of l3.bad.slice(0, 5)) fail(`PostgreSQL-down load: ${b}`);
  if (!l3.statuses['503']) fail(`no 503 while PostgreSQL was down: ${JSON.stringify(l3.statuses)}`);
  const lost = [...l3.answered.keys()];
  const back = await direct('SELECT id FROM touchpoint WHERE id = ANY($1::uuid[])', [lost]);
  if (back.length !== lost.length) fail(`${lost.length - back.length} answered writes lost over the PostgreSQL restart`);
  const [{ n: stored3 }] = await direct(`SELECT count(*)::int AS n FROM touchpoint WHERE details->>'text' LIKE 'probe pgdown %'`);
  if (stored3 !== lost.length) fail(`PostgreSQL down: ${stored3} probe writes stored, ${lost.length} answered with an id`);
  console.log(`  statuses ${JSON.stringify(l3.statuses)}; ${lost.length} answered writes, all present: ${back.length === lost.length}`);
  exitCode = failures.length ? 1 : 0;
  console.log(failures.length ? `\n${failures.length} finding(s)` : '\nfound nothing: every answer typed, every answered write present, recovered each time');
} catch (e) {
  console.error(e);
} finally {
  await stopChild(server);
  try { signalPostgres(pg.pid(), 'SIGCONT'); } catch {}
  await pg.stop();
  fs.rmSync(dataDir, { recursive: true, force: true }); // persistent only so that step 3 can restart on it
}
process.exit(exitCode);
