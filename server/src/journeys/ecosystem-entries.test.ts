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
