// Per-request floor, builds interleaved on one loaded database (e.g. BENCH_HOLD=1 npm run bench): anonymous and signed-in
// { __typename } and the CVR lookup, main-thread and all-thread CPU per request from /proc/<pid>/task, and wall.
//   BENCH_DATABASE_URL=postgres://... N=300 ROUNDS=5 node bench/floor.mjs main=/path/a/server/dist/main.js=4131 b=server/dist/main.js=4132
import { spawn } from 'node:child_process'; import fs from 'node:fs'; import http from 'node:http';
const DB = process.env.BENCH_DATABASE_URL;
if (!DB) throw new Error('Set BENCH_DATABASE_URL to a loaded bench database.');
const builds = process.argv.slice(2).map((s) => { const [name, dist, port] = s.split('='); return { name, dist, port: +port }; });
const N = +(process.env.N ?? 300), ROUNDS = +(process.env.ROUNDS ?? 4);
const start = (b) => new Promise((res, rej) => {
  const p = spawn('node', [b.dist], { env: { ...process.env, DATABASE_URL: DB, PORT: String(b.port), SEED_DEMO: 'false', RATE_LIMIT_PER_ADDRESS: process.env.RL ?? '0', RATE_LIMIT_PER_ACCOUNT: process.env.RL ?? '0', LOG_LEVEL: 'warn', AUTH_SECRET: 'x'.repeat(40) }, stdio: ['ignore', 'pipe', 'inherit'] });
  b.proc = p; let out = '';
  p.stdout.on('data', (d) => { out += d; });
  const t = setInterval(async () => { try { await post(b, '{ __typename }'); clearInterval(t); res(); } catch {} }, 300);
  p.on('exit', (c) => { clearInterval(t); rej(new Error(`exit ${c} ${out.slice(-2000)}`)); });
});
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const post = (b, query, variables = {}, token) => new Promise((res, rej) => { const body = JSON.stringify({ query, variables });
  const r = http.request({ host: '127.0.0.1', port: b.port, path: '/graphql', method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...(token ? { authorization: `Bearer ${token}` } : {}) } }, (resp) => { let d = ''; resp.on('data', (c) => (d += c)); resp.on('end', () => res(d)); }); r.on('error', rej); r.end(body); });
const snap = (pid) => { let main = 0, all = 0; for (const t of fs.readdirSync(`/proc/${pid}/task`)) { const f = fs.readFileSync(`/proc/${pid}/task/${t}/stat`, 'utf8').split(') ')[1].split(' '); const v = (+f[11] + +f[12]) * 10; all += v; if (+t === pid) main += v; } return { main, all }; };
for (const b of builds) await start(b);
for (const b of builds) {
  const r = JSON.parse(await post(b, 'mutation($i: SignInInput!) { signIn(input: $i) { token } }', { i: { email: 'consultant@midtjylland.demo', password: 'growth-graph-demo' } }));
  b.token = r.data?.signIn?.token ?? (() => { throw new Error(JSON.stringify(r)); })();
}
const d = JSON.parse(await post(builds[0], '{ firms(first: 100, search: { country: DK }) { edges { node { cvr } } } }', {}, builds[0].token));
const cvrs = d.data.firms.edges.map((e) => e.node.cvr);
const scen = [
  ['anon floor', (b) => post(b, '{ __typename }')],
  ['signed floor', (b) => post(b, '{ __typename }', {}, b.token)],
  ['CVR', (b, i) => post(b, 'query($c: String!) { firms(search: { identifier: $c }) { edges { node { name } } } }', { c: cvrs[i % cvrs.length] }, b.token)],
];
const res = {};
for (const [name, fn] of scen) for (const b of builds) { for (let i = 0; i < 50; i++) await fn(b, i); }
console.log('sample', (await scen[2][1](builds[builds.length - 1], 0)).slice(0, 150));
for (let r = 0; r < ROUNDS; r++) for (const [name, fn] of scen) for (const b of builds) {
  const a = snap(b.proc.pid); const t0 = performance.now();
  for (let i = 0; i < N; i++) await fn(b, i);
  const t = performance.now() - t0; const z = snap(b.proc.pid);
  ((res[name] ??= {})[b.name] ??= []).push({ main: (z.main - a.main) / N, all: (z.all - a.all) / N, wall: t / N });
}
const med = (xs) => { const s = [...xs].sort((x, y) => x - y); return s[Math.floor(s.length / 2)]; };
console.log(`load ${fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}; ${ROUNDS} rounds x ${N}`);
for (const [name] of scen) for (const b of builds) { const x = res[name][b.name]; console.log(`${name.padEnd(14)} ${b.name.padEnd(6)} main ${med(x.map((v) => v.main)).toFixed(2)} ms, all ${med(x.map((v) => v.all)).toFixed(2)} ms, wall ${med(x.map((v) => v.wall)).toFixed(2)} ms`); }
for (const b of builds) b.proc.kill('SIGTERM');
