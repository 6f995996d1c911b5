import { createTestApp, TestApp } from '../testing/harness';
import { createAgreement, EDITOR, GH_ADMIN, M, OTHER, partiesOf, Q, versionOf } from './agreement.testkit';

/**
 * KPI actuals are computed from the recorded touchpoints (journeys area). Each test compares them with an
 * independent count written here as separate SQL (over the journeys area's own `current_touchpoint` view,
 * local dates, and region membership instead of KKR relationships).
 */
let app: TestApp;
let randersId: string;
let kkrId: string;
const ORG: Record<string, string> = {};

const KPIS = [
  { key: 'mappings', name: 'Vækstkortlægninger', metric: 'GROWTH_MAPPINGS', target: 20 },
  { key: 'private-share', name: 'Andel til private rådgivere', metric: 'REFERRALS_TO_PRIVATE_ADVISORS_SHARE', target: 30 },
  { key: 'partnerships', name: 'Vækstpartnerskaber', metric: 'FIRMS_IN_GROWTH_PARTNERSHIPS', target: 5 },
  { key: 'jobs-self', name: 'Job (selvrapporteret)', metric: 'JOBS_SELF_REPORTED', target: 100 },
  { key: 'jobs-register', name: 'Job (registermålt)', metric: 'JOBS_REGISTER_MEASURED', target: 80 },
].map((k) => ({ ...k, periodStart: '2026-01-01', periodEnd: '2026-12-31' }));

/** Deterministic pseudo-random numbers. */
function rng(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
}

async function recordJourneys() {
  const firmsIn = async (code: string, n: number) =>
    (await app.ds.query(`SELECT f.id FROM firm f JOIN organisation m ON m.id = f.municipality_id WHERE m.official_code = $1 AND m.country = 'DK' AND f.status = 'REGISTERED' ORDER BY f.id LIMIT $2`, [code, n])).map((r: any) => r.id);
  const randersFirms = await firmsIn('730', 12);
  const aarhusFirms = await firmsIn('751', 8); // Midtjylland (KKR 1082) but not Randers
  const cphFirms = await firmsIn('101', 6); // outside both agreements
  expect(randersFirms.length).toBeGreaterThanOrEqual(6);
  expect(aarhusFirms.length).toBeGreaterThanOrEqual(4);
  // A would-be entrepreneur in Randers recorded by another growth house (not a party; not in the register).
  const [{ id: prospect }] = await app.ds.query(
    `INSERT INTO firm (status, country, name, municipality_id, owner_organisation_id, version) VALUES ('PROSPECT', 'DK', 'Hemmelig iværksætter', $1, $2, 1) RETURNING id`,
    [ORG.randers, ORG.hovedstaden],
  );
  const random = rng(42);
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
  const recorders = [ORG.gh, ORG.gh, ORG.randers, ORG.council, ORG.hovedstaden];
  const receivers = [ORG.advisor, ORG.advisor, ORG.eifo, ORG.gh, ORG.hovedstaden];
  const days = (d: number) => new Date(Date.UTC(2025, 11, 1) + d * 86_400_000 + Math.floor(random() * 86_400_000));
  const rows: Array<[string, string, string, Date, object, string | null, string | null]> = [];
  for (let i = 0; i < 260; i++) {
    const firm = pick([...randersFirms, ...randersFirms, ...aarhusFirms, ...cphFirms]);
    const at = days(Math.floor(random() * 355)); // 2025-12-01 .. 2026-11-21
    const kind = pick(['GROWTH_MAPPING', 'GROWTH_MAPPING', 'GROWTH_PARTNERSHIP', 'REFERRAL', 'REFERRAL', 'OUTCOME_REPORT', 'OUTCOME_REPORT', 'FIRST_CONTACT']);
    const org = pick(recorders);
    let details: object = { note: 'x' };
    let referral: string | null = null;
    if (kind === 'REFERRAL') {
      const receiver = pick(receivers.filter((r) => r !== org));
      const [{ id }] = await app.ds.query(
        `INSERT INTO referral (firm_id, sender_organisation_id, receiver_organisation_id, status, reason, sent_at) VALUES ($1, $2, $3, 'SENT', 'Henvist', $4) RETURNING id`,
        [firm, org, receiver, at],
      );
      referral = id;
      details = { referralId: id, receiverOrganisationId: receiver, reason: 'Henvist' };
    }
    if (kind === 'OUTCOME_REPORT') {
      const measuredOn = new Date(at.getTime() - Math.floor(random() * 40) * 86_400_000).toISOString().slice(0, 10);
      details = { measuredOn, source: pick(['SELF_REPORTED', 'REGISTER_MEASURED']), jobs: random() < 0.1 ? null : Math.floor(random() * 40) };
    }
    if (kind === 'GROWTH_PARTNERSHIP') details = { committedExtraJobs: 5, committedExtraRevenue: 1e6, committedExtraExport: 0, currency: 'DKK' };
    rows.push([firm, org, kind, at, details, referral, `Indhold ${i}`]);
  }
  // Boundaries in Danish time: 2025-12-31 23:30 UTC is 1 January 2026 in Denmark (counts);
  // 2025-12-31 22:30 UTC is 23:30 on 31 December (does not).
  rows.push([randersFirms[0], ORG.gh, 'GROWTH_MAPPING', new Date('2025-12-31T23:30:00Z'), {}, null, 'Nytårsnat (tæller)']);
  rows.push([randersFirms[1], ORG.gh, 'GROWTH_MAPPING', new Date('2025-12-31T22:30:00Z'), {}, null, 'Nytårsaften (tæller ikke)']);
  rows.push([prospect, ORG.hovedstaden, 'GROWTH_MAPPING', new Date('2026-03-03T10:00:00Z'), {}, null, 'Fortroligt indhold om iværksætteren']);
  const ids: string[] = [];
  for (const [firm, org, kind, at, details, referral, summary] of rows) {
    const [{ id }] = await app.ds.query(
      `INSERT INTO touchpoint (firm_id, organisation_id, kind, occurred_at, recorded_at, details, referral_id, summary) VALUES ($1, $2, $3, $4, $4::timestamptz + interval '1 hour', $5, $6, $7) RETURNING id`,
      [firm, org, kind, at, JSON.stringify(details), referral, summary],
    );
    ids.push(id);
  }
  // Corrections: every 7th entry is superseded by a corrected copy (the copy counts, the original not);
  // every third correction moves the entry to December 2025 (out of the 2026 window), outcome corrections add 3 jobs.
  const originals = await app.ds.query(`SELECT * FROM touchpoint WHERE id = ANY($1) ORDER BY recorded_at`, [ids.filter((_, i) => i % 7 === 0)]);
  for (const [i, t] of originals.entries()) {
    const occurred = i % 3 === 0 ? new Date('2025-12-20T12:00:00Z') : t.occurred_at;
    const details = t.kind === 'OUTCOME_REPORT' ? { ...t.details, jobs: (t.details.jobs ?? 0) + 3 } : t.details;
    await app.ds.query(
      `INSERT INTO touchpoint (firm_id, organisation_id, kind, occurred_at, recorded_at, details, referral_id, summary, supersedes_id, correction_reason)
       VALUES ($1, $2, $3, $4, GREATEST($5::timestamptz, $4::timestamptz) + interval '2 hours', $6, $7, $8, $9, 'Rettelse')`,
      [t.firm_id, t.organisation_id, t.kind, occurred, t.recorded_at, JSON.stringify(details), t.referral_id, t.summary, t.id],
    );
  }
}

beforeAll(async () => {
  app = await createTestApp({ firmCount: 1500 });
  Object.assign(ORG, {
    randers: app.org('mun:DK:730').id, council: app.org('council:randers').id, gh: app.org('gh:midtjylland').id,
    hovedstaden: app.org('gh:hovedstaden').id, advisor: app.org('advisor:nord').id, eifo: app.org('capital:eifo').id, kkr: app.org('kkr:1082').id,
  });
  await recordJourneys();
  const a = await createAgreement(app, {
    parties: partiesOf(app),
    content: { title: 'KPI-aftale', periodStart: '2026-01-01', periodEnd: '2026-12-31', currency: 'DKK', targetGroups: [], taskDivision: [], economy: [], kpis: KPIS },
  });
  randersId = a.id;
  // The other parties accept the draft (confirm participation): only then does their work count.
  for (const [who, org] of [[{ email: 'admin@erhvervranders.demo' }, ORG.council], [GH_ADMIN, ORG.gh]] as const) {
    const c = await app.exec(`mutation($i: ConfirmAgreementParticipationInput!) { confirmAgreementParticipation(input: $i) { userErrors { code } } }`,
      { i: { agreementId: randersId, partyOrganisationId: org } }, who);
    expect(c.data.confirmAgreementParticipation.userErrors).toEqual([]);
  }
  kkrId = (await app.ds.query(`SELECT agreement_id FROM service_agreement_party WHERE organisation_id = $1`, [ORG.kkr]))[0].agreement_id;
});
afterAll(() => app?.close());

// ---- the independent counts

const LOCAL_DAY = `(t.occurred_at AT TIME ZONE 'Europe/Copenhagen')::date`;
const areaOf = async (agreementId: string): Promise<string[]> => {
  const parties: Array<{ id: string; kind: string; region_id: string }> = await app.ds.query(
    `SELECT o.id, o.kind, o.region_id FROM service_agreement_party p JOIN organisation o ON o.id = p.organisation_id WHERE p.agreement_id = $1`, [agreementId]);
  const area = parties.filter((p) => p.kind === 'MUNICIPALITY').map((p) => p.id);
  for (const kkr of parties.filter((p) => p.kind === 'REGIONAL_COUNCIL')) {
    area.push(...(await app.ds.query(`SELECT id FROM organisation WHERE kind = 'MUNICIPALITY' AND region_id = $1`, [kkr.region_id])).map((r: any) => r.id));
  }
  return area;
};
const partiesOfAgreement = async (agreementId: string): Promise<string[]> =>
  (await app.ds.query(`SELECT organisation_id FROM service_agreement_party WHERE agreement_id = $1`, [agreementId])).map((r: any) => r.organisation_id);

async function independent(agreementId: string, metric: string, from: string, to: string): Promise<number | null> {
  const area = await areaOf(agreementId);
  const parties = await partiesOfAgreement(agreementId);
  switch (metric) {
    case 'GROWTH_MAPPINGS':
      return Number((await app.ds.query(
        `SELECT count(*) AS n FROM current_touchpoint t JOIN firm f ON f.id = t.firm_id
          WHERE t.kind = 'GROWTH_MAPPING' AND f.municipality_id = ANY($1) AND ${LOCAL_DAY} BETWEEN $2 AND $3`, [area, from, to]))[0].n);
    case 'FIRMS_IN_GROWTH_PARTNERSHIPS':
      return Number((await app.ds.query(
        `SELECT count(DISTINCT t.firm_id) AS n FROM current_touchpoint t JOIN firm f ON f.id = t.firm_id
          WHERE t.kind = 'GROWTH_PARTNERSHIP' AND f.municipality_id = ANY($1) AND ${LOCAL_DAY} BETWEEN $2 AND $3`, [area, from, to]))[0].n);
    case 'REFERRALS_TO_PRIVATE_ADVISORS_SHARE': {
      const [{ total, advisors }] = await app.ds.query(
        `SELECT count(*)::int AS total, count(*) FILTER (WHERE o.kind = 'PRIVATE_ADVISOR')::int AS advisors
           FROM current_touchpoint t JOIN referral r ON r.id = t.referral_id JOIN organisation o ON o.id = r.receiver_organisation_id
          WHERE t.kind = 'REFERRAL' AND t.organisation_id = ANY($1) AND ${LOCAL_DAY} BETWEEN $2 AND $3`, [parties, from, to]);
      return total === 0 ? null : Math.round((10000 * advisors) / total) / 100;
    }
    case 'JOBS_SELF_REPORTED':
    case 'JOBS_REGISTER_MEASURED': {
      const source = metric === 'JOBS_SELF_REPORTED' ? 'SELF_REPORTED' : 'REGISTER_MEASURED';
      const [{ n }] = await app.ds.query(
        `SELECT COALESCE(sum(jobs), 0) AS n FROM (
           SELECT (t.details->>'jobs')::int AS jobs,
                  row_number() OVER (PARTITION BY t.firm_id ORDER BY (t.details->>'measuredOn')::date DESC, t.recorded_at DESC, t.id) AS rn
             FROM current_touchpoint t JOIN firm f ON f.id = t.firm_id
            WHERE t.kind = 'OUTCOME_REPORT' AND t.details->>'source' = $4 AND t.details->>'jobs' IS NOT NULL
              AND f.municipality_id = ANY($1) AND (t.details->>'measuredOn')::date BETWEEN $2 AND $3) latest
          WHERE rn = 1`, [area, from, to, source]);
      return Number(n);
    }
  }
  throw new Error(metric);
}

describe('KPI actuals equal an independent count over the recorded touchpoints', () => {
  it('for the Randers agreement (its municipality; referrals sent by its parties)', async () => {
    const r = await app.exec(Q.ATTAINMENT, { id: randersId }, EDITOR);
    expect(r.errors).toBeUndefined();
    for (const k of r.data.agreementKpiAttainment.kpis) {
      const expected = await independent(randersId, k.kpi.metric, '2026-01-01', '2026-12-31');
      expect([k.kpi.key, k.source, k.actual]).toEqual([k.kpi.key, 'COMPUTED', expected]);
    }
    const actual = (key: string) => r.data.agreementKpiAttainment.kpis.find((k: any) => k.kpi.key === key).actual;
    // The data really exercises the metrics (no trivially-zero comparison).
    expect(actual('mappings')).toBeGreaterThan(10);
    expect(actual('private-share')).toBeGreaterThan(0);
    expect(actual('private-share')).toBeLessThan(100);
    expect(actual('partnerships')).toBeGreaterThan(1);
    expect(actual('jobs-self')).toBeGreaterThan(0);
    expect(actual('jobs-register')).toBeGreaterThan(0);
  });

  it('for the KKR result contract (all municipalities of the region)', async () => {
    const r = await app.exec(Q.ATTAINMENT, { id: kkrId }, GH_ADMIN);
    const computed = r.data.agreementKpiAttainment.kpis.filter((k: any) => k.source === 'COMPUTED');
    expect(computed).toHaveLength(5);
    for (const k of computed) expect([k.kpi.key, k.actual]).toEqual([k.kpi.key, await independent(kkrId, k.kpi.metric, '2026-01-01', '2026-12-31')]);
    const ext = r.data.agreementKpiAttainment.kpis.find((k: any) => k.kpi.metric === 'EXTERNAL');
    expect(ext).toMatchObject({ source: 'NOT_REPORTED', actual: null });
  });

  it('counts the correction, not the corrected entry, and Danish calendar days', async () => {
    const [{ superseded }] = await app.ds.query(`SELECT count(*)::int AS superseded FROM touchpoint WHERE supersedes_id IS NOT NULL`);
    expect(superseded).toBeGreaterThan(20);
    const area = await areaOf(randersId);
    const [{ naive }] = await app.ds.query(
      `SELECT count(*)::int AS naive FROM touchpoint t JOIN firm f ON f.id = t.firm_id
        WHERE t.kind = 'GROWTH_MAPPING' AND f.municipality_id = ANY($1) AND t.occurred_at >= '2026-01-01T00:00:00Z' AND t.occurred_at < '2027-01-01T00:00:00Z'`, [area]);
    const r = await app.exec(Q.ATTAINMENT, { id: randersId }, EDITOR);
    const mappings = r.data.agreementKpiAttainment.kpis.find((k: any) => k.kpi.key === 'mappings');
    expect(mappings.actual).not.toBe(naive); // counting all rows in UTC would be wrong
    expect(mappings.countedEntries).toBe(mappings.actual);
  });
});

describe('the drill-down lists exactly what was counted, respecting access', () => {
  it('pages through the entries the caller may see; the others are counted per organisation; content only for the recording organisation', async () => {
    const att = await app.exec(Q.ATTAINMENT, { id: randersId }, EDITOR);
    const mappings = att.data.agreementKpiAttainment.kpis.find((k: any) => k.kpi.key === 'mappings');
    const seen: any[] = [];
    let hidden: Array<{ organisationId: string; count: number }> = [];
    let after: string | null = null;
    do {
      const page: any = await app.exec(Q.DRILL.replace('pageInfo {', 'hiddenEntries { organisationId count } pageInfo {'), { id: randersId, key: 'mappings', first: 7, after }, EDITOR);
      expect(page.errors).toBeUndefined();
      seen.push(...page.data.agreementKpiDrillDown.edges.map((e: any) => e.node));
      hidden = page.data.agreementKpiDrillDown.hiddenEntries;
      after = page.data.agreementKpiDrillDown.pageInfo.hasNextPage ? page.data.agreementKpiDrillDown.pageInfo.endCursor : null;
    } while (after);
    expect(seen.length + hidden.reduce((n, h) => n + h.count, 0)).toBe(mappings.countedEntries);
    // Newest first.
    expect(seen.map((e) => e.occurredAt)).toEqual([...seen.map((e) => e.occurredAt)].sort().reverse());

    // editor@randers.demo reads for Randers Kommune (EDITOR) and Erhverv Randers (VIEWER).
    const mine = [ORG.randers, ORG.council];
    const own = seen.filter((e) => mine.includes(e.recordedByOrganisationId));
    const otherParty = seen.filter((e) => e.recordedByParty && !mine.includes(e.recordedByOrganisationId));
    const nonParty = seen.filter((e) => !e.recordedByParty);
    expect(own.length).toBeGreaterThan(0);
    expect(otherParty.length + nonParty.length).toBeGreaterThan(0); // on open referrals between the organisations
    expect(hidden.length).toBeGreaterThan(0);
    for (const e of own) expect(e).toMatchObject({ contentVisible: true, touchpointId: expect.any(String), summary: expect.stringMatching(/^Indhold|Nytår/), value: 1 });
    for (const e of [...otherParty, ...nonParty]) expect(e).toMatchObject({ contentVisible: false, touchpointId: null, summary: null, value: null });
    for (const e of nonParty) expect(e.recordedByOrganisationId).toBeNull();
    // Each entry of another organisation that is listed has a sharing basis: an open referral of the firm
    // between that organisation and one of the caller's (this data has no consents of its own).
    for (const e of [...otherParty, ...nonParty]) {
      const [{ n }] = await app.ds.query(
        `SELECT count(*)::int AS n FROM referral r JOIN firm f ON f.id = r.firm_id
          WHERE (f.cvr = $1 OR f.id = $2) AND r.status IN ('SENT', 'ACCEPTED', 'FIRST_CONTACT')
            AND ((r.sender_organisation_id = ANY($3) AND r.receiver_organisation_id <> ALL($3)) OR (r.receiver_organisation_id = ANY($3) AND r.sender_organisation_id <> ALL($3)))
        UNION ALL SELECT count(*)::int FROM firm_consent c JOIN firm f ON f.id = c.firm_id WHERE (f.cvr = $1 OR f.id = $2) AND c.withdrawn_at IS NULL`,
        [e.cvr, e.firmId, mine],
      ).then((rows: any[]) => [{ n: rows.reduce((s, r) => s + r.n, 0) }]);
      expect(n).toBeGreaterThan(0);
    }
    // The other growth house's prospect is not even listed: its mapping is only a count for Erhvervshus Hovedstaden.
    expect(seen.filter((e) => e.firmName === null)).toEqual([]);
    expect(hidden.find((h) => h.organisationId === ORG.hovedstaden)?.count).toBeGreaterThan(0);
    expect(seen.every((e) => /^\d{8}$/.test(e.cvr))).toBe(true);
    expect(JSON.stringify(seen)).not.toMatch(/Fortroligt|Hemmelig/);
  });

  it('another organisation gets NOT_FOUND, also for a KPI key that exists; API keys (dashboards) get aggregates only', async () => {
    const r = await app.exec(Q.DRILL, { id: randersId, key: 'mappings' }, OTHER);
    expect(r.errors?.[0]).toMatchObject({ message: 'Service agreement not found.', extensions: { code: 'NOT_FOUND' } });
    const key = await app.exec(Q.DRILL, { id: kkrId, key: 'vaekstkortlaegninger' }, { apiKey: 'ggk_demo_kkr_midtjylland_read_only' });
    expect(key.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const agg = await app.exec(Q.ATTAINMENT, { id: kkrId }, { apiKey: 'ggk_demo_kkr_midtjylland_read_only' });
    expect(agg.data.agreementKpiAttainment.kpis.find((k: any) => k.kpi.key === 'vaekstkortlaegninger').actual).toBeGreaterThan(0);
  });
});

describe('follow-ups snapshot the computed actuals, and show the live recomputation next to them', () => {
  it('a later entry changes the live value, not the snapshot', async () => {
    await app.ds.query(`UPDATE service_agreement SET state = 'ACTIVE', in_force_version_number = 1 WHERE id = $1`, [randersId]);
    const v = await versionOf(app, randersId);
    const r = await app.exec(M.FOLLOW_UP, { i: { agreementId: randersId, expectedVersion: v, periodStart: '2026-01-01', periodEnd: '2026-11-30', comment: 'Status' } }, EDITOR);
    expect(r.data.recordFollowUp.userErrors).toEqual([]);
    const snapshot = Object.fromEntries(r.data.recordFollowUp.followUp.entries.map((e: any) => [e.kpiKey, e]));
    for (const k of KPIS) {
      expect([k.key, snapshot[k.key].actual]).toEqual([k.key, await independent(randersId, k.metric, '2026-01-01', '2026-11-30')]);
      expect(snapshot[k.key].liveActual).toBe(snapshot[k.key].actual);
    }
    const [{ id: firm }] = await app.ds.query(`SELECT f.id FROM firm f WHERE f.municipality_id = $1 AND f.status = 'REGISTERED' LIMIT 1`, [ORG.randers]);
    // Inside the follow-up's period whatever today is ("now() - 1 day" left it from 1 December on).
    await app.ds.query(`INSERT INTO touchpoint (firm_id, organisation_id, kind, occurred_at, details) VALUES ($1, $2, 'GROWTH_MAPPING', timestamptz '2026-06-15 12:00+02', '{}')`, [firm, ORG.gh]);
    const later = await app.exec(`query($id: ID!) { serviceAgreement(id: $id) { followUps { entries { kpiKey actual liveActual } } } }`, { id: randersId }, EDITOR);
    const entry = later.data.serviceAgreement.followUps[0].entries.find((e: any) => e.kpiKey === 'mappings');
    expect(entry).toEqual({ kpiKey: 'mappings', actual: snapshot.mappings.actual, liveActual: snapshot.mappings.actual + 1 });
  });
});
