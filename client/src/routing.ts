import { useSyncExternalStore } from 'react';

/** The pages of the app, addressed by the URL hash (#/organisations/<id>, #/firms?q=..., #/firms/<id>). */
export type Route =
  | { page: 'organisations'; id: string | null }
  | { page: 'firms'; query: string }
  | { page: 'firm'; id: string };

export function parseRoute(hash: string): Route {
  const [path, queryString = ''] = hash.replace(/^#/, '').split('?', 2);
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'firms') {
    if (parts[1]) return { page: 'firm', id: parts[1] };
    return { page: 'firms', query: new URLSearchParams(queryString).get('q') ?? '' };
  }
  if (parts[0] === 'organisations' && parts[1]) return { page: 'organisations', id: parts[1] };
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
  }
}

export const organisationHref = (id: string) => routeHref({ page: 'organisations', id });
export const firmHref = (id: string) => routeHref({ page: 'firm', id });

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
