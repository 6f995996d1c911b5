import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchOrganisationsQuery, type MeQuery } from '../generated/graphql';
import { organisationHref } from '../routing';
import { membershipsWhere } from '../ui/access';
import { countryName, roleLabel } from '../ui/labels';
import { describeError } from '../ui/userErrors';
import { kindLabel } from './labels';
import { OrganisationProfile } from './OrganisationProfile';
import { useDebounced } from './useDebounced';
import { Form } from '../ui/Form';

type Membership = MeQuery['me']['memberships'][number];

export interface OrganisationBrowserProps {
  id: string | null;
  memberships: Membership[];
  /** The organisation the user acts for (null: all of theirs). */
  actingFor: string | null;
  /** The signed-in user's id (marked in member lists). */
  userId?: string;
}

/** Search organisations by name and browse the graph from one to the next. */
export function OrganisationBrowser({ id, memberships, actingFor, userId }: OrganisationBrowserProps) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const namePrefix = useDebounced(text.trim(), 250);
  const membership = memberships.find((m) => m.organisation.id === id);
  // Members are visible to the organisation's own members, within the organisation acted for.
  const canSeeMembers = Boolean(membership) && (actingFor === null || actingFor === id);
  // Relationships proposed to an organisation are answered by its admins.
  // The kit's one role check (honours the organisation switcher).
  const administeredIds = membershipsWhere({ memberships }, actingFor, 'administer').map((m) => m.organisation.id);

  return (
    <div className="browser">
      <aside className="browser-search" aria-labelledby="organisation-search-title">
        <h2 id="organisation-search-title">{t('organisations.browser.find')}</h2>
        <Form role="search" onSubmit={(e) => e.preventDefault()}>
          <label htmlFor="organisation-search-text">{t('organisations.browser.nameStarts')}</label>
          <input
            id="organisation-search-text"
            type="search"
            data-testid="organisation-search-input"
            placeholder={t('organisations.browser.placeholder')}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        </Form>
        {namePrefix ? (
          <OrganisationSearchResults namePrefix={namePrefix} selectedId={id} />
        ) : (
          <>
            <h3>{t('organisations.browser.yours')}</h3>
            <ul className="link-list">
              {memberships.map((m) => (
                <li key={m.id}>
                  <a href={organisationHref(m.organisation.id)} aria-current={m.organisation.id === id ? 'page' : undefined}>
                    {m.organisation.name}
                  </a>
                  <span className="muted"> · {roleLabel(m.role)}</span>
                </li>
              ))}
            </ul>
          </>
        )}
      </aside>
      <div className="browser-main">
        {id ? (
          <OrganisationProfile key={id} id={id} showMembers={canSeeMembers} administeredIds={administeredIds} currentUserId={userId} />
        ) : (
          <div className="card empty">
            <h1>{t('organisations.browser.title')}</h1>
            <p>{t('organisations.browser.intro')}</p>
          </div>
        )}
      </div>
    </div>
  );
}

function OrganisationSearchResults({ namePrefix, selectedId }: { namePrefix: string; selectedId: string | null }) {
  const { t } = useTranslation();
  const [{ data, fetching, error }] = useSearchOrganisationsQuery({ variables: { namePrefix, first: 20 } });
  const edges = data?.organisations.edges ?? [];
  return (
    <div aria-live="polite">
      {error && (
        <p className="error" role="alert">
          {t('organisations.browser.searchFailed')} {describeError(error)}
        </p>
      )}
      {fetching && !data && <p className="muted">{t('organisations.browser.searching')}</p>}
      {data && edges.length === 0 && <p className="muted">{t('organisations.browser.none', { prefix: namePrefix })}</p>}
      <ul className="link-list" data-testid="organisation-results">
        {edges.map(({ node }) => (
          <li key={node.id}>
            <a href={organisationHref(node.id)} aria-current={node.id === selectedId ? 'page' : undefined}>
              {node.name}
            </a>
            <span className="muted">
              {' '}
              · {kindLabel(node.kind)}, {countryName(node.country)}
            </span>
          </li>
        ))}
      </ul>
      {data?.organisations.pageInfo.hasNextPage && <p className="muted">{t('organisations.browser.more')}</p>}
    </div>
  );
}
