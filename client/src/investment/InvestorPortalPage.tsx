import { useTranslation } from 'react-i18next';
import { formatAmount } from '../ui/format';
import { QueryStatus } from '../ui/Status';
import { PAGE_SIZE, PageFooter, type PageProps, Paged } from '../ui/paging';
import { useState } from 'react';
import {
  useInvestorPortalListingQuery,
  useInvestorPortalListingsQuery,
  type InvestorPortalListingFieldsFragment,
  type PortalProjectKind,
} from '../generated/graphql';
import { useRoute } from '../routing';
import { PORTAL_KINDS, portalKindLabel, portalStatusLabel, shownPortalStatus } from './labels';
import { TenderNote } from './PortalProjectsPage';

const portalHref = (id?: string) => (id ? `#/portal/${encodeURIComponent(id)}` : '#/portal');

/**
 * The public investor portal (#/portal, #/portal/<id>), shown WITHOUT signing in: large construction and
 * infrastructure projects and tenders that meet the listing criteria. Reads only the public queries.
 */
export function InvestorPortalPage() {
  const { t } = useTranslation();
  const route = useRoute();
  const id = route.page === 'area' && route.area === 'portal' ? route.parts[0] : undefined;
  return (
    <div className="portal-page">
      <header className="app-header">
        <a className="brand" href={portalHref()}>
          <span className="brand-mark" aria-hidden="true" /> {t('investment.portal.brand')}
        </a>
        <div className="account">
          <span className="muted small">{t('investment.portal.public')}</span>
          <a className="button-link" href="#/" data-testid="portal-sign-in">
            {t('investment.portal.signIn')}
          </a>
        </div>
      </header>
      <main id="content" tabIndex={-1}>
        {id ? <PortalListingDetails key={id} id={id} backHref={portalHref()} /> : <PortalListings detailHref={portalHref} />}
      </main>
    </div>
  );
}

/** The listed projects, filterable by kind and tenders, page by page. */
export function PortalListings({ detailHref }: { detailHref: (id: string) => string }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<PortalProjectKind | ''>('');
  const [tendersOnly, setTendersOnly] = useState(false);
  const filter = kind || tendersOnly ? { ...(kind ? { kind } : {}), ...(tendersOnly ? { tendersOnly: true } : {}) } : null;
  return (
    <section aria-labelledby="portal-title" data-testid="investor-portal">
      <h1 id="portal-title">{t('investment.portal.title')}</h1>
      <p className="hint">{t('investment.portal.intro')}</p>
      <div className="filters">
        <label className="inline-field">
          <span>{t('investment.portal.kind')}</span>
          <select value={kind} onChange={(e) => setKind(e.target.value as PortalProjectKind | '')} data-testid="portal-kind">
            <option value="">{t('investment.portal.allKinds')}</option>
            {PORTAL_KINDS.map((k) => (
              <option key={k} value={k}>
                {portalKindLabel(k)}
              </option>
            ))}
          </select>
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={tendersOnly} onChange={(e) => setTendersOnly(e.target.checked)} data-testid="portal-tenders-only" /> {t('investment.portal.tendersOnly')}
        </label>
      </div>
      <ul className="portal-list" data-testid="portal-listings">
        <Paged key={JSON.stringify(filter)} renderPage={(page) => <ListingsPage {...page} filter={filter} detailHref={detailHref} />} />
      </ul>
    </section>
  );
}

function ListingsPage({
  after,
  filter,
  detailHref,
  ...page
}: PageProps & { filter: { kind?: PortalProjectKind; tendersOnly?: boolean } | null; detailHref: (id: string) => string }) {
  const { t } = useTranslation();
  const [{ data, fetching, error }] = useInvestorPortalListingsQuery({ variables: { filter, first: PAGE_SIZE, after } });
  const edges = data?.investorPortalListings.edges ?? [];
  const footer = PageFooter({ ...page, inline: true, what: t('investment.portal.what'), fetching, error, count: data ? edges.length : null, pageInfo: data?.investorPortalListings.pageInfo, emptyText: t('investment.portal.none') });
  return (
    <>
      {edges.map(({ node }) => (
        <li key={node.id} className="card portal-card" data-testid="portal-listing">
          <h2>
            <a href={detailHref(node.id)}>{node.title}</a>
          </h2>
          <ListingFacts listing={node} />
          {node.description && <p>{node.description}</p>}
        </li>
      ))}
      {footer && <li className="list-footer">{footer}</li>}
    </>
  );
}

function ListingFacts({ listing }: { listing: InvestorPortalListingFieldsFragment }) {
  const { t } = useTranslation();
  const shown = shownPortalStatus(listing);
  return (
    <dl className="facts">
      <dt>{t('investment.portal.investment')}</dt>
      <dd data-testid="portal-investment">{formatAmount(listing.estimatedInvestmentDkk, 'DKK')}</dd>
      <dt>{t('investment.portal.kind')}</dt>
      <dd>{portalKindLabel(listing.kind)}</dd>
      <dt>{t('investment.portal.status')}</dt>
      <dd data-testid="portal-status" data-status={shown}>
        {portalStatusLabel(shown)} <TenderNote project={listing} />
      </dd>
      <dt>{t('investment.portal.publicOwner')}</dt>
      <dd>{listing.publicOwnerName}</dd>
      {listing.municipalityName && (
        <>
          <dt>{t('investment.portal.location')}</dt>
          <dd>{listing.municipalityName}</dd>
        </>
      )}
      {listing.expectedStartYear != null && (
        <>
          <dt>{t('investment.portal.expectedStart')}</dt>
          <dd>{listing.expectedStartYear}</dd>
        </>
      )}
      <dt>{t('investment.portal.listedBy')}</dt>
      <dd>{listing.listedBy}</dd>
    </dl>
  );
}

/** One listed project; unknown, unlisted and no-longer-listable projects look the same (null). */
export function PortalListingDetails({ id, backHref }: { id: string; backHref: string }) {
  const { t } = useTranslation();
  const [{ data, fetching, error }] = useInvestorPortalListingQuery({ variables: { id } });
  const listing = data?.investorPortalListing;
  return (
    <section aria-labelledby="portal-listing-title">
      <p>
        <a href={backHref}>{t('investment.portal.back')}</a>
      </p>
      <QueryStatus fetching={fetching && !data} error={error} what={t('investment.portal.project')} />
      {data && !listing && <p role="status">{t('investment.portal.notListed')}</p>}
      {listing && (
        <article className="card" data-testid="portal-listing-details">
          <h1 id="portal-listing-title">{listing.title}</h1>
          {listing.description && <p>{listing.description}</p>}
          <ListingFacts listing={listing} />
          {listing.url && /^https?:\/\//i.test(listing.url) && (
            <p>
              <a href={listing.url} rel="noopener noreferrer" target="_blank">
                {t('investment.portal.more')}
              </a>
            </p>
          )}
        </article>
      )}
    </section>
  );
}
