import { createTestApp, TestApp } from '../testing/harness';

/** Work recorded in other areas (programme enrolments, cluster activities) also lands in firms' journeys. */
let app: TestApp;
beforeAll(async () => {
  app = await createTestApp({ firmCount: 1500 });
});
afterAll(() => app?.close());

const MIDT = { email: 'consultant@midtjylland.demo' };
const HOVED = { email: 'consultant@hovedstaden.demo' };
const JOURNEY = `query($f: ID!) { firmJourney(firmId: $f, first: 50) {
  edges { node { kind summary organisation { id } details { __typename ... on ProgrammeEnrolmentDetails { programmeName } ... on ParticipationDetails { name role } } } }
  hiddenOrganisations { id } } }`;

it('enrolling, completing and dropping out are PROGRAMME_ENROLMENT entries of the operator, hidden from others', async () => {
  const [programme] = await app.ds.query(`SELECT id, name, operator_organisation_id FROM programme WHERE name = 'Vækstiværksætterprogram Midtjylland'`);
  const candidates = await app.ds.query(
    `SELECT f.id FROM firm f JOIN organisation m ON m.id = f.municipality_id JOIN organisation r ON r.id = m.region_id
      WHERE r.official_code = '1082' AND f.status = 'REGISTERED'
        AND NOT EXISTS (SELECT 1 FROM programme_enrolment e WHERE e.firm_id = f.id) ORDER BY f.name LIMIT 300`,
  );
  let firmId: string | undefined;
  for (const c of candidates) {
    const r = await app.exec('query($p: ID!, $f: ID!) { programmeEligibility(programmeId: $p, firmId: $f) { eligible } }', { p: programme.id, f: c.id }, MIDT);
    if (r.data.programmeEligibility?.eligible) {
      firmId = c.id;
      break;
    }
  }
  expect(firmId).toBeDefined();
  const enrol = await app.exec('mutation($i: EnrolFirmInput!) { enrolFirm(input: $i) { enrolment { id version } userErrors { message } } }', { i: { programmeId: programme.id, firmId } }, MIDT);
  expect(enrol.data.enrolFirm.userErrors).toEqual([]);
  const { id, version } = enrol.data.enrolFirm.enrolment;
  const done = await app.exec(
    'mutation($i: ChangeEnrolmentStateInput!) { changeEnrolmentState(input: $i) { userErrors { message } } }',
    { i: { enrolmentId: id, expectedVersion: version, state: 'COMPLETED' } },
    MIDT,
  );
  expect(done.data.changeEnrolmentState.userErrors).toEqual([]);

  const own = await app.exec(JOURNEY, { f: firmId }, MIDT);
  const entries = own.data.firmJourney.edges.map((e: any) => e.node).filter((n: any) => n.kind === 'PROGRAMME_ENROLMENT');
  expect(entries.map((n: any) => n.summary).sort()).toEqual([`Completed ${programme.name}`, `Enrolled in ${programme.name}`]);
  expect(entries.every((n: any) => n.organisation.id === programme.operator_organisation_id && n.details.programmeName === programme.name)).toBe(true);

  const other = await app.exec(JOURNEY, { f: firmId }, HOVED);
  expect(other.data.firmJourney.edges.filter((e: any) => e.node.kind === 'PROGRAMME_ENROLMENT')).toEqual([]);
  expect(other.data.firmJourney.hiddenOrganisations).toContainEqual({ id: programme.operator_organisation_id });
  expect(JSON.stringify(other)).not.toContain(programme.name);
});

it("a firm's attendance at a cluster activity is a CLUSTER_PARTICIPATION entry of the cluster, recorded once", async () => {
  const [activity] = await app.ds.query(`SELECT id, title, cluster_organisation_id FROM cluster_activity ORDER BY starts_at LIMIT 1`);
  const [firm] = await app.ds.query(
    `SELECT f.id FROM firm f WHERE f.status = 'REGISTERED'
        AND NOT EXISTS (SELECT 1 FROM cluster_activity_attendance a WHERE a.firm_id = f.id AND a.activity_id = $1) LIMIT 1`,
    [activity.id],
  );
  const RECORD = 'mutation($i: RecordActivityAttendanceInput!) { recordActivityAttendance(input: $i) { userErrors { message } } }';
  for (let i = 0; i < 2; i++) {
    const r = await app.exec(RECORD, { i: { activityId: activity.id, firmIds: [firm.id] } }, { email: 'cluster@webuild.demo' });
    expect(r.data.recordActivityAttendance.userErrors).toEqual([]);
  }
  const rows = await app.ds.query(`SELECT organisation_id, summary FROM touchpoint WHERE firm_id = $1 AND kind = 'CLUSTER_PARTICIPATION'`, [firm.id]);
  expect(rows).toEqual([{ organisation_id: activity.cluster_organisation_id, summary: `Took part in ${activity.title}` }]);
});

it("a firm member's attendance at a network meeting is a NETWORK_PARTICIPATION entry of the network, recorded once", async () => {
  const [meeting] = await app.ds.query(
    `SELECT mt.id, mt.version, n.owner_organisation_id, n.name FROM network_meeting mt JOIN network n ON n.id = mt.network_id
      WHERE mt.held_on < current_date ORDER BY mt.held_on DESC LIMIT 1`,
  );
  const attendedBefore = (await app.ds.query('SELECT member_id FROM network_meeting_participant WHERE meeting_id = $1 AND attended', [meeting.id])).map((r: any) => r.member_id);
  const [member] = await app.ds.query(
    `SELECT m.id, m.firm_id FROM network_member m JOIN network_meeting mt ON mt.network_id = m.network_id
      WHERE mt.id = $1 AND m.firm_id IS NOT NULL AND NOT (m.id = ANY($2::uuid[])) LIMIT 1`,
    [meeting.id, attendedBefore],
  );
  const RECORD = 'mutation($i: RecordNetworkMeetingAttendanceInput!) { recordNetworkMeetingAttendance(input: $i) { meeting { version } userErrors { message } } }';
  let version = meeting.version;
  for (let i = 0; i < 2; i++) {
    const r = await app.exec(RECORD, { i: { meetingId: meeting.id, expectedVersion: version, attendedMemberIds: [...attendedBefore, member.id] } }, { email: 'network@amager.demo' });
    expect(r.data.recordNetworkMeetingAttendance.userErrors).toEqual([]);
    version = r.data.recordNetworkMeetingAttendance.meeting.version;
  }
  const rows = await app.ds.query(`SELECT organisation_id, summary FROM touchpoint WHERE firm_id = $1 AND kind = 'NETWORK_PARTICIPATION'`, [member.firm_id]);
  expect(rows).toEqual([{ organisation_id: meeting.owner_organisation_id, summary: `Attended a meeting of ${meeting.name}` }]);
});

it('an establishment inquiry that succeeds with a known firm is a DELEGATION_OR_INQUIRY entry, under its code name only', async () => {
  const [inquiry] = await app.ds.query(`SELECT id, version, code_name, project_name FROM establishment_inquiry WHERE state = 'ACTIVE' LIMIT 1`);
  const [municipality] = await app.ds.query('SELECT municipality_id FROM establishment_inquiry_municipality WHERE inquiry_id = $1 LIMIT 1', [inquiry.id]);
  const [firm] = await app.ds.query(`SELECT id FROM firm WHERE country = 'SE' AND status = 'REGISTERED' AND municipality_id = $1 LIMIT 1`, [municipality.municipality_id]);
  const r = await app.exec(
    'mutation($i: ChangeEstablishmentInquiryStateInput!) { changeEstablishmentInquiryState(input: $i) { userErrors { field message } } }',
    { i: { id: inquiry.id, expectedVersion: inquiry.version, toState: 'SUCCESSFUL', evidence: { description: 'Lease signed, 12 hired', establishedInMunicipalityId: municipality.municipality_id, firmId: firm.id, realisedJobs: 12 } } },
    { email: 'coordinator@kalmar.demo' },
  );
  expect(r.data.changeEstablishmentInquiryState.userErrors).toEqual([]);
  const rows = await app.ds.query(`SELECT summary, details FROM touchpoint WHERE firm_id = $1 AND kind = 'DELEGATION_OR_INQUIRY'`, [firm.id]);
  expect(rows).toHaveLength(1);
  expect(rows[0].summary).toBe(`Establishment inquiry ${inquiry.code_name}: established`);
  expect(JSON.stringify(rows)).not.toContain(inquiry.project_name);
});
