// `npm test`: every test, from a fresh clone. Type checks, the server's Jest suites against a real
// PostgreSQL, the client's Vitest suites, and the browser tests (Debian's Chromium + playwright-core)
// against a real running server. Ends with one summary line: "Total: N passed, N failed".
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildClient, buildServer, ensureDependencies, root, run, step } from './lib/setup.mjs';

const results = [];
const record = (stage, passed, failed, note = '') => results.push({ stage, passed, failed, note });

ensureDependencies();
ensureChromium();
buildServer();
buildClient();

const { startEmbeddedPostgres, freePort } = await import('./lib/postgres.mjs');
let pg = null;
let adminUrl = process.env.DATABASE_URL;
if (!adminUrl) {
  step('Starting a throw-away PostgreSQL (embedded)');
  // Throw-away: fsync and synchronous commit off (fast; a crash may lose recent commits - fine for tests).
  pg = await startEmbeddedPostgres({ durable: false });
  adminUrl = pg.url('postgres');
}

try {
  step('Type checks (tsc)');
  const tscServer = run('npx', ['tsc', '-p', 'server', '--noEmit'], { allowFail: true });
  const tscClient = run('npx', ['tsc', '-p', 'client', '--noEmit'], { allowFail: true });
  record('type checks', (tscServer === 0) + (tscClient === 0), (tscServer !== 0) + (tscClient !== 0));

  step('Lint (ESLint: the project\'s own rules, scripts/lint/rules.mjs)');
  const lintJson = path.join(os.tmpdir(), `gg-eslint-${process.pid}.json`);
  run('npx', ['eslint', '--format', 'json', '--output-file', lintJson, '.'], { allowFail: true });
  const lint = readJson(lintJson);
  // One check for the whole tree (counting files would inflate the totals); each file with an error fails it once more.
  const lintFailed = lint ? lint.filter((f) => f.errorCount > 0) : null;
  for (const f of lintFailed ?? []) for (const m of f.messages) console.log(`  ${path.relative(root, f.filePath)}:${m.line}:${m.column} ${m.message} (${m.ruleId})`);
  record('lint (eslint)', lint && lintFailed.length === 0 ? 1 : 0, lint ? lintFailed.length : 1, lint ? `${lint.length} files` : 'no report');
  // The lint rules' own tests (each rule catches what it is for).
  const ruleTests = run('node', ['--test', 'scripts/lint/rules.test.mjs'], { allowFail: true });
  record('lint rules (node --test)', ruleTests === 0 ? 1 : 0, ruleTests === 0 ? 0 : 1);

  step('Server tests (Jest, real PostgreSQL)');
  const jestJson = path.join(os.tmpdir(), `gg-jest-${process.pid}.json`);
  run('npx', ['jest', '--json', `--outputFile=${jestJson}`, ...(process.env.CI ? ['--ci'] : [])], {
    cwd: path.join(root, 'server'),
    env: { ...process.env, TEST_DATABASE_URL: adminUrl },
    allowFail: true,
  });
  const jest = readJson(jestJson);
  record('server (jest)', jest?.numPassedTests ?? 0, jest ? jest.numFailedTests + (jest.numRuntimeErrorTestSuites ?? 0) : 1, jest ? '' : 'no report');

  step('Client tests (Vitest)');
  const vitestJson = path.join(os.tmpdir(), `gg-vitest-${process.pid}.json`);
  run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`], { cwd: path.join(root, 'client'), allowFail: true });
  const vitest = readJson(vitestJson);
  record('client (vitest)', vitest?.numPassedTests ?? 0, vitest ? vitest.numFailedTests : 1, vitest ? '' : 'no report');

  step('Browser tests (Chromium + playwright-core against a running server)');
  record('browser (e2e)', ...(await browserTests(adminUrl)));
} finally {
  await pg?.stop();
}

const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
console.log('\nSummary');
for (const r of results) console.log(`  ${r.failed ? '✗' : '✓'} ${r.stage.padEnd(18)} ${r.passed} passed, ${r.failed} failed${r.note ? ` (${r.note})` : ''}`);
console.log(`\nTotal: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** Installs Debian's Chromium when it is missing (CI runs as root on a fresh machine). */
function ensureChromium() {
  if (fs.existsSync('/usr/bin/chromium')) return;
  step('Installing Chromium for the browser tests (apt-get)');
  if (process.getuid?.() !== 0) {
    console.error('Chromium is missing and this is not root: install it with `sudo apt-get install -y chromium`.');
    return;
  }
  run('apt-get', ['update', '-qq'], { allowFail: true });
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium'], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

/** Starts the real server on a fresh database with demo data, runs client/e2e with node:test, stops it. */
async function browserTests(adminUrl) {
  const dbName = `gg_e2e_${process.pid}`;
  const url = new URL(adminUrl);
  const pgMod = await import('pg');
  const admin = new pgMod.default.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${dbName}"`);
  await admin.query(`CREATE DATABASE "${dbName}"`);
  url.pathname = `/${dbName}`;
  const port = await freePort();
  const server = spawn(process.execPath, [path.join(root, 'server/dist/main.js')], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url.toString(), PORT: String(port), CLIENT_DIR: path.join(root, 'client/dist'), DEMO_FIRMS: '1500', NODE_ENV: 'test' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  server.stdout.on('data', (d) => (log += d));
  server.stderr.on('data', (d) => (log += d));
  try {
    const base = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 60_000;
    while (true) {
      if (server.exitCode !== null) throw new Error(`server exited:\n${log}`);
      try {
        if ((await fetch(`${base}/healthz`)).ok) break;
      } catch {}
      if (Date.now() > deadline) throw new Error(`server did not start:\n${log}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const files = fs.readdirSync(path.join(root, 'client/e2e')).filter((f) => f.endsWith('.e2e.mjs')).map((f) => path.join('client/e2e', f));
    const r = spawnSync(process.execPath, ['--test', '--test-reporter=spec', ...files], { cwd: root, env: { ...process.env, E2E_BASE_URL: base }, encoding: 'utf8' });
    process.stdout.write(r.stdout);
    process.stderr.write(r.stderr);
    const pass = Number(/ℹ pass (\d+)/.exec(r.stdout)?.[1] ?? 0);
    const fail = Number(/ℹ fail (\d+)/.exec(r.stdout)?.[1] ?? (r.status === 0 ? 0 : 1));
    return [pass, r.status !== 0 && fail === 0 ? 1 : fail];
  } catch (e) {
    console.error(String(e));
    return [0, 1, 'server did not start'];
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => (server.exitCode !== null ? r() : server.on('exit', r)));
    await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`).catch(() => {});
    await admin.end();
  }
}
