// Shutdown test: does SIGTERM under load answer every request the server accepted, and exit in time?
//   node scripts/faults/shutdown-test.mjs
// Starts PostgreSQL and the real server (separate process, SHUTDOWN_GRACE_MS=10000), runs a load of
// SHUTDOWN_CLIENTS (32) concurrent keep-alive clients (writes and reads), makes part of it slow by holding
// a lock on the touchpoint table for SHUTDOWN_LOCK_MS (1500) - so requests are waiting on the database when
// the signal comes - sends SIGTERM in that window, and checks: every request that got an answer got a
// complete one, the server reports none cut, and it exits 0 within the grace period. Appends to RESULTS.md.
import pgLib from 'pg';
import { buildServer, ensureDependencies, step } from '../lib/setup.mjs';
import { gql, record, signIn, spawnServer, stopChild, waitReady } from './common.mjs';

const CLIENTS = Number(process.env.SHUTDOWN_CLIENTS ?? 32);
const LOCK_MS = Number(process.env.SHUTDOWN_LOCK_MS ?? 1500);
const GRACE_MS = 10_000;

ensureDependencies();
buildServer();
const { startEmbeddedPostgres, freePort } = await import('../lib/postgres.mjs');

step('Starting PostgreSQL and the server');
const pg = await startEmbeddedPostgres({ durable: true, persistent: false, detached: true });
await pg.createDatabase('shutdown');
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const server = spawnServer({ databaseUrl: pg.url('shutdown'), port, env: { SHUTDOWN_GRACE_MS: String(GRACE_MS) } });
let exitCode = 1;
try {
  await waitReady(base, server);
  const token = await signIn(base);
  const direct = new pgLib.Client({ connectionString: pg.url('shutdown') });
  await direct.connect();
  const firms = (await direct.query(`SELECT id FROM firm WHERE status = 'REGISTERED' ORDER BY name LIMIT 50`)).rows.map((r) => r.id);

  let signalledAt = 0;
  const results = { before: 0, afterComplete: 0, incomplete: 0, refused: 0, closedBeforeAnswer: 0, other: 0, s503: 0 };
  const errors = {};
  let stop = false;
  const worker = async (w) => {
    for (let i = 0; !stop; i++) {
      const write = i % 2 === 0;
      const t0 = Date.now();
      const r = write
        ? await gql(base, 'mutation($i: RecordTouchpointInput!) { recordTouchpoint(input: $i) { touchpoint { id } userErrors { code } } }',
          { i: { firmId: firms[(w * 7 + i) % firms.length], kind: 'NOTE', occurredAt: new Date().toISOString(), note: { text: `shutdown test ${w}/${i}` } } }, token)
        : await gql(base, '{ me { displayName memberships { organisation { name } } } }', {}, token);
      const after = signalledAt && t0 >= signalledAt;
      if (r.status) {
        if (!r.complete) results.incomplete++;
        else if (r.status === 503) results.s503++;
        else if (after) results.afterComplete++;
        else results.before++;
      } else if (r.error === 'ECONNREFUSED') {
        results.refused++; // not accepted: the listener is closed
        stop = true;
      } else if (['UND_ERR_SOCKET', 'ECONNRESET', 'UND_ERR_CLOSED'].includes(r.error)) {
        results.closedBeforeAnswer++; // no byte of an answer: see the server's own count of cut responses
        errors[r.error] = (errors[r.error] ?? 0) + 1;
      } else {
        results.other++;
        errors[r.error] = (errors[r.error] ?? 0) + 1;
      }
    }
  };

  step(`Load: ${CLIENTS} keep-alive clients; a ${LOCK_MS} ms lock on touchpoint; SIGTERM inside it`);
  const workers = Array.from({ length: CLIENTS }, (_, w) => worker(w));
  await new Promise((r) => setTimeout(r, 2000));
  await direct.query('BEGIN');
  await direct.query('LOCK TABLE touchpoint IN ACCESS EXCLUSIVE MODE');
  const lockedAt = Date.now();
  await new Promise((r) => setTimeout(r, 300));
  const waiting = Number((await direct.query(`SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = 'shutdown'`)).rows[0].count);
  const exited = new Promise((r) => server.once('exit', (code, sig) => r({ code, sig, at: Date.now() })));
  signalledAt = Date.now();
  server.kill('SIGTERM');
  console.log(`  SIGTERM sent with ${waiting} requests waiting on the lock`);
  await new Promise((r) => setTimeout(r, Math.max(0, LOCK_MS - (Date.now() - lockedAt))));
  await direct.query('ROLLBACK');
  const exit = await Promise.race([exited, new Promise((r) => setTimeout(() => r(null), GRACE_MS + 10_000))]);
  stop = true;
  await Promise.all(workers);
  await direct.end();

  const done = server.log().split('\n').filter((l) => l.includes('Shutdown: done')).map((l) => { try { return JSON.parse(l); } catch { return null; } })[0];
  const exitSeconds = exit ? (exit.at - signalledAt) / 1000 : null;
  const ok = exit && exit.code === 0 && exitSeconds <= GRACE_MS / 1000 + 3 && done && done.cut === 0 && !done.forced && results.incomplete === 0 && results.other === 0;
  const summary = ok ? 'every accepted request answered, none cut' : 'FAILED';
  console.log(`\n  ${summary}: exit ${exit ? `code ${exit.code} after ${exitSeconds.toFixed(2)} s` : 'none (killed)'}; server: ${JSON.stringify(done)}; client: ${JSON.stringify(results)} ${JSON.stringify(errors)}`);
  record(`shutdown test: ${summary}`, [
    `Command: \`node scripts/faults/shutdown-test.mjs\` (${CLIENTS} keep-alive clients, writes and reads; ${LOCK_MS} ms lock on touchpoint; SIGTERM ${signalledAt - lockedAt} ms into it; grace period ${GRACE_MS / 1000} s).`,
    '',
    `- At SIGTERM: ${waiting} requests waiting on the lock in PostgreSQL; the server counted ${done?.answeredWhileDraining ?? '?'} responses completed while draining, **${done?.cut ?? '?'} cut**, forced=${done?.forced}.`,
    `- Exit: ${exit ? `code ${exit.code}, ${exitSeconds.toFixed(2)} s after SIGTERM` : 'did not exit in time'}.`,
    `- Clients: ${results.before} complete answers before the signal, ${results.afterComplete} complete answers to requests sent after it (kept-alive connections, answered with Connection: close), ${results.s503} 503, ${results.incomplete} incomplete answers, ${results.refused} refused (listener closed: never accepted), ${results.closedBeforeAnswer} closed before any answer (idle kept-alive connection closed as the client reused it: the server never read the request)${Object.keys(errors).length ? ` ${JSON.stringify(errors)}` : ''}.`,
  ]);
  exitCode = ok ? 0 : 1;
} catch (e) {
  console.error(e);
} finally {
  await stopChild(server);
  await pg.stop();
}
process.exit(exitCode);
