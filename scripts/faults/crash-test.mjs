// Crash test: does a write the API confirmed survive a crash of PostgreSQL?
//   node scripts/faults/crash-test.mjs            durable settings, as `npm start` runs them (expects lost=0)
//   node scripts/faults/crash-test.mjs --unsafe   the throw-away test settings (fsync/synchronous_commit off), for comparison
// Starts the embedded PostgreSQL and the real server (separate process), runs a bounded mixed write load
// as a demo consultant (notes, referrals = referral + step + touchpoint, prospects), records every id the
// API confirmed, SIGKILLs PostgreSQL (the postmaster and all its processes at once) mid-load, restarts
// it, and checks that every confirmed write is there and nothing is half-written. Appends to RESULTS.md.
// Bounded: CRASH_WRITES (800) attempts, CRASH_CONCURRENCY (8) at a time, CRASH_KILLS (2) crashes.
import pgLib from 'pg';
import { buildServer, ensureDependencies, step } from '../lib/setup.mjs';
import { gql, record, signalPostgres, signIn, spawnServer, stopChild, waitReady } from './common.mjs';

const unsafe = process.argv.includes('--unsafe');
const TOTAL = Number(process.env.CRASH_WRITES ?? 800);
const CONCURRENCY = Number(process.env.CRASH_CONCURRENCY ?? 8);
const KILLS = Number(process.env.CRASH_KILLS ?? 2);
const OUTAGE_MS = 1500; // load keeps running against the dead database this long before the restart

ensureDependencies();
buildServer();
const { startEmbeddedPostgres, freePort } = await import('../lib/postgres.mjs');

step(`Starting PostgreSQL (${unsafe ? 'UNSAFE: fsync=off, synchronous_commit=off' : 'durable: fsync=on, synchronous_commit=on'}) and the server`);
const pgLog = [];
const pg = await startEmbeddedPostgres({ durable: !unsafe, persistent: false, detached: true, onLog: (l) => (pgLog.push(l), pgLog.length > 300 && pgLog.shift()) });
await pg.createDatabase('crash');
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const server = spawnServer({ databaseUrl: pg.url('crash'), port });
let exitCode = 1;
try {
  await waitReady(base, server);
  const token = await signIn(base);
  const direct = new pgLib.Client({ connectionString: pg.url('crash') });
  await direct.connect();
  const firms = (await direct.query(`SELECT id FROM firm WHERE status = 'REGISTERED' ORDER BY name LIMIT 50`)).rows.map((r) => r.id);
  const [{ id: receiver }] = (await direct.query(
    `SELECT id FROM organisation WHERE id NOT IN (SELECT organisation_id FROM membership m JOIN app_user u ON u.id = m.user_id WHERE u.email = 'consultant@midtjylland.demo') ORDER BY name LIMIT 1`,
  )).rows;
  const orphans = async (c) => Number((await c.query(`SELECT
      (SELECT count(*) FROM referral r WHERE NOT EXISTS (SELECT 1 FROM touchpoint t WHERE t.referral_id = r.id))
    + (SELECT count(*) FROM referral r WHERE NOT EXISTS (SELECT 1 FROM referral_step s WHERE s.referral_id = r.id)) AS n`)).rows[0].n);
  const orphansBefore = await orphans(direct);
  await direct.end();

  const confirmed = { touchpoint: [], referral: [], firm: [] };
  const outcome = { confirmed: 0, unavailable503: 0, cut: 0, other: 0 };
  const otherSamples = [];
  let attempted = 0;
  const ops = [
    async (i) => {
      const r = await gql(base, 'mutation($i: RecordTouchpointInput!) { recordTouchpoint(input: $i) { touchpoint { id } userErrors { code } } }',
        { i: { firmId: firms[i % firms.length], kind: 'NOTE', occurredAt: new Date().toISOString(), note: { text: `crash test ${i}` } } }, token);
      const id = r.body?.data?.recordTouchpoint?.touchpoint?.id;
      return [r, id ? [['touchpoint', id]] : null];
    },
    async (i) => {
      const r = await gql(base, 'mutation($i: RecordTouchpointInput!) { recordTouchpoint(input: $i) { touchpoint { id } referral { id } userErrors { code } } }',
        { i: { firmId: firms[i % firms.length], kind: 'REFERRAL', occurredAt: new Date().toISOString(), referral: { receiverOrganisationId: receiver, reason: `crash test ${i}` } } }, token);
      const d = r.body?.data?.recordTouchpoint;
      return [r, d?.referral?.id && d?.touchpoint?.id ? [['referral', d.referral.id], ['touchpoint', d.touchpoint.id]] : null];
    },
    async (i) => {
      const r = await gql(base, 'mutation($i: CreateFirmInput!) { createFirm(input: $i) { firm { id } userErrors { code } } }', { i: { country: 'DK', name: `Crash test prospect ${i}` } }, token);
      const id = r.body?.data?.createFirm?.firm?.id;
      return [r, id ? [['firm', id]] : null];
    },
  ];

  // TOTAL writes are attempted while the database is up; during an outage a worker backs off after a 503
  // instead of spending the budget (hard cap: 5 x TOTAL requests in all).
  let requests = 0;
  const worker = async () => {
    while (attempted < TOTAL && requests < 5 * TOTAL) {
      requests++;
      const i = attempted++;
      const [r, ids] = await ops[i % ops.length](i);
      if (r.status === 200 && ids && !r.body.errors) {
        for (const [table, id] of ids) confirmed[table].push(id);
        outcome.confirmed++;
      } else if (r.status === 503) {
        outcome.unavailable503++;
        attempted--;
        await new Promise((res) => setTimeout(res, 200));
      }
      else if (r.status === 0) outcome.cut++;
      else {
        outcome.other++;
        if (otherSamples.length < 3) otherSamples.push(`${r.status} ${JSON.stringify(r.body?.errors ?? r.body).slice(0, 200)}`);
      }
    }
  };

  /** A crash of the database server: the postmaster and every process it started, SIGKILLed together. */
  const crash = () => signalPostgres(pg.pid(), 'SIGKILL');

  step(`Write load: ${TOTAL} mutations, ${CONCURRENCY} at a time; ${KILLS} crash(es) of PostgreSQL during it`);
  const started = Date.now();
  const workers = Array.from({ length: CONCURRENCY }, worker);
  const crashes = [];
  for (let k = 1; k <= KILLS; k++) {
    const at = Math.floor((TOTAL * k) / (KILLS + 1));
    while (attempted < at) await new Promise((r) => setTimeout(r, 10));
    const confirmedAtKill = outcome.confirmed;
    const n = crash();
    console.log(`  crash ${k}: SIGKILL of the postmaster and ${n} PostgreSQL processes after ${confirmedAtKill} confirmed writes`);
    await new Promise((r) => setTimeout(r, OUTAGE_MS));
    const t0 = Date.now();
    await pg.start();
    await waitReady(base, server, 60_000);
    crashes.push({ confirmedAtKill, recoveryMs: Date.now() - t0 });
    console.log(`  restarted: crash recovery + ready in ${Date.now() - t0} ms`);
  }
  await Promise.all(workers);
  const seconds = (Date.now() - started) / 1000;

  step('Verifying every confirmed write');
  const check = new pgLib.Client({ connectionString: pg.url('crash') });
  await check.connect();
  let lost = 0;
  const perTable = [];
  for (const [table, ids] of Object.entries(confirmed)) {
    const found = Number((await check.query(`SELECT count(*) FROM ${table} WHERE id = ANY($1::uuid[])`, [ids])).rows[0].count);
    lost += ids.length - found;
    perTable.push(`${table} ${found}/${ids.length}`);
  }
  const halfWritten = (await orphans(check)) - orphansBefore;
  await check.end();

  const summary = `lost=${lost} half-written=${halfWritten}`;
  console.log(`\n  ${summary}  (confirmed writes present: ${perTable.join(', ')})`);
  console.log(`  outcomes: ${JSON.stringify(outcome)}${otherSamples.length ? `\n  other: ${otherSamples.join('\n         ')}` : ''}`);
  const internal = server.log().split('\n').filter((l) => l.includes('Internal error'));
  if (internal.length) console.log(`  server logged ${internal.length} internal error line(s), e.g.:\n  ${internal.slice(0, 3).join('\n  ').slice(0, 3000)}`);
  record(`crash test, ${unsafe ? 'UNSAFE settings (fsync=off, synchronous_commit=off), for comparison' : 'durable settings (as npm start)'}: ${summary}`, [
    `Command: \`node scripts/faults/crash-test.mjs${unsafe ? ' --unsafe' : ''}\` (${TOTAL} mutations, ${CONCURRENCY} concurrent, ${KILLS} crashes = SIGKILL of the postmaster and all its processes; load kept running ${OUTAGE_MS} ms against the dead database each time).`,
    '',
    `- **${summary}** - confirmed writes present after the crashes: ${perTable.join(', ')}; half-written = referrals without their step or touchpoint (new ones).`,
    `- Answers: ${outcome.confirmed} confirmed, ${outcome.unavailable503} HTTP 503 SERVICE_UNAVAILABLE, ${outcome.cut} cut connections, ${outcome.other} other, in ${seconds.toFixed(1)} s.`,
    `- Crashes: ${crashes.map((c, i) => `#${i + 1} after ${c.confirmedAtKill} confirmed, back in ${c.recoveryMs} ms`).join('; ')}.`,
  ]);
  exitCode = unsafe || (lost === 0 && halfWritten === 0) ? 0 : 1;
} catch (e) {
  console.error(e);
  console.error(`PostgreSQL's last lines:\n${pgLog.slice(-30).join('\n')}\nServer's last lines:\n${server.log().split('\n').slice(-20).join('\n')}`);
} finally {
  await stopChild(server);
  await pg.stop();
}
process.exit(exitCode);
