// `npm start`: the whole platform from a fresh clone. Installs what is missing, starts PostgreSQL
// (embedded, data kept in .data/, unless DATABASE_URL is set), migrates, loads demo data once,
// builds the client and serves API + client on http://localhost:4000. Ctrl-C stops everything (gracefully;
// twice forces). The embedded PostgreSQL runs durable (fsync, synchronous commit) and is restarted if it dies.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { BUNDLE, bundleInBackground, serverEntry } from './lib/bundle.mjs';
import { installCompileCache } from './lib/compile-cache.mjs';
import { buildClient, buildServer, ensureDependencies, root, step } from './lib/setup.mjs';

// GG_START_TIMINGS=1: where the start goes before the API's own phases (wall ms and this process's CPU ms).
const marks = [];
const markStart = 0; // performance.now() counts from the process start: node boot included
const mark = (name) => marks.push(`${name} ${Math.round(performance.now() - markStart)}/${Math.round(process.cpuUsage().user / 1000 + process.cpuUsage().system / 1000)}`);
mark('node');
ensureDependencies();
buildServer();
// One file instead of ~1,700 to resolve and read (scripts/lib/bundle.mjs); GG_BUNDLE=0 runs the plain dist.
// After a server change this start runs the plain dist and the bundle is made once the API is up.
const entry = serverEntry();
let bundler = null;
buildClient();
mark('builds checked');

const { startEmbeddedPostgres, reachableByOthers, freePort } = await import('./lib/postgres.mjs');

// Where local state lives. As root, PostgreSQL runs as user "postgres" and must reach its data dir.
let dataDir = path.join(root, '.data');
if (process.getuid?.() === 0 && !reachableByOthers(root)) {
  dataDir = path.join(os.tmpdir(), `growth-graph-${Buffer.from(root).toString('base64url').slice(-16)}`);
}
fs.mkdirSync(dataDir, { recursive: true });

let pg = null;
let pgStarting = null;
let server = null;
let serverStarting = null;
let stopping = false;
let signals = 0;

// Ctrl-C / SIGTERM: stop accepting, answer the requests in flight (SHUTDOWN_GRACE_MS, default 10 s), close
// the pool, and only then stop PostgreSQL. A second Ctrl-C forces. PostgreSQL runs in its own process
// group, so the terminal's Ctrl-C reaches only us and we stop it last.
// A signal during start-up waits for what is still starting (PostgreSQL, the API) before stopping it, so
// PostgreSQL is never left running: it has a process group of its own, so nothing else stops it.
async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  // The API gets a few seconds to finish starting (then its requests are drained); migrations or a first
  // demo-data load that take longer are cut short by the database stopping under them.
  await Promise.race([serverStarting?.catch(() => {}), new Promise((r) => setTimeout(r, 5000).unref())]);
  await server?.stop().catch(() => {});
  const db = pg ?? (await pgStarting?.catch(() => null));
  await db?.stop({ timeoutMs: 15_000 }).catch((e) => console.error(String(e)));
  if (bundler?.exitCode === null) bundler.kill('SIGTERM'); // it removes its temporary file; the next start bundles again
  process.exit(code);
}
let firstSignalAt = 0;
function onSignal() {
  // `npm start` forwards the terminal's SIGINT to us, which gets a second copy straight from the terminal:
  // only a signal more than a second after the first counts as "again".
  if (signals && Date.now() - firstSignalAt < 1000) return;
  signals++;
  if (signals === 1) {
    firstSignalAt = Date.now();
    console.log('\nStopping: answering the requests in flight, then stopping PostgreSQL (Ctrl-C again to force) ...');
    void shutdown(0);
    return;
  }
  console.log('\nForcing the stop.');
  void server?.stop({ force: true }).catch(() => {});
  // Immediate shutdown of PostgreSQL (its WAL makes this safe), and out.
  // A PostgreSQL still starting is stopped as soon as it is up (within the same 4 s).
  const db = pg ? Promise.resolve(pg) : (pgStarting ?? Promise.resolve(null)).catch(() => null);
  Promise.race([db.then((d) => d?.stop({ timeoutMs: 1000 })), new Promise((r) => setTimeout(r, 4000))]).finally(() => process.exit(130));
}
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);
process.on('SIGHUP', onSignal);

let databaseUrl = process.env.DATABASE_URL;
// PostgreSQL starts in its own process: load the server's modules (seconds of CPU, synchronous) while it
// comes up instead of after it (warm start, issue 12).
if (!databaseUrl) {
  step(`Starting PostgreSQL (embedded, durable, data in ${path.join(dataDir, 'postgres')})`);
  const port = Number(process.env.PG_PORT ?? 0) || (await freePort());
  // durable: fsync and synchronous commit on - a crash loses no write the API confirmed.
  // Wait only until the postmaster has been spawned (after initdb on a first start): from then on it starts by
  // itself while the modules load (synchronously) here.
  let spawned;
  const spawnedOrSettled = new Promise((r) => (spawned = r));
  pgStarting = startEmbeddedPostgres({ dataDir: path.join(dataDir, 'postgres'), port, persistent: true, durable: true, detached: true, onSpawn: () => spawned() });
  pgStarting.catch(() => {}).finally(() => spawned()); // awaited below; no unhandled rejection while the modules load
  await spawnedOrSettled;
}
// The server runs as in production unless NODE_ENV says otherwise: graphql-js's development-mode checks
// (a slower instanceof on every type check) cost ~9 % of execution. Set before the server's modules load:
// graphql-js reads NODE_ENV then. Introspection stays on for local tools (GraphiQL-style explorers,
// schema-driven probes; the schema is public in schema/schema.graphql anyway): GRAPHQL_INTROSPECTION=false
// turns it off. Logs stay readable on a terminal.
if (!process.env.NODE_ENV) process.env.NODE_ENV = 'production';
if (process.env.GRAPHQL_INTROSPECTION === undefined) process.env.GRAPHQL_INTROSPECTION = 'true';
if (process.env.LOG_PRETTY === undefined && process.stdout.isTTY) process.env.LOG_PRETTY = '1';
mark('postgres spawned');
const require = createRequire(import.meta.url);
const loadStart = Date.now();
// V8's code cache for the server's modules (scripts/lib/compile-cache.mjs): saves compiling them on a warm start.
// One file per entry (bundle, plain dist): a start of the plain dist after a server change keeps the bundle's.
const compileCache = process.env.GG_COMPILE_CACHE === '0' ? null : installCompileCache(path.join(dataDir, entry.file === BUNDLE ? 'compile-cache-bundle.bin' : 'compile-cache.bin'));
const { startServer, printWelcome } = require(entry.file);
if (process.env.GG_START_TIMINGS === '1') console.log(`  (server modules loaded in ${Date.now() - loadStart} ms; compile cache ${JSON.stringify(compileCache?.stats() ?? 'off')})`);
mark('modules loaded');
const databaseMarker = path.join(dataDir, 'postgres', 'growth-graph-database-created');
if (!databaseUrl) {
  try {
    pg = await pgStarting;
    mark('postgres ready');
    // The database is created once; a marker in PostgreSQL's data folder (gone with the folder) saves the check
    // (a connection and the pg module, ~0.4 s on a busy machine) on later starts. Dropped by hand: created below.
    if (!fs.existsSync(databaseMarker)) {
      await pg.createDatabase('growth_graph');
      fs.writeFileSync(databaseMarker, 'growth_graph\n');
    }
    mark('database checked');
  } catch (e) {
    if (stopping) await new Promise(() => {}); // a Ctrl-C during the PostgreSQL start is finishing the stop
    console.error(`\n✗ ${e?.message ?? e}`);
    await pg?.stop().catch(() => {});
    process.exit(1);
  }
  databaseUrl = pg.url('growth_graph');
  superviseDatabase(pg);
} else {
  step('Using the PostgreSQL at DATABASE_URL');
}

// Tokens stay valid across restarts: keep the signing secret next to the data.
const secretFile = path.join(dataDir, 'auth-secret');
if (!process.env.AUTH_SECRET && !fs.existsSync(secretFile)) fs.writeFileSync(secretFile, randomBytes(32).toString('hex'), { mode: 0o600 });
const authSecret = process.env.AUTH_SECRET ?? fs.readFileSync(secretFile, 'utf8').trim();
// The API's own database role (row-level security applies to it): its password is kept next to the data too.
const appPasswordFile = path.join(dataDir, 'app-db-password');
if (!process.env.APP_DB_PASSWORD && !fs.existsSync(appPasswordFile)) fs.writeFileSync(appPasswordFile, randomBytes(24).toString('hex'), { mode: 0o600 });
const appDbPassword = process.env.APP_DB_PASSWORD ?? fs.readFileSync(appPasswordFile, 'utf8').trim();

if (stopping) await new Promise(() => {});
step('Migrating, loading demo data (first run only) and starting the API');
const startApi = () =>
  startServer({
    databaseUrl,
    port: Number(process.env.PORT ?? 4000),
    authSecret,
    appDbPassword,
    clientDir: path.join(root, 'client/dist'),
    demoFirmCount: process.env.DEMO_FIRMS ? Number(process.env.DEMO_FIRMS) : undefined,
    seedDemo: process.env.SEED_DEMO !== 'false', // demo data by default here; off by default in docker compose
  });
try {
  serverStarting = startApi().catch(async (e) => {
    // 3D000 invalid_catalog_name: the embedded database was dropped after the marker was written.
    if (!pg || e?.code !== '3D000' || stopping) throw e;
    await pg.createDatabase('growth_graph');
    return startApi();
  });
  server = await serverStarting;
} catch (e) {
  if (stopping) await new Promise(() => {}); // a Ctrl-C during start-up is finishing the stop
  console.error(`\n✗ The API did not start: ${e?.message ?? e}`);
  await pg?.stop().catch(() => {});
  process.exit(1);
}
if (stopping) await new Promise(() => {});
await printWelcome(server.url, server.ds).catch(() => {});
// After start-up, so the cache also holds the functions compiled lazily while starting (written only when changed).
mark('listening');
compileCache?.save();
mark('cache saved');
if (process.env.GG_START_TIMINGS === '1') console.log(`  (start-up, wall/CPU ms since node started: ${marks.join(', ')})`);
if (entry.stale && !stopping) bundler = bundleInBackground();

/**
 * If the embedded PostgreSQL dies (crash, OOM killer, someone's kill), start it again: its WAL recovers
 * every committed transaction, and the API's pool reconnects by itself (requests meanwhile get 503).
 * After 5 failed attempts within a minute, stop with a message instead of looping.
 */
function superviseDatabase(db) {
  const attempts = [];
  db.onUnexpectedExit(async (code, sig, lines) => {
    if (stopping) return;
    console.error(`\n✗ PostgreSQL stopped unexpectedly (${sig ?? `exit code ${code}`}). Last lines:\n  ${lines.slice(-5).join('\n  ')}`);
    while (!stopping) {
      const now = Date.now();
      while (attempts.length && attempts[0] < now - 60_000) attempts.shift();
      if (attempts.length >= 5) {
        console.error('✗ PostgreSQL failed to restart 5 times within a minute: stopping Growth Graph. Check the lines above and the data folder ' + db.dataDir);
        void shutdown(1);
        return;
      }
      attempts.push(now);
      await new Promise((r) => setTimeout(r, 500 * attempts.length));
      if (stopping) return;
      try {
        console.error('  Restarting PostgreSQL ...');
        await db.start();
        console.error('✓ PostgreSQL is running again (crash recovery done); the API reconnects by itself.');
        return;
      } catch (e) {
        console.error(`  Restart failed: ${e?.message ?? e}`);
      }
    }
  });
}
