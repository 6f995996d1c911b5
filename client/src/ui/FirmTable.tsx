import { useState, type ReactNode } from 'react';
import type { CombinedError } from 'urql';
import type { FirmListItemFragment } from '../generated/graphql';
import { firmHref, organisationHref } from '../routing';
import { sizeClassLabel } from './labels';
import { identifierNumber } from './firmSearch';
import { t } from './i18n';
import { industryName } from './industry';
import { describeError } from './userErrors';

export const PAGE_SIZE = 20;

interface Connection {
  edges: Array<{ cursor: string; node: FirmListItemFragment }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** The props each page of a paged firm list receives. */
export interface FirmPageProps {
  after: string | null;
  showMunicipality: boolean;
  isFirst: boolean;
  isLast: boolean;
  onLoadMore: (endCursor: string) => void;
}

/**
 * A table of firms loaded page by page: each page is its own query (`first` + `after`), so earlier
 * pages stay cached while "Load more" appends the next one.
 */
export function PagedFirmTable({
  caption,
  renderPage,
  showMunicipality = true,
}: {
  caption: string;
  renderPage: (props: FirmPageProps) => ReactNode;
  /** False for the firms of one municipality. */
  showMunicipality?: boolean;
}) {
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  return (
    <table className="firm-table" data-testid="firm-results">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('ui.firmTable.name')}</th>
          <th scope="col">{t('ui.firmTable.identifier')}</th>
          {showMunicipality && <th scope="col">{t('ui.firmTable.municipality')}</th>}
          <th scope="col">{t('ui.firmTable.industry')}</th>
          <th scope="col">{t('ui.firmTable.sizeClass')}</th>
        </tr>
      </thead>
      {cursors.map((after, i) => (
        <PageSlot key={after ?? 'first'}>
          {renderPage({
            after,
            showMunicipality,
            isFirst: i === 0,
            isLast: i === cursors.length - 1,
            onLoadMore: (endCursor) => setCursors((cs) => (cs.includes(endCursor) ? cs : [...cs, endCursor])),
          })}
        </PageSlot>
      ))}
    </table>
  );
}

const PageSlot = ({ children }: { children: ReactNode }) => <>{children}</>;

/** One page of a firm table: its rows, and (for the last page) loading state and "Load more". */
export function FirmPageRows({
  connection,
  fetching,
  error,
  isFirst,
  isLast,
  onLoadMore,
  showMunicipality,
  emptyText = t('ui.firmTable.none'),
}: Omit<FirmPageProps, 'after'> & { connection: Connection | null | undefined; fetching: boolean; error?: CombinedError; emptyText?: string }) {
  const edges = connection?.edges ?? [];
  const pageInfo = connection?.pageInfo;
  let footer: ReactNode = null;
  if (error) {
    footer = (
      <span className="error" role="alert">
        {t('ui.firmTable.couldNotLoad')} {describeError(error)}
      </span>
    );
  } else if (fetching && !connection) {
    footer = <span role="status">{t('ui.firmTable.loading')}</span>;
  } else if (isFirst && connection && edges.length === 0) {
    footer = <span role="status">{emptyText}</span>;
  } else if (isLast && pageInfo?.hasNextPage && pageInfo.endCursor) {
    const endCursor = pageInfo.endCursor;
    footer = (
      <button type="button" onClick={() => onLoadMore(endCursor)} data-testid="load-more">
        {t('ui.paging.loadMore')}
      </button>
    );
  }
  return (
    <>
      {edges.length > 0 && (
        <tbody>
          {edges.map(({ node }) => (
            <FirmRow key={node.id} firm={node} showMunicipality={showMunicipality} />
          ))}
        </tbody>
      )}
      {footer && (
        <tbody className="table-footer">
          <tr>
            <td colSpan={showMunicipality ? 5 : 4}>{footer}</td>
          </tr>
        </tbody>
      )}
    </>
  );
}

function FirmRow({ firm, showMunicipality }: { firm: FirmListItemFragment; showMunicipality: boolean }) {
  return (
    <tr data-testid="firm-result" data-firm-id={firm.id}>
      <th scope="row">
        <a href={firmHref(firm.id)}>{firm.name}</a>
      </th>
      <td className="mono" data-testid="firm-identifier">
        {identifierNumber(firm) ?? <span className="muted">{t('ui.firm.prospect')}</span>}
      </td>
      {showMunicipality && <td>{firm.municipality ? <a href={organisationHref(firm.municipality.id)}>{firm.municipality.name}</a> : ''}</td>}
      <td>
        <span className="mono">{firm.industryCode ?? ''}</span>
        {firm.industryCode && industryName(firm.industryCode) && <div className="muted small">{industryName(firm.industryCode)}</div>}
      </td>
      <td>{sizeClassLabel(firm.sizeClass)}</td>
    </tr>
  );
}
