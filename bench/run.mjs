// `npm run bench`: measures representative queries against a real server on a scaled data set, each next
// to a hand-written SQL version of the same answer (same database, same number of connections), so the
// API is measured against the limit. Results are appended to bench/RESULTS.md with the machine and load.
//   BENCH_FIRMS=100000 BENCH_REQUESTS=200 npm run bench
//   BENCH_SERVER=/path/to/other/dist/main.js npm run bench     # measure another build on the same harness
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildServer, ensureDependencies, root, step } from '../scripts/lib/setup.mjs';

const FIRMS = Number(process.env.BENCH_FIRMS ?? 100_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const ONLY = process.env.BENCH_ONLY?.split('|'); // substrings of scenario names to run (a|b: either)
const SERVER = process.env.BENCH_SERVER ?? path.join(root, 'server/dist/main.js');
const CLK_TCK = 100; // Linux USER_HZ (getconf CLK_TCK); /proc/<pid>/stat counts CPU time in these ticks

ensureDependencies();
if (!process.env.BENCH_SERVER) buildServer();
const { startEmbeddedPostgres, freePort } = await import('../scripts/lib/postgres.mjs');
const { scenarios, prepare } = await import('./scenarios.mjs');
const { default: pgLib } = await import('pg');

step(`Starting PostgreSQL and loading ${FIRMS.toLocaleString('en')} firms`);
// Throw-away data set: fsync and synchronous commit off, as the machine line of RESULTS.md says.
// BENCH_PG_SETTINGS='shared_preload_libraries=auto_explain auto_explain.log_min_duration=20 auto_explain.log_analyze=on'
// logs the plans of slow statements as the server ran them (app role, RLS) to BENCH_PG_LOG (default stderr).
const pgLog = process.env.BENCH_PG_LOG ? fs.createWriteStream(process.env.BENCH_PG_LOG) : null;
const pg = await startEmbeddedPostgres({
  durable: false,
  settings: process.env.BENCH_PG_SETTINGS?.split(' ').filter(Boolean),
  ...(process.env.BENCH_PG_SETTINGS ? { onLog: (l) => (pgLog ? pgLog.write(`${l}\n`) : process.stderr.write(`[postgres] ${l}\n`)) } : {}),
});
await pg.createDatabase('bench');
const port = await freePort();
const loadStart = Date.now();
// BENCH_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' profiles the server.
const server = spawn(process.execPath, [...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []), SERVER], {
  env: { ...process.env, DATABASE_URL: pg.url('bench'), PORT: String(port), DEMO_FIRMS: String(FIRMS), CLIENT_DIR: '/nonexistent', NODE_ENV: 'production', AUTH_SECRET: 'bench', SEED_DEMO: 'true', RATE_LIMIT_PER_ADDRESS: '0', RATE_LIMIT_PER_ACCOUNT: '0', APP_DB_PASSWORD: 'bench' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const base = `http://127.0.0.1:${port}`;
const pool = new pgLib.Pool({ connectionString: pg.url('bench'), max: CONNECTIONS });
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
  // The SQL side parses its rows like the API's database driver does (pg), and gets them over the same kind of pool.
  const sql = async (text, params) => (await pool.query(text, params)).rows;
  const extra = await prepare({ gql, sql, databaseUrl: pg.url('bench'), firms: FIRMS });
  // BENCH_HOLD=1 (before the scenarios) or =after keeps the loaded database and server up for EXPLAIN by hand;
  // Ctrl-C (or SIGTERM) goes on.
  const hold = async () => {
    console.log(`Holding: database ${pg.url('bench')} (app role growth_graph_app / bench), API ${base}/graphql , token ${extra.token ?? '-'}`);
    await new Promise((r) => { process.once('SIGINT', r); process.once('SIGTERM', r); });
  };
  if (process.env.BENCH_HOLD === '1') await hold();
  const rows = [];
  for (const s of scenarios.filter((x) => !ONLY || ONLY.some((o) => x.name.includes(o)))) {
    step(`Scenario: ${s.name}`);
    const ctx = await s.setup({ gql, sql, ...extra });
    if (s.check) await s.check(ctx); // the SQL gives the same answer as the API
    const api = (i) => s.run(ctx, i);
    // A scenario without a hand-written SQL twin (the dashboard: nine panels) reports API figures only.
    const db = s.sql ? (i) => s.sql(ctx, i) : null;
    for (let i = 0; i < 10; i++) { await api(i); if (db) await db(i); } // warm-up
    const apiSeq = await measure(api, 1, true);
    const sqlSeq = await measure(db, 1);
    const apiPar = await measure(api, CONNECTIONS);
    const sqlPar = await measure(db, CONNECTIONS);
    const r = { name: s.name, apiSeq, sqlSeq, apiPar, sqlPar };
    rows.push(r);
    console.log(`  sequential: API median ${f(apiSeq.median)} ms (p95 ${f(apiSeq.p95)}), SQL ${f(sqlSeq.median)} ms, ratio ${f(apiSeq.median / sqlSeq.median)}; API CPU ${f(apiSeq.cpuMs, 2)} ms/request`);
    console.log(`  ${CONNECTIONS} connections: API median ${f(apiPar.median)} ms, ${apiPar.rps.toFixed(0)} req/s; SQL median ${f(sqlPar.median)} ms, ${sqlPar.rps.toFixed(0)} req/s; ratio ${f(apiPar.median / sqlPar.median)}`);
  }
  if (process.env.BENCH_HOLD === 'after') await hold();
  const machine = `${os.cpus()[0]?.model ?? 'cpu'} x${os.cpus().length}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, PostgreSQL 18 (embedded, fsync off); load average at the end ${os.loadavg().map((l) => l.toFixed(2)).join(' / ')} (1/5/15 min)`;
  const report = [
    `\n## ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC - ${FIRMS.toLocaleString('en')} firms${extra.describe ? `, ${extra.describe}` : ''}${process.env.BENCH_LABEL ? ` - ${process.env.BENCH_LABEL}` : ''}`,
    `Machine: ${machine}. Per scenario: ${REQUESTS} sequential requests over HTTP on loopback after 10 warm-up requests, then the hand-written SQL the same way (pg, same database), then both again with ${CONNECTIONS} concurrent connections (${REQUESTS} requests each). CPU = user+system time of the API process (/proc/<pid>/stat) during the sequential API run, per request.`,
    `Time to migrate and load the data set and start the server: ${loadSeconds.toFixed(1)} s.`,
    '',
    `| scenario | API median ms | API p95 ms | SQL median ms | API/SQL | API CPU ms/req | API median @${CONNECTIONS} | SQL median @${CONNECTIONS} | API/SQL @${CONNECTIONS} | API req/s @${CONNECTIONS} |`,
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map((r) => `| ${r.name} | ${f(r.apiSeq.median)} | ${f(r.apiSeq.p95)} | ${f(r.sqlSeq.median, 2)} | ${f(r.apiSeq.median / r.sqlSeq.median)} | ${f(r.apiSeq.cpuMs, 2)} | ${f(r.apiPar.median)} | ${f(r.sqlPar.median, 2)} | ${f(r.apiPar.median / r.sqlPar.median)} | ${r.apiPar.rps.toFixed(0)} |`.replaceAll('NaN', '-')),
    '',
  ].join('\n');
  if (process.env.BENCH_NO_WRITE !== '1') fs.appendFileSync(path.join(root, 'bench/RESULTS.md'), report);
  console.log(report);
} finally {
  await pool.end().catch(() => {});
  server.kill('SIGTERM');
  await new Promise((r) => (server.exitCode !== null ? r() : server.on('exit', r)));
  await pg.stop();
}

function f(n, digits = 1) {
  return Number.isFinite(n) ? n.toFixed(digits) : '-';
}

/** CPU time (user + system) the server process has used so far, in ms. */
function serverCpuMs() {
  const stat = fs.readFileSync(`/proc/${server.pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // the command name may contain spaces
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK; // utime, stime (fields 14, 15)
}

/** REQUESTS calls of fn from `concurrency` workers; latency per call, throughput, and server CPU per call. */
async function measure(fn, concurrency, withCpu = false) {
  if (!fn) return { median: NaN, p95: NaN, max: NaN, rps: NaN, cpuMs: NaN };
  const times = [];
  let next = 0;
  const cpu0 = withCpu ? serverCpuMs() : 0;
  const t0 = process.hrtime.bigint();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < REQUESTS) {
      const i = next++;
      const s = process.hrtime.bigint();
      await fn(i);
      times.push(Number(process.hrtime.bigint() - s) / 1e6);
    }
  }));
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpuMs = withCpu ? (serverCpuMs() - cpu0) / REQUESTS : NaN;
  times.sort((a, b) => a - b);
  const q = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))];
  return { median: q(0.5), p95: q(0.95), max: times[times.length - 1], rps: REQUESTS / wall, cpuMs };
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
