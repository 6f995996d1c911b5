// `npm test`: every test, from a fresh clone. Type checks, the server's Jest suites against a real
// PostgreSQL, the client's Vitest suites, and the browser tests (Debian's Chromium + playwright-core)
// against a real running server. Ends with one summary line: "Total: N passed, N failed".
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildServer, ensureDependencies, root, step } from './lib/setup.mjs';

const startedAt = Date.now();
const results = [];
const record = (stage, passed, failed, note = '', ms = null) => results.push({ stage, passed, failed, note, ms });
// The app role is cluster-wide and every server start sets its password: Jest's servers and the browser
// tests' server share one cluster and run side by side, so they use one password.
const APP_DB_PASSWORD = process.env.APP_DB_PASSWORD ?? 'growth_graph_app_test';

// A fresh CI machine installs Chromium (apt, about a minute) while everything else runs.
const chromium = ensureChromium();
ensureDependencies();
buildServer();

const { startEmbeddedPostgres, freePort } = await import('./lib/postgres.mjs');
let pg = null;
let adminUrl = process.env.DATABASE_URL;
if (!adminUrl) {
  step('Starting a throw-away PostgreSQL (embedded)');
  // Throw-away: fsync and synchronous commit off (fast; a crash may lose recent commits - fine for tests).
  pg = await startEmbeddedPostgres({ durable: false });
  adminUrl = pg.url('postgres');
}

// Two lanes for the machine's cores (durations in the summary): the server's Jest suites (the longest
// stage, one worker plus its PostgreSQL), and beside it everything else one after another. A stage's
// output is printed as one block when it ends, Jest's as it runs.
try {
  await Promise.all([serverLane(), otherLane()]);
} finally {
  await pg?.stop();
}

const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
const secs = (ms) => `${(ms / 1000).toFixed(0)} s`;
console.log('\nSummary');
for (const r of results) {
  console.log(`  ${r.failed ? '✗' : '✓'} ${r.stage.padEnd(18)} ${r.passed} passed, ${r.failed} failed${r.note ? ` (${r.note})` : ''}${r.ms !== null ? `, ${secs(r.ms)}` : ''}`);
}
console.log(`  whole run ${secs(Date.now() - startedAt)} (load average at the end ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')})`);
console.log(`\nTotal: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);

async function serverLane() {
  step('Server tests (Jest, real PostgreSQL)');
  const jestJson = path.join(os.tmpdir(), `gg-jest-${process.pid}.json`);
  const t = Date.now();
  await runAsync('npx', ['jest', '--json', `--outputFile=${jestJson}`, ...(process.env.CI ? ['--ci'] : [])], {
    cwd: path.join(root, 'server'),
    env: { ...process.env, TEST_DATABASE_URL: adminUrl, APP_DB_PASSWORD },
    live: true,
  });
  const jest = readJson(jestJson);
  record('server (jest)', jest?.numPassedTests ?? 0, jest ? jest.numFailedTests + (jest.numRuntimeErrorTestSuites ?? 0) : 1, jest ? '' : 'no report', Date.now() - t);
}

async function otherLane() {
  let t = Date.now();
  const tscServer = await runAsync('npx', ['tsc', '-p', 'server', '--noEmit'], { title: 'Type check (tsc, server)', background: true });
  const tscClient = await runAsync('npx', ['tsc', '-p', 'client', '--noEmit'], { title: 'Type check (tsc, client)', background: true });
  record('type checks', (tscServer.status === 0) + (tscClient.status === 0), (tscServer.status !== 0) + (tscClient.status !== 0), '', Date.now() - t);

  t = Date.now();
  const lintJson = path.join(os.tmpdir(), `gg-eslint-${process.pid}.json`);
  await runAsync('npx', ['eslint', '--format', 'json', '--output-file', lintJson, '.'], {
    title: 'Lint (ESLint: the project\'s own rules, scripts/lint/rules.mjs; graphql-eslint over the client\'s documents)',
    background: true,
  });
  const lint = readJson(lintJson);
  // One check for the whole tree (counting files would inflate the totals); each file with an error fails it once more.
  const lintFailed = lint ? lint.filter((f) => f.errorCount > 0) : null;
  for (const f of lintFailed ?? []) for (const m of f.messages) console.log(`  ${path.relative(root, f.filePath)}:${m.line}:${m.column} ${m.message} (${m.ruleId})`);
  record('lint (eslint)', lint && lintFailed.length === 0 ? 1 : 0, lint ? lintFailed.length : 1, lint ? `${lint.length} files` : 'no report', Date.now() - t);
  // The lint rules' own tests: a broken GraphQL document or a raw query in a resolver must fail the lint.
  t = Date.now();
  const ruleTests = await runAsync(process.execPath, ['--test', '--test-reporter=spec', 'scripts/lint/'], { title: 'Lint rules (tests)' });
  const rulePass = Number(/ℹ pass (\d+)/.exec(ruleTests.stdout)?.[1] ?? 0);
  const ruleFail = Number(/ℹ fail (\d+)/.exec(ruleTests.stdout)?.[1] ?? (ruleTests.status === 0 ? 0 : 1));
  record('lint rules (tests)', rulePass, ruleTests.status !== 0 && ruleFail === 0 ? 1 : ruleFail, '', Date.now() - t);

  t = Date.now();
  const vitestJson = path.join(os.tmpdir(), `gg-vitest-${process.pid}.json`);
  await runAsync('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`], { cwd: path.join(root, 'client'), title: 'Client tests (Vitest)' });
  const vitest = readJson(vitestJson);
  record('client (vitest)', vitest?.numPassedTests ?? 0, vitest ? vitest.numFailedTests : 1, vitest ? '' : 'no report', Date.now() - t);

  t = Date.now();
  // The client build (skipped when unchanged) in a child process, so the Jest lane keeps running meanwhile.
  const build = await runAsync(process.execPath, ['--input-type=module', '-e', `import('${pathToFileURL(path.join(root, 'scripts/lib/setup.mjs'))}').then((m) => m.buildClient())`], { title: 'Client build (vite)' });
  const chromiumOk = await chromium;
  if (build.status !== 0) record('browser (e2e)', 0, 1, 'client build failed', Date.now() - t);
  else if (!chromiumOk) record('browser (e2e)', 0, 1, 'Chromium missing', Date.now() - t);
  else {
    step('Browser tests (Chromium + playwright-core against a running server)');
    const [pass, fail, note = ''] = await browserTests(adminUrl);
    record('browser (e2e)', pass, fail, note, Date.now() - t);
  }
}

/**
 * Runs a command without blocking the other lane. `live` streams its output; otherwise it is collected and
 * printed as one block (with its title and duration) when the command ends. Never throws.
 */
function runAsync(cmd, args, { cwd = root, env = process.env, title = null, live = false, background = false } = {}) {
  const t = Date.now();
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, env, stdio: live ? 'inherit' : ['ignore', 'pipe', 'pipe'] });
    // Stages without timeouts (type checks, lint) yield the CPU on a busy machine to the ones with timeouts
    // (Jest's hooks and tests have 60 s); on idle cores the priority changes nothing. Children inherit it.
    if (background && child.pid) {
      try {
        os.setPriority(child.pid, 10);
      } catch { /* not permitted: run as is */ }
    }
    let out = '';
    let stdout = '';
    child.stdout?.on('data', (d) => ((out += d), (stdout += d)));
    child.stderr?.on('data', (d) => (out += d));
    child.once('error', (e) => (out += `\n${e.message}\n`));
    child.once('close', (code) => {
      const status = code ?? 1;
      if (!live) {
        step(`${title ?? `${cmd} ${args.join(' ')}`} (${((Date.now() - t) / 1000).toFixed(0)} s)`);
        process.stdout.write(out);
        if (status !== 0) console.error(`\n✗ ${cmd} ${args.join(' ')} failed (exit ${status})`);
      }
      resolve({ status, stdout });
    });
  });
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** Installs Debian's Chromium when it is missing (CI runs as root on a fresh machine), in the background: resolves true when it is there. */
async function ensureChromium() {
  if (fs.existsSync('/usr/bin/chromium')) return true;
  if (process.getuid?.() !== 0) {
    console.error('Chromium is missing and this is not root: install it with `sudo apt-get install -y chromium`.');
    return false;
  }
  const t = Date.now();
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  // One child for both steps: the synchronous steps of this script (npm install, builds) block its event loop.
  const install = await runAsync('sh', ['-c', 'apt-get update -qq; apt-get install -y -qq --no-install-recommends chromium'], { env, title: 'Installing Chromium for the browser tests (apt-get, in the background)' });
  console.log(`  (Chromium installed in ${((Date.now() - t) / 1000).toFixed(0)} s)`);
  return install.status === 0 && fs.existsSync('/usr/bin/chromium');
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
    env: { ...process.env, DATABASE_URL: url.toString(), PORT: String(port), CLIENT_DIR: path.join(root, 'client/dist'), DEMO_FIRMS: '1500', NODE_ENV: 'test', APP_DB_PASSWORD },
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
    const r = await runAsync(process.execPath, ['--test', '--test-reporter=spec', ...files], { env: { ...process.env, E2E_BASE_URL: base }, title: 'Browser tests (results)' });
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
