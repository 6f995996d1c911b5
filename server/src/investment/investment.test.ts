import { codes, createTestApp, TestApp } from '../testing/harness';

let app: TestApp;
let nordlicht: string; // i1: ACTIVE, offers from Kalmar and Oskarshamn
let laks: string; // i2: LEAD, offer from Nybro

const COORD = 'coordinator@kalmar.demo'; // Region Kalmar län EDITOR + Kalmar kommun CONSULTANT
const BS = 'agent@business-sweden.test';
const NYBRO = 'naringsliv@nybro.test';
const OSKARSHAMN = 'naringsliv@oskarshamn.test';
const MORBYLANGA = 'naringsliv@morbylanga.test'; // in Kalmar län, not in the group
const HOVED = 'consultant@hovedstaden.demo';
const COPCAP = 'investment@copcap.demo';
const COPCAP_EDITOR = 'editor@copcap.test';
const KBH = 'erhverv@kk.test';
const KEY = { apiKey: 'ggk_demo_kkr_midtjylland_read_only' };
const MISSING = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  app = await createTestApp({ firmCount: 300 });
  await app.addUser(BS, 'business-sweden', 'CONSULTANT');
  await app.addUser(NYBRO, 'mun:SE:0881', 'CONSULTANT');
  await app.addUser(OSKARSHAMN, 'mun:SE:0882', 'CONSULTANT');
  await app.addUser(MORBYLANGA, 'mun:SE:0840', 'CONSULTANT');
  await app.addUser(COPCAP_EDITOR, 'copcap', 'EDITOR');
  await app.addUser(KBH, 'mun:DK:101', 'VIEWER');
  [{ id: nordlicht }] = await app.ds.query(`SELECT id FROM establishment_inquiry WHERE code_name = 'EI-K4LM2Q'`);
  [{ id: laks }] = await app.ds.query(`SELECT id FROM establishment_inquiry WHERE code_name = 'EI-7RBX3N'`);
});
afterAll(() => app?.close());

const INQUIRY = `query($id: ID!) { establishmentInquiry(id: $id) {
  id codeName displayName confidentialProjectName summary myRole state projectedJobs realisedJobs
  group { name } offers { description municipality { name } } stateHistory { fromState toState changedAt changedBy { displayName } changedByOrganisation { name } }
} }`;
const INQUIRIES = `query { establishmentInquiries(first: 50) { edges { node { id codeName displayName confidentialProjectName summary group { name } offers { description } stateHistory { toState } } } } }`;
const PIPELINE = `query { establishmentPipeline { lead active delayed eliminated successful projectedJobsOpen realisedJobs realisedInvestmentSek } }`;
const CHANGE = `mutation($i: ChangeEstablishmentInquiryStateInput!) { changeEstablishmentInquiryState(input: $i) {
  inquiry { id state version realisedJobs projectedJobs evidence stateHistory { fromState toState changedAt changedBy { displayName } } } userErrors { field message code } } }`;
const OFFER = `mutation($i: SubmitEstablishmentOfferInput!) { submitEstablishmentOffer(input: $i) { offer { id description version municipality { name } } userErrors { field message code } } }`;
const CREATE_INQUIRY = `mutation($i: CreateEstablishmentInquiryInput!) { createEstablishmentInquiry(input: $i) {
  inquiry { id codeName displayName state stateHistory { toState } group { name } } userErrors { field message code } } }`;
const offerNames = (r: any) => r.data.establishmentInquiry.offers.map((o: any) => o.municipality.name).sort();

describe('establishment inquiries: who sees the confidential project name and the offers', () => {
  it('the coordinator sees the confidential name, the group, every offer and the history', async () => {
    const r = await app.exec(INQUIRY, { id: nordlicht }, { email: COORD });
    expect(r.errors).toBeUndefined();
    expect(r.data.establishmentInquiry).toMatchObject({
      codeName: 'EI-K4LM2Q',
      displayName: 'Projekt Nordlicht: fabrik för katodmaterial till batterier',
      confidentialProjectName: 'Projekt Nordlicht: fabrik för katodmaterial till batterier',
      myRole: 'COORDINATOR',
      state: 'ACTIVE',
    });
    expect(r.data.establishmentInquiry.group.map((g: any) => g.name)).toEqual(['Kalmar kommun', 'Nybro kommun', 'Oskarshamn kommun']);
    expect(offerNames(r)).toEqual(['Kalmar kommun', 'Oskarshamn kommun']);
    expect(r.data.establishmentInquiry.stateHistory.map((h: any) => h.toState)).toEqual(['LEAD', 'ACTIVE']);
  });

  it('the receiving agency (Business Sweden) sees every offer too', async () => {
    const r = await app.exec(INQUIRY, { id: nordlicht }, { email: BS });
    expect(r.data.establishmentInquiry.myRole).toBe('AGENCY');
    expect(offerNames(r)).toEqual(['Kalmar kommun', 'Oskarshamn kommun']);
  });

  it('a municipality in the group sees the confidential name but only its own offer, not a competitor\'s', async () => {
    const osk = await app.exec(INQUIRY, { id: nordlicht }, { email: OSKARSHAMN });
    expect(osk.data.establishmentInquiry).toMatchObject({ myRole: 'GROUP_MUNICIPALITY', confidentialProjectName: 'Projekt Nordlicht: fabrik för katodmaterial till batterier' });
    expect(offerNames(osk)).toEqual(['Oskarshamn kommun']);
    expect(JSON.stringify(osk.data)).not.toContain('Tvärskogen'); // Kalmar's offer text
    // Nybro (no offer on this one) sees none.
    const nybro = await app.exec(INQUIRY, { id: nordlicht }, { email: NYBRO });
    expect(nybro.data.establishmentInquiry.offers).toEqual([]);
    // The coordinator acting only as Kalmar kommun (organisation switcher) sees Kalmar's offer only.
    const kalmarOnly = await app.exec(INQUIRY, { id: nordlicht }, { email: COORD, organisationId: app.org('mun:SE:0880').id });
    expect(kalmarOnly.data.establishmentInquiry.myRole).toBe('GROUP_MUNICIPALITY');
    expect(offerNames(kalmarOnly)).toEqual(['Kalmar kommun']);
  });

  it('a municipality of the region outside the group sees only the code name: no confidential name, summary, group, offers or history', async () => {
    const r = await app.exec(INQUIRY, { id: nordlicht }, { email: MORBYLANGA });
    expect(r.errors).toBeUndefined();
    expect(r.data.establishmentInquiry).toMatchObject({
      codeName: 'EI-K4LM2Q',
      displayName: 'EI-K4LM2Q',
      confidentialProjectName: null,
      summary: null,
      myRole: 'OBSERVER',
      group: null,
      offers: [],
      stateHistory: null,
      projectedJobs: 250,
    });
    const list = await app.exec(INQUIRIES, {}, { email: MORBYLANGA });
    expect(list.data.establishmentInquiries.edges).toHaveLength(2);
    const text = JSON.stringify(list.data);
    for (const secret of ['Nordlicht', 'Laks', 'Tvärskogen', 'Nybro', 'batteri']) expect(text).not.toContain(secret);
  });

  it('an organisation outside the region sees nothing: by id, in the list, in the pipeline aggregate', async () => {
    for (const caller of [{ email: HOVED }, KEY]) {
      const other = await app.exec(INQUIRY, { id: nordlicht }, caller);
      const missing = await app.exec(INQUIRY, { id: MISSING }, caller);
      expect(other).toMatchObject({ data: { establishmentInquiry: null }, errors: undefined });
      expect(missing).toMatchObject({ data: { establishmentInquiry: null }, errors: undefined });
      expect((await app.exec(INQUIRIES, {}, caller)).data.establishmentInquiries.edges).toEqual([]);
      expect((await app.exec(PIPELINE, {}, caller)).data.establishmentPipeline).toMatchObject({ lead: 0, active: 0, successful: 0, projectedJobsOpen: 0 });
    }
    const coord = await app.exec(PIPELINE, {}, { email: COORD });
    expect(coord.data.establishmentPipeline).toMatchObject({ lead: 1, active: 1, projectedJobsOpen: 310, realisedJobs: 0 });
  });

  it('error messages do not tell a hidden inquiry from a missing one', async () => {
    const hidden = await app.exec(OFFER, { i: { inquiryId: nordlicht, municipalityId: app.org('mun:DK:101').id, description: 'x' } }, { email: HOVED });
    const missing = await app.exec(OFFER, { i: { inquiryId: MISSING, municipalityId: app.org('mun:DK:101').id, description: 'x' } }, { email: HOVED });
    expect(hidden.data.submitEstablishmentOffer.userErrors).toEqual([{ field: ['input', 'inquiryId'], message: 'Establishment inquiry not found.', code: 'NOT_FOUND' }]);
    expect(missing.data.submitEstablishmentOffer.userErrors).toEqual(hidden.data.submitEstablishmentOffer.userErrors);
    const observer = await app.exec(CHANGE, { i: { id: nordlicht, expectedVersion: 1, toState: 'DELAYED' } }, { email: MORBYLANGA });
    expect(observer.data.changeEstablishmentInquiryState.userErrors).toEqual([{ field: ['input', 'id'], message: 'Establishment inquiry not found.', code: 'NOT_FOUND' }]);
  });

  it('anonymous callers are refused', async () => {
    expect(codes(await app.exec(INQUIRIES, {}))).toEqual(['UNAUTHENTICATED']);
  });
});

describe('offers from municipalities', () => {
  it('a group municipality makes its offer once; the competing municipality does not see it, the coordinator does', async () => {
    const r = await app.exec(OFFER, { i: { inquiryId: nordlicht, municipalityId: app.org('mun:SE:0881').id, description: 'Nybro: 50 ha by the rail line' } }, { email: NYBRO });
    expect(r.data.submitEstablishmentOffer.userErrors).toEqual([]);
    expect(r.data.submitEstablishmentOffer.offer.municipality.name).toBe('Nybro kommun');
    const again = await app.exec(OFFER, { i: { inquiryId: nordlicht, municipalityId: app.org('mun:SE:0881').id, description: 'Second' } }, { email: NYBRO });
    expect(again.data.submitEstablishmentOffer.userErrors[0]).toMatchObject({ field: ['input', 'municipalityId'], code: 'DUPLICATE' });
    expect(offerNames(await app.exec(INQUIRY, { id: nordlicht }, { email: OSKARSHAMN }))).toEqual(['Oskarshamn kommun']);
    expect(offerNames(await app.exec(INQUIRY, { id: nordlicht }, { email: COORD }))).toEqual(['Kalmar kommun', 'Nybro kommun', 'Oskarshamn kommun']);
  });

  it('a municipality cannot offer on behalf of another, and only group municipalities can offer', async () => {
    const forOther = await app.exec(OFFER, { i: { inquiryId: laks, municipalityId: app.org('mun:SE:0882').id, description: 'x' } }, { email: NYBRO });
    expect(forOther.data.submitEstablishmentOffer.userErrors[0]).toMatchObject({ field: ['input', 'municipalityId'], code: 'NOT_ALLOWED' });
    const observer = await app.exec(OFFER, { i: { inquiryId: laks, municipalityId: app.org('mun:SE:0840').id, description: 'x' } }, { email: MORBYLANGA });
    expect(observer.data.submitEstablishmentOffer.userErrors[0]).toMatchObject({ field: ['input', 'inquiryId'], code: 'NOT_FOUND' });
  });

  it('an offer is edited with expectedVersion; a stale one is a conflict; a competitor cannot edit it', async () => {
    const [{ id }] = await app.ds.query(`SELECT id FROM establishment_offer WHERE inquiry_id = $1 AND municipality_id = $2`, [laks, app.org('mun:SE:0881').id]);
    const Q = `mutation($i: UpdateEstablishmentOfferInput!) { updateEstablishmentOffer(input: $i) { offer { version description } userErrors { field code message } } }`;
    const ok = await app.exec(Q, { i: { id, expectedVersion: 1, description: 'Nybro: 10 ha' } }, { email: NYBRO });
    expect(ok.data.updateEstablishmentOffer).toMatchObject({ offer: { version: 2, description: 'Nybro: 10 ha' }, userErrors: [] });
    const stale = await app.exec(Q, { i: { id, expectedVersion: 1, description: 'Old' } }, { email: NYBRO });
    expect(stale.data.updateEstablishmentOffer.userErrors[0]).toMatchObject({ field: ['input', 'expectedVersion'], code: 'VERSION_CONFLICT' });
    const rival = await app.exec(Q, { i: { id, expectedVersion: 2, description: 'Sabotage' } }, { email: OSKARSHAMN });
    expect(rival.data.updateEstablishmentOffer.userErrors).toEqual([{ field: ['input', 'id'], message: 'Offer not found.', code: 'NOT_FOUND' }]);
  });
});

describe('the pipeline: states, history, evidence of success', () => {
  it('a move the pipeline does not allow is refused naming toState', async () => {
    const r = await app.exec(CHANGE, { i: { id: laks, expectedVersion: 1, toState: 'SUCCESSFUL', evidence: { description: 'x', establishedInMunicipalityId: app.org('mun:SE:0881').id, realisedJobs: 1 } } }, { email: COORD });
    expect(r.data.changeEstablishmentInquiryState.userErrors[0]).toMatchObject({ field: ['input', 'toState'], code: 'NOT_ALLOWED' });
  });

  it('SUCCESSFUL without evidence is refused naming the evidence field; nothing changes', async () => {
    const r = await app.exec(CHANGE, { i: { id: nordlicht, expectedVersion: 1, toState: 'SUCCESSFUL' } }, { email: COORD });
    expect(r.data.changeEstablishmentInquiryState.inquiry).toBeNull();
    expect(r.data.changeEstablishmentInquiryState.userErrors).toEqual([expect.objectContaining({ field: ['input', 'evidence'], code: 'REQUIRED' })]);
    const blank = await app.exec(CHANGE, { i: { id: nordlicht, expectedVersion: 1, toState: 'SUCCESSFUL', evidence: { description: '', establishedInMunicipalityId: app.org('mun:SE:0880').id, realisedJobs: 10 } } }, { email: COORD });
    expect(blank.data.changeEstablishmentInquiryState.userErrors[0].field).toEqual(['input', 'evidence', 'description']);
    const elsewhere = await app.exec(CHANGE, { i: { id: nordlicht, expectedVersion: 1, toState: 'SUCCESSFUL', evidence: { description: 'Lease', establishedInMunicipalityId: app.org('mun:SE:0840').id, realisedJobs: 10 } } }, { email: COORD });
    expect(elsewhere.data.changeEstablishmentInquiryState.userErrors[0].field).toEqual(['input', 'evidence', 'establishedInMunicipalityId']);
    const [row] = await app.ds.query('SELECT state, realised_jobs FROM establishment_inquiry WHERE id = $1', [nordlicht]);
    expect(row).toEqual({ state: 'ACTIVE', realised_jobs: null });
    await expect(app.ds.query(`UPDATE establishment_inquiry SET state = 'SUCCESSFUL' WHERE id = $1`, [nordlicht])).rejects.toThrow(/CHK_establishment_inquiry_success_evidence/);
  });

  it('a group municipality cannot move the pipeline', async () => {
    const r = await app.exec(CHANGE, { i: { id: nordlicht, expectedVersion: 1, toState: 'DELAYED' } }, { email: NYBRO });
    expect(r.data.changeEstablishmentInquiryState.userErrors[0]).toMatchObject({ field: ['input', 'id'], code: 'NOT_ALLOWED' });
  });

  it('with evidence it becomes SUCCESSFUL; realised figures are kept apart from projected ones; history has server time and who', async () => {
    const r = await app.exec(
      CHANGE,
      { i: { id: nordlicht, expectedVersion: 1, toState: 'SUCCESSFUL', note: 'Signed', evidence: { description: 'Land purchase signed 2026-02-01; company registered', establishedInMunicipalityId: app.org('mun:SE:0882').id, realisedJobs: 40, realisedInvestmentSek: '300000000' } } },
      { email: COORD },
    );
    expect(r.data.changeEstablishmentInquiryState.userErrors).toEqual([]);
    const inq = r.data.changeEstablishmentInquiryState.inquiry;
    expect(inq).toMatchObject({ state: 'SUCCESSFUL', version: 2, projectedJobs: 250, realisedJobs: 40 });
    const last = inq.stateHistory.at(-1);
    expect(last).toMatchObject({ fromState: 'ACTIVE', toState: 'SUCCESSFUL', changedBy: { displayName: 'Karin Koordinator' } });
    expect(Math.abs(Date.parse(last.changedAt) - Date.now())).toBeLessThan(60_000);
    const p = await app.exec(PIPELINE, {}, { email: COORD });
    expect(p.data.establishmentPipeline).toMatchObject({ active: 0, successful: 1, projectedJobsOpen: 60, realisedJobs: 40, realisedInvestmentSek: '300000000.00' });
    // Evidence is confidential to handlers.
    expect((await app.exec(`query($id: ID!) { establishmentInquiry(id: $id) { evidence realisedJobs } }`, { id: nordlicht }, { email: MORBYLANGA })).data.establishmentInquiry).toEqual({ evidence: null, realisedJobs: 40 });
  });

  it('a stale version is a conflict; SUCCESSFUL is final', async () => {
    const stale = await app.exec(CHANGE, { i: { id: laks, expectedVersion: 7, toState: 'ACTIVE' } }, { email: COORD });
    expect(stale.data.changeEstablishmentInquiryState.userErrors[0]).toMatchObject({ field: ['input', 'expectedVersion'], code: 'VERSION_CONFLICT' });
    const final = await app.exec(CHANGE, { i: { id: nordlicht, expectedVersion: 2, toState: 'ACTIVE' } }, { email: COORD });
    expect(final.data.changeEstablishmentInquiryState.userErrors[0]).toMatchObject({ field: ['input', 'toState'], code: 'NOT_ALLOWED' });
  });
});

describe('recording an inquiry', () => {
  const base = () => ({
    receivedFromOrganisationId: app.org('business-sweden').id,
    coordinatorOrganisationId: app.org('region:SE:08').id,
    projectName: 'Project Falk',
    sector: 'MANUFACTURING',
    groupMunicipalityIds: [app.org('mun:SE:0880').id, app.org('mun:SE:0882').id],
  });
  it.each([
    ['a country name instead of a code', { originCountry: 'Germany' }, ['input', 'originCountry']],
    ['negative projected jobs', { projectedJobs: -3 }, ['input', 'projectedJobs']],
    ['an investment with a separator', { projectedInvestmentSek: '1.000.000' }, ['input', 'projectedInvestmentSek']],
    ['an empty group', { groupMunicipalityIds: [] }, ['input', 'groupMunicipalityIds']],
    ['a region in the group', { groupMunicipalityIds: ['REGION'] }, ['input', 'groupMunicipalityIds', '0']],
    ['a municipality as the sending agency', { receivedFromOrganisationId: 'MUN' }, ['input', 'receivedFromOrganisationId']],
  ])('%s is refused naming the field', async (_l, override, field) => {
    const input: any = { ...base(), ...override };
    if (input.groupMunicipalityIds[0] === 'REGION') input.groupMunicipalityIds = [app.org('region:SE:08').id];
    if (input.receivedFromOrganisationId === 'MUN') input.receivedFromOrganisationId = app.org('mun:SE:0880').id;
    const r = await app.exec(CREATE_INQUIRY, { i: input }, { email: COORD });
    expect(r.errors).toBeUndefined();
    expect(r.data.createEstablishmentInquiry.userErrors[0].field).toEqual(field);
  });

  it('a new inquiry starts as LEAD with a generated code name and a first history entry', async () => {
    const r = await app.exec(CREATE_INQUIRY, { i: { ...base(), projectedJobs: 30 } }, { email: BS });
    expect(r.data.createEstablishmentInquiry.userErrors).toEqual([]);
    expect(r.data.createEstablishmentInquiry.inquiry).toMatchObject({ displayName: 'Project Falk', state: 'LEAD', stateHistory: [{ toState: 'LEAD' }] });
    expect(r.data.createEstablishmentInquiry.inquiry.codeName).toMatch(/^EI-[A-Z2-9]{6}$/);
  });

  it('nobody outside the agency and the coordinator can record one for them', async () => {
    const r = await app.exec(CREATE_INQUIRY, { i: base() }, { email: NYBRO });
    expect(r.data.createEstablishmentInquiry.userErrors[0]).toMatchObject({ field: ['input', 'coordinatorOrganisationId'], code: 'NOT_ALLOWED' });
  });
});

describe('statement count of the nested inquiry list does not grow with the rows', () => {
  const NESTED = `query { establishmentInquiries(first: 50) { edges { node {
    displayName confidentialProjectName myRole receivedFrom { name } coordinator { name } group { name region { name } }
    offers { description municipality { name } } stateHistory { toState changedBy { displayName } changedByOrganisation { name } }
  } } } }`;
  it('is the same with 3 inquiries as with 6 (each new one routed to a new municipality, with an offer)', async () => {
    const before = (await app.exec(NESTED, {}, { email: COORD })).data.establishmentInquiries.edges.length;
    const counts: number[] = [];
    for (let k = 0; k < 4; k++) {
      const r = await app.exec(CREATE_INQUIRY, {
        i: {
          receivedFromOrganisationId: app.org('business-sweden').id,
          coordinatorOrganisationId: app.org('region:SE:08').id,
          projectName: `Project Count ${k}`,
          sector: 'ICT',
          groupMunicipalityIds: [app.org('mun:SE:0881').id, app.org(['mun:SE:0883', 'mun:SE:0860', 'mun:SE:0861', 'mun:SE:0862'][k]).id],
        },
      }, { email: COORD });
      const id = r.data.createEstablishmentInquiry.inquiry.id;
      const o = await app.exec(OFFER, { i: { inquiryId: id, municipalityId: app.org('mun:SE:0881').id, description: 'Nybro offer' } }, { email: NYBRO });
      expect(o.data.submitEstablishmentOffer.userErrors).toEqual([]);
      const after = await app.exec(NESTED, {}, { email: COORD });
      expect(after.errors).toBeUndefined();
      expect(after.data.establishmentInquiries.edges.length).toBe(before + k + 1);
      counts.push(after.queries.count);
    }
    // A fixed ceiling whatever the rows; +-1 where a depth finds all its organisations in the request cache.
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    expect(Math.max(...counts)).toBeLessThanOrEqual(10);
  });
});

describe('delegations and the shared reception', () => {
  const DELEGATIONS = `query { delegations(first: 20) { edges { node { id name originCountry sectorFocus visitorCount reception { name }
    hostMunicipalities { name } followUps { note } results { followUpCount contactsMade projectsStarted establishments jobsCreated } } } } }`;
  const RESULTS = `query { delegationResults { delegationCount visitorCount followUpCount contactsMade projectsStarted establishments jobsCreated } }`;
  const CREATE = `mutation($i: CreateDelegationInput!) { createDelegation(input: $i) { delegation { id hostMunicipalities { name } } userErrors { field message code } } }`;

  it('Copenhagen Capacity receives for 46 municipalities, 9 of them pilots', async () => {
    const r = await app.exec(`query($id: ID!) { receptionMunicipalities(receptionOrganisationId: $id) { pilot municipality { name } } }`, { id: app.org('copcap').id }, { email: COPCAP });
    expect(r.data.receptionMunicipalities).toHaveLength(46);
    expect(r.data.receptionMunicipalities.filter((m: any) => m.pilot)).toHaveLength(9);
  });

  it('the reception sees its delegations with value created, not only visitors', async () => {
    const r = await app.exec(DELEGATIONS, {}, { email: COPCAP });
    const names = r.data.delegations.edges.map((e: any) => e.node.name);
    expect(names).toEqual(['Vandteknologidelegation fra Guangdong', 'Cleantech-delegation fra Shenzhen']);
    const shenzhen = r.data.delegations.edges[1].node;
    expect(shenzhen).toMatchObject({ originCountry: 'CN', sectorFocus: 'CLEANTECH', visitorCount: 18, results: { followUpCount: 2, contactsMade: 14, projectsStarted: 1, establishments: 1, jobsCreated: 6 } });
    const totals = await app.exec(RESULTS, {}, { email: COPCAP });
    expect(totals.data.delegationResults).toEqual({ delegationCount: 2, visitorCount: 29, followUpCount: 3, contactsMade: 20, projectsStarted: 2, establishments: 1, jobsCreated: 6 });
  });

  it('a hosting municipality sees the delegation it hosted only; another organisation sees none (list, id, aggregate)', async () => {
    const kbh = await app.exec(DELEGATIONS, {}, { email: KBH });
    expect(kbh.data.delegations.edges.map((e: any) => e.node.name)).toEqual(['Cleantech-delegation fra Shenzhen']);
    const id = kbh.data.delegations.edges[0].node.id;
    const [{ id: hidden }] = await app.ds.query(`SELECT id FROM delegation WHERE name LIKE 'Vandteknologidelegation%'`);
    expect((await app.exec(`query($id: ID!) { delegation(id: $id) { id } }`, { id: hidden }, { email: KBH })).data.delegation).toBeNull();
    for (const caller of [{ email: HOVED }, KEY]) {
      expect((await app.exec(DELEGATIONS, {}, caller)).data.delegations.edges).toEqual([]);
      expect((await app.exec(`query($id: ID!) { delegation(id: $id) { id } }`, { id }, caller)).data.delegation).toBeNull();
      expect((await app.exec(RESULTS, {}, caller)).data.delegationResults).toMatchObject({ delegationCount: 0, jobsCreated: 0 });
    }
  });

  it('bad input names the field; hosts must take part in the reception', async () => {
    const base = { receptionOrganisationId: app.org('copcap').id, name: 'Beijing delegation', originCountry: 'CN', sectorFocus: 'CLEANTECH', visitStartsOn: '2026-05-04', visitEndsOn: '2026-05-06', hostMunicipalityIds: [app.org('mun:DK:101').id] };
    const backwards = await app.exec(CREATE, { i: { ...base, visitEndsOn: '2026-05-01' } }, { email: COPCAP });
    expect(backwards.data.createDelegation.userErrors[0].field).toEqual(['input', 'visitEndsOn']);
    const aarhus = await app.exec(CREATE, { i: { ...base, hostMunicipalityIds: [app.org('mun:DK:751').id] } }, { email: COPCAP });
    expect(aarhus.data.createDelegation.userErrors[0]).toMatchObject({ field: ['input', 'hostMunicipalityIds', '0'], code: 'NOT_FOUND' });
    const country = await app.exec(CREATE, { i: { ...base, originCountry: 'China' } }, { email: COPCAP });
    expect(country.data.createDelegation.userErrors[0].field).toEqual(['input', 'originCountry']);
    const ok = await app.exec(CREATE, { i: base }, { email: COPCAP });
    expect(ok.data.createDelegation).toMatchObject({ userErrors: [], delegation: { hostMunicipalities: [{ name: 'København Kommune' }] } });
    const foreign = await app.exec(CREATE, { i: base }, { email: HOVED });
    expect(foreign.data.createDelegation.userErrors[0]).toMatchObject({ field: ['input', 'receptionOrganisationId'], code: 'NOT_ALLOWED' });
  });

  it('follow-ups add to the results; negative values are refused', async () => {
    const [{ id }] = await app.ds.query(`SELECT id FROM delegation WHERE name LIKE 'Vandteknologidelegation%'`);
    const Q = `mutation($i: RecordDelegationFollowUpInput!) { recordDelegationFollowUp(input: $i) { followUp { recordedAt jobsCreated } userErrors { field code } } }`;
    const neg = await app.exec(Q, { i: { delegationId: id, note: 'x', jobsCreated: -1 } }, { email: COPCAP });
    expect(neg.data.recordDelegationFollowUp.userErrors[0].field).toEqual(['input', 'jobsCreated']);
    const ok = await app.exec(Q, { i: { delegationId: id, note: 'Joint venture founded', projectsStarted: 1, establishments: 1, jobsCreated: 12 } }, { email: COPCAP });
    expect(ok.data.recordDelegationFollowUp.userErrors).toEqual([]);
    const host = await app.exec(Q, { i: { delegationId: id, note: 'x' } }, { email: KBH });
    expect(codes(host)).toEqual(['FORBIDDEN']); // a VIEWER cannot record at all
  });
});

describe('the investor portal', () => {
  const LISTINGS = `query($f: InvestorPortalFilter) { investorPortalListings(filter: $f, first: 20) { edges { node { id title kind status isTender estimatedInvestmentDkk publicOwnerName municipalityName listedBy } } } }`;
  const UPDATE = `mutation($i: UpdateInvestorPortalProjectInput!) { updateInvestorPortalProject(input: $i) { project { id listed version } userErrors { field message code } } }`;

  it('anyone without signing in reads the listed projects that meet the criteria, and nothing else of them', async () => {
    const r = await app.exec(LISTINGS, {});
    expect(r.errors).toBeUndefined();
    const titles = r.data.investorPortalListings.edges.map((e: any) => e.node.title);
    expect(titles).toEqual(['Køge University Hospital expansion: construction tender', 'Light rail along Ring 3', 'Nordhavn: Levantkaj urban development']);
    expect(titles).not.toContain('Cityringen metro'); // marked listed, but completed
    expect(titles).not.toContain('Roskilde swimming hall renovation'); // below the threshold, unlisted
    expect(r.data.investorPortalListings.edges[2].node).toMatchObject({ publicOwnerName: 'København Kommune', listedBy: 'Copenhagen Capacity', estimatedInvestmentDkk: '4500000000.00' });
    const tenders = await app.exec(LISTINGS, { f: { tendersOnly: true } });
    expect(tenders.data.investorPortalListings.edges.map((e: any) => e.node.title)).toEqual(['Køge University Hospital expansion: construction tender']);
    // Internal notes are not part of the public type at all.
    const notes = await app.exec(`query { investorPortalListings(first: 5) { edges { node { internalNotes } } } }`, {});
    expect(codes(notes)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });

  it('an unlisted project is null by id for anonymous callers, like a missing one', async () => {
    const [{ id }] = await app.ds.query(`SELECT id FROM investor_portal_project WHERE title LIKE 'Roskilde%'`);
    const Q = `query($id: ID!) { investorPortalListing(id: $id) { title } }`;
    expect((await app.exec(Q, { id })).data.investorPortalListing).toBeNull();
    expect((await app.exec(Q, { id: MISSING })).data.investorPortalListing).toBeNull();
  });

  it('anonymous callers read nothing else: managed projects, delegations, inquiries, networks', async () => {
    for (const q of ['query { investorPortalProjects(first: 5) { edges { node { id } } } }', 'query { delegations(first: 5) { edges { node { id } } } }', 'query { establishmentPipeline { lead } }', 'query { fundingPools(first: 5) { edges { node { id } } } }']) {
      expect(codes(await app.exec(q, {}))).toEqual(['UNAUTHENTICATED']);
    }
  });

  it('editors of the agency manage listings; listing is refused naming each failed criterion', async () => {
    const [{ id, version }] = await app.ds.query(`SELECT id, version FROM investor_portal_project WHERE title LIKE 'Roskilde%'`);
    const r = await app.exec(UPDATE, { i: { id, expectedVersion: version, listed: true, status: 'COMPLETED' } }, { email: COPCAP_EDITOR });
    expect(r.data.updateInvestorPortalProject.userErrors.map((e: any) => e.field[1]).sort()).toEqual(['estimatedInvestmentDkk', 'status']);
    const ok = await app.exec(UPDATE, { i: { id, expectedVersion: version, listed: true, estimatedInvestmentDkk: '150000000' } }, { email: COPCAP_EDITOR });
    expect(ok.data.updateInvestorPortalProject).toMatchObject({ userErrors: [], project: { listed: true, version: version + 1 } });
    expect((await app.exec(LISTINGS, {})).data.investorPortalListings.edges.map((e: any) => e.node.title)).toContain('Roskilde swimming hall renovation');
    const stale = await app.exec(UPDATE, { i: { id, expectedVersion: version, listed: false } }, { email: COPCAP_EDITOR });
    expect(stale.data.updateInvestorPortalProject.userErrors[0]).toMatchObject({ field: ['input', 'expectedVersion'], code: 'VERSION_CONFLICT' });
  });

  it('a tender whose deadline passed is no longer reported in tender, nor found among the tenders; editors cannot set it back', async () => {
    const [{ id }] = await app.ds.query(`SELECT id FROM investor_portal_project WHERE title LIKE 'Køge%'`);
    const STATUS = `query { investorPortalProjects(first: 20) { edges { node { id status tenderDeadline version } } } }`;
    const managed = async () => (await app.exec(STATUS, {}, { email: COPCAP_EDITOR })).data.investorPortalProjects.edges.map((e: any) => e.node).find((n: any) => n.id === id);
    const tenders = async () => (await app.exec(LISTINGS, { f: { tendersOnly: true } })).data.investorPortalListings.edges.map((e: any) => e.node.title);
    const listed = async () => (await app.exec(LISTINGS, {})).data.investorPortalListings.edges.find((e: any) => e.node.id === id)?.node;
    // Open: the deadline is today (the whole day counts) or later.
    await app.ds.query(`UPDATE investor_portal_project SET tender_deadline = (now() AT TIME ZONE 'Europe/Copenhagen')::date WHERE id = $1`, [id]);
    expect(await tenders()).toContain('Køge University Hospital expansion: construction tender');
    expect((await listed()).status).toBe('IN_TENDER');
    expect((await managed()).status).toBe('IN_TENDER');
    // Yesterday in Copenhagen: the tender is over, the project is planned, not in tender - everywhere.
    await app.ds.query(`UPDATE investor_portal_project SET tender_deadline = (now() AT TIME ZONE 'Europe/Copenhagen')::date - 1 WHERE id = $1`, [id]);
    expect(await tenders()).not.toContain('Køge University Hospital expansion: construction tender');
    expect(await listed()).toMatchObject({ status: 'PLANNED', isTender: true });
    const p = await managed();
    expect(p.status).toBe('PLANNED');
    // Setting IN_TENDER again with the passed deadline contradicts the dates: refused naming the field.
    const again = await app.exec(UPDATE, { i: { id, expectedVersion: p.version, status: 'IN_TENDER' } }, { email: COPCAP_EDITOR });
    expect(again.data.updateInvestorPortalProject.userErrors).toMatchObject([{ field: ['input', 'status'], code: 'INVALID' }]);
    const past = await app.exec(UPDATE, { i: { id, expectedVersion: p.version, tenderDeadline: '2020-01-31' } }, { email: COPCAP_EDITOR });
    expect(past.data.updateInvestorPortalProject.userErrors).toMatchObject([{ field: ['input', 'tenderDeadline'], code: 'INVALID' }]);
    // Extending the deadline puts it back in tender.
    const extended = await app.exec(UPDATE, { i: { id, expectedVersion: p.version, tenderDeadline: '2099-06-30' } }, { email: COPCAP_EDITOR });
    expect(extended.data.updateInvestorPortalProject.userErrors).toEqual([]);
    expect(await managed()).toMatchObject({ status: 'IN_TENDER', tenderDeadline: '2099-06-30' });
  });

  it('others cannot manage the agency\'s listings', async () => {
    const [{ id, version }] = await app.ds.query(`SELECT id, version FROM investor_portal_project WHERE title LIKE 'Light rail%'`);
    expect(codes(await app.exec(UPDATE, { i: { id, expectedVersion: version, listed: false } }, { email: COPCAP }))).toEqual(['FORBIDDEN']); // consultant
    const other = await app.exec(UPDATE, { i: { id, expectedVersion: version, listed: false } }, { email: 'admin@hovedstaden.demo' });
    expect(other.data.updateInvestorPortalProject.userErrors).toEqual([{ field: ['input', 'id'], message: 'Portal project not found.', code: 'NOT_FOUND' }]);
    const managed = await app.exec(`query { investorPortalProjects(first: 20) { edges { node { title internalNotes } } } }`, {}, { email: HOVED });
    expect(managed.data.investorPortalProjects.edges).toEqual([]);
    const own = await app.exec(`query { investorPortalProjects(first: 20) { edges { node { title internalNotes listingProblems { field } } } } }`, {}, { email: COPCAP });
    expect(own.data.investorPortalProjects.edges).toHaveLength(5);
  });
});
