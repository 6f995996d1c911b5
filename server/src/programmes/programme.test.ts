import { codes, createTestApp, TestApp } from '../testing/harness';
import { checkShares, splitAmount } from './shares';

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp({ firmCount: 1500 });
});
afterAll(() => app?.close());

const MIDT_CONSULTANT = { email: 'consultant@midtjylland.demo' };
const MIDT_ADMIN = { email: 'admin@midtjylland.demo' };
const HOVED_CONSULTANT = { email: 'consultant@hovedstaden.demo' };
const HOVED_ADMIN = { email: 'admin@hovedstaden.demo' };
const RANDERS = { email: 'editor@randers.demo' };
const KKR_KEY = { apiKey: 'ggk_demo_kkr_midtjylland_read_only' };
const MISSING = '00000000-0000-4000-8000-000000000000';

const CREATE = `mutation($i: CreateProgrammeInput!) { createProgramme(input: $i) {
  programme { id state version fundingSources { sharePercent shareBasisPoints } eligibility { growthPotentialLevels regions { name } } }
  userErrors { field message code } } }`;
const STATE = 'mutation($i: ChangeProgrammeStateInput!) { changeProgrammeState(input: $i) { programme { id state version } userErrors { field message code } } }';
const UPDATE = 'mutation($i: UpdateProgrammeInput!) { updateProgramme(input: $i) { programme { id capacity version } userErrors { field message code } } }';
const ENROL = `mutation($i: EnrolFirmInput!) { enrolFirm(input: $i) {
  enrolment { id state version firm { id } history { state recordedAt } } failedCriteria userErrors { field message code } } }`;
const CHANGE = `mutation($i: ChangeEnrolmentStateInput!) { changeEnrolmentState(input: $i) {
  enrolment { id state version history { state note recordedAt } } userErrors { field message code } } }`;
const PROGRAMME = `query($id: ID!) { programme(id: $id) { id name state capacity availableSeats
  throughput { enrolled completed droppedOut total }
  enrolments(first: 50) { edges { node { id state firm { id name } } } } } }`;
const CATALOGUE = `query($f: ProgrammeCatalogueFilter, $first: Int, $after: String) { programmeCatalogue(filter: $f, first: $first, after: $after) {
  edges { node { id name state } } pageInfo { hasNextPage endCursor } } }`;
const THROUGHPUT = 'query($f: ProgrammeThroughputFilter) { programmeThroughput(filter: $f) { programmes enrolled completed droppedOut total } }';

const regionId = (code: string) => app.org(`region:DK:${code}`).id;

async function programmeByName(name: string): Promise<{ id: string; version: number; capacity: number }> {
  const [p] = await app.ds.query('SELECT id, version, capacity FROM programme WHERE name = $1', [name]);
  return p;
}

/** Register firms of a region with the given growth-potential level and at most maxEmployees. */
async function firmsIn(regionCode: string, level: string, n: number, maxEmployees = 49, offset = 0): Promise<string[]> {
  const rows = await app.ds.query(
    `SELECT f.id FROM firm f JOIN organisation m ON m.id = f.municipality_id
      WHERE f.status = 'REGISTERED' AND m.region_id = $1 AND (SELECT a.level FROM growth_potential_assessment a WHERE a.firm_id = f.id ORDER BY a.assessed_at DESC, a.id DESC LIMIT 1) = $2 AND f.employees <= $3
        AND NOT EXISTS (SELECT 1 FROM programme_enrolment e WHERE e.firm_id = f.id)
      ORDER BY f.id OFFSET $4 LIMIT $5`,
    [regionId(regionCode), level, maxEmployees, offset, n],
  );
  return rows.map((r: { id: string }) => r.id);
}

async function createOpenProgramme(as: { email: string }, overrides: Record<string, unknown> = {}): Promise<string> {
  const r = await app.exec(CREATE, {
    i: {
      kind: 'ACCELERATOR',
      name: `Test programme ${Math.random().toString(36).slice(2, 8)}`,
      startsOn: '2026-09-01',
      endsOn: '2027-03-31',
      capacity: 10,
      fundingSources: [{ funderName: 'Test funder', sharePercent: 100 }],
      ...overrides,
    },
  }, as);
  expect(r.data.createProgramme.userErrors).toEqual([]);
  const id = r.data.createProgramme.programme.id;
  const opened = await app.exec(STATE, { i: { id, expectedVersion: 1, state: 'OPEN' } }, as);
  expect(opened.data.changeProgrammeState.userErrors).toEqual([]);
  return id;
}

describe('shares add up exactly (integer basis points)', () => {
  it('accepts 33.33 + 33.33 + 33.34 and refuses 33.33 x 3 and 3-decimal shares', () => {
    expect(checkShares('s', 'p', [33.33, 33.33, 33.34])).toEqual({ basisPoints: [3333, 3333, 3334], errors: [] });
    expect(checkShares('s', 'p', [33.33, 33.33, 33.33]).errors.map((e) => e.code)).toEqual(['SHARES_DO_NOT_ADD_UP']);
    expect(checkShares('s', 'p', [0.1, 0.2, 99.7]).errors).toEqual([]); // 0.1 + 0.2 is not 0.3 in floating point
    expect(checkShares('s', 'p', [33.333, 66.667]).errors.map((e) => e.field)).toEqual([['input', 's', '0', 'p'], ['input', 's', '1', 'p']]);
  });

  it('splits an amount so that the parts add up to it exactly', () => {
    expect(splitAmount(100_000, [3333, 3333, 3334])).toEqual([33_330, 33_330, 33_340]);
    expect(splitAmount(100, [3333, 3333, 3334]).reduce((a, b) => a + b, 0)).toBe(100);
    expect(splitAmount(1_000_001, [5000, 5000]).reduce((a, b) => a + b, 0)).toBe(1_000_001);
  });
});

describe('the public catalogue', () => {
  it('shows OPEN and RUNNING programmes to any signed-in caller, never drafts of others', async () => {
    const r = await app.exec(CATALOGUE, { first: 100 }, RANDERS);
    expect(r.errors).toBeUndefined();
    const names = r.data.programmeCatalogue.edges.map((e: any) => e.node.name);
    expect(names).toEqual(expect.arrayContaining(['Vækstiværksætterprogram Midtjylland', 'Vækstcamp Hovedstaden efterår 2026']));
    expect(names).not.toContain('Digitalisering i SMV\'er (medfinansieret forløb)');
    expect(r.data.programmeCatalogue.edges.every((e: any) => ['OPEN', 'RUNNING'].includes(e.node.state))).toBe(true);
    // Not even the operator sees its draft in the catalogue (it is in operatedProgrammes).
    const own = await app.exec(CATALOGUE, { first: 100 }, MIDT_CONSULTANT);
    expect(own.data.programmeCatalogue.edges.map((e: any) => e.node.name)).not.toContain('Digitalisering i SMV\'er (medfinansieret forløb)');
  });

  it('is open to API keys (read-only) and refuses anonymous callers', async () => {
    expect((await app.exec(CATALOGUE, { first: 5 }, KKR_KEY)).errors).toBeUndefined();
    expect(codes(await app.exec(CATALOGUE, { first: 5 }))).toEqual(['UNAUTHENTICATED']);
  });

  it('filters by kind, region, growth potential, size and industry', async () => {
    const names = async (f: object) => (await app.exec(CATALOGUE, { f, first: 100 }, RANDERS)).data.programmeCatalogue.edges.map((e: any) => e.node.name);
    expect(await names({ kinds: ['GROWTH_CAMP'] })).toEqual(['Vækstcamp Hovedstaden efterår 2026']);
    expect(await names({ regionId: regionId('1082') })).toContain('Vækstiværksætterprogram Midtjylland');
    expect(await names({ regionId: regionId('1082') })).not.toContain('Vækstcamp Hovedstaden efterår 2026');
    expect(await names({ growthPotentialLevel: 'LOW' })).not.toContain('Vækstiværksætterprogram Midtjylland');
    expect(await names({ sizeClass: 'LARGE' })).not.toContain('Vækstiværksætterprogram Midtjylland');
    expect(await names({ sizeClass: 'LARGE' })).toContain('Vækstcamp Hovedstaden efterår 2026');
    expect(await names({ industryCode: '620100' })).toContain('Vækstcamp Hovedstaden efterår 2026');
    expect(await names({ operatorOrganisationId: app.org('gh:hovedstaden').id })).toEqual(['Vækstcamp Hovedstaden efterår 2026']);
  });

  it('filters to the programmes a given firm is eligible for; a firm you may not see matches nothing', async () => {
    const [eligible] = await firmsIn('1082', 'HIGH', 1);
    const [low] = await firmsIn('1082', 'LOW', 1);
    const names = async (firmId: string, as = RANDERS) =>
      (await app.exec(CATALOGUE, { f: { eligibleForFirmId: firmId }, first: 100 }, as)).data.programmeCatalogue.edges.map((e: any) => e.node.name);
    expect(await names(eligible)).toContain('Vækstiværksætterprogram Midtjylland');
    expect(await names(eligible)).not.toContain('Vækstcamp Hovedstaden efterår 2026');
    expect(await names(low)).not.toContain('Vækstiværksætterprogram Midtjylland');
    const [prospect] = await app.ds.query(`SELECT id FROM firm WHERE status = 'PROSPECT' AND owner_organisation_id = $1`, [app.org('gh:hovedstaden').id]);
    expect(await names(prospect.id, MIDT_CONSULTANT)).toEqual([]);
    expect(await names(MISSING, MIDT_CONSULTANT)).toEqual([]);
  });

  it('pages with cursors without gaps or repeats', async () => {
    for (let i = 0; i < 4; i++) await createOpenProgramme(MIDT_ADMIN, { startsOn: '2026-09-01' });
    const all = (await app.exec(CATALOGUE, { first: 100 }, RANDERS)).data.programmeCatalogue.edges.map((e: any) => e.node.id);
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const r: any = await app.exec(CATALOGUE, { first: 2, after }, RANDERS);
      seen.push(...r.data.programmeCatalogue.edges.map((e: any) => e.node.id));
      after = r.data.programmeCatalogue.pageInfo.hasNextPage ? r.data.programmeCatalogue.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(all);
    expect(codes(await app.exec(CATALOGUE, { first: 2, after: 'garbage' }, RANDERS))).toEqual(['BAD_USER_INPUT']);
    const badFilter = await app.exec(CATALOGUE, { f: { industryCode: '62%' }, first: 2 }, RANDERS);
    expect(codes(badFilter)).toEqual(['BAD_USER_INPUT']);
    expect(badFilter.errors![0].message).toMatch(/industryCode/);
  });
});

describe('drafts and enrolments are the operator\'s', () => {
  it('a draft is visible to its operator by id and in operatedProgrammes; to others it is null, like a missing id', async () => {
    const draft = await programmeByName('Digitalisering i SMV\'er (medfinansieret forløb)');
    const own = await app.exec('query($id: ID!) { programme(id: $id) { name state fundingSources { sharePercent funder { name } funderName } } }', { id: draft.id }, MIDT_CONSULTANT);
    expect(own.data.programme.state).toBe('DRAFT');
    expect(own.data.programme.fundingSources.map((f: any) => f.sharePercent)).toEqual([33.33, 33.33, 33.34]);
    const operated = await app.exec('{ operatedProgrammes(first: 100) { edges { node { name } } } }', {}, MIDT_CONSULTANT);
    expect(operated.data.operatedProgrammes.edges.map((e: any) => e.node.name)).toContain('Digitalisering i SMV\'er (medfinansieret forløb)');

    for (const as of [HOVED_CONSULTANT, RANDERS, KKR_KEY]) {
      const other = await app.exec(PROGRAMME, { id: draft.id }, as);
      const missing = await app.exec(PROGRAMME, { id: MISSING }, as);
      expect(other).toMatchObject({ data: { programme: null }, errors: undefined });
      expect(missing).toMatchObject({ data: { programme: null }, errors: undefined });
    }
    const theirs = await app.exec('{ operatedProgrammes(first: 100) { edges { node { name } } } }', {}, HOVED_CONSULTANT);
    expect(theirs.data.operatedProgrammes.edges.map((e: any) => e.node.name)).toEqual(['Vækstcamp Hovedstaden efterår 2026']);
  });

  it('another organisation cannot change a draft, and the answer is the one for a missing programme', async () => {
    const draft = await programmeByName('Digitalisering i SMV\'er (medfinansieret forløb)');
    const r = await app.exec(UPDATE, { i: { id: draft.id, expectedVersion: draft.version, name: 'Taken' } }, HOVED_ADMIN);
    const missing = await app.exec(UPDATE, { i: { id: MISSING, expectedVersion: 1, name: 'x' } }, HOVED_ADMIN);
    expect(r.data.updateProgramme.userErrors).toEqual([{ field: ['input', 'id'], message: 'Programme not found.', code: 'NOT_FOUND' }]);
    expect(missing.data.updateProgramme.userErrors).toEqual(r.data.updateProgramme.userErrors);
    const st = await app.exec(STATE, { i: { id: draft.id, expectedVersion: draft.version, state: 'OPEN' } }, HOVED_ADMIN);
    expect(st.data.changeProgrammeState.userErrors).toEqual(r.data.updateProgramme.userErrors);
    expect((await programmeByName('Digitalisering i SMV\'er (medfinansieret forløb)')).version).toBe(draft.version);
  });

  it('enrolled firms are listed for the operator only: others get null, counts stay visible', async () => {
    const camp = await programmeByName('Vækstcamp Hovedstaden efterår 2026');
    const own = await app.exec(PROGRAMME, { id: camp.id }, HOVED_CONSULTANT);
    expect(own.errors).toBeUndefined();
    expect(own.data.programme.enrolments.edges).toHaveLength(8);
    expect(own.data.programme.throughput).toEqual({ enrolled: 4, completed: 3, droppedOut: 1, total: 8 });
    expect(own.data.programme.availableSeats).toBe(20 - 7);
    for (const as of [MIDT_CONSULTANT, RANDERS, KKR_KEY]) {
      const other = await app.exec(PROGRAMME, { id: camp.id }, as);
      expect(other.errors).toBeUndefined();
      expect(other.data.programme.enrolments).toBeNull();
      expect(other.data.programme.throughput).toEqual({ enrolled: 4, completed: 3, droppedOut: 1, total: 8 });
    }
  });

  it('enrolments are not reachable through the catalogue or operatedProgrammes of another organisation either', async () => {
    const r = await app.exec('{ programmeCatalogue(first: 100) { edges { node { name enrolments(first: 5) { edges { node { id } } } } } } }', {}, MIDT_CONSULTANT);
    const camp = r.data.programmeCatalogue.edges.find((e: any) => e.node.name === 'Vækstcamp Hovedstaden efterår 2026');
    expect(camp.node.enrolments).toBeNull();
    const midt = r.data.programmeCatalogue.edges.find((e: any) => e.node.name === 'Vækstiværksætterprogram Midtjylland');
    expect(midt.node.enrolments.edges.length).toBeGreaterThan(0);
  });

  it('another organisation cannot complete or drop an enrolment; the answer is the one for a missing enrolment', async () => {
    const [e] = await app.ds.query(`SELECT e.id, e.version FROM programme_enrolment e JOIN programme p ON p.id = e.programme_id WHERE p.name = $1 AND e.state = 'ENROLLED' LIMIT 1`, ['Vækstcamp Hovedstaden efterår 2026']);
    const r = await app.exec(CHANGE, { i: { enrolmentId: e.id, expectedVersion: e.version, state: 'DROPPED_OUT' } }, MIDT_CONSULTANT);
    const missing = await app.exec(CHANGE, { i: { enrolmentId: MISSING, expectedVersion: 1, state: 'DROPPED_OUT' } }, MIDT_CONSULTANT);
    expect(r.data.changeEnrolmentState.userErrors).toEqual([{ field: ['input', 'enrolmentId'], message: 'Enrolment not found.', code: 'NOT_FOUND' }]);
    expect(missing.data.changeEnrolmentState.userErrors).toEqual(r.data.changeEnrolmentState.userErrors);
    expect((await app.ds.query('SELECT state FROM programme_enrolment WHERE id = $1', [e.id]))[0].state).toBe('ENROLLED');
  });

  it('throughput aggregates count published programmes for anyone signed in, and nothing of drafts', async () => {
    const draftId = (await programmeByName('Digitalisering i SMV\'er (medfinansieret forløb)')).id;
    // A draft with an enrolment (forced in the database) must not show up in anyone's aggregates.
    const [firm] = await app.ds.query(`SELECT id FROM firm WHERE status = 'REGISTERED' ORDER BY id DESC LIMIT 1`);
    await app.ds.query(`INSERT INTO programme_enrolment (programme_id, firm_id, state, version) VALUES ($1, $2, 'ENROLLED', 1)`, [draftId, firm.id]);
    try {
      const hoved = await app.exec(THROUGHPUT, { f: { operatorOrganisationId: app.org('gh:hovedstaden').id } }, MIDT_CONSULTANT);
      expect(hoved.data.programmeThroughput).toEqual({ programmes: 1, enrolled: 4, completed: 3, droppedOut: 1, total: 8 });
      const midt = await app.exec(THROUGHPUT, { f: { operatorOrganisationId: app.org('gh:midtjylland').id, kinds: ['CO_FINANCED_COURSE'] } }, MIDT_CONSULTANT);
      expect(midt.data.programmeThroughput).toEqual({ programmes: 0, enrolled: 0, completed: 0, droppedOut: 0, total: 0 });
      const key = await app.exec(THROUGHPUT, {}, KKR_KEY);
      expect(key.errors).toBeUndefined();
      expect(key.data.programmeThroughput.total).toBeGreaterThanOrEqual(8);
    } finally {
      await app.ds.query('DELETE FROM programme_enrolment WHERE programme_id = $1', [draftId]);
    }
  });
});

describe('creating and editing programmes', () => {
  const base = { kind: 'DEVELOPMENT_PROGRAMME', name: 'Eksportprogram', startsOn: '2027-01-01', endsOn: '2027-12-31', capacity: 12 };
  const count = async () => (await app.ds.query('SELECT count(*)::int AS n FROM programme'))[0].n;

  it('refuses shares that do not add up to 100 % with a typed error naming the field, writing nothing', async () => {
    const before = await count();
    const r = await app.exec(CREATE, { i: { ...base, fundingSources: [{ funderName: 'A', sharePercent: 33.33 }, { funderName: 'B', sharePercent: 33.33 }, { funderName: 'C', sharePercent: 33.33 }] } }, MIDT_ADMIN);
    expect(r.data.createProgramme.userErrors).toEqual([
      { field: ['input', 'fundingSources'], message: 'The shares must add up to exactly 100 % (they add up to 99.99 %).', code: 'SHARES_DO_NOT_ADD_UP' },
    ]);
    const over = await app.exec(CREATE, { i: { ...base, fundingSources: [{ funderName: 'A', sharePercent: 60 }, { funderName: 'B', sharePercent: 50 }] } }, MIDT_ADMIN);
    expect(over.data.createProgramme.userErrors[0]).toMatchObject({ field: ['input', 'fundingSources'], code: 'SHARES_DO_NOT_ADD_UP' });
    const none = await app.exec(CREATE, { i: { ...base, fundingSources: [] } }, MIDT_ADMIN);
    expect(none.data.createProgramme.userErrors[0]).toMatchObject({ field: ['input', 'fundingSources'], code: 'REQUIRED' });
    expect(await count()).toBe(before);
  });

  it('accepts 33.33 + 33.33 + 33.34 and stores it exactly', async () => {
    const r = await app.exec(CREATE, {
      i: {
        ...base,
        eligibility: { growthPotentialLevels: ['HIGH'], regionIds: [regionId('1082')] },
        fundingSources: [
          { funderOrganisationId: app.org('gh:midtjylland').id, sharePercent: 33.33 },
          { funderOrganisationId: app.org('kkr:1082').id, sharePercent: 33.33 },
          { funderName: 'EU Regionalfond', sharePercent: 33.34, amount: 250000 },
        ],
        kpis: [{ metric: 'Eksporterende virksomheder', target: 10, unit: 'firms' }],
      },
    }, MIDT_ADMIN);
    expect(r.data.createProgramme.userErrors).toEqual([]);
    expect(r.data.createProgramme.programme).toMatchObject({
      state: 'DRAFT',
      version: 1,
      fundingSources: [{ sharePercent: 33.33, shareBasisPoints: 3333 }, { sharePercent: 33.33, shareBasisPoints: 3333 }, { sharePercent: 33.34, shareBasisPoints: 3334 }],
      eligibility: { growthPotentialLevels: ['HIGH'], regions: [{ name: 'Region Midtjylland' }] },
    });
  });

  it('names the field for bad input: dates, regions, shares with three decimals, unknown funder', async () => {
    const r = await app.exec(CREATE, {
      i: {
        ...base,
        startsOn: '2027-06-01',
        endsOn: '2027-01-01',
        eligibility: { regionIds: [app.org('mun:DK:730').id] },
        fundingSources: [{ funderOrganisationId: MISSING, sharePercent: 50.005 }, { sharePercent: 49.995 }],
      },
    }, MIDT_ADMIN);
    const errs = r.data.createProgramme.userErrors.map((e: any) => `${e.field.join('.')} ${e.code}`);
    expect(errs).toEqual(expect.arrayContaining([
      'input.endsOn INVALID',
      'input.eligibility.regionIds.0 NOT_FOUND',
      'input.fundingSources.0.funderOrganisationId NOT_FOUND',
      'input.fundingSources.1.funderName REQUIRED',
      'input.fundingSources.0.sharePercent INVALID',
      'input.fundingSources.1.sharePercent INVALID',
    ]));
    const shape = await app.exec(CREATE, { i: { ...base, capacity: 0, name: '', fundingSources: [{ funderName: 'A', sharePercent: 100 }], eligibility: { industryCodePrefixes: ['6a'] } } }, MIDT_ADMIN);
    expect(shape.data.createProgramme.userErrors.map((e: any) => e.field.join('.'))).toEqual(
      expect.arrayContaining(['input.capacity', 'input.name', 'input.eligibility.industryCodePrefixes']),
    );
  });

  it('only editors of the operator may create; consultants and API keys are refused', async () => {
    const input = { ...base, fundingSources: [{ funderName: 'A', sharePercent: 100 }] };
    const foreign = await app.exec(CREATE, { i: { ...input, operatorOrganisationId: app.org('gh:midtjylland').id } }, HOVED_ADMIN);
    expect(foreign.data.createProgramme.userErrors).toEqual([{ field: ['input', 'operatorOrganisationId'], message: 'You cannot create programmes for that organisation.', code: 'NOT_ALLOWED' }]);
    expect(codes(await app.exec(CREATE, { i: input }, MIDT_CONSULTANT))).toEqual(['FORBIDDEN']);
    expect(codes(await app.exec(CREATE, { i: input }, KKR_KEY))).toEqual(['FORBIDDEN']);
  });

  it('a published programme of another organisation cannot be edited (NOT_ALLOWED: it is public anyway)', async () => {
    const camp = await programmeByName('Vækstcamp Hovedstaden efterår 2026');
    const r = await app.exec(UPDATE, { i: { id: camp.id, expectedVersion: camp.version, capacity: 1000 } }, MIDT_ADMIN);
    expect(r.data.updateProgramme.userErrors).toEqual([{ field: ['input', 'id'], message: 'Only the programme\'s operator can do this.', code: 'NOT_ALLOWED' }]);
  });

  it('edits carry the version; capacity cannot go below the seats taken; state moves only forward', async () => {
    const camp = await programmeByName('Vækstcamp Hovedstaden efterår 2026');
    const low = await app.exec(UPDATE, { i: { id: camp.id, expectedVersion: camp.version, capacity: 3 } }, HOVED_ADMIN);
    expect(low.data.updateProgramme.userErrors[0]).toMatchObject({ field: ['input', 'capacity'], message: '7 seats are taken already; capacity cannot be lower.' });
    const ok = await app.exec(UPDATE, { i: { id: camp.id, expectedVersion: camp.version, capacity: 24 } }, HOVED_ADMIN);
    expect(ok.data.updateProgramme).toMatchObject({ programme: { capacity: 24, version: camp.version + 1 }, userErrors: [] });
    const stale = await app.exec(UPDATE, { i: { id: camp.id, expectedVersion: camp.version, capacity: 30 } }, HOVED_ADMIN);
    expect(stale.data.updateProgramme.userErrors[0]).toMatchObject({ field: ['input', 'expectedVersion'], code: 'VERSION_CONFLICT' });
    const back = await app.exec(STATE, { i: { id: camp.id, expectedVersion: camp.version + 1, state: 'OPEN' } }, HOVED_ADMIN);
    expect(back.data.changeProgrammeState.userErrors[0]).toMatchObject({ field: ['input', 'state'], code: 'INVALID_STATE' });
  });
});

describe('enrolment', () => {
  let programmeId: string;
  beforeAll(async () => {
    programmeId = await createOpenProgramme(MIDT_ADMIN, {
      name: 'Vækstprogram test Midtjylland',
      capacity: 3,
      eligibility: { growthPotentialLevels: ['HIGH'], regionIds: [regionId('1082')], sizeClasses: ['MICRO', 'SMALL'] },
    });
  });

  it('refuses an ineligible firm with NOT_ELIGIBLE naming the criteria it fails', async () => {
    const [low] = await firmsIn('1082', 'LOW', 1);
    const r = await app.exec(ENROL, { i: { programmeId, firmId: low } }, MIDT_CONSULTANT);
    expect(r.data.enrolFirm.failedCriteria).toEqual(['GROWTH_POTENTIAL']);
    expect(r.data.enrolFirm.userErrors).toEqual([
      { field: ['input', 'firmId'], code: 'NOT_ELIGIBLE', message: 'The firm is not eligible. Growth potential: the programme admits HIGH; the firm is LOW.' },
    ]);
    const [outside] = await firmsIn('1084', 'LOW', 1);
    const r2 = await app.exec(ENROL, { i: { programmeId, firmId: outside } }, MIDT_CONSULTANT);
    expect(r2.data.enrolFirm.failedCriteria).toEqual(['GROWTH_POTENTIAL', 'REGION']);
    const [big] = await app.ds.query(
      `SELECT f.id FROM firm f JOIN organisation m ON m.id = f.municipality_id WHERE m.region_id = $1 AND (SELECT a.level FROM growth_potential_assessment a WHERE a.firm_id = f.id ORDER BY a.assessed_at DESC, a.id DESC LIMIT 1) = 'HIGH' AND f.employees >= 50 LIMIT 1`,
      [regionId('1082')],
    );
    if (big) expect((await app.exec(ENROL, { i: { programmeId, firmId: big.id } }, MIDT_CONSULTANT)).data.enrolFirm.failedCriteria).toEqual(['SIZE']);
    const check = await app.exec('query($p: ID!, $f: ID!) { programmeEligibility(programmeId: $p, firmId: $f) { eligible failedCriteria reasons } }', { p: programmeId, f: outside }, RANDERS);
    expect(check.data.programmeEligibility).toMatchObject({ eligible: false, failedCriteria: ['GROWTH_POTENTIAL', 'REGION'] });
    expect(await app.ds.query('SELECT id FROM programme_enrolment WHERE programme_id = $1', [programmeId])).toEqual([]);
  });

  it('enrols eligible firms with a server-timestamped history, then refuses a duplicate and a full programme', async () => {
    const firms = await firmsIn('1082', 'HIGH', 4);
    const before = Date.now();
    const first = await app.exec(ENROL, { i: { programmeId, firmId: firms[0], note: 'Met at growth mapping' } }, MIDT_CONSULTANT);
    expect(first.data.enrolFirm.userErrors).toEqual([]);
    expect(first.data.enrolFirm.enrolment).toMatchObject({ state: 'ENROLLED', version: 1, firm: { id: firms[0] } });
    const at = Date.parse(first.data.enrolFirm.enrolment.history[0].recordedAt);
    expect(at).toBeGreaterThanOrEqual(before - 5000);
    expect(at).toBeLessThanOrEqual(Date.now() + 5000);
    const dup = await app.exec(ENROL, { i: { programmeId, firmId: firms[0] } }, MIDT_CONSULTANT);
    expect(dup.data.enrolFirm.userErrors).toEqual([{ field: ['input', 'firmId'], message: 'This firm is enrolled in the programme already.', code: 'DUPLICATE' }]);
    for (const f of firms.slice(1, 3)) expect((await app.exec(ENROL, { i: { programmeId, firmId: f } }, MIDT_CONSULTANT)).data.enrolFirm.userErrors).toEqual([]);
    const full = await app.exec(ENROL, { i: { programmeId, firmId: firms[3] } }, MIDT_CONSULTANT);
    expect(full.data.enrolFirm.userErrors).toEqual([{ field: ['input', 'programmeId'], message: 'The programme is full (3 of 3 seats taken).', code: 'CAPACITY_FULL' }]);
  });

  it('a drop-out frees a seat; completion keeps it; both only from ENROLLED, with the version', async () => {
    const rows = await app.ds.query(`SELECT id, version FROM programme_enrolment WHERE programme_id = $1 ORDER BY created_at, id`, [programmeId]);
    const drop = await app.exec(CHANGE, { i: { enrolmentId: rows[0].id, expectedVersion: 1, state: 'DROPPED_OUT', note: 'Sold the firm' } }, MIDT_CONSULTANT);
    expect(drop.data.changeEnrolmentState.userErrors).toEqual([]);
    expect(drop.data.changeEnrolmentState.enrolment).toMatchObject({ state: 'DROPPED_OUT', version: 2 });
    expect(drop.data.changeEnrolmentState.enrolment.history.map((h: any) => [h.state, h.note])).toEqual([['ENROLLED', 'Met at growth mapping'], ['DROPPED_OUT', 'Sold the firm']]);
    const again = await app.exec(CHANGE, { i: { enrolmentId: rows[0].id, expectedVersion: 2, state: 'COMPLETED' } }, MIDT_CONSULTANT);
    expect(again.data.changeEnrolmentState.userErrors[0]).toMatchObject({ field: ['input', 'state'], code: 'INVALID_STATE' });
    const stale = await app.exec(CHANGE, { i: { enrolmentId: rows[1].id, expectedVersion: 7, state: 'COMPLETED' } }, MIDT_CONSULTANT);
    expect(stale.data.changeEnrolmentState.userErrors[0]).toMatchObject({ field: ['input', 'expectedVersion'], code: 'VERSION_CONFLICT' });
    const done = await app.exec(CHANGE, { i: { enrolmentId: rows[1].id, expectedVersion: 1, state: 'COMPLETED' } }, MIDT_CONSULTANT);
    expect(done.data.changeEnrolmentState.enrolment.state).toBe('COMPLETED');
    const [next] = await firmsIn('1082', 'HIGH', 1);
    expect((await app.exec(ENROL, { i: { programmeId, firmId: next } }, MIDT_CONSULTANT)).data.enrolFirm.userErrors).toEqual([]);
    const p = await app.exec(PROGRAMME, { id: programmeId }, MIDT_CONSULTANT);
    expect(p.data.programme).toMatchObject({ availableSeats: 0, throughput: { enrolled: 2, completed: 1, droppedOut: 1, total: 4 } });
  });

  it('only the operator\'s consultants enrol; another organisation\'s prospect is "not found"', async () => {
    const [firm] = await firmsIn('1082', 'HIGH', 1);
    const foreign = await app.exec(ENROL, { i: { programmeId, firmId: firm } }, HOVED_CONSULTANT);
    expect(foreign.data.enrolFirm.userErrors).toEqual([{ field: ['input', 'programmeId'], message: 'Only the programme\'s operator can do this.', code: 'NOT_ALLOWED' }]);
    expect(codes(await app.exec(ENROL, { i: { programmeId, firmId: firm } }, { email: 'viewer@kkr-midtjylland.demo' }))).toEqual(['FORBIDDEN']);
    const [prospect] = await app.ds.query(`SELECT id FROM firm WHERE status = 'PROSPECT' AND owner_organisation_id = $1`, [app.org('gh:hovedstaden').id]);
    const p = await app.exec(ENROL, { i: { programmeId, firmId: prospect.id } }, MIDT_CONSULTANT);
    const m = await app.exec(ENROL, { i: { programmeId, firmId: MISSING } }, MIDT_CONSULTANT);
    expect(p.data.enrolFirm.userErrors).toEqual([{ field: ['input', 'firmId'], message: 'Firm not found.', code: 'NOT_FOUND' }]);
    expect(m.data.enrolFirm.userErrors).toEqual(p.data.enrolFirm.userErrors);
  });

  it('refuses enrolment in a draft (not found for others) and in a closed programme', async () => {
    const draft = await programmeByName('Digitalisering i SMV\'er (medfinansieret forløb)');
    const [firm] = await firmsIn('1082', 'HIGH', 1);
    const own = await app.exec(ENROL, { i: { programmeId: draft.id, firmId: firm } }, MIDT_CONSULTANT);
    expect(own.data.enrolFirm.userErrors[0]).toMatchObject({ field: ['input', 'programmeId'], code: 'INVALID_STATE' });
    const other = await app.exec(ENROL, { i: { programmeId: draft.id, firmId: firm } }, HOVED_CONSULTANT);
    expect(other.data.enrolFirm.userErrors).toEqual([{ field: ['input', 'programmeId'], message: 'Programme not found.', code: 'NOT_FOUND' }]);
    const closedId = await createOpenProgramme(MIDT_ADMIN, { name: 'Closed soon' });
    expect((await app.exec(STATE, { i: { id: closedId, expectedVersion: 2, state: 'CLOSED' } }, MIDT_ADMIN)).data.changeProgrammeState.userErrors).toEqual([]);
    const closed = await app.exec(ENROL, { i: { programmeId: closedId, firmId: firm } }, MIDT_CONSULTANT);
    expect(closed.data.enrolFirm.userErrors).toEqual([
      { field: ['input', 'programmeId'], message: 'The programme is CLOSED: firms can be enrolled only while it is OPEN or RUNNING.', code: 'INVALID_STATE' },
    ]);
  });
});

describe('concurrent enrolments never overfill the capacity', () => {
  it('of 16 parallel enrolments in a programme with 5 seats exactly 5 succeed', async () => {
    const programmeId = await createOpenProgramme(MIDT_ADMIN, { name: 'Concurrency camp', capacity: 5, eligibility: { regionIds: [regionId('1082')] } });
    const firms = await firmsIn('1082', 'MEDIUM', 16, 1_000_000);
    expect(firms).toHaveLength(16);
    await app.tokenFor(MIDT_CONSULTANT.email);
    const results = await Promise.all(firms.map((firmId) => app.exec(ENROL, { i: { programmeId, firmId } }, MIDT_CONSULTANT)));
    const ok = results.filter((r) => r.data.enrolFirm.userErrors.length === 0);
    const full = results.filter((r) => r.data.enrolFirm.userErrors[0]?.code === 'CAPACITY_FULL');
    expect(results.filter((r) => r.errors)).toEqual([]);
    expect(ok).toHaveLength(5);
    expect(full).toHaveLength(11);
    const [{ n }] = await app.ds.query(`SELECT count(*)::int AS n FROM programme_enrolment WHERE programme_id = $1`, [programmeId]);
    expect(n).toBe(5);
  });
});

describe('no N+1 in the catalogue', () => {
  const NESTED = `query($first: Int!, $f: ProgrammeCatalogueFilter) { programmeCatalogue(first: $first, filter: $f) { edges { node {
    name operator { name region { name } }
    eligibility { growthPotentialLevels regions { name } industryCodePrefixes sizeClasses }
    fundingSources { sharePercent funder { name } } kpis { metric target unit }
    throughput { enrolled completed droppedOut } availableSeats
    enrolments(first: 5) { edges { node { state firm { name municipality { name } } history { state recordedAt } } } } } } } }`;

  it('issues the same number of statements for 1 programme as for all of them', async () => {
    for (let i = 0; i < 4; i++) {
      const id = await createOpenProgramme(MIDT_ADMIN, { name: `N+1 programme ${i}`, eligibility: { regionIds: [regionId('1082')] } });
      for (const firmId of await firmsIn('1082', 'MEDIUM', 2, 1_000_000)) {
        expect((await app.exec(ENROL, { i: { programmeId: id, firmId } }, MIDT_CONSULTANT)).data.enrolFirm.userErrors).toEqual([]);
      }
    }
    const one = await app.exec(NESTED, { first: 1, f: { namePrefix: 'Vækstiværksætter' } }, MIDT_CONSULTANT);
    const all = await app.exec(NESTED, { first: 50, f: {} }, MIDT_CONSULTANT);
    expect(one.errors).toBeUndefined();
    expect(all.errors).toBeUndefined();
    expect(all.data.programmeCatalogue.edges.length).toBeGreaterThan(5);
    const enrolments = (r: any) => r.data.programmeCatalogue.edges.flatMap((e: any) => e.node.enrolments?.edges ?? []).length;
    expect(enrolments(all)).toBeGreaterThan(enrolments(one));
    // One statement per loader and nesting level. Loads of the same loader (organisations: operator, regions, funders,
    // municipalities) at different depths may or may not share a batch depending on database timing: allow that slack,
    // but nothing that grows with the rows.
    expect(all.queries.count).toBeLessThanOrEqual(one.queries.count + 2);
    expect(all.queries.count).toBeLessThanOrEqual(14);
  });
});
