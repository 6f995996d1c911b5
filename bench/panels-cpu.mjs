// PostgreSQL backend CPU per panel statement (issue 10), for comparing builds on a busy machine where wall-clock
// times are mostly waiting: each aggregate panel's statement as a build makes it (dashboard.service.ts panelQuery),
// on the owner connection of a held database, with the backend's user+system time read from /proc/<pid>/stat
// (same machine only) around BENCH_REPEAT (10) runs; builds interleaved over BENCH_ROUNDS (4) rounds.
//   BENCH_DATABASE_URL=postgres://... BENCH_DISTS=server/dist-a,server/dist [BENCH_AUDIENCE=NATIONAL_AGENCY] [BENCH_NAME=midtjylland] [BENCH_GROUP=REGION] node bench/panels-cpu.mjs
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { root } from '../scripts/lib/setup.mjs';

const require = createRequire(import.meta.url);
const URL = process.env.BENCH_DATABASE_URL;
if (!URL) throw new Error('Set BENCH_DATABASE_URL to a loaded database (BENCH_HOLD=1 npm run bench prints it).');
require(path.join(root, 'node_modules/reflect-metadata'));
const { default: pg } = await import('pg');
const client = new pg.Client({ connectionString: URL });
await client.connect();
await client.query(`SET work_mem = '${process.env.BENCH_WORK_MEM ?? '32MB'}'`);
const [{ pid }] = (await client.query('SELECT pg_backend_pid() AS pid')).rows;
const ticks = () => {
  const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(f[11]) + Number(f[12]); // utime + stime, clock ticks (1/100 s)
};
const ds = { query: async (text, params) => (await client.query(text, params)).rows };
const builds = (process.env.BENCH_DISTS ?? 'server/dist').split(',').map((d) => {
  const dir = path.resolve(root, d);
  return { name: d, service: require(path.join(dir, 'dashboards/dashboard.service.js')), panels: require(path.join(dir, 'dashboards/dashboard.panels.js')) };
});
const kind = process.env.BENCH_AUDIENCE ?? 'NATIONAL_AGENCY';
const [{ id }] = await ds.query(`SELECT id FROM organisation WHERE kind = $1 AND name ILIKE $2 ORDER BY country, name LIMIT 1`, [kind, `%${process.env.BENCH_NAME ?? ''}%`]);
const group = process.env.BENCH_GROUP ?? 'REGION';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 10);
const cpu = builds.map(() => new Map());
for (let r = 0; r < ROUNDS; r++) {
  for (const k of r % 2 ? [...builds.keys()].reverse() : [...builds.keys()]) {
    const { service, panels } = builds[k];
    const audience = await service.loadAudience({ ds }, id);
    const period = service.resolvePeriod({ from: '2025-12-01', to: '2026-11-30' });
    for (const [name, def] of Object.entries(panels.PANELS)) {
      const dim = def.dimensions.includes(group) ? group : def.defaultDimension;
      const [sql, params] = service.panelQuery(def, dim, audience, period);
      await client.query(sql, params); // warm (and plan once)
      const t0 = ticks();
      for (let i = 0; i < REPEAT; i++) await client.query(sql, params);
      cpu[k].set(name, [...(cpu[k].get(name) ?? []), ((ticks() - t0) * 10) / REPEAT]);
    }
  }
}
const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`${kind} (${group}): PostgreSQL backend CPU ms per statement, median of ${ROUNDS} rounds x ${REPEAT} runs (min in brackets)`);
console.log(`| panel | ${builds.map((b) => b.name).join(' | ')} |\n| --- | ${builds.map(() => '---:').join(' | ')} |`);
for (const name of cpu[0].keys()) console.log(`| ${name} | ${cpu.map((m) => `${med(m.get(name)).toFixed(1)} (${Math.min(...m.get(name)).toFixed(1)})`).join(' | ')} |`);
console.log(`| sum of medians | ${cpu.map((m) => [...m.values()].reduce((s, xs) => s + med(xs), 0).toFixed(1)).join(' | ')} |`);
await client.end();
