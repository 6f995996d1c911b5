import { useState } from 'react';
import { useAgreementListQuery, type AgreementKind, type AgreementState, type MeQuery, type ServiceAgreementFilter } from '../generated/graphql';
import { areaHref, navigate } from '../routing';
import { humanize } from '../ui/labels';
import { KINDS, STATES } from './form';
import { membershipsWhere } from '../ui/access';
import { kindLabel, StateBadge } from './ui';
import { ErrorAlert } from '../ui/userErrors';

export const LIST_PAGE_SIZE = 20;

/** The filter of the list, from the URL (#/agreements?state=DRAFT&kind=RESULT_CONTRACT). */
export function filterFromParams(params: Record<string, string>): ServiceAgreementFilter {
  const filter: ServiceAgreementFilter = {};
  if ((STATES as readonly string[]).includes(params.state)) filter.states = [params.state as AgreementState];
  if ((KINDS as string[]).includes(params.kind)) filter.kinds = [params.kind as AgreementKind];
  return filter;
}

/** My organisations' agreements (the ones they are party to), newest first, filtered by state and kind. */
export function AgreementList({ params, me, actingFor = null }: { params: Record<string, string>; me: MeQuery['me']; actingFor?: string | null }) {
  const filter = filterFromParams(params);
  const canCreate = membershipsWhere(me, actingFor, 'edit').length > 0;
  const setParam = (name: string, value: string) => {
    const next = { ...params };
    if (value) next[name] = value;
    else delete next[name];
    navigate({ page: 'area', area: 'agreements', parts: [], params: next });
  };
  return (
    <section aria-labelledby="agreements-title" className="agreements">
      <div className="section-head">
        <h1 id="agreements-title">Service agreements</h1>
        {canCreate && (
          <a className="button primary" href={areaHref('agreements', ['new'])} data-testid="new-agreement">
            New agreement
          </a>
        )}
      </div>
      <p className="hint">Agreements and result contracts your organisations are party to.</p>
      <form className="filter-row" aria-label="Filter agreements" onSubmit={(e) => e.preventDefault()}>
        <label>
          <span>State</span>
          <select data-testid="filter-state" value={params.state ?? ''} onChange={(e) => setParam('state', e.target.value)}>
            <option value="">All states</option>
            {STATES.map((s) => (
              <option key={s} value={s}>
                {humanize(s)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>Kind</span>
          <select data-testid="filter-kind" value={params.kind ?? ''} onChange={(e) => setParam('kind', e.target.value)}>
            <option value="">All kinds</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {kindLabel(k)}
              </option>
            ))}
          </select>
        </label>
      </form>
      <PagedAgreementTable key={JSON.stringify(filter)} filter={filter} />
    </section>
  );
}

function PagedAgreementTable({ filter }: { filter: ServiceAgreementFilter }) {
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  return (
    <table className="firm-table agreement-table" data-testid="agreement-list">
      <caption className="visually-hidden">Service agreements</caption>
      <thead>
        <tr>
          <th scope="col">Title</th>
          <th scope="col">Kind</th>
          <th scope="col">State</th>
          <th scope="col">Period</th>
          <th scope="col">Parties</th>
        </tr>
      </thead>
      {cursors.map((after, i) => (
        <AgreementPage
          key={after ?? 'first'}
          filter={filter}
          after={after}
          isFirst={i === 0}
          isLast={i === cursors.length - 1}
          onLoadMore={(end) => setCursors((cs) => (cs.includes(end) ? cs : [...cs, end]))}
        />
      ))}
    </table>
  );
}

function AgreementPage({
  filter,
  after,
  isFirst,
  isLast,
  onLoadMore,
}: {
  filter: ServiceAgreementFilter;
  after: string | null;
  isFirst: boolean;
  isLast: boolean;
  onLoadMore: (endCursor: string) => void;
}) {
  const [{ data, fetching, error }] = useAgreementListQuery({ variables: { filter, first: LIST_PAGE_SIZE, after } });
  const connection = data?.serviceAgreements;
  const edges = connection?.edges ?? [];
  let footer = null;
  if (error) footer = <ErrorAlert error={error} />;
  else if (fetching && !connection) footer = <span role="status">Loading agreements…</span>;
  else if (isFirst && connection && edges.length === 0) footer = <span role="status">No agreements found.</span>;
  else if (isLast && connection?.pageInfo.hasNextPage && connection.pageInfo.endCursor) {
    const end = connection.pageInfo.endCursor;
    footer = (
      <button type="button" onClick={() => onLoadMore(end)} data-testid="load-more">
        Load more
      </button>
    );
  }
  return (
    <>
      {edges.length > 0 && (
        <tbody>
          {edges.map(({ node: a }) => (
            <tr key={a.id} data-testid="agreement-row" data-agreement-id={a.id}>
              <th scope="row">
                <a href={areaHref('agreements', [a.id])}>{a.title}</a>
                {a.hasPendingAmendment && <span className="muted"> · amendment {a.currentVersionNumber} pending</span>}
              </th>
              <td>{kindLabel(a.kind)}</td>
              <td>
                <StateBadge state={a.state} />
              </td>
              <td className="nowrap">
                {a.currentVersion.periodStart} – {a.currentVersion.periodEnd}
              </td>
              <td>{a.parties.map((p) => p.organisation.name).join(', ')}</td>
            </tr>
          ))}
        </tbody>
      )}
      {footer && (
        <tbody className="table-footer">
          <tr>
            <td colSpan={5}>{footer}</td>
          </tr>
        </tbody>
      )}
    </>
  );
}
