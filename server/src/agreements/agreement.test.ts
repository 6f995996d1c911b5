import { codes, createTestApp, TestApp } from '../testing/harness';
import {
  COUNCIL_ADMIN, contentOf, createAgreement, EDITOR, GH_ADMIN, GH_CONSULTANT, M, MUN_ADMIN, OTHER, OTHER_ADMIN, partiesOf, Q,
  signedAgreement, versionOf,
} from './agreement.testkit';

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp({ firmCount: 300 });
});
afterAll(() => app?.close());

const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';
const count = async (table: string) => Number((await app.ds.query(`SELECT count(*) FROM ${table}`))[0].count);
const seeded = async (titlePrefix: string) =>
  (await app.ds.query(`SELECT a.id, a.version FROM service_agreement a JOIN service_agreement_version v ON v.agreement_id = a.id AND v.number = a.current_version_number WHERE v.title LIKE $1`, [`${titlePrefix}%`]))[0] as { id: string; version: number };

describe('creating an agreement: bad input is a typed user error naming the field, and nothing is written', () => {
  const k = (over: object) => ({ key: 'k', name: 'KPI', metric: 'GROWTH_MAPPINGS', target: 10, periodStart: '2026-01-01', periodEnd: '2026-12-31', ...over });
  it.each<[string, (a: TestApp) => object, string[], string]>([
    ['a period that ends before it starts', (a) => ({ content: contentOf(a, { periodStart: '2026-06-01', periodEnd: '2026-05-31' }) }), ['input', 'content', 'periodEnd'], 'INVALID'],
    ['a date that does not exist', (a) => ({ content: contentOf(a, { periodStart: '2026-02-30' }) }), ['input', 'content', 'periodStart'], 'INVALID'],
    ['a negative amount', (a) => ({ content: contentOf(a, { economy: [{ organisationId: a.org('mun:DK:730').id, year: 2026, amount: -1 }] }) }), ['input', 'content', 'economy', '0', 'amount'], 'INVALID'],
    ['an amount in a year outside the period', (a) => ({ content: contentOf(a, { economy: [{ organisationId: a.org('mun:DK:730').id, year: 2030, amount: 5 }] }) }), ['input', 'content', 'economy', '0', 'year'], 'INVALID'],
    ['an amount of a non-party', (a) => ({ content: contentOf(a, { economy: [{ organisationId: a.org('gh:hovedstaden').id, year: 2026, amount: 5 }] }) }), ['input', 'content', 'economy', '0', 'organisationId'], 'NOT_FOUND'],
    ['an unknown party', (a) => ({ parties: [...partiesOf(a), { organisationId: NO_SUCH_ID, role: 'FUNDER' }] }), ['input', 'parties', '3', 'organisationId'], 'NOT_FOUND'],
    ['a party listed twice', (a) => ({ parties: [...partiesOf(a), partiesOf(a)[0]] }), ['input', 'parties', '3', 'organisationId'], 'DUPLICATE'],
    ['a role that does not fit the organisation', (a) => ({ parties: [{ organisationId: a.org('mun:DK:730').id, role: 'GROWTH_HOUSE' }, partiesOf(a)[2]] }), ['input', 'parties', '0', 'role'], 'INVALID'],
    ['a single party', (a) => ({ parties: [partiesOf(a)[0]], content: contentOf(a, { taskDivision: [], economy: [] }) }), ['input', 'parties'], 'REQUIRED'],
    ['none of my organisations among the parties', (a) => ({ parties: [{ organisationId: a.org('gh:midtjylland').id, role: 'GROWTH_HOUSE' }, { organisationId: a.org('kkr:1082').id, role: 'REGIONAL_COUNCIL' }], content: contentOf(a, { taskDivision: [], economy: [] }) }), ['input', 'parties'], 'NOT_ALLOWED'],
    ['a KPI without a target', (a) => ({ content: contentOf(a, { kpis: [k({ target: null })] }) }), ['input', 'content', 'kpis', '0', 'target'], 'REQUIRED'],
    ['a negative KPI target', (a) => ({ content: contentOf(a, { kpis: [k({ target: -3 })] }) }), ['input', 'content', 'kpis', '0', 'target'], 'INVALID'],
    ['a share above 100 %', (a) => ({ content: contentOf(a, { kpis: [k({ metric: 'REFERRALS_TO_PRIVATE_ADVISORS_SHARE', target: 120 })] }) }), ['input', 'content', 'kpis', '0', 'target'], 'INVALID'],
    ['a KPI period that ends before it starts', (a) => ({ content: contentOf(a, { kpis: [k({ periodEnd: '2025-12-31' })] }) }), ['input', 'content', 'kpis', '0', 'periodEnd'], 'INVALID'],
    ['a KPI period outside the agreement', (a) => ({ content: contentOf(a, { kpis: [k({ periodEnd: '2028-12-31' })] }) }), ['input', 'content', 'kpis', '0', 'periodEnd'], 'INVALID'],
    ['an external KPI without a unit', (a) => ({ content: contentOf(a, { kpis: [k({ metric: 'EXTERNAL' })] }) }), ['input', 'content', 'kpis', '0', 'unit'], 'REQUIRED'],
    ['a computed KPI in a wrong unit', (a) => ({ content: contentOf(a, { kpis: [k({ unit: 'PERCENT' })] }) }), ['input', 'content', 'kpis', '0', 'unit'], 'INVALID'],
    ['two KPIs with one key', (a) => ({ content: contentOf(a, { kpis: [k({}), k({})] }) }), ['input', 'content', 'kpis', '1', 'key'], 'DUPLICATE'],
    ['tasks for a non-party', (a) => ({ content: contentOf(a, { taskDivision: [{ organisationId: a.org('kkr:1082').id, tasks: 'x' }] }) }), ['input', 'content', 'taskDivision', '0', 'organisationId'], 'NOT_FOUND'],
  ])('%s', async (_label, build, field, code) => {
    const before = await count('service_agreement');
    const r = await app.exec(M.CREATE, { i: { kind: 'LOCAL_COOPERATION', parties: partiesOf(app), content: contentOf(app), ...build(app) } }, EDITOR);
    expect(r.errors).toBeUndefined();
    expect(r.data.createServiceAgreement.agreement).toBeNull();
    expect(r.data.createServiceAgreement.userErrors).toContainEqual(expect.objectContaining({ field, code }));
    expect(await count('service_agreement')).toBe(before);
  });

  it('only editors and admins create agreements, never API keys', async () => {
    const i = { kind: 'LOCAL_COOPERATION', parties: partiesOf(app), content: contentOf(app) };
    expect(codes(await app.exec(M.CREATE, { i }, GH_CONSULTANT))).toEqual(['FORBIDDEN']);
    expect(codes(await app.exec(M.CREATE, { i }, { apiKey: 'ggk_demo_kkr_midtjylland_read_only' }))).toEqual(['FORBIDDEN']);
  });

  it('a valid agreement is created as a DRAFT with version 1, revision 1', async () => {
    const a = await createAgreement(app);
    expect(a).toMatchObject({
      kind: 'LOCAL_COOPERATION', state: 'DRAFT', version: 1, currentVersionNumber: 1, inForceVersionNumber: null, canEdit: true,
      currentVersion: { number: 1, revision: 1, currency: 'DKK', kpis: [{ key: 'mappings', unit: 'COUNT', computed: true }, { key: 'satisfaction', unit: 'SCORE', computed: false }] },
    });
    expect(a.parties.map((p: any) => p.role)).toEqual(['MUNICIPALITY', 'BUSINESS_COUNCIL', 'GROWTH_HOUSE']);
  });
});

describe('signing rights', () => {
  let id: string;
  beforeAll(async () => {
    const a = await createAgreement(app);
    id = a.id;
    await app.exec(M.TRANSITION, { i: { agreementId: id, expectedVersion: a.version, to: 'IN_NEGOTIATION' } }, EDITOR);
  });
  const sign = async (who: { email: string }, party: string) =>
    app.exec(M.SIGN, { i: { agreementId: id, expectedVersion: await versionOf(app, id), partyOrganisationId: party } }, who);

  it('an editor (no admin anywhere) cannot sign at all', async () => {
    expect(codes(await sign(EDITOR, app.org('mun:DK:730').id))).toEqual(['FORBIDDEN']);
  });

  it('an admin of one party cannot sign for another party', async () => {
    const r = await sign(GH_ADMIN, app.org('mun:DK:730').id);
    expect(r.data.signAgreement.userErrors).toEqual([{ field: ['input', 'partyOrganisationId'], message: 'Only an admin of this party can sign for it.', code: 'NOT_ALLOWED' }]);
  });

  it('nobody signs for an organisation that is not a party', async () => {
    const r = await sign(GH_ADMIN, app.org('kkr:1082').id);
    expect(r.data.signAgreement.userErrors).toMatchObject([{ field: ['input', 'partyOrganisationId'], code: 'NOT_FOUND' }]);
  });

  it('an admin of another organisation does not even find the agreement', async () => {
    const r = await sign(OTHER_ADMIN, app.org('gh:hovedstaden').id);
    const missing = await app.exec(M.SIGN, { i: { agreementId: NO_SUCH_ID, expectedVersion: 1, partyOrganisationId: app.org('gh:hovedstaden').id } }, OTHER_ADMIN);
    expect(r.data.signAgreement.userErrors).toEqual(missing.data.signAgreement.userErrors);
    expect(r.data.signAgreement.userErrors).toEqual([{ field: ['input', 'agreementId'], message: 'Service agreement not found.', code: 'NOT_FOUND' }]);
  });

  it('a party signs a revision once; an edit after it invalidates the signature but keeps it in the history', async () => {
    const mun = app.org('mun:DK:730').id;
    expect((await sign(MUN_ADMIN, mun)).data.signAgreement).toMatchObject({ userErrors: [], signature: { revision: 1, versionNumber: 1 } });
    expect((await sign(MUN_ADMIN, mun)).data.signAgreement.userErrors).toMatchObject([{ field: ['input', 'partyOrganisationId'], code: 'DUPLICATE' }]);

    const edit = await app.exec(M.UPDATE, { i: { agreementId: id, expectedVersion: await versionOf(app, id), content: contentOf(app, { purpose: 'Ændret formål' }) } }, EDITOR);
    expect(edit.data.updateAgreementDraft.userErrors).toEqual([]);
    const v = edit.data.updateAgreementDraft.agreement.currentVersion;
    expect(v.revision).toBe(2);
    expect(v.signatures).toEqual([{ party: { id: mun }, revision: 1, valid: false }]);
    expect(v.unsignedParties.map((p: any) => p.id)).toContain(mun);

    // Saving identical content changes nothing in the text: the revision (and so signatures) stay.
    const same = await app.exec(M.UPDATE, { i: { agreementId: id, expectedVersion: await versionOf(app, id), content: contentOf(app, { purpose: 'Ændret formål' }) } }, EDITOR);
    expect(same.data.updateAgreementDraft.agreement.currentVersion.revision).toBe(2);

    await sign(COUNCIL_ADMIN, app.org('council:randers').id);
    const gh = await sign(GH_ADMIN, app.org('gh:midtjylland').id);
    // Randers Kommune's only signature is on revision 1: not signed yet.
    expect(gh.data.signAgreement.agreement).toMatchObject({ state: 'IN_NEGOTIATION', currentVersion: { unsignedParties: [{ id: mun }] } });
    const last = await sign(MUN_ADMIN, mun);
    expect(last.data.signAgreement.agreement.state).toBe('SIGNED');
    expect(last.data.signAgreement.agreement.currentVersion.signatures.map((s: any) => `${s.revision}:${s.valid}`)).toEqual(['1:false', '2:true', '2:true', '2:true']);
  });
});

describe('a signed agreement changes only by amendment; every version stays readable and comparable', () => {
  let id: string;
  beforeAll(async () => {
    id = (await signedAgreement(app)).id;
  });

  it('refuses editing the signed version', async () => {
    const r = await app.exec(M.UPDATE, { i: { agreementId: id, expectedVersion: await versionOf(app, id), content: contentOf(app, { title: 'Snuck in' }) } }, EDITOR);
    expect(r.data.updateAgreementDraft.userErrors).toEqual([{ field: ['input', 'agreementId'], message: 'A signed agreement is changed only by an amendment (amendAgreement).', code: 'IMMUTABLE' }]);
  });

  it('an amendment is version 2, editable, in force only when every party signed it; version 1 is unchanged', async () => {
    const mun = app.org('mun:DK:730').id;
    let r = await app.exec(M.AMEND, { i: { agreementId: id, expectedVersion: await versionOf(app, id), reason: 'Tillæg 1' } }, EDITOR);
    expect(r.data.amendAgreement.agreement).toMatchObject({ state: 'SIGNED', currentVersionNumber: 2, inForceVersionNumber: 1, hasPendingAmendment: true });
    const again = await app.exec(M.AMEND, { i: { agreementId: id, expectedVersion: await versionOf(app, id), reason: 'Tillæg 2' } }, EDITOR);
    expect(again.data.amendAgreement.userErrors).toMatchObject([{ field: ['input', 'agreementId'], code: 'INVALID_STATE' }]);

    const amended = contentOf(app, {
      title: 'Testaftale om erhvervsservice (tillæg 1)',
      economy: [{ organisationId: mun, year: 2026, amount: 1250000 }, { organisationId: mun, year: 2027, amount: 1300000 }],
      kpis: [
        { key: 'mappings', name: 'Vækstkortlægninger', metric: 'GROWTH_MAPPINGS', target: 55, periodStart: '2026-01-01', periodEnd: '2026-12-31' },
        { key: 'partnerships', name: 'Vækstpartnerskaber', metric: 'FIRMS_IN_GROWTH_PARTNERSHIPS', target: 5, periodStart: '2026-01-01', periodEnd: '2026-12-31' },
      ],
    });
    r = await app.exec(M.UPDATE, { i: { agreementId: id, expectedVersion: await versionOf(app, id), content: amended } }, EDITOR);
    expect(r.data.updateAgreementDraft.userErrors).toEqual([]);
    for (const [who, org] of [[MUN_ADMIN, 'mun:DK:730'], [COUNCIL_ADMIN, 'council:randers'], [GH_ADMIN, 'gh:midtjylland']] as const) {
      const before = await app.exec(Q.AGREEMENT, { id }, EDITOR);
      expect(before.data.serviceAgreement.inForceVersionNumber).toBe(1);
      r = await app.exec(M.SIGN, { i: { agreementId: id, expectedVersion: await versionOf(app, id), partyOrganisationId: app.org(org).id } }, who);
      expect(r.data.signAgreement.userErrors).toEqual([]);
    }
    expect(r.data.signAgreement.agreement).toMatchObject({ state: 'SIGNED', currentVersionNumber: 2, inForceVersionNumber: 2, hasPendingAmendment: false });

    const versions = await app.exec(`query($id: ID!) { serviceAgreement(id: $id) { versions { number title amendmentReason completedAt } v1: versionByNumber(number: 1) { kpis { key target } } } }`, { id }, EDITOR);
    expect(versions.data.serviceAgreement.versions.map((v: any) => [v.number, v.title, v.amendmentReason, !!v.completedAt])).toEqual([
      [1, 'Testaftale om erhvervsservice', null, true],
      [2, 'Testaftale om erhvervsservice (tillæg 1)', 'Tillæg 1', true],
    ]);
    expect(versions.data.serviceAgreement.v1.kpis).toEqual([{ key: 'mappings', target: 40 }, { key: 'satisfaction', target: 8 }]);
  });

  it('compares two versions field by field (list items by key)', async () => {
    const mun = app.org('mun:DK:730').id;
    const r = await app.exec(Q.COMPARE, { id, from: 1, to: 2 }, COUNCIL_ADMIN);
    expect(r.errors).toBeUndefined();
    const diffs = r.data.compareAgreementVersions.differences.map((d: any) => [d.path.join('.'), d.kind, d.before, d.after]);
    expect(diffs).toEqual([
      ['title', 'CHANGED', '"Testaftale om erhvervsservice"', '"Testaftale om erhvervsservice (tillæg 1)"'],
      [`economy.${mun}:2026.amount`, 'CHANGED', '1000000', '1250000'],
      [`economy.${mun}:2027`, 'ADDED', null, expect.stringContaining('"amount":1300000')],
      ['kpis.mappings.target', 'CHANGED', '40', '55'],
      ['kpis.satisfaction', 'REMOVED', expect.stringContaining('"metric":"EXTERNAL"'), null],
      ['kpis.partnerships', 'ADDED', null, expect.stringContaining('"metric":"FIRMS_IN_GROWTH_PARTNERSHIPS"')],
    ]);
    const reverse = await app.exec(Q.COMPARE, { id, from: 2, to: 1 }, EDITOR);
    expect(reverse.data.compareAgreementVersions.differences).toHaveLength(6);
    const same = await app.exec(Q.COMPARE, { id, from: 2, to: 2 }, EDITOR);
    expect(same.data.compareAgreementVersions.differences).toEqual([]);
    const noVersion = await app.exec(Q.COMPARE, { id, from: 1, to: 9 }, EDITOR);
    expect(codes(noVersion)).toEqual(['NOT_FOUND']);
  });
});

describe('concurrent writes: a stale write is refused with the current state, never lost', () => {
  it('a stale save gets VERSION_CONFLICT and the current state, and writes nothing', async () => {
    const a = await createAgreement(app);
    const first = await app.exec(M.UPDATE, { i: { agreementId: a.id, expectedVersion: 1, content: contentOf(app, { title: 'Session A' }) } }, EDITOR);
    expect(first.data.updateAgreementDraft.agreement.version).toBe(2);
    const stale = await app.exec(M.UPDATE, { i: { agreementId: a.id, expectedVersion: 1, content: contentOf(app, { title: 'Session B' }) } }, GH_ADMIN);
    expect(stale.data.updateAgreementDraft).toMatchObject({
      agreement: null,
      userErrors: [{ field: ['input', 'expectedVersion'], code: 'VERSION_CONFLICT' }],
      current: { id: a.id, version: 2, currentVersion: { title: 'Session A' } },
    });
    const [{ title }] = await app.ds.query('SELECT title FROM service_agreement_version WHERE agreement_id = $1', [a.id]);
    expect(title).toBe('Session A');
  });

  it('many writers in parallel rounds: exactly one wins each round, and the result is the sequence of winners', async () => {
    const a = await createAgreement(app);
    const WRITERS = 8;
    const ROUNDS = 6;
    const users = [EDITOR, GH_ADMIN];
    const winners: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const read = (await app.exec(Q.AGREEMENT, { id: a.id }, EDITOR)).data.serviceAgreement;
      const results = await Promise.all(
        Array.from({ length: WRITERS }, (_, w) =>
          app.exec(M.UPDATE, {
            i: { agreementId: a.id, expectedVersion: read.version, content: contentOf(app, { targetGroups: [...read.currentVersion.targetGroups, `r${round}-w${w}`] }) },
          }, users[w % users.length]),
        ),
      );
      const won = results.filter((r) => r.data.updateAgreementDraft.userErrors.length === 0);
      const lost = results.filter((r) => r.data.updateAgreementDraft.userErrors.length > 0);
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(WRITERS - 1);
      const winnerGroups: string[] = won[0].data.updateAgreementDraft.agreement.currentVersion.targetGroups;
      winners.push(winnerGroups[winnerGroups.length - 1]);
      for (const r of lost) {
        expect(r.errors).toBeUndefined();
        expect(r.data.updateAgreementDraft.userErrors).toEqual([expect.objectContaining({ field: ['input', 'expectedVersion'], code: 'VERSION_CONFLICT' })]);
        // The loser is shown the winner's state.
        expect(r.data.updateAgreementDraft.current).toMatchObject({ version: read.version + 1, currentVersion: { targetGroups: winnerGroups } });
      }
    }
    const final = (await app.exec(Q.AGREEMENT, { id: a.id }, EDITOR)).data.serviceAgreement;
    expect(final.currentVersion.targetGroups).toEqual(['Iværksættere', ...winners]);
    expect(final.version).toBe(1 + ROUNDS);
    expect(final.currentVersion.revision).toBe(1 + ROUNDS);
  });

  it('parties signing at the same moment: one wins, the others are told to reload, and nothing is half-signed', async () => {
    const a = await createAgreement(app);
    await app.exec(M.TRANSITION, { i: { agreementId: a.id, expectedVersion: 1, to: 'IN_NEGOTIATION' } }, EDITOR);
    const results = await Promise.all(
      ([[MUN_ADMIN, 'mun:DK:730'], [COUNCIL_ADMIN, 'council:randers'], [GH_ADMIN, 'gh:midtjylland']] as const).map(([who, org]) =>
        app.exec(M.SIGN, { i: { agreementId: a.id, expectedVersion: 2, partyOrganisationId: app.org(org).id } }, who),
      ),
    );
    expect(results.filter((r) => r.data.signAgreement.userErrors.length === 0)).toHaveLength(1);
    expect(results.filter((r) => r.data.signAgreement.userErrors[0]?.code === 'VERSION_CONFLICT')).toHaveLength(2);
    expect(await count(`service_agreement_signature WHERE agreement_id = '${a.id}'`)).toBe(1);
  });
});

describe('only the parties see an agreement; only their editors and admins change it', () => {
  let id: string;
  beforeAll(async () => {
    id = (await createAgreement(app, { content: contentOf(app, { title: 'Fortrolig aftale' }) })).id;
  });

  it('by id: another organisation gets null, exactly as for an id that does not exist', async () => {
    expect((await app.exec(Q.AGREEMENT, { id }, EDITOR)).data.serviceAgreement.title).toBe('Fortrolig aftale');
    const other = await app.exec(Q.AGREEMENT, { id }, OTHER);
    const missing = await app.exec(Q.AGREEMENT, { id: NO_SUCH_ID }, OTHER);
    expect(other).toMatchObject({ data: { serviceAgreement: null }, errors: undefined });
    expect(missing).toMatchObject({ data: { serviceAgreement: null }, errors: undefined });
  });

  it('in lists, also filtered by a party: nothing', async () => {
    const all = await app.exec(Q.LIST, { first: 100 }, OTHER);
    expect(all.data.serviceAgreements.edges).toEqual([]);
    const byParty = await app.exec(Q.LIST, { f: { partyOrganisationId: app.org('mun:DK:730').id }, first: 100 }, OTHER_ADMIN);
    expect(byParty.data.serviceAgreements.edges).toEqual([]);
    const mine = await app.exec(Q.LIST, { f: { partyOrganisationId: app.org('mun:DK:730').id, states: ['DRAFT'] }, first: 100 }, EDITOR);
    expect(mine.data.serviceAgreements.edges.map((e: any) => e.node.id)).toContain(id);
  });

  it('comparisons, attainment and drill-down: NOT_FOUND with the message of a non-existent id', async () => {
    for (const [query, vars] of [
      [Q.COMPARE, { from: 1, to: 1 }],
      [Q.ATTAINMENT, {}],
      [Q.DRILL, { key: 'mappings' }],
    ] as const) {
      const other = await app.exec(query, { id, ...vars }, OTHER);
      const missing = await app.exec(query, { id: NO_SUCH_ID, ...vars }, OTHER);
      expect(codes(other)).toEqual(['NOT_FOUND']);
      expect(other.errors![0].message).toBe(missing.errors![0].message);
      expect(JSON.stringify(other.data)).toBe(JSON.stringify(missing.data));
    }
  });

  it('every mutation: NOT_FOUND on agreementId, the same as for a non-existent id', async () => {
    const ops: Array<[string, string, (agreementId: string) => object]> = [
      [M.UPDATE, 'updateAgreementDraft', (agreementId) => ({ agreementId, expectedVersion: 1, content: contentOf(app) })],
      [M.TRANSITION, 'transitionAgreement', (agreementId) => ({ agreementId, expectedVersion: 1, to: 'IN_NEGOTIATION' })],
      [M.AMEND, 'amendAgreement', (agreementId) => ({ agreementId, expectedVersion: 1, reason: 'x' })],
      [M.FOLLOW_UP, 'recordFollowUp', (agreementId) => ({ agreementId, expectedVersion: 1, periodStart: '2026-01-01', periodEnd: '2026-06-30' })],
    ];
    for (const [doc, name, input] of ops) {
      const other = await app.exec(doc, { i: input(id) }, OTHER_ADMIN);
      const missing = await app.exec(doc, { i: input(NO_SUCH_ID) }, OTHER_ADMIN);
      expect(other.data[name]).toEqual(missing.data[name]);
      expect(other.data[name].userErrors).toEqual([{ field: ['input', 'agreementId'], message: 'Service agreement not found.', code: 'NOT_FOUND' }]);
      expect(other.data[name].current).toBeNull();
    }
    expect(await versionOf(app, id)).toBe(1);
  });

  it('a party\'s viewer sees it but cannot change it', async () => {
    // Erhverv Randers + Erhvervshus Midtjylland; editor@randers.demo is only VIEWER of Erhverv Randers.
    const a = await createAgreement(app, {
      kind: 'OPERATOR_CONTRACT',
      parties: [{ organisationId: app.org('council:randers').id, role: 'OPERATOR' }, { organisationId: app.org('gh:midtjylland').id, role: 'FUNDER' }],
      content: contentOf(app, { economy: [], taskDivision: [] }),
    }, GH_ADMIN);
    const seen = await app.exec(Q.AGREEMENT, { id: a.id }, EDITOR);
    expect(seen.data.serviceAgreement).toMatchObject({ id: a.id, canEdit: false });
    const r = await app.exec(M.UPDATE, { i: { agreementId: a.id, expectedVersion: 1, content: contentOf(app, { economy: [], taskDivision: [] }) } }, EDITOR);
    expect(r.data.updateAgreementDraft.userErrors).toMatchObject([{ field: ['input', 'agreementId'], code: 'NOT_ALLOWED' }]);
  });

  it('the organisation switcher narrows what is seen; a partner dashboard key reads its own agreements only', async () => {
    const randers = await seeded('Lokal samarbejdsaftale om erhvervsservice mellem Erhverv Randers');
    const kkr = await seeded('Resultatkontrakt mellem KKR Midtjylland');
    const asKkr = { ...GH_ADMIN, organisationId: app.org('kkr:1082').id };
    expect((await app.exec(Q.AGREEMENT, { id: kkr.id }, asKkr)).data.serviceAgreement).not.toBeNull();
    expect((await app.exec(Q.AGREEMENT, { id: randers.id }, asKkr)).data.serviceAgreement).toBeNull();
    const key = { apiKey: 'ggk_demo_kkr_midtjylland_read_only' };
    const list = await app.exec(Q.LIST, { first: 50 }, key);
    expect(list.data.serviceAgreements.edges.map((e: any) => e.node.id)).toEqual([kkr.id]);
    expect((await app.exec(Q.ATTAINMENT, { id: kkr.id }, key)).data.agreementKpiAttainment.kpis.length).toBe(6);
  });
});

describe('follow-ups (DA opfølgning)', () => {
  it('refuses typed-in figures for computed KPIs, requires a source for external ones, and keeps an append-only history', async () => {
    const randers = await seeded('Lokal samarbejdsaftale om erhvervsservice mellem Erhverv Randers');
    const base = { agreementId: randers.id, expectedVersion: randers.version, periodStart: '2026-07-01', periodEnd: '2026-09-30', comment: 'Q3' };
    const bad = async (externalActuals: object[], extra: object = {}) =>
      (await app.exec(M.FOLLOW_UP, { i: { ...base, externalActuals, ...extra } }, EDITOR)).data.recordFollowUp.userErrors;
    expect(await bad([{ kpiKey: 'vaekstkortlaegninger', actual: 999, source: 'Excel' }])).toMatchObject([{ field: ['input', 'externalActuals', '0', 'kpiKey'], code: 'NOT_ALLOWED' }]);
    expect(await bad([{ kpiKey: 'tilfredshed', actual: 8.1 }])).toMatchObject([{ field: ['input', 'externalActuals', '0', 'source'], code: 'REQUIRED' }]);
    expect(await bad([{ kpiKey: 'nope', actual: 1, source: 's' }])).toMatchObject([{ field: ['input', 'externalActuals', '0', 'kpiKey'], code: 'NOT_FOUND' }]);
    expect(await bad([], { periodEnd: '2026-06-30' })).toMatchObject([{ field: ['input', 'periodEnd'], code: 'INVALID' }]);
    expect(await bad([{ kpiKey: 'tilfredshed', actual: -1, source: 's' }])).toMatchObject([{ field: ['input', 'externalActuals', '0', 'actual'], code: 'INVALID' }]);

    const before = Date.now();
    const ok = await app.exec(M.FOLLOW_UP, { i: { ...base, externalActuals: [{ kpiKey: 'tilfredshed', actual: 8.1, source: 'Brugerundersøgelse Q3 (Epinion)' }] } }, EDITOR);
    const p = ok.data.recordFollowUp;
    expect(p.userErrors).toEqual([]);
    expect(p.followUp).toMatchObject({
      versionNumber: 2, periodStart: '2026-07-01', periodEnd: '2026-09-30', comment: 'Q3',
      reportedBy: { displayName: 'Rikke Editor' }, reportedByOrganisation: { name: 'Randers Kommune' },
    });
    expect(new Date(p.followUp.reportedAt).getTime()).toBeGreaterThanOrEqual(before - 5000);
    const byKey = Object.fromEntries(p.followUp.entries.map((e: any) => [e.kpiKey, e]));
    expect(byKey.tilfredshed).toMatchObject({ actual: 8.1, actualSource: 'EXTERNAL_REPORTED', externalSource: 'Brugerundersøgelse Q3 (Epinion)', liveActual: null });
    expect(byKey.vaekstkortlaegninger).toMatchObject({ actualSource: 'COMPUTED', target: 55, countedFrom: '2026-07-01', countedTo: '2026-09-30' });
    expect(byKey.vaekstkortlaegninger.actual).toBe(byKey.vaekstkortlaegninger.liveActual);

    const history = await app.exec(`query($id: ID!) { serviceAgreement(id: $id) { followUps { periodStart } } }`, { id: randers.id }, COUNCIL_ADMIN);
    expect(history.data.serviceAgreement.followUps.map((f: any) => f.periodStart)).toEqual(['2026-07-01', '2026-01-01']);

    // The attainment shows the latest external figure with its source.
    const att = await app.exec(Q.ATTAINMENT, { id: randers.id }, EDITOR);
    const sat = att.data.agreementKpiAttainment.kpis.find((k: any) => k.kpi.key === 'tilfredshed');
    expect(sat).toMatchObject({ actual: 8.1, source: 'EXTERNAL_REPORTED', externalSource: 'Brugerundersøgelse Q3 (Epinion)', attainmentPercent: 95.29 });
  });

  it('is refused on an agreement that was never in force', async () => {
    const silk = await seeded('Lokal samarbejdsaftale om erhvervsservice mellem erhvervsilkeborg');
    const r = await app.exec(M.FOLLOW_UP, { i: { agreementId: silk.id, expectedVersion: silk.version, periodStart: '2027-01-01', periodEnd: '2027-06-30' } }, GH_ADMIN);
    expect(r.data.recordFollowUp.userErrors).toMatchObject([{ field: ['input', 'agreementId'], code: 'INVALID_STATE' }]);
  });
});

describe('no N+1: a nested list of agreements issues a fixed number of SQL statements', () => {
  const NESTED = `query($first: Int!) { serviceAgreements(first: $first) { edges { node {
    id title createdByOrganisation { name } canEdit signableParties { name }
    parties { role organisation { name region { name } } }
    transitions { toState by { displayName } }
    currentVersion { number }
    versions { number kpis { key computed } taskDivision { organisation { name } } economy { amount organisation { name } }
      signatures { valid party { name } signedBy { displayName } } unsignedParties { name } }
    followUps { reportedBy { displayName } reportedByOrganisation { name } entries { kpiKey actual liveActual } } } } } }`;

  it('does not grow with the number of agreements, parties, versions, signatures or follow-ups', async () => {
    for (let i = 0; i < 6; i++) await signedAgreement(app);
    const one = await app.exec(NESTED, { first: 1 }, GH_ADMIN);
    const six = await app.exec(NESTED, { first: 6 }, GH_ADMIN); // the six new ones: no follow-ups yet
    const all = await app.exec(NESTED, { first: 50 }, GH_ADMIN); // + the seeded ones with follow-ups
    expect(one.errors).toBeUndefined();
    expect(all.errors).toBeUndefined();
    const nodes = all.data.serviceAgreements.edges.map((e: any) => e.node);
    expect(nodes.length).toBeGreaterThanOrEqual(9);
    expect(nodes.flatMap((n: any) => n.versions.flatMap((v: any) => v.signatures)).length).toBeGreaterThan(15);
    expect(nodes.flatMap((n: any) => n.followUps).length).toBeGreaterThanOrEqual(1);
    // The shared organisation/user loaders are hit at several depths; whether a depth finds everything in
    // the per-request cache depends on the data, so allow those few batches - never one per row.
    expect(six.queries.count).toBeLessThanOrEqual(one.queries.count + 2);
    // Live KPI recomputation of follow-up entries: one statement for the agreements' scopes and one per
    // metric (5 computed metrics at most), whatever the number of follow-ups.
    expect(all.queries.count).toBeLessThanOrEqual(one.queries.count + 1 + 5);
    expect(all.queries.count).toBeLessThanOrEqual(18);
  });
});
