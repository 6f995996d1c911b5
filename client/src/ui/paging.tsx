import { Fragment, useState, type ReactNode } from 'react';
import type { CombinedError } from 'urql';
import { t } from './i18n';
import { describeError } from './userErrors';

/** The kit's page size for cursor-paged lists. */
export const PAGE_SIZE = 20;

/** What each page of a paged list gets: its cursor, and (for the last page) how to ask for the next one. */
export interface PageProps {
  after: string | null;
  isFirst: boolean;
  isLast: boolean;
  onLoadMore: (endCursor: string) => void;
}

/**
 * A list loaded page by page: each page is its own query (`first` + `after`), so earlier pages stay
 * cached (and are refreshed in place) while "Load more" appends the next one.
 */
export function Paged({ renderPage }: { renderPage: (props: PageProps) => ReactNode }) {
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const onLoadMore = (endCursor: string) => setCursors((cs) => (cs.includes(endCursor) ? cs : [...cs, endCursor]));
  return (
    <>
      {cursors.map((after, i) => (
        <Fragment key={after ?? 'first'}>{renderPage({ after, isFirst: i === 0, isLast: i === cursors.length - 1, onLoadMore })}</Fragment>
      ))}
    </>
  );
}

export interface PageFooterProps {
  /** The page (or its isFirst / isLast / onLoadMore spread in). */
  page?: Omit<PageProps, 'after'>;
  isFirst?: boolean;
  isLast?: boolean;
  onLoadMore?: (endCursor: string) => void;
  fetching: boolean;
  error?: CombinedError;
  /** Items on this page; null/undefined before the first answer. */
  count: number | null | undefined;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null } | null | undefined;
  /** What is listed, in the user's language ("firms"), for "Could not load firms: ...". */
  what: string;
  emptyText: string;
  /** Inline content only (inside a table cell or list item the caller provides); else wrapped in a paragraph. */
  inline?: boolean;
}

/**
 * Below one page: its loading / error state, the empty text (first page) or "Load more" (last page).
 * Uses no hooks, so it may also be called as a function to place the result in a table cell.
 */
export function PageFooter(props: PageFooterProps): ReactNode {
  const { fetching, error, count, pageInfo, what, emptyText, inline } = props;
  const isFirst = props.page?.isFirst ?? props.isFirst ?? true;
  const isLast = props.page?.isLast ?? props.isLast ?? true;
  const onLoadMore = props.page?.onLoadMore ?? props.onLoadMore;
  let content: ReactNode = null;
  if (error) {
    content = (
      <span className="error" role="alert">
        {t('ui.paging.couldNotLoad', { what })} {describeError(error)}
      </span>
    );
  } else if (fetching && count == null) {
    content = <span role="status">{t('ui.paging.loading', { what })}</span>;
  } else if (isFirst && count === 0) {
    content = (
      <span className="muted" role="status">
        {emptyText}
      </span>
    );
  } else if (isLast && pageInfo?.hasNextPage && pageInfo.endCursor && onLoadMore) {
    const endCursor = pageInfo.endCursor;
    content = (
      <button type="button" onClick={() => onLoadMore(endCursor)} data-testid="load-more">
        {t('ui.paging.loadMore')}
      </button>
    );
  }
  if (content === null || inline) return content;
  return <p className="load-more">{content}</p>;
}
