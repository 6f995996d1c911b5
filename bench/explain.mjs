// EXPLAIN (ANALYZE, BUFFERS) of one audience's aggregate panels as a server build makes them (dashboard.service.ts
// panelQuery), on the owner connection of a held database:
//   BENCH_DATABASE_URL=postgres://... [BENCH_DIST=server/dist] [BENCH_AUDIENCE=NATIONAL_AGENCY] [BENCH_GROUP=REGION] [BENCH_PLANS=1] node bench/explain.mjs
// Prints planning and execution time per panel (and the plans with BENCH_PLANS=1).
import { createRequire } from 'node:module';
import path from 'node:path';
import { root } from '../scripts/lib/setup.mjs';

const require = createRequire(import.meta.url);
const URL = process.env.BENCH_DATABASE_URL;
if (!URL) throw new Error('Set BENCH_DATABASE_URL to a loaded database (BENCH_HOLD=1 npm run bench prints it).');
const dist = path.resolve(root, process.env.BENCH_DIST ?? 'server/dist');
require(path.join(root, 'node_modules/reflect-metadata'));
const { default: pg } = await import('pg');
const client = new pg.Client({ connectionString: URL });
await client.connect();
await client.query(`SET work_mem = '${process.env.BENCH_WORK_MEM ?? '32MB'}'`);
const ds = { query: async (text, params) => (await client.query(text, params)).rows };
const service = require(path.join(dist, 'dashboards/dashboard.service.js'));
const panels = require(path.join(dist, 'dashboards/dashboard.panels.js'));
const kind = process.env.BENCH_AUDIENCE ?? 'NATIONAL_AGENCY';
const [{ id }] = await ds.query(`SELECT id FROM organisation WHERE kind = $1 AND country = 'DK' ORDER BY name LIMIT 1`, [kind]);
const audience = await service.loadAudience({ ds }, id);
const period = service.resolvePeriod({ from: '2025-12-01', to: '2026-11-30' });
const group = process.env.BENCH_GROUP ?? 'REGION';
for (const [name, def] of Object.entries(panels.PANELS)) {
  if (process.env.BENCH_PANEL && !name.includes(process.env.BENCH_PANEL)) continue;
  const dim = def.dimensions.includes(group) ? group : def.defaultDimension;
  const [sql, params] = service.panelQuery(def, dim, audience, period);
  const runs = [];
  for (let i = 0; i < Number(process.env.BENCH_REPEAT ?? 3); i++) {
    const rows = await ds.query(`EXPLAIN (ANALYZE, BUFFERS${process.env.BENCH_PLANS ? '' : ', TIMING OFF'}) ${sql}`, params);
    runs.push(rows.map((r) => r['QUERY PLAN']));
  }
  const t = (lines, what) => Number(lines.find((l) => l.startsWith(what))?.match(/([\d.]+) ms/)?.[1]);
  const exec = runs.map((r) => t(r, 'Execution Time')).sort((a, b) => a - b);
  const plan = runs.map((r) => t(r, 'Planning Time')).sort((a, b) => a - b);
  console.log(`${name} (${dim}): execution ${exec.join(' / ')} ms, planning ${plan.join(' / ')} ms`);
  if (process.env.BENCH_PLANS) console.log(runs.at(-1).join('\n'));
}
await client.end();
