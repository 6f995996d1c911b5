import { placeUserErrors } from '../ui/userErrors';
import { describe, expect, it } from 'vitest';
import type { GrowthWheelDecisionArea } from '../generated/graphql';
import { mappingErrors, scoresInput, toggleFocus, validateMapping, type WheelArea } from './growthWheel';
import { journeyFilterFromParams } from './journeyFilter';
import { milestonesFromEntries } from './milestones';
import { recordingOrganisations } from './recordAs';
import { correctionState, detailRows } from './timeline';

const MODEL: WheelArea[] = [
  { area: 'COMPANY', decisionAreas: ['VISION', 'BUSINESS_CONCEPT', 'OWNERSHIP', 'LEGAL_STRUCTURE', 'PROFITABILITY'] },
  { area: 'CUSTOMERS', decisionAreas: ['PRODUCTS_AND_SERVICES', 'CUSTOMER_SEGMENTS', 'COMPETITIVE_POSITION', 'SALES', 'MARKETING'] },
];
const all = MODEL.flatMap((a) => a.decisionAreas);

describe('placeUserErrors', () => {
  it('puts each error next to the longest matching field and keeps the rest for the form', () => {
    const g = placeUserErrors(
      [
        { field: ['input', 'milestone', 'title'], message: 'A new milestone needs title.', code: 'REQUIRED' },
        { field: ['input', 'milestone', 'expectedVersion'], message: 'Someone else changed it.', code: 'VERSION_CONFLICT' },
        { field: ['input', 'firmId'], message: 'Firm not found.', code: 'NOT_FOUND' },
        { field: [], message: 'Something else.', code: 'INVALID' },
      ],
      ['milestone', 'milestone.title'],
    );
    expect(g.byField).toEqual({ 'milestone.title': ['A new milestone needs title.'], milestone: ['Someone else changed it.'] });
    expect(g.other).toEqual(['Firm not found.', 'Something else.']);
  });

  it('does not take a field whose name merely starts like another ("note" is not "noteText")', () => {
    expect(placeUserErrors([{ field: ['input', 'noteText'], message: 'x', code: 'INVALID' }], ['note']).other).toEqual(['x']);
  });
});

describe('growth mapping', () => {
  it('maps a score error by the index SENT to its decision area, even when areas were skipped', () => {
    // Vision has no score: the 4th score sent (index 3) is Profitability, though the 4th field of the form is Legal structure.
    const draft = { scores: Object.fromEntries(all.slice(1).map((d, i) => [d, 1 + (i % 5)])), focusAreas: [], ambition: '' };
    const sent = scoresInput(MODEL, draft);
    expect(sent[3].decisionArea).toBe('PROFITABILITY');
    const g = mappingErrors(
      [
        { field: ['input', 'growthMapping', 'scores', '3', 'score'], message: 'score must be 1-5', code: 'INVALID' },
        { field: ['input', 'growthMapping', 'scores'], message: 'Score VISION', code: 'REQUIRED' },
        { field: ['input', 'growthMapping', 'focusAreas'], message: 'Pick 3', code: 'INVALID' },
        { field: ['input', 'occurredAt'], message: 'at most 14 days', code: 'INVALID' },
      ],
      sent,
    );
    expect(g.byField).toEqual({
      'growthMapping.scores.PROFITABILITY': ['score must be 1-5'],
      'growthMapping.scores': ['Score VISION'],
      'growthMapping.focusAreas': ['Pick 3'],
      occurredAt: ['at most 14 days'],
    });
    expect(g.other).toEqual([]);
  });

  it('needs every decision area scored and exactly 3 different focus areas', () => {
    const scores = Object.fromEntries(all.map((d) => [d, 3]));
    expect(validateMapping(MODEL, { scores, focusAreas: ['SALES', 'VISION', 'MARKETING'], ambition: '' })).toEqual({});
    const missing = validateMapping(MODEL, { scores: { ...scores, SALES: undefined }, focusAreas: ['SALES', 'VISION'], ambition: '' });
    expect(Object.keys(missing).sort()).toEqual(['growthMapping.focusAreas', 'growthMapping.scores.SALES']);
    expect(missing['growthMapping.focusAreas']).toEqual(['Pick exactly 3 focus areas (2 picked).']);
    expect(validateMapping(MODEL, { scores: { ...scores, VISION: 6 }, focusAreas: ['SALES', 'VISION', 'MARKETING'], ambition: '' })).toEqual({
      'growthMapping.scores.VISION': ['A score is from 1 to 5.'],
    });
  });

  it('refuses a 4th focus area and un-picks one again', () => {
    const three: GrowthWheelDecisionArea[] = ['SALES', 'VISION', 'MARKETING'];
    expect(toggleFocus(three, 'OWNERSHIP')).toEqual(three);
    expect(toggleFocus(three, 'VISION')).toEqual(['SALES', 'MARKETING']);
    expect(toggleFocus(['SALES'], 'VISION')).toEqual(['SALES', 'VISION']);
  });
});

describe('journeyFilterFromParams', () => {
  it('sends a period of whole local days, including the "to" day (the API\'s "to" is exclusive)', () => {
    const f = journeyFilterFromParams({ from: '2025-03-01', to: '2025-03-31', kind: 'GROWTH_MAPPING', org: 'o1', corrected: 'hide' });
    expect(f).toEqual({
      from: new Date(2025, 2, 1).toISOString(),
      to: new Date(2025, 3, 1).toISOString(),
      kinds: ['GROWTH_MAPPING'],
      organisationIds: ['o1'],
      includeSuperseded: false,
    });
  });

  it('ignores unknown kinds and malformed dates, and is null when nothing filters', () => {
    expect(journeyFilterFromParams({ kind: 'DROP_TABLE', from: '01/03/2025', to: '' })).toBeNull();
    expect(journeyFilterFromParams({})).toBeNull();
  });
});

describe('timeline', () => {
  it('tells current entries, superseded ones and corrections apart', () => {
    expect(correctionState({ supersedesId: null, supersededById: null })).toBe('current');
    expect(correctionState({ supersedesId: null, supersededById: 'b' })).toBe('superseded');
    expect(correctionState({ supersedesId: 'a', supersededById: null })).toBe('correction');
    expect(correctionState({ supersedesId: 'a', supersededById: 'c' })).toBe('corrected-correction');
  });

  it('describes a milestone change and keeps self-reported and register-measured outcomes apart', () => {
    const milestone = { __typename: 'MilestoneDetails', milestoneId: 'm', title: 'Export plan', ownerName: 'CEO', dueOn: '2025-06-30', status: 'DONE', previousStatus: 'IN_PROGRESS' } as const;
    expect(detailRows(milestone)).toContainEqual(['Status', 'In progress → Done']);
    expect(detailRows({ ...milestone, previousStatus: null })).toContainEqual(['Status', 'Done (new)']);
    const outcome = { __typename: 'OutcomeReportDetails', measuredOn: '2025-06-30', source: 'REGISTER_MEASURED', jobs: 0, revenue: null, exportRevenue: null, currency: null } as const;
    expect(detailRows(outcome)).toEqual([
      ['Measured on', '30 Jun 2025'],
      ['Source', 'Measured on registers'],
      ['Jobs', '0'],
    ]);
  });
});

describe('milestonesFromEntries', () => {
  it('keeps one milestone per id (the current state), leaves out other organisations\' entries, orders by due date', () => {
    const m = (id: string, dueOn: string, version: number) => ({ id, title: id, ownerName: 'CEO', dueOn, status: 'PLANNED' as const, version });
    const entry = (milestone: ReturnType<typeof m> | null) => ({
      node: { id: `t-${Math.random()}`, organisation: { id: 'o', name: 'Erhvervshus Midtjylland' }, details: { __typename: 'MilestoneDetails' as const, milestone } },
    });
    const list = milestonesFromEntries({
      firmJourney: {
        edges: [entry(m('b', '2025-05-01', 3)), entry(m('a', '2025-07-01', 1)), entry(m('b', '2025-05-01', 3)), entry(null)],
        pageInfo: { hasNextPage: false, endCursor: null },
      },
    });
    expect(list.map((x) => [x.id, x.version])).toEqual([
      ['b', 3],
      ['a', 1],
    ]);
  });
});

describe('recordingOrganisations', () => {
  const me = {
    memberships: [
      { id: '1', role: 'ADMIN' as const, organisation: { id: 'midt', name: 'Erhvervshus Midtjylland', kind: 'GROWTH_HOUSE' as const, country: 'DK' as const } },
      { id: '2', role: 'VIEWER' as const, organisation: { id: 'kkr', name: 'KKR Midtjylland', kind: 'REGIONAL_COUNCIL' as const, country: 'DK' as const } },
    ],
  };
  it('offers only organisations where the role may record, narrowed by the organisation switcher', () => {
    expect(recordingOrganisations(me, null)).toEqual([{ id: 'midt', name: 'Erhvervshus Midtjylland' }]);
    expect(recordingOrganisations(me, 'kkr')).toEqual([]);
  });
});
