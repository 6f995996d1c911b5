// `npm run bench`: measures latency of representative queries against a real server on a scaled
// data set. Results are appended to bench/RESULTS.md with the machine they ran on.
//   BENCH_FIRMS=100000 BENCH_REQUESTS=200 npm run bench
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildServer, ensureDependencies, root, step } from '../scripts/lib/setup.mjs';

const FIRMS = Number(process.env.BENCH_FIRMS ?? 100_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);

ensureDependencies();
buildServer();
const { startEmbeddedPostgres, freePort } = await import('../scripts/lib/postgres.mjs');
const { scenarios, prepare } = await import('./scenarios.mjs');

step(`Starting PostgreSQL and loading ${FIRMS.toLocaleString('en')} firms`);
const pg = await startEmbeddedPostgres({});
await pg.createDatabase('bench');
const port = await freePort();
const loadStart = Date.now();
const server = spawn(process.execPath, [path.join(root, 'server/dist/main.js')], {
  env: { ...process.env, DATABASE_URL: pg.url('bench'), PORT: String(port), DEMO_FIRMS: String(FIRMS), CLIENT_DIR: '/nonexistent', NODE_ENV: 'production', AUTH_SECRET: 'bench', APP_DB_PASSWORD: 'bench' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const base = `http://127.0.0.1:${port}`;
try {
  await waitFor(`${base}/healthz`, 600_000);
  const loadSeconds = (Date.now() - loadStart) / 1000;
  const gql = async (query, variables, token) => {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = await res.json();
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
  const extra = await prepare({ gql, databaseUrl: pg.url('bench'), firms: FIRMS });
  const rows = [];
  for (const s of scenarios) {
    step(`Scenario: ${s.name}`);
    const ctx = await s.setup({ gql, ...extra });
    for (let i = 0; i < 10; i++) await s.run(ctx, i); // warm-up
    const times = [];
    for (let i = 0; i < REQUESTS; i++) {
      const t0 = process.hrtime.bigint();
      await s.run(ctx, i);
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    times.sort((a, b) => a - b);
    const q = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))];
    rows.push({ name: s.name, median: q(0.5), p95: q(0.95), max: times[times.length - 1] });
    console.log(`  median ${q(0.5).toFixed(1)} ms, p95 ${q(0.95).toFixed(1)} ms`);
  }
  const machine = `${os.cpus()[0]?.model ?? 'cpu'} x${os.cpus().length}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, PostgreSQL 18 (embedded, fsync off); load average at the end ${os.loadavg().map((l) => l.toFixed(2)).join(' / ')} (1/5/15 min)`;
  const report = [
    `\n## ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC - ${FIRMS.toLocaleString('en')} firms${extra.describe ? `, ${extra.describe}` : ''}`,
    `Machine: ${machine}. ${REQUESTS} sequential requests per scenario over HTTP on loopback after 10 warm-up requests.`,
    `Time to migrate and load the data set and start the server: ${loadSeconds.toFixed(1)} s.`,
    '',
    '| scenario | median ms | p95 ms | max ms |',
    '| --- | ---: | ---: | ---: |',
    ...rows.map((r) => `| ${r.name} | ${r.median.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.max.toFixed(1)} |`),
    '',
  ].join('\n');
  fs.appendFileSync(path.join(root, 'bench/RESULTS.md'), report);
  console.log(report);
} finally {
  server.kill('SIGTERM');
  await new Promise((r) => (server.exitCode !== null ? r() : server.on('exit', r)));
  await pg.stop();
}

async function waitFor(url, ms) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error('server exited');
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${url}`);
}
