import { mockClient } from '../ui/testing';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { Provider } from 'urql';
import { afterEach, describe, expect, it } from 'vitest';
import type { AgreementListQuery, AgreementListQueryVariables, MeQuery } from '../generated/graphql';
import { AgreementList, filterFromParams } from './AgreementList';

afterEach(() => {
  cleanup();
  window.location.hash = '';
});

const me = (role: 'EDITOR' | 'CONSULTANT'): MeQuery['me'] => ({
  id: 'u1',
  displayName: 'Rikke Editor',
  email: 'editor@randers.demo',
  memberships: [{ id: 'm1', role, organisation: { id: 'mun', name: 'Randers Kommune', kind: 'MUNICIPALITY', country: 'DK' } }],
});

const page = (titles: string[], hasNextPage: boolean): AgreementListQuery => ({
  serviceAgreements: {
    edges: titles.map((title) => ({
      cursor: `c-${title}`,
      node: {
        id: `id-${title}`,
        kind: 'LOCAL_COOPERATION',
        state: 'ACTIVE',
        title,
        currentVersionNumber: 2,
        inForceVersionNumber: 1,
        hasPendingAmendment: true,
        currentVersion: { id: `v-${title}`, periodStart: '2026-01-01', periodEnd: '2026-12-31' },
        parties: [{ id: 'p1', role: 'MUNICIPALITY', organisation: { id: 'mun', name: 'Randers Kommune' } }],
      },
    })),
    pageInfo: { hasNextPage, endCursor: titles.length ? `c-${titles[titles.length - 1]}` : null },
  },
});

function clientFor(pages: Record<string, AgreementListQuery>) {
  const mock = mockClient({ query: (op) => pages[(op.variables as AgreementListQueryVariables).after ?? ''] });
  return { client: mock.client, variables: () => mock.queryCalls() };
}

describe('AgreementList', () => {
  it('reads the state and kind filter from the URL, ignoring unknown values', () => {
    expect(filterFromParams({ state: 'ACTIVE', kind: 'RESULT_CONTRACT' })).toEqual({ states: ['ACTIVE'], kinds: ['RESULT_CONTRACT'] });
    expect(filterFromParams({ state: 'BOGUS', kind: '' })).toEqual({});
  });

  it('asks for the filtered first page, appends the next one on "Load more", and links each agreement', () => {
    const { client, variables } = clientFor({ '': page(['A1', 'A2'], true), 'c-A2': page(['A3'], false) });
    render(
      <Provider value={client}>
        <AgreementList params={{ state: 'ACTIVE' }} me={me('EDITOR')} />
      </Provider>,
    );
    expect(variables()).toEqual([{ filter: { states: ['ACTIVE'] }, first: 20, after: null }]);
    const rows = screen.getAllByTestId('agreement-row');
    expect(within(rows[0]).getByRole('link', { name: 'A1' }).getAttribute('href')).toBe('#/agreements/id-A1');
    expect(rows[0].textContent).toContain('amendment 2 pending');
    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    expect(variables().at(-1)).toEqual({ filter: { states: ['ACTIVE'] }, first: 20, after: 'c-A2' });
    expect(screen.getAllByTestId('agreement-row').map((r) => r.dataset.agreementId)).toEqual(['id-A1', 'id-A2', 'id-A3']);
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  });

  it('puts a filter change into the URL; only editors and admins get "New agreement"', () => {
    const { client } = clientFor({ '': page([], false) });
    render(
      <Provider value={client}>
        <AgreementList params={{}} me={me('CONSULTANT')} />
      </Provider>,
    );
    expect(screen.getByRole('status').textContent).toBe('No agreements found.');
    expect(screen.queryByTestId('new-agreement')).toBeNull();
    fireEvent.change(screen.getByTestId('filter-kind'), { target: { value: 'CO_FINANCING' } });
    expect(window.location.hash).toBe('#/agreements?kind=CO_FINANCING');
  });
});
