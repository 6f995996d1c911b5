import { mockClient } from '../ui/testing';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { Provider } from 'urql';
import { afterEach, describe, expect, it } from 'vitest';
import type { FirmsQuery } from '../generated/graphql';
import { FirmSearchPage } from './FirmSearchPage';

afterEach(() => {
  cleanup();
  window.location.hash = '';
});

const firmsPage = (names: string[], hasNextPage: boolean): FirmsQuery => ({
  firms: {
    edges: names.map((name, i) => ({
      cursor: `c-${name}`,
      node: {
        id: `id-${name}`,
        name,
        country: 'DK',
        status: 'REGISTERED',
        cvr: String(46180763 + i),
        organisationsnummer: null,
        industryCode: '561010',
        sizeClass: 'SMALL',
        municipality: { id: 'm1', name: 'Randers Kommune' },
      },
    })),
    pageInfo: { hasNextPage, endCursor: names.length ? `c-${names[names.length - 1]}` : null },
  },
});

/** A client answering the Firms query from `pages`, keyed by the `after` cursor. */
function clientFor(pages: Record<string, FirmsQuery>) {
  const mock = mockClient({ query: (op) => pages[(op.variables.after as string | null | undefined) ?? ''] });
  return { client: mock.client, queryCalls: mock.queryCalls };
}


describe('FirmSearchPage', () => {
  it('searches by name prefix for text, and lists name, identifier, municipality, industry code and size class', () => {
    const { client, queryCalls } = clientFor({ '': firmsPage(['Aalborg Brasserie A/S'], false) });
    render(
      <Provider value={client}>
        <FirmSearchPage query="Aalborg" />
      </Provider>,
    );
    expect(queryCalls()).toEqual([{ search: { namePrefix: 'Aalborg' }, first: 20, after: null }]);
    const row = screen.getByTestId('firm-result');
    expect(within(row).getByRole('link', { name: 'Aalborg Brasserie A/S' }).getAttribute('href')).toBe('#/firms/id-Aalborg%20Brasserie%20A%2FS');
    // The column header says "Identifier" / "CVR-/org.nr.": the cell holds the number alone.
    expect(within(row).getByTestId('firm-identifier').textContent).toBe('46180763');
    expect(row.textContent).toContain('Randers Kommune');
    expect(row.textContent).toContain('561010');
    expect(row.textContent).toContain('Small (10-49)');
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  });

  it('searches by identifier for a CVR / organisationsnummer', () => {
    const { client, queryCalls } = clientFor({ '': firmsPage([], false) });
    render(
      <Provider value={client}>
        <FirmSearchPage query="556677-8899" />
      </Provider>,
    );
    expect(queryCalls()).toEqual([{ search: { identifier: '556677-8899' }, first: 20, after: null }]);
    expect(screen.getByRole('status').textContent).toBe('No firms found.');
  });

  it('loads the next page after the end cursor and appends it', () => {
    const { client, queryCalls } = clientFor({
      '': firmsPage(['A1', 'A2'], true),
      'c-A2': firmsPage(['A3'], false),
    });
    render(
      <Provider value={client}>
        <FirmSearchPage query="A" />
      </Provider>,
    );
    expect(screen.getAllByTestId('firm-result')).toHaveLength(2);
    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    expect(queryCalls().at(-1)).toEqual({ search: { namePrefix: 'A' }, first: 20, after: 'c-A2' });
    expect(screen.getAllByTestId('firm-result').map((r) => within(r).getByRole('link', { name: /^A\d$/ }).textContent)).toEqual(['A1', 'A2', 'A3']);
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  });

  it('puts a new search into the URL (so Back returns to the results)', () => {
    const { client } = clientFor({});
    render(
      <Provider value={client}>
        <FirmSearchPage query="" />
      </Provider>,
    );
    fireEvent.change(screen.getByLabelText('Firm name, CVR or organisationsnummer'), { target: { value: ' Søren & Co ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    expect(window.location.hash).toBe('#/firms?q=S%C3%B8ren+%26+Co');
  });
});
