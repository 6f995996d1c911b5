import { describe, expect, it } from 'vitest';
import { parseRoute, routeHref, type Route } from './routing';

describe('hash routes', () => {
  it('parses the pages', () => {
    expect(parseRoute('')).toEqual({ page: 'organisations', id: null });
    expect(parseRoute('#/organisations/abc')).toEqual({ page: 'organisations', id: 'abc' });
    expect(parseRoute('#/firms')).toEqual({ page: 'firms', query: '' });
    expect(parseRoute('#/firms?q=S%C3%B8ren%20%26%20Co')).toEqual({ page: 'firms', query: 'Søren & Co' });
    expect(parseRoute('#/firms/f-1')).toEqual({ page: 'firm', id: 'f-1' });
    expect(parseRoute('#/')).toEqual({ page: 'organisations', id: null });
    expect(parseRoute('#/agreements/a-1/versions?from=1&to=2')).toEqual({ page: 'area', area: 'agreements', parts: ['a-1', 'versions'], params: { from: '1', to: '2' } });
  });

  it('round-trips every route through its href', () => {
    const routes: Route[] = [
      { page: 'organisations', id: null },
      { page: 'organisations', id: 'e4e3f38b-1a57-4c7f-8209-e4095bb4a565' },
      { page: 'firms', query: '' },
      { page: 'firms', query: 'Aalborg & Søn' },
      { page: 'firm', id: '029ad7f7' },
      { page: 'area', area: 'journeys', parts: ['f 1'], params: { tab: 'consent' } },
    ];
    for (const route of routes) expect(parseRoute(routeHref(route))).toEqual(route);
  });
});
