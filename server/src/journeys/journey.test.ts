import { codes, createTestApp, TestApp } from '../testing/harness';
import { GROWTH_WHEEL } from './journey.enums';

let app: TestApp;
let firmId: string;
let otherFirmId: string;
beforeAll(async () => {
  app = await createTestApp({ firmCount: 200 });
  const rows = await app.ds.query(`SELECT id FROM firm WHERE status = 'REGISTERED' ORDER BY name LIMIT 2`);
  [firmId, otherFirmId] = rows.map((r: any) => r.id);
});
afterAll(() => app?.close());

const MIDT = 'consultant@midtjylland.demo';
const HOVED = 'consultant@hovedstaden.demo';
const DAY = 24 * 60 * 60 * 1000;

const RECORD = `mutation($i: RecordTouchpointInput!) { recordTouchpoint(input: $i) {
  touchpoint { id kind occurredAt recordedAt summary organisation { name }
    details { __typename
      ... on GrowthMappingDetails { scores { decisionArea score } focusAreas }
      ... on MilestoneDetails { milestoneId status previousStatus milestone { id version status } }
      ... on NoteDetails { text } } }
  milestone { id version status dueOn }
  referral { id status }
  userErrors { field message code } } }`;
const CORRECT = `mutation($i: CorrectTouchpointInput!) { correctTouchpoint(input: $i) {
  touchpoint { id kind occurredAt correctionReason supersedesId details { ... on NoteDetails { text } } } userErrors { field message code } } }`;
const JOURNEY = `query($f: ID!, $filter: JourneyFilter, $first: Int, $after: String) { firmJourney(firmId: $f, filter: $filter, first: $first, after: $after) {
  edges { cursor node { id kind occurredAt supersedesId supersededById organisation { id } details { __typename ... on NoteDetails { text } } } }
  pageInfo { hasNextPage endCursor } hiddenOrganisations { id } } }`;

const scores = () => Object.values(GROWTH_WHEEL).flat().map((decisionArea, i) => ({ decisionArea, score: 1 + (i % 5) }));
const note = (text: string, occurredAt = new Date().toISOString(), f = firmId) => ({ firmId: f, kind: 'NOTE', occurredAt, note: { text } });
const count = async (sql: string, params: unknown[] = []) => Number((await app.ds.query(sql, params))[0].count);

describe('recording touchpoints', () => {
  it('records a note; the server assigns recordedAt', async () => {
    const before = Date.now();
    const r = await app.exec(RECORD, { i: note('Met the CEO', new Date(before - 2 * DAY).toISOString()) }, { email: MIDT });
    expect(r.errors).toBeUndefined();
    expect(r.data.recordTouchpoint.userErrors).toEqual([]);
    const t = r.data.recordTouchpoint.touchpoint;
    expect(t).toMatchObject({ kind: 'NOTE', organisation: { name: 'Erhvervshus Midtjylland' }, details: { __typename: 'NoteDetails', text: 'Met the CEO' } });
    expect(new Date(t.recordedAt).getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(new Date(t.occurredAt).getTime()).toBe(before - 2 * DAY);
  });

  it('the input has no way to set recordedAt', async () => {
    const r = await app.exec(RECORD, { i: { ...note('x'), recordedAt: new Date(0).toISOString() } }, { email: MIDT });
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);
  });

  it.each([
    ['15 days back', -15 * DAY, /at most 14 days/],
    ['a year back', -365 * DAY, /at most 14 days/],
    ['in the future', 60 * 60 * 1000, /future/],
  ])('refuses occurredAt %s with a user error naming the field, writing nothing', async (_l, offset, message) => {
    const before = await count('SELECT count(*) FROM touchpoint');
    const r = await app.exec(RECORD, { i: note('late', new Date(Date.now() + offset).toISOString()) }, { email: MIDT });
    expect(r.data.recordTouchpoint.touchpoint).toBeNull();
    expect(r.data.recordTouchpoint.userErrors).toEqual([expect.objectContaining({ field: ['input', 'occurredAt'], code: 'INVALID' })]);
    expect(r.data.recordTouchpoint.userErrors[0].message).toMatch(message);
    expect(await count('SELECT count(*) FROM touchpoint')).toBe(before);
  });

  it('accepts 13 days back', async () => {
    const r = await app.exec(RECORD, { i: note('ok', new Date(Date.now() - 13 * DAY).toISOString()) }, { email: MIDT });
    expect(r.data.recordTouchpoint.userErrors).toEqual([]);
  });

  it('needs exactly the details of its kind', async () => {
    const r = await app.exec(RECORD, { i: { firmId, kind: 'GROWTH_MAPPING', occurredAt: new Date().toISOString(), note: { text: 'x' } } }, { email: MIDT });
    expect(r.data.recordTouchpoint.userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'growthMapping'], code: 'REQUIRED' }),
      expect.objectContaining({ field: ['input', 'note'], code: 'INVALID' }),
    ]);
  });

  describe('growth mapping with the Growth Wheel', () => {
    const mapping = (over: object) => ({ firmId, kind: 'GROWTH_MAPPING', occurredAt: new Date().toISOString(), growthMapping: { scores: scores(), focusAreas: ['SALES', 'VISION', 'NETWORK'], ...over } });

    it('records 20 scores and 3 focus areas', async () => {
      const r = await app.exec(RECORD, { i: mapping({}) }, { email: MIDT });
      expect(r.data.recordTouchpoint.userErrors).toEqual([]);
      expect(r.data.recordTouchpoint.touchpoint.details.scores).toHaveLength(20);
      expect(r.data.recordTouchpoint.touchpoint.details.focusAreas).toEqual(['SALES', 'VISION', 'NETWORK']);
    });

    it.each([
      ['a missing decision area', { scores: scores().slice(1) }, ['input', 'growthMapping', 'scores'], 'REQUIRED'],
      ['a decision area scored twice', { scores: [...scores().slice(1), scores()[1]] }, ['input', 'growthMapping', 'scores', '19', 'decisionArea'], 'DUPLICATE'],
      ['a score of 6', { scores: scores().map((s, i) => (i === 3 ? { ...s, score: 6 } : s)) }, ['input', 'growthMapping', 'scores', '3', 'score'], 'INVALID'],
      ['a score of 0', { scores: scores().map((s, i) => (i === 0 ? { ...s, score: 0 } : s)) }, ['input', 'growthMapping', 'scores', '0', 'score'], 'INVALID'],
      ['2 focus areas', { focusAreas: ['SALES', 'VISION'] }, ['input', 'growthMapping', 'focusAreas'], 'INVALID'],
      ['4 focus areas', { focusAreas: ['SALES', 'VISION', 'NETWORK', 'OWNERSHIP'] }, ['input', 'growthMapping', 'focusAreas'], 'INVALID'],
      ['a repeated focus area', { focusAreas: ['SALES', 'SALES', 'VISION'] }, ['input', 'growthMapping', 'focusAreas'], 'DUPLICATE'],
    ])('refuses %s', async (_l, over, field, code) => {
      const r = await app.exec(RECORD, { i: mapping(over) }, { email: MIDT });
      expect(r.errors).toBeUndefined();
      expect(r.data.recordTouchpoint.touchpoint).toBeNull();
      expect(r.data.recordTouchpoint.userErrors[0]).toMatchObject({ field, code });
    });
  });

  it('records every other kind with its typed details', async () => {
    const now = new Date().toISOString();
    const inputs = [
      { kind: 'FIRST_CONTACT', firstContact: { channel: 'PHONE', topic: 'Export' } },
      { kind: 'GROWTH_PARTNERSHIP', growthPartnership: { periodStart: '2025-01-01', periodEnd: '2027-12-31', committedExtraJobs: 12, committedExtraRevenue: 5e7, committedExtraExport: 2e7, currency: 'DKK' } },
      { kind: 'PROGRAMME_ENROLMENT', programmeEnrolment: { programmeName: 'Scale-up Denmark', startsOn: '2025-09-01' } },
      { kind: 'NETWORK_PARTICIPATION', participation: { name: 'Erhvervsnetværk Amager Øst', role: 'member' } },
      { kind: 'CLUSTER_PARTICIPATION', participation: { name: 'We Build Denmark', role: 'project partner' } },
      { kind: 'EVENT_ATTENDANCE', eventAttendance: { eventName: 'Growth camp' } },
      { kind: 'DELEGATION_OR_INQUIRY', delegationOrInquiry: { inquiryKind: 'DELEGATION_VISIT', originCountry: 'CN', sector: 'cleantech' } },
      { kind: 'OUTCOME_REPORT', outcomeReport: { measuredOn: '2025-06-30', source: 'SELF_REPORTED', jobs: 14, revenue: 1.2e7, currency: 'DKK' } },
      { kind: 'OUTCOME_REPORT', outcomeReport: { measuredOn: '2025-06-30', source: 'REGISTER_MEASURED', jobs: 13 } },
    ];
    for (const i of inputs) {
      const r = await app.exec(RECORD, { i: { firmId: otherFirmId, occurredAt: now, ...i } }, { email: MIDT });
      expect([i.kind, r.errors, r.data.recordTouchpoint.userErrors]).toEqual([i.kind, undefined, []]);
    }
    const j = await app.exec(
      `query($f: ID!) { firmJourney(firmId: $f, filter: { kinds: [OUTCOME_REPORT] }) { edges { node { details { ... on OutcomeReportDetails { source jobs revenue currency } } } } } }`,
      { f: otherFirmId }, { email: MIDT },
    );
    const outcomes = j.data.firmJourney.edges.map((e: any) => e.node.details);
    expect(outcomes).toEqual(expect.arrayContaining([
      { source: 'SELF_REPORTED', jobs: 14, revenue: 1.2e7, currency: 'DKK' },
      { source: 'REGISTER_MEASURED', jobs: 13, revenue: null, currency: null },
    ]));
  });

  it('refuses an outcome with money but no currency, and a partnership that ends before it starts', async () => {
    const now = new Date().toISOString();
    const a = await app.exec(RECORD, { i: { firmId, occurredAt: now, kind: 'OUTCOME_REPORT', outcomeReport: { measuredOn: '2025-01-01', source: 'SELF_REPORTED', revenue: 5 } } }, { email: MIDT });
    expect(a.data.recordTouchpoint.userErrors).toEqual([expect.objectContaining({ field: ['input', 'outcomeReport', 'currency'], code: 'REQUIRED' })]);
    const b = await app.exec(RECORD, { i: { firmId, occurredAt: now, kind: 'GROWTH_PARTNERSHIP', growthPartnership: { periodStart: '2026-01-01', periodEnd: '2025-01-01', committedExtraJobs: 1, committedExtraRevenue: 0, committedExtraExport: 0, currency: 'DKK' } } }, { email: MIDT });
    expect(b.data.recordTouchpoint.userErrors).toEqual([expect.objectContaining({ field: ['input', 'growthPartnership', 'periodEnd'] })]);
  });

  it('a viewer (no "record") and an API key cannot record', async () => {
    expect(codes(await app.exec(RECORD, { i: note('x') }, { email: 'viewer@kkr-midtjylland.demo' }))).toEqual(['FORBIDDEN']);
    expect(codes(await app.exec(RECORD, { i: note('x') }, { apiKey: 'ggk_demo_kkr_midtjylland_read_only' }))).toEqual(['FORBIDDEN']);
  });

  it('a prospect of another organisation is "not found", exactly like a missing firm', async () => {
    const [prospect] = await app.ds.query(`SELECT f.id FROM firm f JOIN organisation o ON o.id = f.owner_organisation_id WHERE f.status = 'PROSPECT' AND o.name = 'Erhvervshus Hovedstaden'`);
    const other = await app.exec(RECORD, { i: note('x', undefined, prospect.id) }, { email: MIDT });
    const missing = await app.exec(RECORD, { i: note('x', undefined, '00000000-0000-4000-8000-000000000000') }, { email: MIDT });
    expect(other.data.recordTouchpoint.userErrors).toEqual([{ field: ['input', 'firmId'], message: 'Firm not found.', code: 'NOT_FOUND' }]);
    expect(missing.data.recordTouchpoint.userErrors).toEqual(other.data.recordTouchpoint.userErrors);
  });
});

describe('growth-plan milestones: the current state is versioned, every change is a new journey entry', () => {
  it('adds a milestone, changes its status, refuses a stale version', async () => {
    const now = new Date().toISOString();
    const created = await app.exec(RECORD, { i: { firmId, kind: 'GROWTH_PLAN_MILESTONE', occurredAt: now, milestone: { title: 'Hire a sales lead', ownerName: 'CEO', dueOn: '2030-01-31' } } }, { email: MIDT });
    expect(created.data.recordTouchpoint.userErrors).toEqual([]);
    const m = created.data.recordTouchpoint.milestone;
    expect(m).toMatchObject({ version: 1, status: 'PLANNED' });
    const changed = await app.exec(RECORD, { i: { firmId, kind: 'GROWTH_PLAN_MILESTONE', occurredAt: now, milestone: { milestoneId: m.id, expectedVersion: 1, status: 'DONE' } } }, { email: MIDT });
    expect(changed.data.recordTouchpoint.userErrors).toEqual([]);
    expect(changed.data.recordTouchpoint.touchpoint.details).toMatchObject({ status: 'DONE', previousStatus: 'PLANNED', milestone: { version: 2, status: 'DONE' } });
    const stale = await app.exec(RECORD, { i: { firmId, kind: 'GROWTH_PLAN_MILESTONE', occurredAt: now, milestone: { milestoneId: m.id, expectedVersion: 1, status: 'CANCELLED' } } }, { email: MIDT });
    expect(stale.data.recordTouchpoint.userErrors).toEqual([expect.objectContaining({ field: ['input', 'milestone', 'expectedVersion'], code: 'VERSION_CONFLICT' })]);
    expect(await count('SELECT count(*) FROM touchpoint WHERE milestone_id = $1', [m.id])).toBe(2);
    // Another organisation cannot change it: not found.
    const other = await app.exec(RECORD, { i: { firmId, kind: 'GROWTH_PLAN_MILESTONE', occurredAt: now, milestone: { milestoneId: m.id, expectedVersion: 2, status: 'CANCELLED' } } }, { email: HOVED });
    expect(other.data.recordTouchpoint.userErrors).toEqual([{ field: ['input', 'milestone', 'milestoneId'], message: 'Milestone not found.', code: 'NOT_FOUND' }]);
  });
});

describe('corrections: a new entry supersedes the old one; both stay', () => {
  let originalId: string;
  beforeAll(async () => {
    const r = await app.exec(RECORD, { i: note('Revenue 10 mio', new Date(Date.now() - DAY).toISOString()) }, { email: MIDT });
    originalId = r.data.recordTouchpoint.touchpoint.id;
  });

  it('records the correction and shows both, linked', async () => {
    const r = await app.exec(CORRECT, { i: { touchpointId: originalId, reason: 'Typo', note: { text: 'Revenue 1 mio' } } }, { email: MIDT });
    expect(r.data.correctTouchpoint.userErrors).toEqual([]);
    const c = r.data.correctTouchpoint.touchpoint;
    expect(c).toMatchObject({ kind: 'NOTE', supersedesId: originalId, correctionReason: 'Typo', details: { text: 'Revenue 1 mio' } });
    const j = await app.exec(JOURNEY, { f: firmId, first: 100 }, { email: MIDT });
    const byId = new Map(j.data.firmJourney.edges.map((e: any) => [e.node.id, e.node]));
    expect(byId.get(originalId)).toMatchObject({ supersededById: c.id, details: { text: 'Revenue 10 mio' } });
    expect(byId.get(c.id)).toMatchObject({ supersedesId: originalId });
    const current = await app.exec(JOURNEY, { f: firmId, first: 100, filter: { includeSuperseded: false } }, { email: MIDT });
    expect(current.data.firmJourney.edges.map((e: any) => e.node.id)).not.toContain(originalId);
    expect(await count('SELECT count(*) FROM current_touchpoint WHERE id = $1', [originalId])).toBe(0);
    expect(await count('SELECT count(*) FROM current_touchpoint WHERE id = $1', [c.id])).toBe(1);
  });

  it('an entry can be corrected once; the next correction goes to the newest', async () => {
    const r = await app.exec(CORRECT, { i: { touchpointId: originalId, reason: 'again', note: { text: 'x' } } }, { email: MIDT });
    expect(r.data.correctTouchpoint.userErrors[0]).toMatchObject({ field: ['input', 'touchpointId'], code: 'IMMUTABLE' });
  });

  it('another organisation cannot correct it: the answer is the one for a missing entry', async () => {
    const [fresh] = await app.ds.query(`SELECT t.id FROM touchpoint t WHERE t.kind = 'NOTE' AND NOT EXISTS (SELECT 1 FROM touchpoint c WHERE c.supersedes_id = t.id) LIMIT 1`);
    const other = await app.exec(CORRECT, { i: { touchpointId: fresh.id, reason: 'mine now', note: { text: 'x' } } }, { email: HOVED });
    const missing = await app.exec(CORRECT, { i: { touchpointId: '00000000-0000-4000-8000-000000000000', reason: 'x', note: { text: 'x' } } }, { email: HOVED });
    expect(other.data.correctTouchpoint.userErrors).toEqual([{ field: ['input', 'touchpointId'], message: 'Touchpoint not found.', code: 'NOT_FOUND' }]);
    expect(missing.data.correctTouchpoint.userErrors).toEqual(other.data.correctTouchpoint.userErrors);
  });

  it('a correction may not move occurredAt more than 14 days before the original was recorded', async () => {
    const r = await app.exec(RECORD, { i: note('to fix') }, { email: MIDT });
    const id = r.data.recordTouchpoint.touchpoint.id;
    const bad = await app.exec(CORRECT, { i: { touchpointId: id, reason: 'date', occurredAt: new Date(Date.now() - 20 * DAY).toISOString(), note: { text: 'x' } } }, { email: MIDT });
    expect(bad.data.correctTouchpoint.userErrors).toEqual([expect.objectContaining({ field: ['input', 'occurredAt'] })]);
  });
});

describe('append-only in the database', () => {
  let id: string;
  beforeAll(async () => {
    id = (await app.ds.query(`SELECT id FROM touchpoint LIMIT 1`))[0].id;
  });

  it.each([
    ['UPDATE of details', `UPDATE touchpoint SET details = '{}'::jsonb WHERE id = $1`],
    ['UPDATE of occurred_at', `UPDATE touchpoint SET occurred_at = now() - interval '1 year' WHERE id = $1`],
    ['UPDATE of recorded_at', `UPDATE touchpoint SET recorded_at = now() - interval '1 year' WHERE id = $1`],
    ['UPDATE of kind', `UPDATE touchpoint SET kind = (CASE WHEN kind = 'NOTE' THEN 'EVENT_ATTENDANCE' ELSE 'NOTE' END)::touchpoint_kind WHERE id = $1`],
    ['re-pointing recorded_by_user_id to another user', `UPDATE touchpoint SET recorded_by_user_id = (SELECT id FROM app_user WHERE email = 'consultant@hovedstaden.demo') WHERE id = $1`],
    ['DELETE', `DELETE FROM touchpoint WHERE id = $1`],
  ])('refuses %s', async (_l, sql) => {
    await expect(app.ds.query(sql, [id])).rejects.toThrow(/append-only/);
  });

  it('refuses TRUNCATE', async () => {
    await expect(app.ds.query('TRUNCATE touchpoint CASCADE')).rejects.toThrow(/append-only/);
  });

  it('allows only erasing the user reference (ON DELETE SET NULL of a user)', async () => {
    await app.ds.query('UPDATE touchpoint SET recorded_by_user_id = NULL WHERE id = $1', [id]);
    expect((await app.ds.query('SELECT recorded_by_user_id FROM touchpoint WHERE id = $1', [id]))[0].recorded_by_user_id).toBeNull();
  });

});

describe('a journey page', () => {
  it('pages newest first with cursors, without gaps or repeats, and filters by kind and period', async () => {
    const f = (await app.ds.query(`SELECT id FROM firm WHERE status = 'REGISTERED' ORDER BY name DESC LIMIT 1`))[0].id;
    const orgId = app.org('gh:midtjylland').id;
    await app.ds.query(
      `INSERT INTO touchpoint (firm_id, organisation_id, kind, occurred_at, details)
       SELECT $1, $2, (CASE WHEN g % 2 = 0 THEN 'NOTE' ELSE 'EVENT_ATTENDANCE' END)::touchpoint_kind, now() - g * interval '1 hour',
              CASE WHEN g % 2 = 0 THEN jsonb_build_object('text', 'n' || g) ELSE jsonb_build_object('eventName', 'e' || g) END
         FROM generate_series(1, 25) g`,
      [f, orgId],
    );
    const seen: string[] = [];
    let after: string | null = null;
    let last = Infinity;
    for (let i = 0; i < 10; i++) {
      const r: any = await app.exec(JOURNEY, { f, first: 7, after }, { email: MIDT });
      for (const e of r.data.firmJourney.edges) {
        const t = new Date(e.node.occurredAt).getTime();
        expect(t).toBeLessThanOrEqual(last);
        last = t;
        seen.push(e.node.id);
      }
      if (!r.data.firmJourney.pageInfo.hasNextPage) break;
      after = r.data.firmJourney.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
    const notes = await app.exec(JOURNEY, { f, first: 100, filter: { kinds: ['NOTE'], from: new Date(Date.now() - 10.5 * 3600e3).toISOString() } }, { email: MIDT });
    expect(notes.data.firmJourney.edges.map((e: any) => e.node.details.__typename)).toEqual(Array(5).fill('NoteDetails'));
  });

  it('a bad cursor or page size is BAD_USER_INPUT; a firm that does not exist is null', async () => {
    expect(codes(await app.exec(JOURNEY, { f: firmId, after: 'junk' }, { email: MIDT }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await app.exec(JOURNEY, { f: firmId, first: 1000 }, { email: MIDT }))).toEqual(['BAD_USER_INPUT']);
    const missing = await app.exec(JOURNEY, { f: '00000000-0000-4000-8000-000000000000' }, { email: MIDT });
    expect(missing).toMatchObject({ data: { firmJourney: null }, errors: undefined });
  });

  it('is not for API keys or anonymous callers', async () => {
    expect(codes(await app.exec(JOURNEY, { f: firmId }, { apiKey: 'ggk_demo_kkr_midtjylland_read_only' }))).toEqual(['FORBIDDEN']);
    expect(codes(await app.exec(JOURNEY, { f: firmId }))).toEqual(['UNAUTHENTICATED']);
  });
});

describe('demo seed', () => {
  it('the demo data has journeys, and a referral waiting in Revision Nord\'s inbox', async () => {
    expect(await count(`SELECT count(*) FROM touchpoint t JOIN organisation o ON o.id = t.organisation_id WHERE o.name = 'Erhvervshus Midtjylland'`)).toBeGreaterThan(10);
    const sent = await app.exec('{ referrals(direction: SENT) { edges { node { status receiverOrganisation { name } } } } }', {}, { email: MIDT });
    expect(sent.data.referrals.edges).toContainEqual({ node: { status: 'SENT', receiverOrganisation: { name: 'Revision Nord (demo)' } } });
  });
});
