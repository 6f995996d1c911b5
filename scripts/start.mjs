// `npm start`: the whole platform from a fresh clone. Installs what is missing, starts PostgreSQL
// (embedded, data kept in .data/, unless DATABASE_URL is set), migrates, loads demo data once,
// builds the client and serves API + client on http://localhost:4000. Ctrl-C stops everything.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { buildClient, buildServer, ensureDependencies, root, step } from './lib/setup.mjs';

ensureDependencies();
buildServer();
buildClient();

const { startEmbeddedPostgres, reachableByOthers, freePort } = await import('./lib/postgres.mjs');

// Where local state lives. As root, PostgreSQL runs as user "postgres" and must reach its data dir.
let dataDir = path.join(root, '.data');
if (process.getuid?.() === 0 && !reachableByOthers(root)) {
  dataDir = path.join(os.tmpdir(), `growth-graph-${Buffer.from(root).toString('base64url').slice(-16)}`);
}
fs.mkdirSync(dataDir, { recursive: true });

let pg = null;
let databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  step(`Starting PostgreSQL (embedded, data in ${path.join(dataDir, 'postgres')})`);
  const port = Number(process.env.PG_PORT ?? 0) || (await freePort());
  pg = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'postgres'), port, persistent: true });
  await pg.createDatabase('growth_graph');
  databaseUrl = pg.url('growth_graph');
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

step('Migrating, loading demo data (first run only) and starting the API');
const require = createRequire(import.meta.url);
const { startServer, printWelcome } = require(path.join(root, 'server/dist/main.js'));
let server;
try {
  server = await startServer({
    databaseUrl,
    port: Number(process.env.PORT ?? 4000),
    authSecret,
    appDbPassword,
    clientDir: path.join(root, 'client/dist'),
    demoFirmCount: process.env.DEMO_FIRMS ? Number(process.env.DEMO_FIRMS) : undefined,
  });
} catch (e) {
  console.error(e);
  await pg?.stop();
  process.exit(1);
}
await printWelcome(server.url, server.ds);

let stopping = false;
async function shutdown() {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping ...');
  await server.stop().catch(() => {});
  await pg?.stop().catch(() => {});
  process.exit(0);
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
