// Starts embedded PG + the server on port 4177, runs one e2e file, stops everything (h7 helper, by hand).
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
const root = '/work/wt/h7-net-desk';
const { startEmbeddedPostgres } = await import(path.join(root, 'scripts/lib/postgres.mjs'));
const pg = await startEmbeddedPostgres({ durable: false });
const pgMod = await import(path.join(root, 'node_modules/pg/lib/index.js'));
const adminUrl = pg.url('postgres');
const admin = new pgMod.default.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query('DROP DATABASE IF EXISTS gg_h7_e2e');
await admin.query('CREATE DATABASE gg_h7_e2e');
await admin.end();
const url = new URL(adminUrl); url.pathname = '/gg_h7_e2e';
const port = 4177;
const server = spawn(process.execPath, [path.join(root, 'server/dist/main.js')], { cwd: root, env: { ...process.env, DATABASE_URL: url.toString(), PORT: String(port), CLIENT_DIR: path.join(root, 'client/dist'), DEMO_FIRMS: '1500', NODE_ENV: 'test' }, stdio: ['ignore', 'pipe', 'pipe'] });
let log = ''; server.stdout.on('data', (d) => (log += d)); server.stderr.on('data', (d) => (log += d));
const base = `http://127.0.0.1:${port}`;
const deadline = Date.now() + 180_000;
try {
  for (;;) {
    if (server.exitCode !== null) throw new Error(`server exited:\n${log}`);
    try { if ((await fetch(`${base}/healthz`)).ok) break; } catch {}
    if (Date.now() > deadline) throw new Error(`server did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 300));
  }
  const files = process.argv.slice(2);
  const r = spawnSync(process.execPath, ['--test', '--test-reporter=spec', ...(process.env.ONLY ? ['--test-name-pattern', process.env.ONLY] : []), ...files], { cwd: root, env: { ...process.env, E2E_BASE_URL: base }, encoding: 'utf8' });
  console.log(r.stdout, r.stderr);
} finally {
  server.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 2000));
  if (server.exitCode === null) server.kill('SIGKILL');
  await pg.stop?.();
}
