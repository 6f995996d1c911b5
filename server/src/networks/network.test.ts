import { codes, createTestApp, TestApp } from '../testing/harness';

let app: TestApp;
let networkId: string;
let applicationId: string;
let poolId: string;

const NICKI = 'network@amager.demo';
const HOVED = 'consultant@hovedstaden.demo';
const KK_EDITOR = 'editor@kk-secretariat.test';
const KEY = { apiKey: 'ggk_demo_kkr_midtjylland_read_only' };
const MISSING = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  app = await createTestApp({ firmCount: 400 });
  await app.addUser(KK_EDITOR, 'mun:DK:101', 'EDITOR');
  [{ id: networkId }] = await app.ds.query(`SELECT id FROM network WHERE name = 'Erhvervsnetværk Amager Øst'`);
  [{ id: applicationId, pool_id: poolId }] = await app.ds.query(`SELECT id, pool_id FROM funding_application LIMIT 1`);
});
afterAll(() => app?.close());

const NETWORK = `query($id: ID!) { network(id: $id) {
  id name memberCount owner { name } secretariat { name } workingGroup { personName role organisation { name } }
  members(first: 5) { totalCount edges { node { contactName firm { name } } } pageInfo { hasNextPage endCursor } }
  meetings { heldOn title registrationCount attendeeCount }
  fundingApplications { projectName status totalAmount amountGranted budgetLines { description amount } }
} }`;
const NETWORKS = 'query { networks(first: 20) { edges { node { id name } } } }';
const APPLICATION = `query($id: ID!) { fundingApplication(id: $id) { id projectName status totalAmount budgetLines { amount } network { name } } }`;
const APPLICATIONS = 'query($f: FundingApplicationFilter) { fundingApplications(filter: $f, first: 50) { edges { node { id projectName status totalAmount } } } }';
const CREATE_APP = `mutation($i: CreateFundingApplicationInput!) { createFundingApplication(input: $i) {
  application { id status version totalAmount budgetLines { position description amount } } userErrors { field message code } } }`;
const UPDATE_APP = `mutation($i: UpdateFundingApplicationInput!) { updateFundingApplication(input: $i) {
  application { id version projectName totalAmount } userErrors { field message code } } }`;
const SUBMIT_APP = `mutation($i: SubmitFundingApplicationInput!) { submitFundingApplication(input: $i) {
  application { id status version submittedAt submittedBy { displayName } } userErrors { field message code } } }`;
const DECIDE_APP = `mutation($i: DecideFundingApplicationInput!) { decideFundingApplication(input: $i) {
  application { id status version amountGranted decisionReason decidedAt decidedBy { displayName } decidedByOrganisation { name } } userErrors { field message code } } }`;
const RECORD_ATTENDANCE = `mutation($i: RecordNetworkMeetingAttendanceInput!) { recordNetworkMeetingAttendance(input: $i) {
  meeting { id version attendeeCount registrationCount attendanceRecordedAt } userErrors { field message code } } }`;

describe('the demo network (Erhvervsnetværk Amager Øst)', () => {
  it('has ~120 members, its working group and secretariat, meetings with attendance counted, and the 2018 application with a computed total', async () => {
    const r = await app.exec(NETWORK, { id: networkId }, { email: NICKI });
    expect(r.errors).toBeUndefined();
    const n = r.data.network;
    expect(n.memberCount).toBe(118);
    expect(n.members.totalCount).toBe(118);
    expect(n.members.edges).toHaveLength(5);
    expect(n.members.pageInfo.hasNextPage).toBe(true);
    expect(n.secretariat.name).toBe('København Kommune');
    expect(n.workingGroup.map((w: any) => w.personName)).toContain('Lasse Rossen');
    const m2018 = n.meetings.find((m: any) => m.heldOn === '2018-08-15');
    expect(m2018).toMatchObject({ registrationCount: 33, attendeeCount: 28 });
    const upcoming = n.meetings[n.meetings.length - 1];
    expect(upcoming.attendeeCount).toBeNull();
    expect(upcoming.registrationCount).toBe(22);
    const [application] = n.fundingApplications;
    expect(application).toMatchObject({ projectName: 'Fortsættelse af erhvervsnetværk Amager Øst', status: 'APPROVED', totalAmount: '14600.00', amountGranted: '14600.00' });
    expect(application.budgetLines.map((l: any) => l.amount)).toEqual(['1600.00', '8000.00', '0.00', '5000.00']);
  });

  it('pages through all members without repeats', async () => {
    const Q = `query($id: ID!, $after: String) { network(id: $id) { members(first: 50, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } } }`;
    const seen = new Set<string>();
    let after: string | null = null;
    for (let i = 0; i < 5; i++) {
      const r: any = await app.exec(Q, { id: networkId, after }, { email: NICKI });
      for (const e of r.data.network.members.edges) seen.add(e.node.id);
      if (!r.data.network.members.pageInfo.hasNextPage) break;
      after = r.data.network.members.pageInfo.endCursor;
    }
    expect(seen.size).toBe(118);
  });

  it('the secretariat (København Kommune) sees the network too', async () => {
    const r = await app.exec(NETWORKS, {}, { email: KK_EDITOR });
    expect(r.data.networks.edges.map((e: any) => e.node.id)).toEqual([networkId]);
  });
});

describe('another organisation sees nothing of a network or its applications', () => {
  it('by id: null, the same as for an id that does not exist', async () => {
    for (const caller of [{ email: HOVED }, KEY]) {
      const other = await app.exec(NETWORK, { id: networkId }, caller);
      const missing = await app.exec(NETWORK, { id: MISSING }, caller);
      expect(other).toMatchObject({ data: { network: null }, errors: undefined });
      expect(missing).toMatchObject({ data: { network: null }, errors: undefined });
      expect((await app.exec(APPLICATION, { id: applicationId }, caller)).data.fundingApplication).toBeNull();
    }
  });

  it('in lists', async () => {
    expect((await app.exec(NETWORKS, {}, { email: HOVED })).data.networks.edges).toEqual([]);
    expect((await app.exec(APPLICATIONS, {}, { email: HOVED })).data.fundingApplications.edges).toEqual([]);
    expect((await app.exec(APPLICATIONS, {}, KEY)).data.fundingApplications.edges).toEqual([]);
  });

  it('through nested fields: the application\'s network is null for the pool owner, who is not a party to the network', async () => {
    await app.addUser('pool-only@frederiksberg.test', 'mun:DK:147', 'EDITOR');
    // The pool owner is København (also the secretariat here), so use a pool owned by another municipality.
    const [{ id: otherPool }] = await app.ds.query(`INSERT INTO funding_pool (name, owner_organisation_id) VALUES ('Frederiksberg pulje', $1) RETURNING id`, [app.org('mun:DK:147').id]);
    const created = await app.exec(CREATE_APP, { i: { poolId: otherPool, applicantOrganisationId: app.org('network:amager').id, networkId, projectName: 'Nested test', ...FULL, budgetLines: [{ description: 'x', amount: '10' }] } }, { email: NICKI });
    const id = created.data.createFundingApplication.application.id;
    // A draft is not visible to the pool owner at all.
    expect((await app.exec(APPLICATION, { id }, { email: 'pool-only@frederiksberg.test' })).data.fundingApplication).toBeNull();
    const s = await app.exec(SUBMIT_APP, { i: { id, expectedVersion: 1 } }, { email: NICKI });
    expect(s.data.submitFundingApplication.userErrors).toEqual([]);
    const r = await app.exec(APPLICATION, { id }, { email: 'pool-only@frederiksberg.test' });
    expect(r.data.fundingApplication).toMatchObject({ id, status: 'SUBMITTED', totalAmount: '10.00', network: null });
  });

  it('mutations on another organisation\'s network are refused with the message for a missing one', async () => {
    const Q = `mutation($i: ScheduleNetworkMeetingInput!) { scheduleNetworkMeeting(input: $i) { meeting { id } userErrors { field message code } } }`;
    const other = await app.exec(Q, { i: { networkId, heldOn: '2030-01-01', title: 'x' } }, { email: 'admin@hovedstaden.demo' });
    const missing = await app.exec(Q, { i: { networkId: MISSING, heldOn: '2030-01-01', title: 'x' } }, { email: 'admin@hovedstaden.demo' });
    expect(other.data.scheduleNetworkMeeting.userErrors).toEqual([{ field: ['input', 'networkId'], message: 'Network not found.', code: 'NOT_FOUND' }]);
    expect(missing.data.scheduleNetworkMeeting.userErrors).toEqual(other.data.scheduleNetworkMeeting.userErrors);
  });

  it('anonymous callers are refused', async () => {
    expect(codes(await app.exec(NETWORKS, {}))).toEqual(['UNAUTHENTICATED']);
  });
});

const FULL = {
  responsible: 'Arbejdsgruppen',
  purpose: 'Netværk',
  rationale: 'Dialog',
  targetGroup: 'SMV',
  activities: 'Fire møder',
};

describe('funding applications: bad input names the field and writes nothing', () => {
  const count = async () => Number((await app.ds.query('SELECT count(*) FROM funding_application'))[0].count);
  it.each([
    ['a budget amount with a thousands separator', { budgetLines: [{ description: 'Morgenmad', amount: '8.000' }] }, ['input', 'budgetLines', '0', 'amount'], 'INVALID'],
    ['a negative amount', { budgetLines: [{ description: 'Leje', amount: '-5' }] }, ['input', 'budgetLines', '0', 'amount'], 'INVALID'],
    ['an empty budget line description', { budgetLines: [{ description: '', amount: '5' }] }, ['input', 'budgetLines', '0', 'description'], 'INVALID'],
    ['an empty project name', { projectName: '' }, ['input', 'projectName'], 'INVALID'],
    ['an unknown pool', { poolId: MISSING }, ['input', 'poolId'], 'NOT_FOUND'],
    ['another organisation as applicant', { applicantOrganisationId: 'ORG:gh:hovedstaden' }, ['input', 'applicantOrganisationId'], 'NOT_ALLOWED'],
  ])('%s', async (_label, override, field, code) => {
    const before = await count();
    const input: Record<string, unknown> = { poolId, applicantOrganisationId: app.org('network:amager').id, projectName: 'P', ...override };
    if (input.applicantOrganisationId === 'ORG:gh:hovedstaden') input.applicantOrganisationId = app.org('gh:hovedstaden').id;
    const r = await app.exec(CREATE_APP, { i: input }, { email: NICKI });
    expect(r.errors).toBeUndefined();
    expect(r.data.createFundingApplication.application).toBeNull();
    expect(r.data.createFundingApplication.userErrors[0]).toMatchObject({ field, code });
    expect(await count()).toBe(before);
  });

  it('a total cannot be typed in: the input has no such field', async () => {
    const r = await app.exec(CREATE_APP, { i: { poolId, applicantOrganisationId: app.org('network:amager').id, projectName: 'P', totalAmount: '1' } }, { email: NICKI });
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('funding applications: draft -> submitted -> decided', () => {
  let id: string;
  it('the total is computed from the budget lines (exact decimals)', async () => {
    const r = await app.exec(
      CREATE_APP,
      {
        i: {
          poolId,
          applicantOrganisationId: app.org('network:amager').id,
          networkId,
          projectName: 'Erhvervsnetværk Amager Øst 2019',
          budgetLines: [
            { description: 'Lokaleleje', amount: '1600' },
            { description: 'Morgenmad og kaffe/te', amount: '8000.10' },
            { description: 'Kommunikation', amount: '0' },
            { description: 'Ekstern oplægsholder', amount: '5000.20' },
          ],
        },
      },
      { email: NICKI },
    );
    expect(r.data.createFundingApplication.userErrors).toEqual([]);
    const a = r.data.createFundingApplication.application;
    expect(a).toMatchObject({ status: 'DRAFT', version: 1, totalAmount: '14600.30' });
    expect(a.budgetLines.map((l: any) => l.position)).toEqual([0, 1, 2, 3]);
    id = a.id;
  });

  it('replacing the budget lines changes the computed total', async () => {
    const r = await app.exec(UPDATE_APP, { i: { id, expectedVersion: 1, budgetLines: [{ description: 'Alt i alt', amount: '12000' }] } }, { email: NICKI });
    expect(r.data.updateFundingApplication.userErrors).toEqual([]);
    expect(r.data.updateFundingApplication.application).toMatchObject({ version: 2, totalAmount: '12000.00' });
  });

  it('a stale version is a conflict, never a lost update', async () => {
    const r = await app.exec(UPDATE_APP, { i: { id, expectedVersion: 1, projectName: 'Stale' } }, { email: NICKI });
    expect(r.data.updateFundingApplication.userErrors).toEqual([expect.objectContaining({ field: ['input', 'expectedVersion'], code: 'VERSION_CONFLICT' })]);
    expect((await app.ds.query('SELECT project_name FROM funding_application WHERE id = $1', [id]))[0].project_name).toBe('Erhvervsnetværk Amager Øst 2019');
  });

  it('submitting an incomplete draft names each missing section', async () => {
    const r = await app.exec(SUBMIT_APP, { i: { id, expectedVersion: 2 } }, { email: NICKI });
    expect(r.data.submitFundingApplication.userErrors.map((e: any) => e.field[1])).toEqual(['responsible', 'purpose', 'rationale', 'targetGroup', 'activities']);
    expect(r.data.submitFundingApplication.userErrors[0].code).toBe('REQUIRED');
  });

  it('a complete draft is submitted with a server timestamp and the submitter', async () => {
    const u = await app.exec(UPDATE_APP, { i: { id, expectedVersion: 2, ...FULL } }, { email: NICKI });
    expect(u.data.updateFundingApplication.userErrors).toEqual([]);
    const r = await app.exec(SUBMIT_APP, { i: { id, expectedVersion: 3 } }, { email: NICKI });
    expect(r.data.submitFundingApplication.userErrors).toEqual([]);
    expect(r.data.submitFundingApplication.application).toMatchObject({ status: 'SUBMITTED', version: 4, submittedBy: { displayName: 'Nicki Network' } });
    expect(Math.abs(Date.parse(r.data.submitFundingApplication.application.submittedAt) - Date.now())).toBeLessThan(60_000);
  });

  it('a submitted application cannot be edited (nor its budget), and nothing changes', async () => {
    const r = await app.exec(UPDATE_APP, { i: { id, expectedVersion: 4, projectName: 'Changed', budgetLines: [{ description: 'More', amount: '99999' }] } }, { email: NICKI });
    expect(r.data.updateFundingApplication.userErrors).toEqual([{ field: ['input', 'id'], message: 'This application is submitted; only drafts can be edited.', code: 'IMMUTABLE' }]);
    const total = await app.exec(APPLICATION, { id }, { email: NICKI });
    expect(total.data.fundingApplication).toMatchObject({ projectName: 'Erhvervsnetværk Amager Øst 2019', totalAmount: '12000.00' });
    const again = await app.exec(SUBMIT_APP, { i: { id, expectedVersion: 4 } }, { email: NICKI });
    expect(again.data.submitFundingApplication.userErrors[0]).toMatchObject({ field: ['input', 'id'], code: 'IMMUTABLE' });
  });

  it('only the pool owner decides: the applicant is refused, another organisation gets "not found"', async () => {
    const own = await app.exec(DECIDE_APP, { i: { id, expectedVersion: 4, decision: 'APPROVED', amountGranted: '100', reason: 'Self' } }, { email: NICKI });
    expect(own.data.decideFundingApplication.userErrors[0]).toMatchObject({ field: ['input', 'id'], code: 'NOT_ALLOWED' });
    const other = await app.exec(DECIDE_APP, { i: { id, expectedVersion: 4, decision: 'REJECTED', reason: 'x' } }, { email: 'admin@hovedstaden.demo' });
    const missing = await app.exec(DECIDE_APP, { i: { id: MISSING, expectedVersion: 4, decision: 'REJECTED', reason: 'x' } }, { email: 'admin@hovedstaden.demo' });
    expect(other.data.decideFundingApplication.userErrors).toEqual([{ field: ['input', 'id'], message: 'Funding application not found.', code: 'NOT_FOUND' }]);
    expect(missing.data.decideFundingApplication.userErrors).toEqual(other.data.decideFundingApplication.userErrors);
  });

  it('an approval needs an amount not above the computed total', async () => {
    const none = await app.exec(DECIDE_APP, { i: { id, expectedVersion: 4, decision: 'APPROVED', reason: 'Godt projekt' } }, { email: KK_EDITOR });
    expect(none.data.decideFundingApplication.userErrors[0]).toMatchObject({ field: ['input', 'amountGranted'], code: 'REQUIRED' });
    const tooMuch = await app.exec(DECIDE_APP, { i: { id, expectedVersion: 4, decision: 'APPROVED', amountGranted: '12000.01', reason: 'Godt projekt' } }, { email: KK_EDITOR });
    expect(tooMuch.data.decideFundingApplication.userErrors[0]).toMatchObject({ field: ['input', 'amountGranted'], code: 'INVALID' });
    const bad = await app.exec(DECIDE_APP, { i: { id, expectedVersion: 4, decision: 'DRAFT', reason: 'x' } }, { email: KK_EDITOR });
    expect(bad.data.decideFundingApplication.userErrors[0]).toMatchObject({ field: ['input', 'decision'] });
  });

  it('the pool owner approves with amount, reason, who and when; a second decision is refused', async () => {
    const r = await app.exec(DECIDE_APP, { i: { id, expectedVersion: 4, decision: 'APPROVED', amountGranted: '10000', reason: 'Bevilget delvist' } }, { email: KK_EDITOR });
    expect(r.data.decideFundingApplication.userErrors).toEqual([]);
    expect(r.data.decideFundingApplication.application).toMatchObject({
      status: 'APPROVED',
      amountGranted: '10000.00',
      decisionReason: 'Bevilget delvist',
      decidedBy: { displayName: KK_EDITOR },
      decidedByOrganisation: { name: 'København Kommune' },
    });
    const again = await app.exec(DECIDE_APP, { i: { id, expectedVersion: 5, decision: 'REJECTED', reason: 'x' } }, { email: KK_EDITOR });
    expect(again.data.decideFundingApplication.userErrors[0]).toMatchObject({ field: ['input', 'id'], code: 'NOT_ALLOWED' });
  });

  it('the pool owner lists submitted applications, never drafts', async () => {
    const draft = await app.exec(CREATE_APP, { i: { poolId, applicantOrganisationId: app.org('network:amager').id, projectName: 'Secret draft' } }, { email: NICKI });
    expect(draft.data.createFundingApplication.userErrors).toEqual([]);
    const r = await app.exec(APPLICATIONS, { f: { poolId } }, { email: KK_EDITOR });
    const names = r.data.fundingApplications.edges.map((e: any) => e.node.projectName);
    expect(names).toContain('Erhvervsnetværk Amager Øst 2019');
    expect(names).not.toContain('Secret draft');
    const mine = await app.exec(APPLICATIONS, { f: { status: 'DRAFT' } }, { email: NICKI });
    expect(mine.data.fundingApplications.edges.map((e: any) => e.node.projectName)).toContain('Secret draft');
  });
});

describe('meetings: registrations, attendance recorded after the meeting', () => {
  const MEETINGS = `query($id: ID!) { network(id: $id) { meetings { id heldOn version registrationCount attendeeCount participants { attended member { id } } } } }`;
  const meetings = async () => (await app.exec(MEETINGS, { id: networkId }, { email: NICKI })).data.network.meetings;

  it('attendance cannot be recorded before the meeting day (naming the field)', async () => {
    const upcoming = (await meetings()).at(-1);
    const r = await app.exec(RECORD_ATTENDANCE, { i: { meetingId: upcoming.id, expectedVersion: upcoming.version, attendedMemberIds: [] } }, { email: NICKI });
    expect(r.data.recordNetworkMeetingAttendance.userErrors[0]).toMatchObject({ field: ['input', 'meetingId'], code: 'NOT_ALLOWED' });
  });

  it('records attendance (walk-ins included) and counts attendees per meeting; a stale version is a conflict', async () => {
    const m = (await meetings()).find((x: any) => x.heldOn === '2018-11-21');
    const registered = m.participants.map((p: any) => p.member.id);
    const [{ id: walkIn }] = await app.ds.query('SELECT id FROM network_member WHERE network_id = $1 AND NOT (id = ANY($2)) LIMIT 1', [networkId, registered]);
    const attended = [...registered.slice(0, 20), walkIn];
    const r = await app.exec(RECORD_ATTENDANCE, { i: { meetingId: m.id, expectedVersion: m.version, attendedMemberIds: attended } }, { email: NICKI });
    expect(r.data.recordNetworkMeetingAttendance.userErrors).toEqual([]);
    expect(r.data.recordNetworkMeetingAttendance.meeting).toMatchObject({ attendeeCount: 21, registrationCount: m.registrationCount, version: m.version + 1 });
    const stale = await app.exec(RECORD_ATTENDANCE, { i: { meetingId: m.id, expectedVersion: m.version, attendedMemberIds: [] } }, { email: NICKI });
    expect(stale.data.recordNetworkMeetingAttendance.userErrors[0]).toMatchObject({ field: ['input', 'expectedVersion'], code: 'VERSION_CONFLICT' });
  });

  it('a member of another network is refused, naming its position', async () => {
    const m = (await meetings()).find((x: any) => x.heldOn === '2018-10-17');
    const r = await app.exec(RECORD_ATTENDANCE, { i: { meetingId: m.id, expectedVersion: m.version, attendedMemberIds: [MISSING] } }, { email: NICKI });
    expect(r.data.recordNetworkMeetingAttendance.userErrors[0]).toMatchObject({ field: ['input', 'attendedMemberIds', '0'], code: 'NOT_FOUND' });
  });

  it('a bad meeting date names the field', async () => {
    const Q = `mutation($i: ScheduleNetworkMeetingInput!) { scheduleNetworkMeeting(input: $i) { meeting { id } userErrors { field code } } }`;
    const r = await app.exec(Q, { i: { networkId, heldOn: '15 august 2018', title: 'x' } }, { email: NICKI });
    expect(r.data.scheduleNetworkMeeting.userErrors[0].field).toEqual(['input', 'heldOn']);
  });
});

describe('statement count of the nested network query does not grow with the rows', () => {
  const NESTED = `query { networks(first: 20) { edges { node {
    name memberCount owner { name } secretariat { name } workingGroup { organisation { name } }
    members(first: 10) { totalCount edges { node { contactName firm { name municipality { name } } } } }
    meetings { registrationCount attendeeCount participants { attended member { contactName firm { name } } } }
    fundingApplications { totalAmount budgetLines { amount } pool { name owner { name } } applicant { name } }
  } } } }`;

  it('is the same for 1 network as for 4 networks with members, meetings and applications', async () => {
    await app.addUser('owner@count.test', 'mun:DK:185', 'EDITOR');
    const before = await app.exec(NESTED, {}, { email: 'owner@count.test' });
    expect(before.data.networks.edges).toEqual([]);

    const create = `mutation($i: CreateNetworkInput!) { createNetwork(input: $i) { network { id } userErrors { field message } } }`;
    const addMembers = `mutation($i: AddNetworkMembersInput!) { addNetworkMembers(input: $i) { addedCount userErrors { field message } } }`;
    const schedule = `mutation($i: ScheduleNetworkMeetingInput!) { scheduleNetworkMeeting(input: $i) { meeting { id } userErrors { field message } } }`;
    const register = `mutation($i: RegisterForNetworkMeetingInput!) { registerForNetworkMeeting(input: $i) { meeting { registrationCount } userErrors { field message } } }`;
    const firms: Array<{ id: string }> = await app.ds.query(`SELECT id FROM firm WHERE status = 'REGISTERED' LIMIT 12`);
    const counts: number[] = [];
    for (let n = 0; n < 4; n++) {
      const c = await app.exec(create, { i: { ownerOrganisationId: app.org('mun:DK:185').id, name: `Tårnby netværk ${n}`, secretariatOrganisationId: app.org('gh:hovedstaden').id } }, { email: 'owner@count.test' });
      expect(c.data.createNetwork.userErrors).toEqual([]);
      const nid = c.data.createNetwork.network.id;
      const m = await app.exec(addMembers, { i: { networkId: nid, members: [...firms.slice(n, n + 3).map((f) => ({ firmId: f.id })), { contactName: 'Kontakt A' }, { contactName: 'Kontakt B' }] } }, { email: 'owner@count.test' });
      expect(m.data.addNetworkMembers).toMatchObject({ addedCount: 5, userErrors: [] });
      const memberIds = (await app.ds.query('SELECT id FROM network_member WHERE network_id = $1', [nid])).map((r: any) => r.id);
      for (const day of ['2030-01-10', '2030-02-10']) {
        const s = await app.exec(schedule, { i: { networkId: nid, heldOn: day, title: 'Møde' } }, { email: 'owner@count.test' });
        const reg = await app.exec(register, { i: { meetingId: s.data.scheduleNetworkMeeting.meeting.id, memberIds } }, { email: 'owner@count.test' });
        expect(reg.data.registerForNetworkMeeting.meeting.registrationCount).toBe(5);
      }
      await app.ds.query(`INSERT INTO funding_pool (name, owner_organisation_id) SELECT 'Tårnby pulje ' || $2, $1`, [app.org('mun:DK:185').id, n]);
      const [{ id: tPool }] = await app.ds.query(`SELECT id FROM funding_pool WHERE name = 'Tårnby pulje ' || $1`, [n]);
      const a = await app.exec(CREATE_APP, { i: { poolId: tPool, applicantOrganisationId: app.org('mun:DK:185').id, networkId: nid, projectName: `Ansøgning ${n}`, budgetLines: [{ description: 'a', amount: '1' }, { description: 'b', amount: '2' }] } }, { email: 'owner@count.test' });
      expect(a.data.createFundingApplication.userErrors).toEqual([]);
      const r = await app.exec(NESTED, {}, { email: 'owner@count.test' });
      expect(r.errors).toBeUndefined();
      expect(r.data.networks.edges).toHaveLength(n + 1);
      counts.push(r.queries.count);
    }
    expect(counts[3]).toBe(counts[0]);
    // +2: the request's transaction on the app role (begin with the caller's scope, commit; core/rls.ts).
    expect(counts[0]).toBeLessThanOrEqual(16 + 2);
  });
});
