// Signed-in `{ __typename }` at N concurrent connections against two running builds, interleaved in rounds:
// each build's API CPU per request (/proc/<pid>/stat) and median latency, and how many answers were not 200.
//   BENCH_URLS=http://127.0.0.1:A,http://127.0.0.1:B BENCH_PIDS=pidA,pidB node bench/concurrent-floor.mjs
// Each round signs in a different demo user, so no build meets a per-account limit (they are on at their defaults).
import fs from 'node:fs';
import os from 'node:os';

const URLS = process.env.BENCH_URLS.split(',');
const PIDS = process.env.BENCH_PIDS.split(',').map(Number);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const PER_CONNECTION = Number(process.env.BENCH_PER_CONNECTION ?? 25);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 6);
const USERS = ['consultant@midtjylland.demo', 'admin@midtjylland.demo', 'editor@randers.demo', 'viewer@kkr-midtjylland.demo', 'consultant@hovedstaden.demo', 'admin@hovedstaden.demo', 'coordinator@kalmar.demo', 'investment@copcap.demo', 'cluster@webuild.demo', 'network@amager.demo', 'admin@randers.demo'];
const cpuMs = (pid) => {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(f[11]) + Number(f[12])) * 1000) / 100;
};
const post = (url, body, token) =>
  fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const per = URLS.map(() => ({ cpu: [], median: [], not200: 0 }));
for (let r = 0; r < ROUNDS; r++) {
  for (const k of r % 2 ? [1, 0] : [0, 1]) {
    const email = USERS[(r * 2 + k) % USERS.length];
    const signIn = await (await post(URLS[k], { query: 'mutation($i: SignInInput!) { signIn(input: $i) { token } }', variables: { i: { email, password: 'growth-graph-demo' } } })).json();
    const token = signIn.data.signIn.token;
    const times = [];
    const c0 = cpuMs(PIDS[k]);
    await Promise.all(Array.from({ length: CONNECTIONS }, async () => {
      for (let i = 0; i < PER_CONNECTION; i++) {
        const t = process.hrtime.bigint();
        const res = await post(URLS[k], { query: '{ __typename }' }, token);
        await res.arrayBuffer();
        if (res.status !== 200) per[k].not200++;
        times.push(Number(process.hrtime.bigint() - t) / 1e6);
      }
    }));
    per[k].cpu.push((cpuMs(PIDS[k]) - c0) / (CONNECTIONS * PER_CONNECTION));
    per[k].median.push(med(times));
  }
}
console.log(`${CONNECTIONS} connections x ${PER_CONNECTION} requests, ${ROUNDS} rounds per build, interleaved; load average ${os.loadavg().map((l) => l.toFixed(2)).join(' / ')}`);
for (const [k, url] of URLS.entries()) {
  console.log(`floor at ${CONNECTIONS} connections | ${url} | CPU ms/request median ${med(per[k].cpu).toFixed(2)} (rounds: ${per[k].cpu.map((x) => x.toFixed(2)).join(' ')}) | latency median of rounds ${med(per[k].median).toFixed(1)} ms (rounds: ${per[k].median.map((x) => x.toFixed(1)).join(' ')}) | not 200: ${per[k].not200}`);
}
