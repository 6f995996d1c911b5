// Heavy forms (20 selects) under a loaded CI machine: a few tests get 30 s rather than the default 5 s.
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { GrowthWheelDecisionArea } from '../generated/graphql';
import { mockClient, renderWithClient } from '../ui/testing';
import { GrowthMappingsPanel, GrowthWheelChart } from './GrowthWheel';
import { compareScores, scoreRadius, WHEEL_SIZE, wheelSegments } from './wheel';

afterEach(cleanup);

const MODEL = [
  { area: 'COMPANY', decisionAreas: ['VISION', 'BUSINESS_CONCEPT', 'LEGAL_STRUCTURE', 'OWNERSHIP', 'PROFITABILITY'] },
  { area: 'CUSTOMERS', decisionAreas: ['PRODUCTS_AND_SERVICES', 'CUSTOMER_SEGMENTS', 'COMPETITIVE_POSITION', 'SALES', 'MARKETING'] },
  { area: 'ORGANISATION', decisionAreas: ['MANAGEMENT', 'EMPLOYEES', 'ADMINISTRATION', 'OPERATIONS', 'FINANCING'] },
  { area: 'RELATIONS', decisionAreas: ['NETWORK', 'PARTNERS', 'INVESTORS', 'COMMUNICATION', 'INTERNATIONALISATION'] },
] as Array<{ area: string; decisionAreas: GrowthWheelDecisionArea[] }>;
const ALL = MODEL.flatMap((a) => a.decisionAreas);
const scores = (f: (i: number) => number) => ALL.map((d, i) => ({ decisionArea: d, score: f(i) }));

/** The largest distance from the centre among the path's points. */
const reach = (path: string) => {
  const nums = path.match(/-?\d+(\.\d+)?/g)!.map(Number);
  let max = 0;
  // "M x y L x y A r r 0 f 1 x y L x y A r r 0 f 0 x y Z": the points are the pairs after M, L and the last two numbers of each A.
  const pts: Array<[number, number]> = [];
  const tokens = path.split(/\s+/);
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i] === 'M' || tokens[i] === 'L') pts.push([Number(tokens[i + 1]), Number(tokens[i + 2])]);
    if (tokens[i] === 'A') pts.push([Number(tokens[i + 6]), Number(tokens[i + 7])]);
  }
  for (const [x, y] of pts) max = Math.max(max, Math.hypot(x - WHEEL_SIZE / 2, y - WHEEL_SIZE / 2));
  expect(nums.length).toBeGreaterThan(0);
  return max;
};

describe('the Growth Wheel geometry', () => {
  it('has one segment per decision area, clockwise area by area, its length the score', () => {
    const segs = wheelSegments(MODEL, scores((i) => (i % 5) + 1), ['SALES', 'VISION', 'NETWORK']);
    expect(segs.map((s) => s.decisionArea)).toEqual(ALL);
    expect(segs.map((s) => s.angle)).toEqual(ALL.map((_, i) => i * 18 + 9));
    expect(segs.filter((s) => s.focus).map((s) => s.decisionArea)).toEqual(['VISION', 'SALES', 'NETWORK']);
    // A 5 reaches the rim, a 1 a fifth of the way out; every wedge ends where its score says.
    for (const s of segs) expect(reach(s.path)).toBeCloseTo(scoreRadius(s.score!), 1);
    expect(scoreRadius(5)).toBeGreaterThan(scoreRadius(4));
    expect(reach(segs[4].path)).toBeCloseTo(reach(segs[4].outline), 1);
  });

  it('draws nothing for an unscored decision area (but keeps its place)', () => {
    const segs = wheelSegments(MODEL, [{ decisionArea: 'VISION', score: 3 }], []);
    expect(segs).toHaveLength(20);
    expect(segs.filter((s) => s.path).map((s) => s.decisionArea)).toEqual(['VISION']);
  });

  it('compares two mappings per decision area (later minus earlier)', () => {
    const rows = compareScores(MODEL, scores(() => 2), [...scores(() => 2).slice(0, 19), { decisionArea: 'INTERNATIONALISATION', score: 5 }]);
    expect(rows.find((r) => r.decisionArea === 'INTERNATIONALISATION')).toMatchObject({ earlier: 2, later: 5, change: 3 });
    expect(rows.find((r) => r.decisionArea === 'VISION')).toMatchObject({ change: 0 });
    expect(compareScores(MODEL, [], scores(() => 1))[0].change).toBeNull();
  });
});

describe('GrowthWheelChart', () => {
  it('is one image with a worded description, and the same figures as a table beside it (Danish)', () => {
    renderWithClient(mockClient().client, <GrowthWheelChart model={MODEL} scores={scores((i) => (i === 0 ? 5 : 2))} focusAreas={['VISION', 'SALES', 'NETWORK']} caption="3. feb. 2027" />, 'da');
    const svg = screen.getByRole('img', { name: /Væksthjulet: 3\. feb\. 2027/ });
    expect(svg.getAttribute('aria-labelledby')?.split(' ')).toHaveLength(2);
    expect(svg.querySelector('desc')!.textContent).toContain('Gennemsnit 2,2 af 5');
    expect(svg.querySelector('desc')!.textContent).toContain('Fokusområder: Vision, Salg, Netværk');
    expect(screen.getAllByTestId('wheel-segment')).toHaveLength(20);
    const table = screen.getByTestId('growth-wheel-table');
    const rows = within(table).getAllByTestId('wheel-row');
    expect(rows).toHaveLength(20);
    expect(rows[0].textContent).toBe('VirksomhedVision · fokusområde5 af 5');
    expect(rows[1].textContent).toBe('VirksomhedForretningskoncept2 af 5');
  }, 30_000);
});

const mapping = (id: string, occurredAt: string, f: (i: number) => number, focusAreas: string[]) => ({
  node: { id, occurredAt, organisation: { id: 'o', name: 'Erhvervshus Midtjylland' }, details: { __typename: 'GrowthMappingDetails', ambition: null, focusAreas, scores: scores(f) } },
});

describe('GrowthMappingsPanel', () => {
  it('puts the two latest mappings side by side, earlier left, with the change per decision area; any two can be chosen', async () => {
    const api = mockClient({
      queries: {
        DeskGrowthMappings: {
          firmJourney: {
            // Newest first, as the journey lists them.
            edges: [mapping('m3', '2026-11-01T10:00:00Z', () => 4, ['SALES', 'VISION', 'NETWORK']), mapping('m2', '2026-05-01T10:00:00Z', () => 3, ['SALES', 'VISION', 'NETWORK']), mapping('m1', '2025-11-01T10:00:00Z', () => 1, ['SALES', 'VISION', 'NETWORK'])],
          },
          growthWheelModel: MODEL,
        },
      },
    });
    renderWithClient(api.client, <GrowthMappingsPanel firmId="f1" />);
    await screen.findByTestId('mapping-comparison');
    expect(screen.getByRole('heading', { name: 'Growth mappings (3)' })).toBeTruthy();
    expect(within(screen.getByTestId('growth-wheel-left')).getByRole('img').getAttribute('aria-labelledby')).toBeTruthy();
    expect(screen.getByTestId('growth-wheel-left').querySelector('caption')!.textContent).toBe('1 May 2026, Erhvervshus Midtjylland');
    expect(screen.getByTestId('growth-wheel-right').querySelector('caption')!.textContent).toBe('1 Nov 2026, Erhvervshus Midtjylland');
    const vision = () => screen.getAllByTestId('mapping-change').find((r) => r.dataset.decisionArea === 'VISION')!;
    expect(vision().textContent).toBe('Vision34+1');
    fireEvent.change(screen.getByTestId('compare-left'), { target: { value: 'm1' } });
    expect(vision().textContent).toBe('Vision14+3');
  }, 30_000);

  it('shows one mapping as a wheel, and says when there is none', async () => {
    const one = mockClient({ queries: { DeskGrowthMappings: { firmJourney: { edges: [mapping('m1', '2025-11-01T10:00:00Z', () => 2, [])] }, growthWheelModel: MODEL } } });
    renderWithClient(one.client, <GrowthMappingsPanel firmId="f1" />, 'sv');
    await screen.findByTestId('growth-wheel');
    expect(screen.getByRole('heading', { name: 'Tillväxtkartläggning (1)' })).toBeTruthy();
    expect(screen.queryByTestId('mapping-comparison')).toBeNull();
    cleanup();
    const none = mockClient({ queries: { DeskGrowthMappings: { firmJourney: { edges: [] }, growthWheelModel: MODEL } } });
    renderWithClient(none.client, <GrowthMappingsPanel firmId="f1" />, 'da');
    await screen.findByText(/Ingen vækstkortlægning endnu/);
  }, 30_000);
});
