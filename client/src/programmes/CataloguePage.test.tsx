import { mockClient, type MockOperation } from '../ui/testing';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { Provider } from 'urql';
import { afterEach, describe, expect, it } from 'vitest';
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

function clientFor(pages: Record<string, ProgrammeCatalogueQuery>) {
  const mock = mockClient({ queries: { ProgrammeCatalogue: (op: MockOperation) => pages[(op.variables.after as string | null | undefined) ?? ''] } });
  return { client: mock.client, catalogueCalls: () => mock.queryCalls('ProgrammeCatalogue') };
}

describe('CataloguePage', () => {
  it('sends the URL\'s filters, and appends the next page after the end cursor on "Load more"', () => {
    const { client, catalogueCalls } = clientFor({ '': page(['Camp A', 'Camp B'], true), 'c-Camp B': page(['Camp C'], false) });
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
    const { client } = clientFor({ '': page([], false) });
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
