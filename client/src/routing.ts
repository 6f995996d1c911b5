import { useSyncExternalStore } from 'react';

/** The pages of the app, addressed by the URL hash (#/organisations/<id>, #/firms?q=..., #/firms/<id>). */
export type Route =
  | { page: 'organisations'; id: string | null }
  | { page: 'firms'; query: string }
  | { page: 'firm'; id: string }
  /** Any other area's pages (see areas.tsx): #/<area>/<parts...>?<params>. */
  | { page: 'area'; area: string; parts: string[]; params: Record<string, string> };

export function parseRoute(hash: string): Route {
  const [path, queryString = ''] = hash.replace(/^#/, '').split('?', 2);
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'firms') {
    if (parts[1]) return { page: 'firm', id: parts[1] };
    return { page: 'firms', query: new URLSearchParams(queryString).get('q') ?? '' };
  }
  if (parts[0] === 'organisations' && parts[1]) return { page: 'organisations', id: parts[1] };
  if (parts[0] && parts[0] !== 'organisations') {
    return { page: 'area', area: parts[0], parts: parts.slice(1), params: Object.fromEntries(new URLSearchParams(queryString)) };
  }
  return { page: 'organisations', id: null };
}

export function routeHref(route: Route): string {
  switch (route.page) {
    case 'organisations':
      return route.id ? `#/organisations/${encodeURIComponent(route.id)}` : '#/organisations';
    case 'firm':
      return `#/firms/${encodeURIComponent(route.id)}`;
    case 'firms':
      return route.query ? `#/firms?${new URLSearchParams({ q: route.query })}` : '#/firms';
    case 'area': {
      const path = ['', route.area, ...route.parts].map(encodeURIComponent).join('/');
      const query = new URLSearchParams(route.params).toString();
      return `#${path}${query ? `?${query}` : ''}`;
    }
  }
}

export const organisationHref = (id: string) => routeHref({ page: 'organisations', id });
export const firmHref = (id: string) => routeHref({ page: 'firm', id });
export const areaHref = (area: string, parts: string[] = [], params: Record<string, string> = {}) =>
  routeHref({ page: 'area', area, parts, params });

export function navigate(route: Route): void {
  window.location.hash = routeHref(route);
}

const subscribe = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash, () => '');
  return parseRoute(hash);
}
