import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { Provider, type Client } from 'urql';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fromValue, never } from 'wonka';
import type { InvestorPortalListingsQuery } from '../generated/graphql';
import { InvestorPortalPage } from './InvestorPortalPage';

afterEach(() => {
  cleanup();
  window.location.hash = '';
});

const listings: InvestorPortalListingsQuery = {
  investorPortalListings: {
    edges: [
      {
        cursor: 'c1',
        node: {
          id: 'p1',
          title: 'Light rail along Ring 3',
          description: null,
          kind: 'INFRASTRUCTURE',
          status: 'UNDER_CONSTRUCTION',
          isTender: false,
          tenderDeadline: null,
          estimatedInvestmentDkk: '5700000000.00',
          expectedStartYear: 2018,
          url: 'javascript:alert(1)',
          publicOwnerName: 'Region Hovedstaden',
          municipalityName: null,
          listedBy: 'Copenhagen Capacity',
        },
      },
    ],
    pageInfo: { hasNextPage: false, endCursor: 'c1' },
  },
};

describe('InvestorPortalPage', () => {
  it('lists the public projects with a link to sign in, and filters tenders through the API', () => {
    window.location.hash = '#/portal';
    const executeQuery = vi.fn((operation: unknown) => fromValue({ operation, data: listings }));
    const client = { executeQuery, executeMutation: vi.fn(() => never), executeSubscription: vi.fn(() => never) } as unknown as Client;
    render(
      <Provider value={client}>
        <InvestorPortalPage />
      </Provider>,
    );
    const card = screen.getByTestId('portal-listing');
    expect(card.textContent).toContain('Light rail along Ring 3');
    expect(card.textContent).toContain('5,700,000,000 DKK');
    expect(screen.getByRole('link', { name: 'Light rail along Ring 3' }).getAttribute('href')).toBe('#/portal/p1');
    expect(screen.getByTestId('portal-sign-in').getAttribute('href')).toBe('#/');
    fireEvent.click(screen.getByTestId('portal-tenders-only'));
    const variables = executeQuery.mock.calls.map(([op]) => (op as { variables: unknown }).variables);
    expect(variables[0]).toEqual({ filter: null, first: 20, after: null });
    expect(variables.at(-1)).toEqual({ filter: { tendersOnly: true }, first: 20, after: null });
  });

  it('shows one project by id, and never links a non-http URL', () => {
    window.location.hash = '#/portal/p1';
    const node = listings.investorPortalListings.edges[0].node;
    const executeQuery = vi.fn((operation: unknown) => fromValue({ operation, data: { investorPortalListing: node } }));
    const client = { executeQuery, executeMutation: vi.fn(() => never), executeSubscription: vi.fn(() => never) } as unknown as Client;
    render(
      <Provider value={client}>
        <InvestorPortalPage />
      </Provider>,
    );
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Light rail along Ring 3');
    expect((executeQuery.mock.calls[0][0] as { variables: unknown }).variables).toEqual({ id: 'p1' });
    expect(screen.queryByText('More about the project')).toBeNull();
  });
});
