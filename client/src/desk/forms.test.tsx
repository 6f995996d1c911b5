import { mockClient } from '../ui/testing';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { Provider } from 'urql';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeskFirmMilestonesQuery, DeskGrowthWheelModelQuery } from '../generated/graphql';
import { humanize } from '../ui/labels';
import { GrowthMappingForm } from './GrowthMappingForm';
import { MilestonesPanel } from './MilestonesPanel';

afterEach(cleanup);

const MODEL: DeskGrowthWheelModelQuery = {
  growthWheelModel: [
    { area: 'COMPANY', decisionAreas: ['VISION', 'BUSINESS_CONCEPT', 'OWNERSHIP', 'LEGAL_STRUCTURE', 'PROFITABILITY'] },
    { area: 'CUSTOMERS', decisionAreas: ['PRODUCTS_AND_SERVICES', 'CUSTOMER_SEGMENTS', 'COMPETITIVE_POSITION', 'SALES', 'MARKETING'] },
  ],
};

type Op = { query: { definitions: Array<{ name?: { value: string } }> }; variables: Record<string, unknown> };

/** A client answering queries by operation name and every mutation with `mutationData`. */
const clientFor = (queries: Record<string, unknown>, mutationData: unknown) => mockClient({ queries, mutation: () => mutationData });

describe('GrowthMappingForm', () => {
  const noErrors = { recordTouchpoint: { touchpoint: null, milestone: null, referral: null, userErrors: [] } };

  it('does not send a mapping without exactly 3 focus areas, and says so next to them', () => {
    const { client, executeMutation } = clientFor({ DeskGrowthWheelModel: MODEL }, noErrors);
    render(
      <Provider value={client}>
        <GrowthMappingForm firmId="f1" organisationId="o1" />
      </Provider>,
    );
    for (const d of MODEL.growthWheelModel.flatMap((a) => a.decisionAreas)) fireEvent.change(screen.getByLabelText(`Score for ${humanize(d)}`), { target: { value: '3' } });
    fireEvent.click(screen.getByLabelText('Focus area: Sales'));
    fireEvent.click(screen.getByTestId('mapping-submit'));
    expect(executeMutation).not.toHaveBeenCalled();
    expect(screen.getByText('Pick exactly 3 focus areas (1 picked).')).toBeTruthy();
  }, 30_000);

  it('sends the scores in the model\'s order and shows a server error on a score next to THAT decision area', async () => {
    const rejected = {
      recordTouchpoint: {
        touchpoint: null,
        milestone: null,
        referral: null,
        userErrors: [{ field: ['input', 'growthMapping', 'scores', '8', 'score'], message: 'score must be at most 5', code: 'INVALID' }],
      },
    };
    const { client, executeMutation } = clientFor({ DeskGrowthWheelModel: MODEL }, rejected);
    render(
      <Provider value={client}>
        <GrowthMappingForm firmId="f1" organisationId="o1" />
      </Provider>,
    );
    const areas = MODEL.growthWheelModel.flatMap((a) => a.decisionAreas);
    for (const d of areas) fireEvent.change(screen.getByTestId(`score-${d}`), { target: { value: '4' } });
    for (const d of ['SALES', 'VISION', 'MARKETING']) fireEvent.click(screen.getByTestId(`focus-${d}`));
    expect((screen.getByTestId('focus-OWNERSHIP') as HTMLInputElement).disabled).toBe(true);
    fireEvent.click(screen.getByTestId('mapping-submit'));
    await waitFor(() => expect(executeMutation).toHaveBeenCalledTimes(1));
    const input = (executeMutation.mock.calls[0][0] as unknown as unknown as Op).variables.input as { growthMapping: { scores: Array<{ decisionArea: string }>; focusAreas: string[] }; kind: string };
    expect(input.kind).toBe('GROWTH_MAPPING');
    expect(input.growthMapping.scores.map((s) => s.decisionArea)).toEqual(areas);
    expect(input.growthMapping.focusAreas).toEqual(['SALES', 'VISION', 'MARKETING']);
    // Index 8 is Sales: its select is marked invalid and described by the message.
    const sales = await screen.findByTestId('score-SALES');
    await waitFor(() => expect(sales.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(sales.getAttribute('aria-describedby')!)!.textContent).toBe('score must be at most 5');
    expect(screen.getByTestId('score-VISION').getAttribute('aria-invalid')).toBeNull();
  }, 30_000);
});

describe('MilestonesPanel', () => {
  const milestones: DeskFirmMilestonesQuery = {
    firmJourney: {
      edges: [
        {
          node: {
            id: 't1',
            organisation: { id: 'o1', name: 'Erhvervshus Midtjylland' },
            details: { __typename: 'MilestoneDetails', milestone: { id: 'm1', title: 'Export plan', ownerName: 'CEO', dueOn: '2030-01-31', status: 'PLANNED', version: 2 } },
          },
        },
      ],
      pageInfo: { hasNextPage: false, endCursor: null },
    },
  };

  it('changes the status with the version seen, and shows a version conflict clearly', async () => {
    const conflict = {
      recordTouchpoint: {
        touchpoint: null,
        milestone: null,
        referral: null,
        userErrors: [{ field: ['input', 'milestone', 'expectedVersion'], message: 'Someone else changed this milestone (now version 3). Reload and try again.', code: 'VERSION_CONFLICT' }],
      },
    };
    const { client, executeMutation } = clientFor({ DeskFirmMilestones: milestones }, conflict);
    render(
      <Provider value={client}>
        <MilestonesPanel firmId="f1" organisationId="o1" />
      </Provider>,
    );
    const row = screen.getByTestId('milestone');
    fireEvent.change(within(row).getByLabelText('New status'), { target: { value: 'DONE' } });
    fireEvent.click(within(row).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(executeMutation).toHaveBeenCalledTimes(1));
    expect((executeMutation.mock.calls[0][0] as unknown as unknown as Op).variables.input).toMatchObject({
      firmId: 'f1',
      organisationId: 'o1',
      kind: 'GROWTH_PLAN_MILESTONE',
      milestone: { milestoneId: 'm1', expectedVersion: 2, status: 'DONE' },
    });
    const alert = await within(row).findByTestId('version-conflict');
    expect(alert.textContent).toContain('Version conflict.');
    expect(alert.textContent).toContain('now version 3');
    expect(within(alert).getByRole('button', { name: 'Reload milestone' })).toBeTruthy();
  });
});
