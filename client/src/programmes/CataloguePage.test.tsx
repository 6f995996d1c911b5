import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import type { DocumentNode } from 'graphql';
import { Provider, type Client } from 'urql';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fromValue, never } from 'wonka';
import type { ProgrammeCatalogueQuery } from '../generated/graphql';
import { CataloguePage } from './CataloguePage';

afterEach(() => {
  cleanup();
  window.location.hash = '';
});

const page = (names: string[], hasNextPage: boolean): ProgrammeCatalogueQuery => ({
  programmeCatalogue: {
    edges: names.map((name) => ({
      cursor: `c-${name}`,
      node: {
        id: `id-${name}`,
        name,
        kind: 'GROWTH_CAMP',
        state: 'OPEN',
        startsOn: '2026-10-05',
        endsOn: '2026-12-15',
        capacity: 20,
        availableSeats: 13,
        operator: { id: 'gh', name: 'Erhvervshus Hovedstaden' },
        eligibility: { growthPotentialLevels: [], industryCodePrefixes: [], sizeClasses: [], regions: [] },
      },
    })),
    pageInfo: { hasNextPage, endCursor: names.length ? `c-${names[names.length - 1]}` : null },
  },
});

function mockClient(pages: Record<string, ProgrammeCatalogueQuery>) {
  const name = (q: DocumentNode) => q.definitions.flatMap((d) => (d.kind === 'OperationDefinition' && d.name ? [d.name.value] : []))[0];
  const executeQuery = vi.fn((operation: { query: DocumentNode; variables: { after?: string | null } }) =>
    name(operation.query) === 'ProgrammeCatalogue' ? fromValue({ operation, data: pages[operation.variables.after ?? ''] }) : never,
  );
  const client = { executeQuery, executeMutation: vi.fn(() => never), executeSubscription: vi.fn(() => never) } as unknown as Client;
  const catalogueCalls = () => executeQuery.mock.calls.filter(([op]) => name(op.query) === 'ProgrammeCatalogue').map(([op]) => op.variables);
  return { client, catalogueCalls };
}

describe('CataloguePage', () => {
  it('sends the URL\'s filters, and appends the next page after the end cursor on "Load more"', () => {
    const { client, catalogueCalls } = mockClient({ '': page(['Camp A', 'Camp B'], true), 'c-Camp B': page(['Camp C'], false) });
    render(
      <Provider value={client}>
        <CataloguePage params={{ kind: 'GROWTH_CAMP', size: 'LARGE' }} canCreate={false} isMember={false} />
      </Provider>,
    );
    expect(catalogueCalls()).toEqual([{ filter: { kinds: ['GROWTH_CAMP'], sizeClass: 'LARGE' }, first: 20, after: null }]);
    expect(screen.getAllByTestId('programme-item')).toHaveLength(2);
    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    expect(catalogueCalls().at(-1)).toEqual({ filter: { kinds: ['GROWTH_CAMP'], sizeClass: 'LARGE' }, first: 20, after: 'c-Camp B' });
    expect(screen.getAllByTestId('programme-item').map((i) => within(i).getByRole('link').textContent)).toEqual(['Camp A', 'Camp B', 'Camp C']);
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
    expect(screen.queryByTestId('new-programme')).toBeNull();
  });

  it('puts the chosen filters into the URL', () => {
    const { client } = mockClient({ '': page([], false) });
    render(
      <Provider value={client}>
        <CataloguePage params={{}} canCreate isMember />
      </Provider>,
    );
    expect(screen.getByRole('status').textContent).toBe('No current programmes match these filters.');
    fireEvent.change(screen.getByTestId('filter-level'), { target: { value: 'HIGH' } });
    fireEvent.change(screen.getByTestId('filter-name'), { target: { value: ' Vækst ' } });
    fireEvent.click(screen.getByTestId('filter-submit'));
    expect(window.location.hash).toBe('#/programmes?level=HIGH&name=V%C3%A6kst');
    expect(screen.getByTestId('new-programme')).toBeTruthy();
  });
});
