import { ROLLUPS as GROWTH_ROLLUPS } from '../migrations/1769120000000-DashboardRollups';
import { ENROLMENT_ROLLUP } from '../migrations/1769190000000-DashboardEnrolmentRollup';
import { OUTCOME_ROLLUP } from '../migrations/1769200000000-DashboardOutcomeRollup';
import { createTestApp, TestApp } from '../testing/harness';
import { DashboardBucket, DashboardPanelKind, PANELS } from './dashboard.panels';
import { Dim, loadAudience, panelQuery, resolvePeriod, rollupParams } from './dashboard.service';
import { computeKpiActuals, KpiRequest, listCountedEntries, loadAgreementScopes } from '../agreements/agreement.kpi';
import { AgreementKpiMetric } from '../agreements/agreement.enums';
import { createContext } from '../core/context';
import { Role, Scope } from '../core/scope';

/**
 * The dashboard rollups (migration 1769120000000-DashboardRollups) against the real database with the demo
 * data: after every kind of write, through the API as the app role (row-level security on), each rollup
 * equals its from-scratch computation; and every rollup panel answers exactly as the same panel computed
 * from the events, for every dimension, for month-aligned and mid-month periods.
 */
let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(() => app?.close());

const ROLLUPS = [...GROWTH_ROLLUPS, ENROLMENT_ROLLUP, OUTCOME_ROLLUP];
const MIDT = { email: 'consultant@midtjylland.demo' };
const EDITOR = { email: 'editor@randers.demo' };
const DAY = 86_400_000;

async function expectRollupsFresh(): Promise<void> {
  for (const r of ROLLUPS) {
    const order = r.columns.map((_, i) => i + 1).join(', ');
    const kept = await app.ds.query(`SELECT ${r.columns.join(', ')} FROM ${r.table} ORDER BY ${order}`);
    const scratch = await app.ds.query(`SELECT * FROM (${r.fromScratch}) x(${r.columns.join(', ')}) ORDER BY ${order}`);
    expect({ table: r.table, rows: kept }).toEqual({ table: r.table, rows: scratch });
  }
  // The compact firm key the national panels count (migration 1769224000000): one per firm, never two firms' key.
  for (const table of ['dashboard_growth_month', 'dashboard_focus_month']) {
    const [k] = await app.ds.query(`SELECT count(DISTINCT firm_id)::int AS firms, count(DISTINCT firm_key)::int AS keys, count(DISTINCT (firm_id, firm_key))::int AS pairs FROM ${table}`);
    expect({ table, keys: k.keys, pairs: k.pairs, some: k.firms > 10 }).toEqual({ table, keys: k.firms, pairs: k.firms, some: true });
  }
  await expectKpiActualsEqual();
}

const ROLLUP_PANELS = [DashboardPanelKind.GROWTH_WORK, DashboardPanelKind.GROWTH_WHEEL_FOCUS, DashboardPanelKind.REFERRALS, DashboardPanelKind.PROGRAMMES, DashboardPanelKind.OUTCOMES] as const;

/** Every rollup panel, every dimension: the raw rows (before suppression) from the rollups and from the events. */
async function expectPanelsEqual(orgKeys: string[], periods: Array<{ from: string; to: string; bucket?: DashboardBucket }>): Promise<number> {
  let compared = 0;
  const sort = (rows: any[]) => [...rows].sort((a, b) => `${a.period}|${a.is_total}|${a.key}`.localeCompare(`${b.period}|${b.is_total}|${b.key}`));
  for (const orgKey of orgKeys) {
    const audience = await loadAudience({ ds: app.ds } as any, app.org(orgKey).id);
    for (const p of periods) {
      const period = resolvePeriod(p);
      for (const kind of ROLLUP_PANELS) {
        const def = PANELS[kind];
        for (const dim of def.dimensions as Dim[]) {
          const fromEvents = await app.ds.query(...panelQuery(def, dim, audience, period, true));
          const fromRollups = await app.ds.query(...panelQuery(def, dim, audience, period));
          expect({ orgKey, p, kind, dim, rows: sort(fromRollups) }).toEqual({ orgKey, p, kind, dim, rows: sort(fromEvents) });
          compared += fromEvents.length;
        }
      }
    }
  }
  return compared;
}

const PERIODS = [
  { from: '2025-12-01', to: '2026-11-30' }, // the bench's: whole months only
  { from: '2026-01-01', to: '2026-12-31', bucket: DashboardBucket.QUARTER },
  { from: '2026-03-15', to: '2026-07-20' }, // mid-month edges, and a previous period split inside a month
  { from: '2026-11-20', to: '2026-12-10' }, // no whole month at all
];

describe('dashboard rollups', () => {
  it('are filled by the migration and the set-based demo seed, equal to a from-scratch computation, and unreadable for the app role', async () => {
    for (const r of ROLLUPS) {
      const [{ n }] = await app.ds.query(`SELECT count(*)::int AS n FROM ${r.table}`);
      expect({ table: r.table, nonEmpty: n > 10 }).toEqual({ table: r.table, nonEmpty: true });
      // The API role: row-level security lets nothing through (the panels read them on the owner pool).
      const [{ n: seen }] = await app.appDs.query(`SELECT count(*)::int AS n FROM ${r.table}`);
      expect(seen).toBe(0);
    }
    await expectRollupsFresh();
  });

  it('every rollup panel answers as the panel over the events, for every dimension and period', async () => {
    const compared = await expectPanelsEqual(['kkr:1082', 'erst', 'gh:midtjylland'], PERIODS);
    expect(compared).toBeGreaterThan(500);
  });

  it('reads whole months from the rollups and only the edge days from the events', () => {
    expect(rollupParams(resolvePeriod({ from: '2025-12-01', to: '2026-11-30' }))).toEqual(['2024-12-01', '2026-12-01', '2025-12-01', '2025-12-01', [], []]);
    const tz = (d: string) => `${d} 00:00:00 Europe/Copenhagen`;
    // 128 days: the previous period is 2025-11-07 .. 2026-03-14.
    expect(rollupParams(resolvePeriod({ from: '2026-03-15', to: '2026-07-20' }))).toEqual([
      '2025-12-01', '2026-07-01', '2026-03-01', '2026-04-01',
      [tz('2025-11-07'), tz('2026-03-01'), tz('2026-03-15'), tz('2026-07-01')],
      [tz('2025-12-01'), tz('2026-03-15'), tz('2026-04-01'), tz('2026-07-21')],
    ]);
    const none = rollupParams(resolvePeriod({ from: '2026-11-20', to: '2026-12-10' }));
    expect(none.slice(0, 2)).toEqual(['2026-11-20', '2026-11-20']);
    expect(none[4]).toEqual([tz('2026-10-30'), tz('2026-11-20')]);
  });

  describe('stay current after every kind of write (through the API, as the app role)', () => {
    const RECORD = `mutation($i: RecordTouchpointInput!) { recordTouchpoint(input: $i) { touchpoint { id } referral { id } userErrors { field message code } } }`;
    const CORRECT = `mutation($i: CorrectTouchpointInput!) { correctTouchpoint(input: $i) { touchpoint { id } userErrors { field message code } } }`;
    const ACT = `mutation($i: ActOnReferralInput!) { actOnReferral(input: $i) { userErrors { field message code } } }`;
    const UPDATE = `mutation($i: UpdateFirmInput!) { updateFirm(input: $i) { firm { id version } userErrors { field code } } }`;
    const CREATE = `mutation($i: CreateFirmInput!) { createFirm(input: $i) { firm { id version } userErrors { field message code } } }`;
    const LINK = `mutation($i: LinkFirmIdentifierInput!) { linkFirmIdentifier(input: $i) { firm { id status } userErrors { field message code } } }`;
    const ASSESS = `mutation($i: AssessGrowthPotentialInput!) { assessGrowthPotential(input: $i) { userErrors { field code } } }`;
    const AREAS = ['SALES', 'FINANCING', 'INTERNATIONALISATION', 'MARKETING', 'MANAGEMENT', 'CUSTOMER_SEGMENTS', 'EMPLOYEES', 'PROFITABILITY', 'VISION', 'BUSINESS_CONCEPT',
      'OWNERSHIP', 'LEGAL_STRUCTURE', 'PRODUCTS_AND_SERVICES', 'COMPETITIVE_POSITION', 'OPERATIONS', 'ADMINISTRATION', 'PARTNERS', 'NETWORK', 'INVESTORS', 'COMMUNICATION'];
    const mapping = (firmId: string, focusAreas: string[]) => ({
      firmId, kind: 'GROWTH_MAPPING', occurredAt: new Date().toISOString(),
      growthMapping: { scores: AREAS.map((decisionArea, i) => ({ decisionArea, score: 1 + (i % 5) })), focusAreas },
    });
    let firmId: string;
    let mappingId: string;
    const rows = (table: string, id: string) => app.ds.query(`SELECT * FROM ${table} WHERE firm_id = $1 ORDER BY month, 3, 4`, [id]);

    beforeAll(async () => {
      [{ id: firmId }] = await app.ds.query(
        `SELECT f.id FROM firm f WHERE f.status = 'REGISTERED' AND f.country = 'DK'
            AND NOT EXISTS (SELECT 1 FROM touchpoint t WHERE t.firm_id = f.id AND t.kind IN ('GROWTH_MAPPING', 'GROWTH_PLAN_MILESTONE', 'GROWTH_PARTNERSHIP', 'REFERRAL'))
          ORDER BY f.municipality_id = $1 DESC, f.id LIMIT 1`,
        [app.org('mun:DK:730').id],
      );
    });

    it('a growth mapping recorded', async () => {
      const r = await app.exec(RECORD, { i: mapping(firmId, ['SALES', 'VISION', 'NETWORK']) }, MIDT);
      expect(r.data.recordTouchpoint.userErrors).toEqual([]);
      mappingId = r.data.recordTouchpoint.touchpoint.id;
      expect((await rows('dashboard_growth_month', firmId)).map((x: any) => [x.kind, x.events])).toEqual([['GROWTH_MAPPING', 1]]);
      expect((await rows('dashboard_focus_month', firmId)).map((x: any) => x.focus_area).sort()).toEqual(['NETWORK', 'SALES', 'VISION']);
      await expectRollupsFresh();
    });

    it('a correction (other focus areas, moved into the month before): the superseded entry no longer counts', async () => {
      const occurredAt = new Date(Date.now() - 12 * DAY);
      const r = await app.exec(CORRECT, { i: { touchpointId: mappingId, reason: 'Wrong date and areas', occurredAt: occurredAt.toISOString(),
        growthMapping: mapping(firmId, ['FINANCING', 'VISION', 'OWNERSHIP']).growthMapping } }, MIDT);
      expect(r.data.correctTouchpoint.userErrors).toEqual([]);
      const growth = await rows('dashboard_growth_month', firmId);
      expect(growth.map((x: any) => x.events)).toEqual([1]);
      expect((await rows('dashboard_focus_month', firmId)).map((x: any) => x.focus_area).sort()).toEqual(['FINANCING', 'OWNERSHIP', 'VISION']);
      await expectRollupsFresh();
      // And a correction of the correction.
      const [{ id: latest }] = await app.ds.query(`SELECT id FROM touchpoint WHERE supersedes_id = $1`, [mappingId]);
      const again = await app.exec(CORRECT, { i: { touchpointId: latest, reason: 'Areas again', growthMapping: mapping(firmId, ['SALES', 'MARKETING', 'VISION']).growthMapping } }, MIDT);
      expect(again.data.correctTouchpoint.userErrors).toEqual([]);
      expect((await rows('dashboard_focus_month', firmId)).map((x: any) => x.focus_area).sort()).toEqual(['MARKETING', 'SALES', 'VISION']);
      await expectRollupsFresh();
    });

    it('a referral sent, accepted and with first contact: its step times', async () => {
      const receiver = app.org('gh:hovedstaden').id;
      const r = await app.exec(RECORD, { i: { firmId, kind: 'REFERRAL', occurredAt: new Date().toISOString(), referral: { receiverOrganisationId: receiver, reason: 'Needs export help' } } }, MIDT);
      expect(r.data.recordTouchpoint.userErrors).toEqual([]);
      const referralId = r.data.recordTouchpoint.referral.id;
      const fact = async () => (await app.ds.query(`SELECT * FROM dashboard_referral WHERE referral_id = $1`, [referralId]))[0];
      expect(await fact()).toMatchObject({ firm_id: firmId, receiver_kind: 'GROWTH_HOUSE', ack_at: null, fc_at: null });
      for (const action of ['ACCEPT', 'RECORD_FIRST_CONTACT']) {
        const a = await app.exec(ACT, { i: { referralId, action } }, { email: 'consultant@hovedstaden.demo' });
        expect(a.data.actOnReferral.userErrors).toEqual([]);
      }
      const f = await fact();
      expect(f.ack_at).not.toBeNull();
      expect(f.fc_at).not.toBeNull();
      await expectRollupsFresh();
    });

    it('register changes of municipality and employees move the firm\'s rows', async () => {
      const [{ version }] = await app.ds.query(`SELECT version FROM firm WHERE id = $1`, [firmId]);
      const r = await app.exec(UPDATE, { i: { id: firmId, expectedVersion: version, municipalityCode: '101', employees: 300 } }, EDITOR);
      expect(r.data.updateFirm.userErrors).toEqual([]);
      const moved = await rows('dashboard_growth_month', firmId);
      expect(moved.map((x: any) => [x.municipality_id, x.employees])).toEqual([[app.org('mun:DK:101').id, 300]]);
      await expectRollupsFresh();
      await expectPanelsEqual(['kkr:1082', 'gh:hovedstaden'], PERIODS.slice(1, 2));
    });

    it('a prospect with growth work merged into an existing firm; a growth-potential assessment', async () => {
      const created = await app.exec(CREATE, { i: { country: 'DK', name: 'Rollup Iværksætter', municipalityCode: '730' } }, MIDT);
      expect(created.data.createFirm.userErrors).toEqual([]);
      const prospect = created.data.createFirm.firm;
      const m = await app.exec(RECORD, { i: mapping(prospect.id, ['SALES', 'PARTNERS', 'INVESTORS']) }, MIDT);
      expect(m.data.recordTouchpoint.userErrors).toEqual([]);
      await expectRollupsFresh();
      const [{ cvr }] = await app.ds.query(`SELECT cvr FROM firm WHERE status = 'REGISTERED' AND country = 'DK' AND id <> $1 ORDER BY id LIMIT 1`, [firmId]);
      const link = await app.exec(LINK, { i: { firmId: prospect.id, expectedVersion: prospect.version, cvr } }, MIDT);
      expect(link.data.linkFirmIdentifier.userErrors).toEqual([]);
      expect(link.data.linkFirmIdentifier.firm.status).toBe('MERGED');
      await expectRollupsFresh();
      const a = await app.exec(ASSESS, { i: { firmId, level: 'HIGH', segment: 'SCALE_UP' } }, MIDT);
      expect(a.data.assessGrowthPotential.userErrors).toEqual([]);
      await expectRollupsFresh();
      await expectPanelsEqual(['gh:midtjylland'], PERIODS.slice(1, 2));
    });

    it('programme enrolments: enrolled and completed through the API, a register change, an enrolment moved and deleted as the owner', async () => {
      const [programme] = await app.ds.query(`SELECT id FROM programme WHERE name = 'Vækstiværksætterprogram Midtjylland'`);
      const candidates = await app.ds.query(
        `SELECT f.id FROM firm f JOIN organisation m ON m.id = f.municipality_id JOIN organisation r ON r.id = m.region_id
          WHERE r.official_code = '1082' AND f.status = 'REGISTERED'
            AND NOT EXISTS (SELECT 1 FROM programme_enrolment e WHERE e.firm_id = f.id) ORDER BY f.name LIMIT 300`,
      );
      let enrolled: string | undefined;
      for (const c of candidates) {
        const r = await app.exec('query($p: ID!, $f: ID!) { programmeEligibility(programmeId: $p, firmId: $f) { eligible } }', { p: programme.id, f: c.id }, MIDT);
        if (r.data.programmeEligibility?.eligible) {
          enrolled = c.id;
          break;
        }
      }
      expect(enrolled).toBeDefined();
      const enrol = await app.exec('mutation($i: EnrolFirmInput!) { enrolFirm(input: $i) { enrolment { id version } userErrors { message } } }', { i: { programmeId: programme.id, firmId: enrolled } }, MIDT);
      expect(enrol.data.enrolFirm.userErrors).toEqual([]);
      const { id: enrolmentId, version } = enrol.data.enrolFirm.enrolment;
      const facts = () => app.ds.query(`SELECT firm_id, state::text, municipality_id, employees FROM dashboard_enrolment_event WHERE enrolment_id = $1 ORDER BY recorded_at, state`, [enrolmentId]);
      expect((await facts()).map((x: any) => [x.firm_id, x.state])).toEqual([[enrolled, 'ENROLLED']]);
      await expectRollupsFresh();
      const done = await app.exec('mutation($i: ChangeEnrolmentStateInput!) { changeEnrolmentState(input: $i) { userErrors { message } } }',
        { i: { enrolmentId, expectedVersion: version, state: 'COMPLETED' } }, MIDT);
      expect(done.data.changeEnrolmentState.userErrors).toEqual([]);
      expect((await facts()).map((x: any) => x.state).sort()).toEqual(['COMPLETED', 'ENROLLED']);
      await expectRollupsFresh();
      // A register change (as the register import does, on the owner's pool).
      await app.ds.query(`UPDATE firm SET municipality_id = $2, employees = 260 WHERE id = $1`, [enrolled, app.org('mun:DK:101').id]);
      expect((await facts()).map((x: any) => [x.municipality_id, x.employees])).toEqual([[app.org('mun:DK:101').id, 260], [app.org('mun:DK:101').id, 260]]);
      await expectRollupsFresh();
      await expectPanelsEqual(['kkr:1082', 'gh:midtjylland'], PERIODS.slice(0, 1));
      // The enrolment moved to another firm, then deleted (its events cascade).
      await app.ds.query(`UPDATE programme_enrolment SET firm_id = $2 WHERE id = $1`, [enrolmentId, firmId]);
      expect((await facts()).map((x: any) => x.firm_id)).toEqual([firmId, firmId]);
      await expectRollupsFresh();
      await app.ds.query(`DELETE FROM programme_enrolment WHERE id = $1`, [enrolmentId]);
      expect(await facts()).toEqual([]);
      await expectRollupsFresh();
    });

    it('outcome reports: recorded, corrected (other date and figures), the correction corrected, and bulk-inserted with corrections as the owner', async () => {
      const day = (n: number) => new Date(Date.now() - n * DAY).toISOString().slice(0, 10);
      const facts = () => app.ds.query(`SELECT measured_on::text, source, jobs, revenue, currency FROM dashboard_outcome_report WHERE firm_id = $1 ORDER BY measured_on, source`, [firmId]);
      const report = (measuredOn: string, jobs: number, source = 'SELF_REPORTED') => ({ measuredOn, source, jobs, revenue: jobs * 1e6, currency: 'DKK' });
      const r = await app.exec(RECORD, { i: { firmId, kind: 'OUTCOME_REPORT', occurredAt: new Date().toISOString(), outcomeReport: report(day(40), 7) } }, MIDT);
      expect(r.data.recordTouchpoint.userErrors).toEqual([]);
      const reportId = r.data.recordTouchpoint.touchpoint.id;
      expect(await facts()).toEqual([{ measured_on: day(40), source: 'SELF_REPORTED', jobs: 7, revenue: 7e6, currency: 'DKK' }]);
      await expectRollupsFresh();
      // A second, later report of the same source: both rows kept (which one is the latest depends on the period).
      const later = await app.exec(RECORD, { i: { firmId, kind: 'OUTCOME_REPORT', occurredAt: new Date().toISOString(), outcomeReport: report(day(5), 9) } }, MIDT);
      expect(later.data.recordTouchpoint.userErrors).toEqual([]);
      expect((await facts()).map((x: any) => x.jobs)).toEqual([7, 9]);
      const c1 = await app.exec(CORRECT, { i: { touchpointId: reportId, reason: 'Wrong date and jobs', outcomeReport: report(day(60), 8) } }, MIDT);
      expect(c1.data.correctTouchpoint.userErrors).toEqual([]);
      expect((await facts()).map((x: any) => [x.measured_on, x.jobs])).toEqual([[day(60), 8], [day(5), 9]]);
      await expectRollupsFresh();
      const again = await app.exec(CORRECT, { i: { touchpointId: c1.data.correctTouchpoint.touchpoint.id, reason: 'Jobs again', outcomeReport: report(day(60), 6) } }, MIDT);
      expect(again.data.correctTouchpoint.userErrors).toEqual([]);
      expect((await facts()).map((x: any) => [x.measured_on, x.jobs])).toEqual([[day(60), 6], [day(5), 9]]);
      await expectRollupsFresh();
      await expectPanelsEqual(['kkr:1082', 'gh:midtjylland', 'erst'], PERIODS.slice(0, 1));
      // (Touchpoints are append-only: a DELETE is refused, so the delete trigger only guards against a future change of that rule.)
      // One statement with many firms, reports and their corrections (the correction first in row order).
      await app.ds.query(
        `WITH orig AS (SELECT gen_random_uuid() AS tp, f.id AS firm, row_number() OVER (ORDER BY f.id) AS i
                          FROM firm f WHERE f.status = 'REGISTERED' AND f.country = 'DK' ORDER BY f.id DESC LIMIT 40)
         INSERT INTO touchpoint (id, firm_id, organisation_id, kind, occurred_at, recorded_at, details, supersedes_id, correction_reason)
         SELECT x.id, x.firm, $1, 'OUTCOME_REPORT', now() - x.i * interval '3 days', now(), x.details, x.supersedes_id, x.reason FROM (
           SELECT gen_random_uuid() AS id, o.firm, o.i, jsonb_build_object('measuredOn', (now() - o.i * interval '6 days')::date, 'source', 'REGISTER_MEASURED', 'jobs', o.i, 'currency', 'DKK') AS details,
                  o.tp AS supersedes_id, 'Corrected' AS reason, 0 AS ord FROM orig o
           UNION ALL SELECT o.tp, o.firm, o.i, jsonb_build_object('measuredOn', (now() - o.i * interval '5 days')::date, 'source', 'REGISTER_MEASURED', 'jobs', o.i + 100), NULL, NULL, 1 FROM orig o
         ) x ORDER BY x.ord`,
        [app.org('erst').id],
      );
      await expectRollupsFresh();
      await expectPanelsEqual(['kkr:1082', 'erst'], PERIODS.slice(0, 1));
    });

    it('a deleted user\'s id nulled on their entries (the one update the append-only guard allows) changes nothing', async () => {
      const before = await app.ds.query(`SELECT count(*)::int AS n, sum(events)::int AS e FROM dashboard_growth_month`);
      const updated = await app.ds.query(
        `UPDATE touchpoint SET recorded_by_user_id = NULL WHERE recorded_by_user_id IS NOT NULL AND kind IN ('GROWTH_MAPPING', 'GROWTH_PARTNERSHIP') RETURNING id`,
      );
      expect(updated.length).toBeGreaterThan(0);
      expect(await app.ds.query(`SELECT count(*)::int AS n, sum(events)::int AS e FROM dashboard_growth_month`)).toEqual(before);
      await expectRollupsFresh();
    });

    it('one statement with many firms, an entry and its correction (any row order): as the owner, as a seed or import does', async () => {
      await app.ds.query(
        `WITH orig AS (SELECT gen_random_uuid() AS tp, f.id AS firm, row_number() OVER (ORDER BY f.id) AS i
                          FROM firm f WHERE f.status = 'REGISTERED' AND f.country = 'DK' ORDER BY f.id LIMIT 40)
         INSERT INTO touchpoint (id, firm_id, organisation_id, kind, occurred_at, recorded_at, details, supersedes_id, correction_reason)
         SELECT x.id, x.firm, $1, x.kind::touchpoint_kind, x.at, x.at, x.details::jsonb, x.supersedes_id, x.reason FROM (
           SELECT gen_random_uuid() AS id, o.firm, 'GROWTH_PARTNERSHIP' AS kind, now() - o.i * interval '9 days' AS at, '{}' AS details, NULL::uuid AS supersedes_id, NULL AS reason, 2 AS ord FROM orig o
           UNION ALL SELECT o.tp, o.firm, 'GROWTH_MAPPING', now() - o.i * interval '20 days', '{"focusAreas": ["SALES", "VISION", "NETWORK"]}', NULL, NULL, 1 FROM orig o
           UNION ALL SELECT gen_random_uuid(), o.firm, 'GROWTH_MAPPING', now() - o.i * interval '21 days', '{"focusAreas": ["SALES", "PARTNERS", "NETWORK"]}', o.tp, 'Corrected', 0 FROM orig o
         ) x ORDER BY x.ord`,
        [app.org('gh:midtjylland').id],
      );
      await expectRollupsFresh();
      await expectPanelsEqual(['kkr:1082'], PERIODS.slice(0, 1));
    });
  });
});

/*
 * Agreement KPI actuals over an area (agreements/agreement.kpi.ts, migration 1769216000000): the figure read
 * from the rollups equals the aggregate over the metric's entries SQL (its one definition) and the number of
 * entries the drill-down lists (visible pages + hidden counts), for every agreement with an area and KPI
 * windows with whole months only, mid-month edges, no whole month, a single day and the last weeks. Run
 * after every write above (from expectRollupsFresh) and the edge moves below.
 */
const AREA_METRICS = [AgreementKpiMetric.GROWTH_MAPPINGS, AgreementKpiMetric.FIRMS_IN_GROWTH_PARTNERSHIPS, AgreementKpiMetric.JOBS_SELF_REPORTED, AgreementKpiMetric.JOBS_REGISTER_MEASURED];
const ymd = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const KPI_WINDOWS = () => [
  ...PERIODS.map(({ from, to }) => ({ from, to })),
  { from: '2026-10-01', to: '2026-10-31' }, { from: '2026-11-01', to: '2026-11-30' }, { from: '2026-10-15', to: '2026-11-15' }, { from: '2026-11-01', to: '2026-11-01' },
  { from: ymd(Date.now() - 75 * DAY), to: ymd(Date.now()) }, { from: ymd(Date.now() - 11 * DAY), to: ymd(Date.now() + DAY) }, { from: ymd(Date.now() - 12 * DAY), to: ymd(Date.now() - 12 * DAY) },
];
let kpiChecks = 0;

function kpiContext(organisationId: string) {
  return createContext(app.appDs, app.config, { kind: 'user', userId: '00000000-0000-0000-0000-000000000000', sessionId: 'x' }, new Scope([{ organisationId, role: Role.VIEWER }], false));
}

async function expectKpiActualsEqual(): Promise<void> {
  const [kkr] = await app.ds.query(`SELECT id FROM organisation WHERE kind = 'REGIONAL_COUNCIL' AND official_code = '1082'`);
  const ctx = kpiContext(kkr?.id ?? app.org('kkr:1082').id);
  try {
    const agreements: string[] = (await app.ds.query(`SELECT DISTINCT agreement_id FROM service_agreement_party WHERE accepted_at IS NOT NULL ORDER BY 1`)).map((r: any) => r.agreement_id);
    const scopes = await loadAgreementScopes(ctx.ds.manager, agreements);
    const withArea = agreements.filter((id) => scopes.get(id)!.areaMunicipalityIds.length);
    expect(withArea.length).toBeGreaterThan(0);
    const requests: KpiRequest[] = withArea.flatMap((agreementId) => AREA_METRICS.flatMap((metric) => KPI_WINDOWS().map((w) => ({ agreementId, metric, ...w }))));
    const fromRollups = await computeKpiActuals(ctx.ds.manager, requests);
    const fromEntries = await computeKpiActuals(ctx.ds.manager, requests, { fromEntries: true });
    expect(requests.map((r, i) => ({ ...r, ...fromRollups[i] }))).toEqual(requests.map((r, i) => ({ ...r, ...fromEntries[i] })));
    // The drill-down lists what was counted (a viewer of the KKR sees few entries: most are hidden counts).
    for (const [i, r] of requests.entries()) {
      if (!(fromRollups[i].counted! > 0) || i % 3) continue; // every third non-empty window: the drill-down is slow to page
      let listed = 0;
      let hidden = 0;
      let after: [string, string] | null = null;
      for (;;) {
        const page = await listCountedEntries(ctx.ds.manager, r, [kkr?.id ?? app.org('kkr:1082').id], 500, after);
        hidden = page.hidden.reduce((s, h) => s + h.n, 0);
        listed += Math.min(page.rows.length, 500);
        if (page.rows.length <= 500) break;
        const last = page.rows[499];
        after = [new Date(last.occurred_at).toISOString(), last.id];
      }
      expect({ ...r, counted: listed + hidden }).toEqual({ ...r, counted: fromRollups[i].counted });
    }
    kpiChecks += requests.length;
  } finally {
    await ctx.db.finish(false);
  }
}

describe('agreement KPI actuals from the rollups', () => {
  let firmId: string;
  beforeAll(async () => {
    [{ id: firmId }] = await app.ds.query(
      `SELECT f.id FROM firm f WHERE f.status = 'REGISTERED' AND f.country = 'DK' AND f.municipality_id = $1 ORDER BY f.id DESC LIMIT 1`,
      [app.org('mun:DK:730').id],
    );
  });

  it('equal the entries and the drill-down on the demo data', async () => {
    const before = kpiChecks;
    await expectKpiActualsEqual();
    expect(kpiChecks - before).toBeGreaterThan(40);
    // Not all zero: the comparison compares figures.
    const ctx = kpiContext(app.org('kkr:1082').id);
    try {
      const all = (await app.ds.query(`SELECT DISTINCT agreement_id FROM service_agreement_party WHERE accepted_at IS NOT NULL`)).map((r: any) => r.agreement_id);
      const reqs = all.flatMap((agreementId: string) => AREA_METRICS.map((metric) => ({ agreementId, metric, from: '2025-12-01', to: '2026-11-30' })));
      const got = await computeKpiActuals(ctx.ds.manager, reqs);
      for (const metric of AREA_METRICS) expect({ metric, some: got.some((g, i) => reqs[i].metric === metric && (g.actual ?? 0) > 0) }).toEqual({ metric, some: true });
    } finally {
      await ctx.db.finish(false);
    }
  });

  // As the owner (an import's or seed's path; the API refuses back-dating beyond 14 days), with fixed dates around a month edge.
  const insert = async (kind: string, occurredAt: string, details: object, supersedes: string | null = null): Promise<string> =>
    (await app.ds.query(
      `INSERT INTO touchpoint (firm_id, organisation_id, kind, occurred_at, recorded_at, details, supersedes_id, correction_reason)
       VALUES ($1, $2, $3, $4, now(), $5, $6, $7) RETURNING id`,
      [firmId, app.org('gh:midtjylland').id, kind, occurredAt, JSON.stringify(details), supersedes, supersedes ? 'Rettet' : null],
    ))[0].id;

  it('a growth mapping and a partnership corrected across a month edge and the KPI window\'s edge, and corrected again', async () => {
    // 2026-10-31 23:30 UTC is 1 November 00:30 in Denmark; 22:30 UTC is 31 October 23:30.
    const m0 = await insert('GROWTH_MAPPING', '2026-10-31T23:30:00Z', { focusAreas: ['SALES', 'VISION', 'NETWORK'] });
    const p0 = await insert('GROWTH_PARTNERSHIP', '2026-11-15T10:00:00Z', {});
    await expectRollupsFresh();
    const m1 = await insert('GROWTH_MAPPING', '2026-10-31T22:30:00Z', { focusAreas: ['SALES', 'VISION', 'NETWORK'] }, m0);
    await expectRollupsFresh();
    await insert('GROWTH_MAPPING', '2026-10-15T08:00:00Z', { focusAreas: ['SALES', 'MARKETING', 'NETWORK'] }, m1);
    const p1 = await insert('GROWTH_PARTNERSHIP', '2026-10-31T23:10:00Z', {}, p0);
    await expectRollupsFresh();
    // A correction of a correction back into November, for the same firm twice (distinct firms count once).
    await insert('GROWTH_PARTNERSHIP', '2026-11-01T00:00:00Z', {}, p1);
    await insert('GROWTH_PARTNERSHIP', '2026-11-30T22:59:00Z', {});
    await expectRollupsFresh();
  });

  it('an outcome report moved across the window\'s edge (measured on), to the other source, and back', async () => {
    const report = (measuredOn: string, jobs: number, source = 'SELF_REPORTED') => ({ measuredOn, source, jobs, revenue: jobs * 1e6, currency: 'DKK' });
    const r0 = await insert('OUTCOME_REPORT', '2026-11-02T09:00:00Z', report('2026-10-31', 11));
    await expectRollupsFresh();
    const r1 = await insert('OUTCOME_REPORT', '2026-11-02T09:00:00Z', report('2026-11-01', 12), r0);
    await expectRollupsFresh();
    const r2 = await insert('OUTCOME_REPORT', '2026-11-02T09:00:00Z', report('2026-11-01', 13, 'REGISTER_MEASURED'), r1);
    await expectRollupsFresh();
    await insert('OUTCOME_REPORT', '2026-11-02T09:00:00Z', report('2026-10-31', 14), r2);
    // A second report of the same firm and day: the later recorded one is the firm's latest.
    await insert('OUTCOME_REPORT', '2026-11-03T09:00:00Z', report('2026-10-31', 15));
    await expectRollupsFresh();
  });

  it('count the caller\'s own uncommitted writes (they run on the request\'s transaction, not the owner pool), and nothing without a scope', async () => {
    const gh = app.org('gh:midtjylland').id;
    let agreementId = '';
    const ctx = createContext(app.appDs, app.config, { kind: 'user', userId: '00000000-0000-0000-0000-000000000000', sessionId: 'x' }, new Scope([{ organisationId: gh, role: Role.EDITOR }], false));
    try {
      // An agreement the growth house is party to (row-level security shows it only those), with an area.
      const mine = (await ctx.ds.query(`SELECT DISTINCT agreement_id FROM service_agreement_party ORDER BY 1`)).map((r: any) => r.agreement_id);
      const scopes = await loadAgreementScopes(ctx.ds.manager, mine);
      agreementId = mine.find((id: string) => scopes.get(id)!.areaMunicipalityIds.length)!;
      expect(agreementId).toBeDefined();
      const scope = scopes.get(agreementId)!;
      const [{ id: firm }] = await app.ds.query(`SELECT id FROM firm WHERE municipality_id = ANY($1) AND status = 'REGISTERED' ORDER BY id LIMIT 1`, [scope.areaMunicipalityIds]);
      const req: KpiRequest = { agreementId, metric: AgreementKpiMetric.GROWTH_MAPPINGS, from: '2026-11-01', to: '2026-11-30' };
      const [before] = await computeKpiActuals(ctx.ds.manager, [req]);
      await ctx.ds.query(`INSERT INTO touchpoint (firm_id, organisation_id, kind, occurred_at, recorded_at, details) VALUES ($1, $2, 'GROWTH_MAPPING', '2026-11-10T10:00:00Z', now(), '{}')`, [firm, gh]);
      const [after] = await computeKpiActuals(ctx.ds.manager, [req]);
      expect(after.actual).toBe(before.actual! + 1);
      expect(after).toEqual((await computeKpiActuals(ctx.ds.manager, [req], { fromEntries: true }))[0]);
    } finally {
      await ctx.db.finish(false);
    }
    // Without an organisation scope the functions answer nothing (the party wall: agreement.kpi-wall.test.ts).
    const windows = JSON.stringify([{ i: 0, agreement_id: agreementId, from_date: '2025-01-01', to_date: '2026-12-31' }]);
    const run = async (c: ReturnType<typeof kpiContext>) => {
      try {
        return [
          ...(await c.ds.query(`SELECT * FROM gg_kpi_growth_actuals($1::jsonb, 'GROWTH_MAPPING', false)`, [windows])),
          ...(await c.ds.query(`SELECT * FROM gg_kpi_jobs_actuals($1::jsonb, 'SELF_REPORTED')`, [windows])),
        ];
      } finally {
        await c.db.finish(false);
      }
    };
    expect((await run(kpiContext(gh))).map((r: any) => r.counted > 0)).toEqual([true, true]);
    expect(await run(createContext(app.appDs, app.config, null, Scope.NONE))).toEqual([]);
  });
});
