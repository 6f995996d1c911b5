// Per-panel timing of the partner dashboard (issue 10): each aggregate panel's one statement, as a server build
// makes it (dashboard.service.ts panelQuery), run alone on the owner's connection of a loaded database (e.g. one
// held by `BENCH_HOLD=1 npm run bench`), the scenarios' audiences and period; builds interleaved per round.
//   BENCH_DATABASE_URL=postgres://... BENCH_DISTS=/path/a/dist,server/dist@32MB node bench/panels.mjs
// (`@32MB`: the work_mem that build's aggregate pool sets, core/aggregates.ts; without it the server default).
// BENCH_ROUNDS (5) rounds x BENCH_REPEAT (5) runs of each panel per build. Prints median / p95 ms per panel.
import { createRequire } from 'node:module';
import path from 'node:path';
import { root } from '../scripts/lib/setup.mjs';

const require = createRequire(import.meta.url);
const URL = process.env.BENCH_DATABASE_URL;
if (!URL) throw new Error('Set BENCH_DATABASE_URL to a loaded database (BENCH_HOLD=1 npm run bench prints it).');
const DISTS = (process.env.BENCH_DISTS ?? 'server/dist@32MB').split(',').map((d) => ({ dir: path.resolve(root, d.split('@')[0]), workMem: d.split('@')[1] }));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 5);
require(path.join(root, 'node_modules/reflect-metadata'));
const { default: pg } = await import('pg');
const pool = new pg.Pool({ connectionString: URL, max: 1 });
const ds = { query: async (text, params) => (await pool.query(text, params)).rows };

const builds = DISTS.map((d) => ({
  dist: d.dir,
  workMem: d.workMem,
  service: require(path.join(d.dir, 'dashboards/dashboard.service.js')),
  panels: require(path.join(d.dir, 'dashboards/dashboard.panels.js')),
}));
const AUDIENCES = [
  { name: 'KKR Midtjylland', org: `SELECT id FROM organisation WHERE kind = 'REGIONAL_COUNCIL' AND name ILIKE '%midtjylland%' LIMIT 1`, groupBy: [null, 'MUNICIPALITY'] },
  { name: 'Erhvervsstyrelsen (by region)', org: `SELECT id FROM organisation WHERE kind = 'NATIONAL_AGENCY' AND country = 'DK' LIMIT 1`, groupBy: ['REGION'] },
  { name: 'Erhvervshus Fyn', org: `SELECT id FROM organisation WHERE kind = 'GROWTH_HOUSE' AND name ILIKE '%fyn%' LIMIT 1`, groupBy: [null, 'MUNICIPALITY'] },
  { name: 'Region Kalmar län (by municipality)', org: `SELECT id FROM organisation WHERE kind = 'REGION' AND name ILIKE '%kalmar%' LIMIT 1`, groupBy: ['MUNICIPALITY'] },
];
const med = (xs, q = 0.5) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))];
try {
  for (const a of AUDIENCES) {
    const [{ id }] = await ds.query(a.org);
    const times = builds.map(() => new Map());
    for (let r = 0; r < ROUNDS; r++) {
      const order = r % 2 ? [...builds.keys()].reverse() : [...builds.keys()];
      for (const k of order) {
        const { service, panels, workMem } = builds[k];
        await pool.query(workMem ? `SET work_mem = '${workMem}'` : 'RESET work_mem');
        const audience = await service.loadAudience({ ds }, id);
        const period = service.resolvePeriod({ from: '2025-12-01', to: '2026-11-30' });
        for (const [kind, def] of Object.entries(panels.PANELS)) {
          for (let i = 0; i < REPEAT; i++) {
            const requested = a.groupBy[i % a.groupBy.length];
            const dim = requested && def.dimensions.includes(requested) ? requested : def.defaultDimension;
            const [sql, params] = service.panelQuery(def, dim, audience, period);
            const t = process.hrtime.bigint();
            await pool.query(sql, params);
            const ms = Number(process.hrtime.bigint() - t) / 1e6;
            times[k].set(kind, [...(times[k].get(kind) ?? []), ms]);
          }
        }
      }
    }
    console.log(`\n${a.name}: per panel, ms median / p95 (${ROUNDS} x ${REPEAT} runs)`);
    console.log(`| panel | ${builds.map((b) => `${path.relative(root, b.dist)}${b.workMem ? ` (work_mem ${b.workMem})` : ''}`).join(' | ')} |`);
    for (const kind of Object.keys(builds[0].panels.PANELS)) {
      console.log(`| ${kind} | ${times.map((m) => `${med(m.get(kind)).toFixed(1)} / ${med(m.get(kind), 0.95).toFixed(1)}`).join(' | ')} |`);
    }
    const sums = times.map((m) => [...m.values()].reduce((s, xs) => s + med(xs), 0));
    console.log(`| sum of medians | ${sums.map((s) => s.toFixed(1)).join(' | ')} |`);
  }
} finally {
  await pool.end();
}
