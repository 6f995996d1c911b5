import { createTestApp, TestApp } from '../testing/harness';
import { contentOf, createAgreement, EDITOR, GH_ADMIN, OTHER_ADMIN, Q } from './agreement.testkit';

/**
 * Gaps closed (issue 8): an agreement is no road into other organisations' journeys.
 * - A party's recorded work flows into an agreement's KPI actuals only after that party accepted it
 *   (created it, confirmed participation, or signed); until then only the accepted parties count.
 * - Whatever the state, the drill-down lists only entries the caller may see under the journey-sharing
 *   rules (own, consent, open referral); the others appear only as counts per organisation.
 */
let app: TestApp;
const ORG: Record<string, string> = {};
const CPH_EDITOR = { email: 'editor@kobenhavn.demo' };
const DRILL = `query($id: ID!, $key: String!, $first: Int, $after: String) { agreementKpiDrillDown(agreementId: $id, kpiKey: $key, first: $first, after: $after) {
  edges { node { occurredAt firmId firmName cvr recordedByParty recordedByOrganisationId contentVisible touchpointId summary value } }
  hiddenEntries { organisationId count } pageInfo { hasNextPage endCursor } } }`;
const CONFIRM = `mutation($i: ConfirmAgreementParticipationInput!) { confirmAgreementParticipation(input: $i) {
  party { organisation { id } acceptedAt } userErrors { field code } } }`;
const KPIS = [
  { key: 'mappings', name: 'Vækstkortlægninger', metric: 'GROWTH_MAPPINGS', target: 10, periodStart: '2026-01-01', periodEnd: '2026-12-31' },
  { key: 'private-share', name: 'Andel til private rådgivere', metric: 'REFERRALS_TO_PRIVATE_ADVISORS_SHARE', target: 30, periodStart: '2026-01-01', periodEnd: '2026-12-31' },
];

/** Register firms of a municipality with no journey, consent or referral at all (so no sharing basis exists). */
async function quietFirms(code: string, n: number): Promise<Array<{ id: string; cvr: string; name: string }>> {
  return app.ds.query(
    `SELECT f.id, f.cvr, f.name FROM firm f JOIN organisation m ON m.id = f.municipality_id
      WHERE m.official_code = $1 AND m.country = 'DK' AND f.status = 'REGISTERED'
        AND NOT EXISTS (SELECT 1 FROM touchpoint t WHERE t.firm_id = f.id) AND NOT EXISTS (SELECT 1 FROM firm_consent c WHERE c.firm_id = f.id)
        AND NOT EXISTS (SELECT 1 FROM referral r WHERE r.firm_id = f.id)
      ORDER BY f.id LIMIT $2`,
    [code, n],
  );
}

async function touch(firm: string, org: string, kind: string, at: string, summary: string, referralTo?: string) {
  let referral: string | null = null;
  let details: object = {};
  if (referralTo) {
    // A closed referral: it counts in the KPI but gives no sharing basis.
    [{ id: referral }] = await app.ds.query(
      `INSERT INTO referral (firm_id, sender_organisation_id, receiver_organisation_id, status, reason, sent_at) VALUES ($1, $2, $3, 'CLOSED', 'Henvist', $4) RETURNING id`,
      [firm, org, referralTo, at],
    );
    details = { referralId: referral, receiverOrganisationId: referralTo, reason: 'Henvist' };
  }
  await app.ds.query(
    `INSERT INTO touchpoint (firm_id, organisation_id, kind, occurred_at, details, referral_id, summary) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [firm, org, kind, at, JSON.stringify(details), referral, summary],
  );
}

const actualOf = (r: any, key: string) => r.data.agreementKpiAttainment.kpis.find((k: any) => k.kpi.key === key);

/** Every entry of a drill-down, page by page. */
async function drillAll(id: string, key: string, as: { email: string }) {
  const seen: any[] = [];
  let after: string | null = null;
  let hidden: any[] = [];
  do {
    const page: any = await app.exec(DRILL, { id, key, first: 50, after }, as);
    expect(page.errors).toBeUndefined();
    seen.push(...page.data.agreementKpiDrillDown.edges.map((e: any) => e.node));
    hidden = page.data.agreementKpiDrillDown.hiddenEntries;
    after = page.data.agreementKpiDrillDown.pageInfo.hasNextPage ? page.data.agreementKpiDrillDown.pageInfo.endCursor : null;
  } while (after);
  return { seen, hidden };
}

let cph: Array<{ id: string; cvr: string; name: string }>;
let randers: Array<{ id: string; cvr: string; name: string }>;
let draftId: string;

beforeAll(async () => {
  app = await createTestApp({ firmCount: 1500 });
  Object.assign(ORG, {
    randers: app.org('mun:DK:730').id, cph: app.org('mun:DK:101').id, hovedstaden: app.org('gh:hovedstaden').id,
    advisor: app.org('advisor:nord').id, gh: app.org('gh:midtjylland').id,
  });
  cph = await quietFirms('101', 2);
  randers = await quietFirms('730', 2);
  expect(cph).toHaveLength(2);
  expect(randers).toHaveLength(2);
  // Erhvervshus Hovedstaden's own work: mappings in København and in Randers, and referrals to a private advisor.
  await touch(cph[0].id, ORG.hovedstaden, 'GROWTH_MAPPING', '2026-03-02T10:00:00Z', 'Hovedstadens fortrolige kortlægning');
  await touch(randers[0].id, ORG.hovedstaden, 'GROWTH_MAPPING', '2026-04-02T10:00:00Z', 'Hovedstadens kortlægning i Randers');
  await touch(cph[1].id, ORG.hovedstaden, 'REFERRAL', '2026-05-02T10:00:00Z', 'Hovedstadens henvisning', ORG.advisor);
  await touch(cph[1].id, ORG.hovedstaden, 'REFERRAL', '2026-05-03T10:00:00Z', 'Hovedstadens henvisning 2', ORG.advisor);
  // Randers Kommune's own work.
  await touch(randers[1].id, ORG.randers, 'GROWTH_MAPPING', '2026-02-02T10:00:00Z', 'Randers egen kortlægning');
  await touch(randers[1].id, ORG.randers, 'REFERRAL', '2026-02-03T10:00:00Z', 'Randers henvisning', ORG.hovedstaden);

  // An EDITOR of Randers Kommune names Erhvervshus Hovedstaden and Københavns Kommune as parties of a self-made draft.
  const draft = await createAgreement(app, {
    parties: [
      { organisationId: ORG.randers, role: 'MUNICIPALITY' },
      { organisationId: ORG.cph, role: 'MUNICIPALITY' },
      { organisationId: ORG.hovedstaden, role: 'GROWTH_HOUSE' },
    ],
    content: contentOf(app, { taskDivision: [], economy: [], kpis: KPIS }),
  });
  draftId = draft.id;
});
afterAll(() => app?.close());

/** Independent counts: mappings of firms in `area`, and the private-advisor share of referrals recorded by `parties`. */
async function independent(area: string[], parties: string[]) {
  const [{ mappings }] = await app.ds.query(
    `SELECT count(*)::int AS mappings FROM current_touchpoint t JOIN firm f ON f.id = t.firm_id
      WHERE t.kind = 'GROWTH_MAPPING' AND f.municipality_id = ANY($1) AND (t.occurred_at AT TIME ZONE 'Europe/Copenhagen')::date BETWEEN '2026-01-01' AND '2026-12-31'`,
    [area],
  );
  const [{ total, advisors }] = await app.ds.query(
    `SELECT count(*)::int AS total, count(*) FILTER (WHERE o.kind = 'PRIVATE_ADVISOR')::int AS advisors
       FROM current_touchpoint t JOIN referral r ON r.id = t.referral_id JOIN organisation o ON o.id = r.receiver_organisation_id
      WHERE t.kind = 'REFERRAL' AND t.organisation_id = ANY($1) AND (t.occurred_at AT TIME ZONE 'Europe/Copenhagen')::date BETWEEN '2026-01-01' AND '2026-12-31'`,
    [parties],
  );
  return { mappings, referrals: total, share: total === 0 ? null : Math.round((10000 * advisors) / total) / 100 };
}

describe('a self-made agreement opens no other organisation\'s journeys', () => {
  it('before the others accept, the draft computes over its creator only, and the drill-down shows none of their entries', async () => {
    const att = await app.exec(Q.ATTAINMENT, { id: draftId }, EDITOR);
    expect(att.errors).toBeUndefined();
    const expected = await independent([ORG.randers], [ORG.randers]);
    expect(actualOf(att, 'mappings')).toMatchObject({ source: 'COMPUTED', actual: expected.mappings, countedEntries: expected.mappings });
    expect(actualOf(att, 'private-share')).toMatchObject({ actual: expected.share, countedEntries: expected.referrals });

    const drill = await app.exec(Q.DRILL, { id: draftId, key: 'mappings', first: 100 }, EDITOR);
    expect(drill.errors).toBeUndefined();
    const text = JSON.stringify(drill.data);
    for (const f of cph) expect(text).not.toContain(f.cvr); // København is not an accepted party: not in the area
    expect(text).not.toContain(randers[0].cvr); // Hovedstaden's mapping in Randers: no sharing basis
    expect(drill.data.agreementKpiDrillDown.edges.every((e: any) => e.node.recordedByOrganisationId !== ORG.hovedstaden)).toBe(true);
    const share = await app.exec(Q.DRILL, { id: draftId, key: 'private-share', first: 100 }, EDITOR);
    expect(JSON.stringify(share.data)).not.toContain(cph[1].cvr);
  });

  it('the named parties see that they have not accepted; only their own editors can confirm', async () => {
    const r = await app.exec(`query($id: ID!) { serviceAgreement(id: $id) { parties { organisation { id } acceptedAt } } }`, { id: draftId }, OTHER_ADMIN);
    const accepted = Object.fromEntries(r.data.serviceAgreement.parties.map((p: any) => [p.organisation.id, p.acceptedAt != null]));
    expect(accepted).toEqual({ [ORG.randers]: true, [ORG.cph]: false, [ORG.hovedstaden]: false });
    const forOther = await app.exec(CONFIRM, { i: { agreementId: draftId, partyOrganisationId: ORG.hovedstaden } }, EDITOR);
    expect(forOther.data.confirmAgreementParticipation.userErrors).toEqual([{ field: ['input', 'partyOrganisationId'], code: 'NOT_ALLOWED' }]);
    const outsider = await app.exec(CONFIRM, { i: { agreementId: draftId, partyOrganisationId: ORG.hovedstaden } }, GH_ADMIN);
    expect(outsider.data.confirmAgreementParticipation.userErrors).toEqual([{ field: ['input', 'agreementId'], code: 'NOT_FOUND' }]);
  });

  it('once a party confirms, its work counts - and its entries still appear only as counts to those without a basis', async () => {
    const ok = await app.exec(CONFIRM, { i: { agreementId: draftId, partyOrganisationId: ORG.hovedstaden } }, OTHER_ADMIN);
    expect(ok.data.confirmAgreementParticipation).toMatchObject({ userErrors: [], party: { organisation: { id: ORG.hovedstaden }, acceptedAt: expect.any(String) } });
    const again = await app.exec(CONFIRM, { i: { agreementId: draftId, partyOrganisationId: ORG.hovedstaden } }, OTHER_ADMIN);
    expect(again.data.confirmAgreementParticipation.userErrors).toEqual([{ field: ['input', 'partyOrganisationId'], code: 'DUPLICATE' }]);

    let att = await app.exec(Q.ATTAINMENT, { id: draftId }, EDITOR);
    let expected = await independent([ORG.randers], [ORG.randers, ORG.hovedstaden]);
    expect(actualOf(att, 'private-share')).toMatchObject({ actual: expected.share, countedEntries: expected.referrals });
    expect(actualOf(att, 'mappings').actual).toBe(expected.mappings); // a growth house adds no area

    const cphOk = await app.exec(CONFIRM, { i: { agreementId: draftId, partyOrganisationId: ORG.cph } }, CPH_EDITOR);
    expect(cphOk.data.confirmAgreementParticipation.userErrors).toEqual([]);
    att = await app.exec(Q.ATTAINMENT, { id: draftId }, EDITOR);
    expected = await independent([ORG.randers, ORG.cph], [ORG.randers, ORG.hovedstaden, ORG.cph]);
    const mappings = actualOf(att, 'mappings');
    expect(mappings.actual).toBe(expected.mappings);

    // Randers' editor: its own entries in full, Hovedstaden's only as a count.
    const { seen, hidden } = await drillAll(draftId, 'mappings', EDITOR);
    const hiddenTotal = hidden.reduce((n: number, h: any) => n + h.count, 0);
    expect(seen.length + hiddenTotal).toBe(mappings.countedEntries);
    expect(hidden.find((h: any) => h.organisationId === ORG.hovedstaden)?.count).toBeGreaterThanOrEqual(2);
    const text = JSON.stringify(seen);
    for (const f of [...cph, randers[0]]) expect(text).not.toContain(f.cvr);
    expect(text).not.toMatch(/Hovedstadens/);
    expect(seen.find((e: any) => e.cvr === randers[1].cvr)).toMatchObject({ contentVisible: true, summary: 'Randers egen kortlægning' });
    // Every listed entry is the caller's own or has a basis (there are no consents on these firms; seeded data may have some).
    const mine = [ORG.randers, app.org('council:randers').id];
    for (const e of seen.filter((e: any) => !mine.includes(e.recordedByOrganisationId))) {
      expect(e).toMatchObject({ contentVisible: false, summary: null });
    }
  });

  it('a consent gives the basis: the entry is listed (firm, date), and the read is logged', async () => {
    await app.ds.query(
      `INSERT INTO firm_consent (firm_id, organisation_id, scope, purpose, valid_until) VALUES ($1, $2, 'ALL_PUBLIC_BUSINESS_SUPPORT', 'Deling', now() + interval '1 year')`,
      [randers[0].id, ORG.hovedstaden],
    );
    const { seen } = await drillAll(draftId, 'mappings', EDITOR);
    const shared = seen.find((e: any) => e.cvr === randers[0].cvr);
    expect(shared).toMatchObject({ firmName: randers[0].name, occurredAt: '2026-04-02T10:00:00.000Z', recordedByOrganisationId: ORG.hovedstaden, contentVisible: false, summary: null });
    const [{ n }] = await app.ds.query(
      `SELECT count(*)::int AS n FROM journey_access_log WHERE firm_id = $1 AND owner_organisation_id = $2 AND viewer_organisation_id = ANY($3) AND basis = 'CONSENT'`,
      [randers[0].id, ORG.hovedstaden, [ORG.randers, app.org('council:randers').id]],
    );
    expect(n).toBeGreaterThanOrEqual(1);
  });
});

describe('KPIs over an area count every organisation\'s entries, but show a non-party\'s only as a number', () => {
  it('the KKR result contract counts Hovedstaden\'s mapping in Aarhus without handing out its firm, CVR or date', async () => {
    const [aarhus] = await quietFirms('751', 1);
    await touch(aarhus.id, ORG.hovedstaden, 'GROWTH_MAPPING', '2026-06-02T10:00:00Z', 'Ikke-part');
    const kkrId = (await app.ds.query(`SELECT agreement_id FROM service_agreement_party WHERE organisation_id = $1`, [app.org('kkr:1082').id]))[0].agreement_id;
    const att = await app.exec(Q.ATTAINMENT, { id: kkrId }, GH_ADMIN);
    const kpi = att.data.agreementKpiAttainment.kpis.find((k: any) => k.kpi.metric === 'GROWTH_MAPPINGS');
    const { seen, hidden } = await drillAll(kkrId, kpi.kpi.key, GH_ADMIN);
    expect(JSON.stringify(seen)).not.toContain(aarhus.cvr);
    expect(seen.find((e: any) => e.occurredAt === '2026-06-02T10:00:00.000Z')).toBeUndefined();
    expect(seen.length + hidden.reduce((n: number, h: any) => n + h.count, 0)).toBe(kpi.countedEntries);
    expect(hidden.find((h: any) => h.organisationId === ORG.hovedstaden)?.count).toBeGreaterThanOrEqual(1);
  });
});
