import { useState } from 'react';
import { formatDate } from '../ui/format';
import { useAgreementListQuery, type AgreementKind, type AgreementState, type MeQuery, type ServiceAgreementFilter } from '../generated/graphql';
import { areaHref, navigate } from '../routing';
import { t } from '../ui/i18n';
import { KINDS, STATES } from './form';
import { membershipsWhere } from '../ui/access';
import { kindLabel, StateBadge, stateLabel } from './ui';
import { ErrorAlert } from '../ui/userErrors';
import { Form } from '../ui/Form';

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
        <h1 id="agreements-title">{t('agreements.list.title')}</h1>
        {canCreate && (
          <a className="button primary" href={areaHref('agreements', ['new'])} data-testid="new-agreement">
            {t('agreements.list.new')}
          </a>
        )}
      </div>
      <p className="hint">{t('agreements.list.hint')}</p>
      <Form layout="inline" className="filter-row" aria-label={t('agreements.list.filter')} onSubmit={(e) => e.preventDefault()}>
        <label>
          <span>{t('agreements.list.state')}</span>
          <select data-testid="filter-state" value={params.state ?? ''} onChange={(e) => setParam('state', e.target.value)}>
            <option value="">{t('agreements.list.allStates')}</option>
            {STATES.map((s) => (
              <option key={s} value={s}>
                {stateLabel(s)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('agreements.list.kind')}</span>
          <select data-testid="filter-kind" value={params.kind ?? ''} onChange={(e) => setParam('kind', e.target.value)}>
            <option value="">{t('agreements.list.allKinds')}</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {kindLabel(k)}
              </option>
            ))}
          </select>
        </label>
      </Form>
      <PagedAgreementTable key={JSON.stringify(filter)} filter={filter} />
    </section>
  );
}

function PagedAgreementTable({ filter }: { filter: ServiceAgreementFilter }) {
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  return (
    <table className="firm-table agreement-table" data-testid="agreement-list">
      <caption className="visually-hidden">{t('agreements.list.title')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('agreements.list.colTitle')}</th>
          <th scope="col">{t('agreements.list.kind')}</th>
          <th scope="col">{t('agreements.list.state')}</th>
          <th scope="col">{t('agreements.list.colPeriod')}</th>
          <th scope="col">{t('agreements.list.colParties')}</th>
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
  else if (fetching && !connection) footer = <span role="status">{t('agreements.list.loading')}</span>;
  else if (isFirst && connection && edges.length === 0) footer = <span role="status">{t('agreements.list.none')}</span>;
  else if (isLast && connection?.pageInfo.hasNextPage && connection.pageInfo.endCursor) {
    const end = connection.pageInfo.endCursor;
    footer = (
      <button type="button" onClick={() => onLoadMore(end)} data-testid="load-more">
        {t('agreements.list.loadMore')}
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
                {a.hasPendingAmendment && <span className="muted">{t('agreements.list.pendingAmendment', { number: a.currentVersionNumber })}</span>}
              </th>
              <td>{kindLabel(a.kind)}</td>
              <td>
                <StateBadge state={a.state} />
              </td>
              <td className="nowrap">
                {formatDate(a.currentVersion.periodStart)} – {formatDate(a.currentVersion.periodEnd)}
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
