import { useEffect, useState } from 'react';
import { useSearchOrganisationsQuery, type MeQuery } from '../generated/graphql';
import { organisationHref } from '../routing';
import { humanize } from '../ui/labels';
import { OrganisationProfile } from './OrganisationProfile';

type Membership = MeQuery['me']['memberships'][number];

export interface OrganisationBrowserProps {
  id: string | null;
  memberships: Membership[];
  /** The organisation the user acts for (null: all of theirs). */
  actingFor: string | null;
}

/** Search organisations by name and browse the graph from one to the next. */
export function OrganisationBrowser({ id, memberships, actingFor }: OrganisationBrowserProps) {
  const [text, setText] = useState('');
  const namePrefix = useDebounced(text.trim(), 250);
  const membership = memberships.find((m) => m.organisation.id === id);
  // Members are visible to the organisation's own members, within the organisation acted for.
  const canSeeMembers = Boolean(membership) && (actingFor === null || actingFor === id);
  // Relationships proposed to an organisation are answered by its admins.
  const administeredIds = memberships.filter((m) => m.role === 'ADMIN' && (actingFor === null || actingFor === m.organisation.id)).map((m) => m.organisation.id);

  return (
    <div className="browser">
      <aside className="browser-search" aria-labelledby="organisation-search-title">
        <h2 id="organisation-search-title">Find an organisation</h2>
        <form role="search" onSubmit={(e) => e.preventDefault()}>
          <label htmlFor="organisation-search-text">Name starts with</label>
          <input
            id="organisation-search-text"
            type="search"
            data-testid="organisation-search-input"
            placeholder="e.g. Randers"
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        </form>
        {namePrefix ? (
          <OrganisationSearchResults namePrefix={namePrefix} selectedId={id} />
        ) : (
          <>
            <h3>Your organisations</h3>
            <ul className="link-list">
              {memberships.map((m) => (
                <li key={m.id}>
                  <a href={organisationHref(m.organisation.id)} aria-current={m.organisation.id === id ? 'page' : undefined}>
                    {m.organisation.name}
                  </a>
                  <span className="muted"> · {humanize(m.role)}</span>
                </li>
              ))}
            </ul>
          </>
        )}
      </aside>
      <div className="browser-main">
        {id ? (
          <OrganisationProfile key={id} id={id} showMembers={canSeeMembers} administeredIds={administeredIds} />
        ) : (
          <div className="card empty">
            <h1>Organisations</h1>
            <p>Search for an organisation by name, or pick one of yours, to see its profile and its relationships in the graph.</p>
          </div>
        )}
      </div>
    </div>
  );
}

function OrganisationSearchResults({ namePrefix, selectedId }: { namePrefix: string; selectedId: string | null }) {
  const [{ data, fetching, error }] = useSearchOrganisationsQuery({ variables: { namePrefix, first: 20 } });
  const edges = data?.organisations.edges ?? [];
  return (
    <div aria-live="polite">
      {error && (
        <p className="error" role="alert">
          Search failed: {error.message}
        </p>
      )}
      {fetching && !data && <p className="muted">Searching…</p>}
      {data && edges.length === 0 && <p className="muted">No organisation starts with “{namePrefix}”.</p>}
      <ul className="link-list" data-testid="organisation-results">
        {edges.map(({ node }) => (
          <li key={node.id}>
            <a href={organisationHref(node.id)} aria-current={node.id === selectedId ? 'page' : undefined}>
              {node.name}
            </a>
            <span className="muted">
              {' '}
              · {humanize(node.kind)}, {node.country}
            </span>
          </li>
        ))}
      </ul>
      {data?.organisations.pageInfo.hasNextPage && <p className="muted">More match: type more of the name.</p>}
    </div>
  );
}

/** The value, once it has stopped changing for `delay` ms. */
function useDebounced<T>(value: T, delay: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return debounced;
}

