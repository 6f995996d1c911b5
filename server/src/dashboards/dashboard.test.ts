import { codes, createTestApp, TestApp } from '../testing/harness';
import { DEMO_API_KEY } from '../seed/demo';
import { MIN_FIRMS } from './suppression';

/**
 * Partner dashboards against the real database with the demo data (including the dashboards' own seeded
 * activity). Expected figures are computed here by independent SQL over the journeys area's
 * `current_touchpoint` view and the referral history - not by the panel SQL under test.
 */
let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(async () => {
  await app.close();
});

const PERIOD = { from: '2025-12-01', to: '2026-11-30' };
const FROM = `'2025-12-01 00:00 Europe/Copenhagen'::timestamptz`;
const TO = `'2026-12-01 00:00 Europe/Copenhagen'::timestamptz`;

const Q = `query($i: DashboardInput!) { dashboard(input: $i) {
  audience { organisationId organisationName organisationKind area municipalities } minUnits
  panels { kind groupBy unit drillDown definition measures { key label definition unit }
    rows { key label suppressed suppression display units events ownEvents ownOnly values previousValues previousSuppressed }
    total { key suppressed units events values previousValues } } } }`;

const DRILL = `query($i: DashboardDrillDownInput!) { dashboardDrillDown(input: $i) {
  entries { id kind firmId firmName organisationId organisationName basis } someHidden truncated } }`;

type Row = { key: string; label: string; suppressed: boolean; display: string | null; units: number | null; values: (number | null)[]; ownOnly: boolean };
const panel = (r: any, kind: string) => r.data.dashboard.panels.find((p: any) => p.kind === kind);
const col = (p: any, key: string) => p.measures.findIndex((m: any) => m.key === key);

describe('partner dashboards', () => {
  it('growth work by region for the national agency equals an independent count over current touchpoints', async () => {
    const erst = app.org('erst');
    const r = await app.exec(Q, { i: { ...PERIOD, groupBy: 'REGION', panels: ['GROWTH_WORK'] } }, { apiKey: 'ggk_demo_erhvervsstyrelsen_read_only' });
    expect(r.errors).toBeUndefined();
    expect(r.data.dashboard.audience).toMatchObject({ organisationId: erst.id, organisationKind: 'NATIONAL_AGENCY', municipalities: 98 });
    const p = panel(r, 'GROWTH_WORK');
    const expected: Array<{ key: string; mappings: number; partnerships: number; firms: number }> = await app.ds.query(
      `SELECT rg.id::text AS key, count(*) FILTER (WHERE t.kind = 'GROWTH_MAPPING')::int AS mappings,
              count(*) FILTER (WHERE t.kind = 'GROWTH_PARTNERSHIP')::int AS partnerships, count(DISTINCT t.firm_id)::int AS firms
         FROM current_touchpoint t JOIN firm f ON f.id = t.firm_id JOIN organisation m ON m.id = f.municipality_id JOIN organisation rg ON rg.id = m.region_id
        WHERE t.kind IN ('GROWTH_MAPPING', 'GROWTH_PLAN_MILESTONE', 'GROWTH_PARTNERSHIP') AND m.country = 'DK'
          AND t.occurred_at >= ${FROM} AND t.occurred_at < ${TO}
        GROUP BY rg.id`,
    );
    expect(expected.length).toBe(5);
    const total = expected.reduce((s, e) => s + e.mappings, 0);
    expect(total).toBeGreaterThan(20); // the seed tells a story
    expect(p.total.values[col(p, 'mappings')]).toBe(total);
    expect(p.total.units).toBe(Number((await app.ds.query(
      `SELECT count(DISTINCT t.firm_id)::int AS n FROM current_touchpoint t JOIN firm f ON f.id = t.firm_id JOIN organisation m ON m.id = f.municipality_id
        WHERE t.kind IN ('GROWTH_MAPPING', 'GROWTH_PLAN_MILESTONE', 'GROWTH_PARTNERSHIP') AND m.country = 'DK' AND t.occurred_at >= ${FROM} AND t.occurred_at < ${TO}`,
    ))[0].n));
    for (const e of expected) {
      const row: Row = p.rows.find((x: Row) => x.key === e.key);
      expect(row).toBeDefined();
      if (row.suppressed) {
        expect(row.values.every((v) => v === null)).toBe(true);
        continue;
      }
      expect(row.units).toBe(e.firms);
      expect(row.values[col(p, 'mappings')]).toBe(e.mappings);
      expect(row.values[col(p, 'partnerships')]).toBe(e.partnerships);
    }
    expect(p.rows.filter((x: Row) => !x.suppressed).length).toBeGreaterThanOrEqual(3);
  });

  it('referral rates and days to first contact equal an independent computation from the referral steps', async () => {
    const r = await app.exec(Q, { i: { ...PERIOD, panels: ['REFERRALS'] } }, { apiKey: 'ggk_demo_erhvervsstyrelsen_read_only' });
    expect(r.errors).toBeUndefined();
    const p = panel(r, 'REFERRALS');
    const refs: Array<{ kind: string; sent_at: Date; fc: Date | null; ack: boolean; closed: boolean }> = await app.ds.query(
      `SELECT ro.kind::text AS kind, r.sent_at,
              (SELECT min(s.at) FROM referral_step s WHERE s.referral_id = r.id AND s.status = 'FIRST_CONTACT') AS fc,
              EXISTS (SELECT 1 FROM referral_step s WHERE s.referral_id = r.id AND s.status IN ('ACCEPTED', 'DECLINED')) AS ack,
              EXISTS (SELECT 1 FROM referral_step s WHERE s.referral_id = r.id AND s.status = 'CLOSED') AS closed
         FROM referral r JOIN firm f ON f.id = r.firm_id JOIN organisation m ON m.id = f.municipality_id JOIN organisation ro ON ro.id = r.receiver_organisation_id
        WHERE m.country = 'DK' AND r.sent_at >= ${FROM} AND r.sent_at < ${TO}`,
    );
    expect(refs.length).toBeGreaterThanOrEqual(MIN_FIRMS);
    const share = (n: number) => Math.round((1000 * n) / refs.length) / 10;
    const t = p.total.values;
    expect(t[col(p, 'referrals')]).toBe(refs.length);
    expect(t[col(p, 'privateAdvisorShare')]).toBe(share(refs.filter((x) => x.kind === 'PRIVATE_ADVISOR').length));
    expect(t[col(p, 'acknowledgedRate')]).toBe(share(refs.filter((x) => x.ack).length));
    expect(t[col(p, 'firstContactRate')]).toBe(share(refs.filter((x) => x.fc).length));
    expect(t[col(p, 'closedRate')]).toBe(share(refs.filter((x) => x.closed).length));
    // Median (continuous percentile) of days from sent to first contact.
    const days = refs.filter((x) => x.fc).map((x) => (new Date(x.fc!).getTime() - new Date(x.sent_at).getTime()) / 86_400_000).sort((a, b) => a - b);
    const pct = (q: number) => {
      const pos = q * (days.length - 1);
      const lo = Math.floor(pos);
      return days[lo] + (days[Math.min(lo + 1, days.length - 1)] - days[lo]) * (pos - lo);
    };
    expect(t[col(p, 'daysToFirstContactMedian')]).toBeCloseTo(pct(0.5), 1);
    expect(t[col(p, 'daysToFirstContactP90')]).toBeCloseTo(pct(0.9), 1);
    expect(p.definition).toMatch(/referral_step/);
    expect(p.measures.every((m: any) => m.definition.length > 10)).toBe(true);
  });

  it('suppresses cells of fewer than 5 firms in the response, with a complementary cell, for another organisation\'s records', async () => {
    // KKR Midtjylland records no growth work itself: every cell is other organisations' records.
    const r = await app.exec(Q, { i: { ...PERIOD, groupBy: 'MUNICIPALITY', panels: ['GROWTH_WORK'] } }, { email: 'viewer@kkr-midtjylland.demo' });
    expect(r.errors).toBeUndefined();
    const p = panel(r, 'GROWTH_WORK');
    const kkr = app.org('kkr:1082');
    const firms: Array<{ key: string; n: number }> = await app.ds.query(
      `SELECT f.municipality_id::text AS key, count(DISTINCT t.firm_id)::int AS n
         FROM current_touchpoint t JOIN firm f ON f.id = t.firm_id
         JOIN organisation_relationship m ON m.from_id = f.municipality_id AND m.to_id = $1 AND m.kind = 'MEMBER_OF_COUNCIL'
        WHERE t.kind IN ('GROWTH_MAPPING', 'GROWTH_PLAN_MILESTONE', 'GROWTH_PARTNERSHIP') AND t.occurred_at >= ${FROM} AND t.occurred_at < ${TO}
        GROUP BY 1`,
      [kkr.id],
    );
    const small = firms.filter((f) => f.n < MIN_FIRMS);
    expect(small.length).toBeGreaterThan(0);
    for (const f of small) {
      const row: Row = p.rows.find((x: Row) => x.key === f.key);
      expect(row).toMatchObject({ suppressed: true, display: '<5', units: null, ownOnly: false });
      expect(row.values.every((v) => v === null)).toBe(true);
    }
    // No shown row is under the threshold, and never exactly one row hidden under a shown total.
    expect(p.rows.filter((x: Row) => !x.suppressed && (x.units ?? 0) > 0 && x.units! < MIN_FIRMS)).toEqual([]);
    const hidden = p.rows.filter((x: Row) => x.suppressed);
    if (!p.total.suppressed) expect(hidden.length).not.toBe(1);
    // The differencing attack: total minus the shown rows covers the hidden rows together, never one alone.
    if (!p.total.suppressed && hidden.length) {
      const shownFirms = p.rows.filter((x: Row) => !x.suppressed).reduce((s: number, x: Row) => s + (x.units ?? 0), 0);
      const hiddenFirms = firms.filter((f) => hidden.some((h: Row) => h.key === f.key)).reduce((s, f) => s + f.n, 0);
      expect(p.total.units - shownFirms).toBeGreaterThanOrEqual(Math.min(MIN_FIRMS, hiddenFirms));
    }
  });

  it('a growth house sees no breakdown of another house\'s work below the threshold; the house itself sees its own small cells', async () => {
    // Erhvervshus Sydjylland (hub function) also works with a few firms of Fyn's area.
    const fyn = await app.exec(Q, { i: { ...PERIOD, groupBy: 'ORGANISATION', panels: ['GROWTH_WORK'] } }, { apiKey: 'ggk_demo_gh_fyn_read_only' });
    expect(fyn.errors).toBeUndefined();
    const rows0 = panel(fyn, 'GROWTH_WORK').rows as Row[];
    const syd = rows0.find((x) => x.key === app.org('gh:sydjylland').id)!;
    const [{ n }] = await app.ds.query(
      `SELECT count(DISTINCT t.firm_id)::int AS n FROM current_touchpoint t JOIN firm f ON f.id = t.firm_id
         JOIN organisation_relationship c ON c.to_id = f.municipality_id AND c.kind = 'COVERS' AND c.from_id = $1
        WHERE t.organisation_id = $2 AND t.kind IN ('GROWTH_MAPPING', 'GROWTH_PLAN_MILESTONE', 'GROWTH_PARTNERSHIP') AND t.occurred_at >= ${FROM} AND t.occurred_at < ${TO}`,
      [app.org('gh:fyn').id, app.org('gh:sydjylland').id],
    );
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThan(MIN_FIRMS);
    expect(syd).toMatchObject({ suppressed: true, display: '<5', units: null, ownOnly: false });
    // With one other cell and the total shown, the total would give it away: Fyn's own cell is no help (it
    // knows it), so the total is hidden instead.
    expect(panel(fyn, 'GROWTH_WORK').total.suppressed).toBe(true);
    for (const row of rows0) if (!row.ownOnly && row.units !== null) expect(row.units).toBeGreaterThanOrEqual(MIN_FIRMS);
    const own = await app.exec(Q, { i: { ...PERIOD, groupBy: 'MUNICIPALITY', panels: ['GROWTH_WORK'] } }, { email: 'consultant@midtjylland.demo' });
    const rows = panel(own, 'GROWTH_WORK').rows as Row[];
    // Its own records: documented choice - never suppressed (it can read every one of them anyway).
    expect(rows.some((x) => x.ownOnly && !x.suppressed && x.units! < MIN_FIRMS)).toBe(true);
    expect(rows.every((x) => !x.suppressed)).toBe(true);
  });

  it('works for a read-only API key exactly as for the signed-in viewer, with the same statement count whatever the area', async () => {
    const byKey = await app.exec(Q, { i: { ...PERIOD, groupBy: 'MUNICIPALITY' } }, { apiKey: DEMO_API_KEY });
    const byUser = await app.exec(Q, { i: { ...PERIOD, groupBy: 'MUNICIPALITY' } }, { email: 'viewer@kkr-midtjylland.demo' });
    expect(byKey.errors).toBeUndefined();
    const strip = (d: any) => d.dashboard.panels.map((p: any) => ({ ...p, drillDown: undefined }));
    expect(strip(byKey.data)).toEqual(strip(byUser.data));
    expect(byKey.data.dashboard.panels.map((p: any) => p.kind)).toEqual([
      'AGREEMENTS', 'REFERRALS', 'GROWTH_WORK', 'GROWTH_WHEEL_FOCUS', 'PROGRAMMES', 'OUTCOMES', 'INVESTMENT', 'DELEGATIONS', 'NETWORKS_AND_CLUSTERS',
    ]);
    const national = await app.exec(Q, { i: { ...PERIOD, groupBy: 'MUNICIPALITY' } }, { apiKey: 'ggk_demo_erhvervsstyrelsen_read_only' });
    // One statement per panel (plus the audience and the agreements area's KPI computation): not per row.
    expect(national.queries.count).toBeLessThanOrEqual(byKey.queries.count);
    // + 2: the request's own transaction (begin with the scope, commit: core/rls.ts).
    expect(byKey.queries.count).toBeLessThanOrEqual(18);
    const agreements = panel(byKey, 'AGREEMENTS');
    expect(agreements.rows.length).toBeGreaterThan(0);
    // Worst first (pace ascending).
    const pace = agreements.rows.map((x: Row) => x.values[col(agreements, 'pacePercent')]).filter((v: number | null) => v != null);
    expect(pace).toEqual([...pace].sort((a: number, b: number) => a - b));
  });

  it('a consultant of another house cannot drill down into Midtjylland\'s entries; the house can, to its own', async () => {
    const mid = app.org('gh:midtjylland');
    const foreign = await app.exec(DRILL, { i: { ...PERIOD, organisationId: mid.id, panel: 'GROWTH_WORK', rowKey: '__TOTAL__' } }, { email: 'consultant@hovedstaden.demo' });
    expect(codes(foreign)).toEqual(['FORBIDDEN']);
    // Within its own dashboard, Hovedstaden's consultant gets none of Midtjylland's entries.
    const ownDash = await app.exec(DRILL, { i: { ...PERIOD, panel: 'REFERRALS', groupBy: 'ORGANISATION', rowKey: '__TOTAL__' } }, { email: 'consultant@hovedstaden.demo' });
    expect(ownDash.errors).toBeUndefined();
    expect(ownDash.data.dashboardDrillDown.entries.filter((e: any) => e.organisationId === mid.id && e.basis === 'OWN')).toEqual([]);
    const own = await app.exec(DRILL, { i: { ...PERIOD, panel: 'GROWTH_WORK', rowKey: '__TOTAL__' } }, { email: 'consultant@midtjylland.demo' });
    expect(own.errors).toBeUndefined();
    const entries = own.data.dashboardDrillDown.entries;
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.every((e: any) => e.organisationId === mid.id && e.basis === 'OWN')).toBe(true);
    // The KKR viewer records nothing itself: it sees only entries about firms that consented to show them to
    // public business-support actors (journeys' sharing rules), and is told that others are hidden.
    const kkr = await app.exec(DRILL, { i: { ...PERIOD, panel: 'GROWTH_WORK', rowKey: '__TOTAL__' } }, { email: 'viewer@kkr-midtjylland.demo' });
    expect(kkr.data.dashboardDrillDown.someHidden).toBe(true);
    const consenting: string[] = (await app.ds.query(
      `SELECT DISTINCT c.firm_id::text AS id FROM firm_consent c WHERE c.withdrawn_at IS NULL AND c.valid_until > now() AND c.scope = 'ALL_PUBLIC_BUSINESS_SUPPORT'`,
    )).map((x: any) => x.id);
    for (const e of kkr.data.dashboardDrillDown.entries) {
      expect(e.basis).toBe('CONSENT');
      expect(consenting).toContain(e.firmId);
    }
    // Those reads are in the owner's access log.
    const [{ n }] = await app.ds.query(`SELECT count(*)::int AS n FROM journey_access_log WHERE viewer_organisation_id = $1`, [app.org('kkr:1082').id]);
    expect(n).toBeGreaterThan(0);
    // API keys never drill down.
    const key = await app.exec(DRILL, { i: { ...PERIOD, panel: 'GROWTH_WORK', rowKey: '__TOTAL__' } }, { apiKey: DEMO_API_KEY });
    expect(codes(key)).toEqual(['FORBIDDEN']);
  });

  it('refuses a bad period naming the field, and nobody without a membership', async () => {
    const bad = await app.exec(Q, { i: { from: '2026-05-01', to: '2026-04-01' } }, { email: 'viewer@kkr-midtjylland.demo' });
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(bad.errors![0].message).toMatch(/^to:/);
    const invalid = await app.exec(Q, { i: { from: '2026-02-30', to: '2026-04-01' } }, { email: 'viewer@kkr-midtjylland.demo' });
    expect(invalid.errors![0].message).toMatch(/^from:/);
    const anonymous = await app.exec(Q, { i: PERIOD });
    expect(codes(anonymous)).toEqual(['UNAUTHENTICATED']);
    const two = await app.exec(Q, { i: PERIOD }, { email: 'admin@midtjylland.demo' });
    expect(codes(two)).toEqual(['BAD_USER_INPUT']);
    expect(two.errors![0].message).toMatch(/^organisationId:/);
  });

  it('time buckets cover the whole period and add up to the total when nothing is suppressed', async () => {
    const r = await app.exec(Q, { i: { ...PERIOD, groupBy: 'TIME_BUCKET', bucket: 'QUARTER', panels: ['GROWTH_WORK'] } }, { email: 'consultant@midtjylland.demo' });
    const p = panel(r, 'GROWTH_WORK');
    expect(p.rows.map((x: Row) => x.key)).toEqual(['2025-10-01', '2026-01-01', '2026-04-01', '2026-07-01', '2026-10-01']);
    const i = col(p, 'mappings');
    expect(p.rows.reduce((s: number, x: Row) => s + (x.values[i] ?? 0), 0)).toBe(p.total.values[i]);
  });
});

describe('drill-down: only entries the caller may see leave the database', () => {
  it("another organisation's entry without a sharing basis never comes back, nor leaves the database", async () => {
    const hov = app.org('gh:hovedstaden');
    const mid = app.org('gh:midtjylland');
    const kbh = app.org('mun:DK:101');
    // A register firm in København with no journey, consent or referral: Midtjylland records a growth mapping.
    const [firm] = await app.ds.query(
      `SELECT f.id FROM firm f WHERE f.municipality_id = $1 AND f.status = 'REGISTERED'
          AND NOT EXISTS (SELECT 1 FROM touchpoint t WHERE t.firm_id = f.id) AND NOT EXISTS (SELECT 1 FROM firm_consent c WHERE c.firm_id = f.id)
          AND NOT EXISTS (SELECT 1 FROM referral r WHERE r.firm_id = f.id) ORDER BY f.id LIMIT 1`,
      [kbh.id],
    );
    const [{ id: foreign }] = await app.ds.query(
      `INSERT INTO touchpoint (firm_id, organisation_id, kind, occurred_at, details, summary) VALUES ($1, $2, 'GROWTH_MAPPING', '2026-06-15 10:00+02', '{}', 'Vækstkortlægning') RETURNING id`,
      [firm.id, mid.id],
    );
    const r = await app.exec(DRILL, { i: { ...PERIOD, panel: 'GROWTH_WORK', rowKey: '__TOTAL__' } }, { email: 'consultant@hovedstaden.demo' });
    expect(r.errors).toBeUndefined();
    const entries = r.data.dashboardDrillDown.entries;
    expect(entries.map((e: any) => e.id)).not.toContain(foreign);
    expect(entries.every((e: any) => e.organisationId === hov.id || e.basis !== 'OWN')).toBe(true);
    // It is counted in the cell, so the caller is told that something is hidden (not what).
    expect(r.data.dashboardDrillDown.someHidden).toBe(true);

    // The statement itself, on the owner's pool: the entry is counted in the cell but never leaves the database.
    const { drillDownVisibleStatement } = await import('./dashboard.service');
    const { drillDownStatement, PANELS } = await import('./dashboard.panels');
    const { OPEN_REFERRAL_STATUSES, PUBLIC_BUSINESS_SUPPORT_KINDS } = await import('../journeys/journey.enums');
    const dimension = PANELS.GROWTH_WORK.defaultDimension as any;
    const params = [[kbh.id], hov.id, '2025-12-01', '2026-12-01', '2024-12-01', 'month', '__TOTAL__', null];
    const cell = (await app.ds.query(drillDownStatement(PANELS.GROWTH_WORK, dimension), params)).map((x: any) => x.entry_id);
    expect(cell).toContain(foreign);
    const out = await app.ds.query(drillDownVisibleStatement(PANELS.GROWTH_WORK, dimension), [...params, [hov.id], [...PUBLIC_BUSINESS_SUPPORT_KINDS], [...OPEN_REFERRAL_STATUSES], [hov.id]]);
    expect(out.map((x: any) => x.entry_id)).not.toContain(foreign);
    expect(out[0].in_cell).toBe(cell.length);
    expect(out[0].in_sight).toBeLessThan(cell.length);
  });
});

describe('aggregates and the drill-down\'s rows are two entry points (core/aggregates.ts)', () => {
  it('rows leave the aggregate pool only through visibleRowsQuery, called by the drill-down alone; panels use aggregateQuery', async () => {
    const fs = await import('node:fs');
    const path = await import('node:path');
    const root = path.resolve(__dirname, '..');
    const sources: Array<{ file: string; text: string }> = [];
    const walk = (dir: string) => {
      for (const d of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, d.name);
        if (d.isDirectory()) walk(p);
        else if (p.endsWith('.ts') && !p.endsWith('.test.ts')) sources.push({ file: path.relative(root, p), text: fs.readFileSync(p, 'utf8') });
      }
    };
    walk(root);
    const callers = sources.filter((s) => /\bvisibleRowsQuery\s*[<(]/.test(s.text) && s.file !== path.join('core', 'aggregates.ts')).map((s) => s.file);
    expect(callers).toEqual([path.join('dashboards', 'dashboard.service.ts')]);
    const service = sources.find((s) => s.file === path.join('dashboards', 'dashboard.service.ts'))!.text;
    const body = (name: string) => service.slice(service.indexOf(`export async function ${name}(`), service.indexOf('\n}\n', service.indexOf(`export async function ${name}(`)));
    expect(body('drillDown')).toMatch(/visibleRowsQuery</);
    expect(body('drillDown')).not.toMatch(/aggregateQuery\(/);
    expect(service.slice(service.indexOf('async function computePanel('))).toMatch(/aggregateQuery\(ctx, \.\.\.panelQuery/);
  });

  it('visibleRowsQuery refuses API keys and anonymous callers before any statement', async () => {
    const { visibleRowsQuery } = await import('../core/aggregates');
    const q = { candidates: 'SELECT 1/0 AS firm_id, NULL::uuid AS owner_id', params: [], sharing: 'false', own: [], columns: ['firm_id'], orderBy: 's.firm_id', limit: 1 };
    await expect(visibleRowsQuery({ principal: { kind: 'apiKey', apiKeyId: 'k', organisationId: 'o' } } as any, q)).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    await expect(visibleRowsQuery({ principal: null } as any, q)).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    // A signed-in user gets the statement (here: the candidates fail, so the statement did run).
    await expect(visibleRowsQuery({ principal: { kind: 'user', userId: 'u', sessionId: 's' } } as any, q)).rejects.toThrow(/division by zero/);
  });
});
