// `npm run bench:ab`: two server builds side by side on ONE database, requests interleaved in rounds, so
// that a busy machine's load hits both alike (sequential runs minutes apart on a shared machine differ by
// +-30 %). Prints each build's API CPU per request (user + system of its process, /proc/<pid>/stat) and
// median latency per round, and the medians over the rounds.
//   BENCH_A=/path/to/main/server/dist/main.js BENCH_B=server/dist/main.js BENCH_ONLY="partner nested" npm run bench:ab
// BENCH_FIRMS (20,000), BENCH_ROUNDS (8), BENCH_REQUESTS (40 per round and build), BENCH_ONLY as in run.mjs;
// BENCH_DATABASE_URL: an already loaded database instead of a new one; BENCH_HOLD=after: stay up after the rounds;
// BENCH_PG_SETTINGS / BENCH_PG_LOG as in run.mjs;
// BENCH_A_NODE_ARGS / BENCH_B_NODE_ARGS: Node options of one build (e.g. the same build with and without a V8 flag);
// BENCH_RATE_LIMITS=default: the rate limiter on at its defaults in both builds (otherwise off).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildServer, ensureDependencies, root, step } from '../scripts/lib/setup.mjs';

const FIRMS = Number(process.env.BENCH_FIRMS ?? 20_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 8);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 40);
const ONLY = process.env.BENCH_ONLY?.split('|');
const A = process.env.BENCH_A;
const B = process.env.BENCH_B ?? path.join(root, 'server/dist/main.js');
if (!A) throw new Error('Set BENCH_A to the server build to compare against (a dist/main.js).');
const CLK_TCK = 100;

ensureDependencies();
if (!process.env.BENCH_B) buildServer();
const { startEmbeddedPostgres, freePort } = await import('../scripts/lib/postgres.mjs');
const { scenarios, prepare } = await import('./scenarios.mjs');
const { default: pgLib } = await import('pg');

// BENCH_DATABASE_URL: an already loaded database (e.g. one held by `BENCH_HOLD=1 npm run bench`) instead of a new one.
const REUSE = process.env.BENCH_DATABASE_URL;
step(REUSE ? `Using the loaded database ${REUSE}` : `Starting PostgreSQL and loading ${FIRMS.toLocaleString('en')} firms`);
const pgLog = process.env.BENCH_PG_LOG ? fs.createWriteStream(process.env.BENCH_PG_LOG) : null;
const pg = REUSE ? { url: () => REUSE, stop: async () => {} } : await startEmbeddedPostgres({
  durable: false,
  settings: process.env.BENCH_PG_SETTINGS?.split(' ').filter(Boolean),
  ...(process.env.BENCH_PG_SETTINGS ? { onLog: (l) => (pgLog ? pgLog.write(`${l}\n`) : process.stderr.write(`[postgres] ${l}\n`)) } : {}),
});
if (!REUSE) await pg.createDatabase('bench');
const env = { ...process.env, DATABASE_URL: pg.url('bench'), DEMO_FIRMS: String(FIRMS), CLIENT_DIR: '/nonexistent', NODE_ENV: 'production', AUTH_SECRET: 'bench', APP_DB_PASSWORD: 'bench',
  // BENCH_RATE_LIMITS=default: both builds with the rate limiter at its defaults (as `npm start` runs it); else off.
  ...(process.env.BENCH_RATE_LIMITS === 'default' ? {} : { RATE_LIMIT_PER_ADDRESS: '0', RATE_LIMIT_PER_ACCOUNT: '0' }) };
const servers = [];
const pool = new pgLib.Pool({ connectionString: pg.url('bench'), max: 2 });
try {
  // A migrates and loads the demo data; B then starts on the loaded database.
  for (const [label, file, seed] of [['A', A, REUSE ? 'false' : 'true'], ['B', B, 'false']]) {
    const port = await freePort();
    const nodeArgs = process.env[`BENCH_${label}_NODE_ARGS`]?.split(' ').filter(Boolean) ?? [];
    const proc = spawn(process.execPath, [...nodeArgs, file], { env: { ...env, PORT: String(port), SEED_DEMO: seed }, stdio: ['ignore', 'ignore', 'inherit'] });
    const s = { label, file, proc, base: `http://127.0.0.1:${port}` };
    servers.push(s);
    await waitFor(s, 600_000);
  }
  const gqlOf = (s) => async (query, variables, token) => {
    const res = await fetch(`${s.base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = await res.json();
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
  const sql = async (text, params) => (await pool.query(text, params)).rows;
  const extra = await prepare({ gql: gqlOf(servers[0]), sql, databaseUrl: pg.url('bench'), firms: FIRMS, reuse: Boolean(REUSE) });
  const lines = [];
  for (const sc of scenarios.filter((x) => !ONLY || ONLY.some((o) => x.name.includes(o)))) {
    step(`Scenario: ${sc.name}`);
    const ctxs = [];
    for (const s of servers) ctxs.push(await sc.setup({ gql: gqlOf(s), sql, ...extra }));
    // Both builds give the same answer.
    const answers = [];
    for (const c of ctxs) answers.push(JSON.stringify(await sc.run(c, 0)));
    if (answers[0] !== answers[1]) throw new Error(`${sc.name}: A and B answer differently`);
    for (let i = 0; i < 20; i++) for (const c of ctxs) await sc.run(c, i); // warm-up
    const per = servers.map(() => ({ cpu: [], median: [], all: [] }));
    const sqlTimes = [];
    for (let r = 0; r < ROUNDS; r++) {
      // A B, then B A: neither build always runs right after the other.
      const order = r % 2 ? [1, 0] : [0, 1];
      for (const k of order) {
        const s = servers[k];
        const times = [];
        const cpu0 = cpuMs(s);
        for (let i = 0; i < REQUESTS; i++) {
          const t = process.hrtime.bigint();
          await sc.run(ctxs[k], r * REQUESTS + i);
          times.push(Number(process.hrtime.bigint() - t) / 1e6);
        }
        per[k].cpu.push((cpuMs(s) - cpu0) / REQUESTS);
        times.sort((a, b) => a - b);
        per[k].median.push(times[Math.floor(times.length / 2)]);
        per[k].all.push(...times);
      }
      // The hand-written SQL in the same rounds (same load), so the ratio API / SQL compares like with like.
      if (sc.sql) {
        for (let i = 0; i < REQUESTS; i++) {
          const t = process.hrtime.bigint();
          await sc.sql(ctxs[0], r * REQUESTS + i);
          sqlTimes.push(Number(process.hrtime.bigint() - t) / 1e6);
        }
      }
    }
    const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const pct = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))];
    for (const [k, s] of servers.entries()) {
      const line = `${sc.name} | ${s.label} | CPU ms/request median ${med(per[k].cpu).toFixed(2)} (rounds: ${per[k].cpu.map((x) => x.toFixed(1)).join(' ')}) | latency median ${med(per[k].median).toFixed(1)} ms | all requests median / p95 ${pct(per[k].all, 0.5).toFixed(1)} / ${pct(per[k].all, 0.95).toFixed(1)} ms`;
      console.log(`  ${line}`);
      lines.push(line);
    }
    if (sqlTimes.length) {
      const line = `${sc.name} | SQL | all requests median / p95 ${pct(sqlTimes, 0.5).toFixed(2)} / ${pct(sqlTimes, 0.95).toFixed(2)} ms | API/SQL median ${servers.map((s, k) => `${s.label} ${(pct(per[k].all, 0.5) / pct(sqlTimes, 0.5)).toFixed(1)}`).join(', ')}`;
      console.log(`  ${line}`);
      lines.push(line);
    }
  }
  // BENCH_HOLD=after: keep the database and both servers up for measuring by hand (bench/panels.mjs); SIGINT/SIGTERM goes on.
  if (process.env.BENCH_HOLD === 'after') {
    console.log(`Holding: database ${pg.url('bench')}, A ${servers[0].base}/graphql, B ${servers[1].base}/graphql`);
    await new Promise((r) => { process.once('SIGINT', r); process.once('SIGTERM', r); });
  }
  console.log(`\nA = ${A}\nB = ${B}\n${FIRMS.toLocaleString('en')} firms, ${ROUNDS} rounds x ${REQUESTS} sequential requests per build, interleaved; load average at the end ${os.loadavg().map((l) => l.toFixed(2)).join(' / ')}`);
  console.log(lines.join('\n'));
} finally {
  await pool.end().catch(() => {});
  for (const s of servers) s.proc.kill('SIGTERM');
  for (const s of servers) await new Promise((r) => (s.proc.exitCode !== null ? r() : s.proc.on('exit', r)));
  await pg.stop();
}

function cpuMs(s) {
  const stat = fs.readFileSync(`/proc/${s.proc.pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK;
}

async function waitFor(s, ms) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (s.proc.exitCode !== null) throw new Error(`server ${s.label} exited`);
    try {
      if ((await fetch(`${s.base}/healthz`)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for server ${s.label}`);
}
