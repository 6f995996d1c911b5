import { formatAmount, formatDate } from '../ui/format';
import { describeError } from '../ui/userErrors';
import { PAGE_SIZE, PageFooter, type PageProps, Paged } from '../ui/paging';
import { useState } from 'react';
import {
  useInvestorPortalListingQuery,
  useInvestorPortalListingsQuery,
  type InvestorPortalListingFieldsFragment,
  type PortalProjectKind,
} from '../generated/graphql';
import { useRoute } from '../routing';
import { PORTAL_KINDS, portalKindLabel, portalStatusLabel } from './labels';

const portalHref = (id?: string) => (id ? `#/portal/${encodeURIComponent(id)}` : '#/portal');

/**
 * The public investor portal (#/portal, #/portal/<id>), shown WITHOUT signing in: large construction and
 * infrastructure projects and tenders that meet the listing criteria. Reads only the public queries.
 */
export function InvestorPortalPage() {
  const route = useRoute();
  const id = route.page === 'area' && route.area === 'portal' ? route.parts[0] : undefined;
  return (
    <div className="portal-page">
      <header className="app-header">
        <a className="brand" href={portalHref()}>
          <span className="brand-mark" aria-hidden="true" /> Growth Graph · Investor portal
        </a>
        <div className="account">
          <span className="muted small">Public: no sign-in needed</span>
          <a className="button-link" href="#/" data-testid="portal-sign-in">
            Sign in
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
  const [kind, setKind] = useState<PortalProjectKind | ''>('');
  const [tendersOnly, setTendersOnly] = useState(false);
  const filter = kind || tendersOnly ? { ...(kind ? { kind } : {}), ...(tendersOnly ? { tendersOnly: true } : {}) } : null;
  return (
    <section aria-labelledby="portal-title" data-testid="investor-portal">
      <h1 id="portal-title">Investor portal</h1>
      <p className="hint">
        Large construction and infrastructure projects and tenders by public owners, listed while they meet the criteria (at least 100 million DKK, a public owner,
        planned, in tender or under construction).
      </p>
      <div className="filters">
        <label className="inline-field">
          <span>Kind</span>
          <select value={kind} onChange={(e) => setKind(e.target.value as PortalProjectKind | '')} data-testid="portal-kind">
            <option value="">All kinds</option>
            {PORTAL_KINDS.map((k) => (
              <option key={k} value={k}>
                {portalKindLabel(k)}
              </option>
            ))}
          </select>
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={tendersOnly} onChange={(e) => setTendersOnly(e.target.checked)} data-testid="portal-tenders-only" /> Tenders only
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
  const [{ data, fetching, error }] = useInvestorPortalListingsQuery({ variables: { filter, first: PAGE_SIZE, after } });
  const edges = data?.investorPortalListings.edges ?? [];
  const footer = PageFooter({ ...page, inline: true, what: 'projects', fetching, error, count: data ? edges.length : null, pageInfo: data?.investorPortalListings.pageInfo, emptyText: 'No projects listed.' });
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
  return (
    <dl className="facts">
      <dt>Estimated investment</dt>
      <dd data-testid="portal-investment">{formatAmount(listing.estimatedInvestmentDkk, 'DKK')}</dd>
      <dt>Kind</dt>
      <dd>{portalKindLabel(listing.kind)}</dd>
      <dt>Status</dt>
      <dd>
        {portalStatusLabel(listing.status)}
        {listing.isTender && (
          <span className="tender" data-testid="portal-tender">
            Tender{listing.tenderDeadline ? `, deadline ${formatDate(listing.tenderDeadline)}` : ''}
          </span>
        )}
      </dd>
      <dt>Public owner</dt>
      <dd>{listing.publicOwnerName}</dd>
      {listing.municipalityName && (
        <>
          <dt>Location</dt>
          <dd>{listing.municipalityName}</dd>
        </>
      )}
      {listing.expectedStartYear != null && (
        <>
          <dt>Expected start</dt>
          <dd>{listing.expectedStartYear}</dd>
        </>
      )}
      <dt>Listed by</dt>
      <dd>{listing.listedBy}</dd>
    </dl>
  );
}

/** One listed project; unknown, unlisted and no-longer-listable projects look the same (null). */
export function PortalListingDetails({ id, backHref }: { id: string; backHref: string }) {
  const [{ data, fetching, error }] = useInvestorPortalListingQuery({ variables: { id } });
  const listing = data?.investorPortalListing;
  return (
    <section aria-labelledby="portal-listing-title">
      <p>
        <a href={backHref}>← All projects</a>
      </p>
      {error && (
        <p className="error" role="alert">
          Could not load the project: {describeError(error)}
        </p>
      )}
      {fetching && !data && (
        <p className="muted" role="status">
          Loading the project…
        </p>
      )}
      {data && !listing && <p role="status">This project is not on the investor portal.</p>}
      {listing && (
        <article className="card" data-testid="portal-listing-details">
          <h1 id="portal-listing-title">{listing.title}</h1>
          {listing.description && <p>{listing.description}</p>}
          <ListingFacts listing={listing} />
          {listing.url && /^https?:\/\//i.test(listing.url) && (
            <p>
              <a href={listing.url} rel="noopener noreferrer" target="_blank">
                More about the project
              </a>
            </p>
          )}
        </article>
      )}
    </section>
  );
}
