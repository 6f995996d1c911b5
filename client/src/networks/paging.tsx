import { Fragment, useState, type ReactNode } from 'react';
import type { CombinedError } from 'urql';
import { describeError } from './userErrors';

export const PAGE_SIZE = 20;

/** What each page of a cursor-paged list gets. */
export interface PageSlotProps {
  after: string | null;
  isFirst: boolean;
  isLast: boolean;
  onLoadMore: (endCursor: string) => void;
}

/**
 * A list loaded page by page: each page is its own query (`first` + `after`), so earlier pages stay
 * cached while "Load more" appends the next one (the pattern of firms/FirmTable).
 */
export function PagedSlots({ renderPage }: { renderPage: (props: PageSlotProps) => ReactNode }) {
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

/** The footer of one page: its loading/error state, the empty text (first page), or "Load more" (last page). */
export function PageFooter({
  what,
  fetching,
  error,
  count,
  pageInfo,
  isFirst,
  isLast,
  onLoadMore,
  emptyText,
}: Omit<PageSlotProps, 'after'> & {
  what: string;
  fetching: boolean;
  error?: CombinedError;
  count: number | null;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null } | null | undefined;
  emptyText: string;
}): ReactNode {
  if (error) {
    return (
      <span className="error" role="alert">
        Could not load {what}: {describeError(error)}
      </span>
    );
  }
  if (fetching && count === null) return <span role="status">Loading {what}…</span>;
  if (isFirst && count === 0) return <span role="status">{emptyText}</span>;
  if (isLast && pageInfo?.hasNextPage && pageInfo.endCursor) {
    const endCursor = pageInfo.endCursor;
    return (
      <button type="button" onClick={() => onLoadMore(endCursor)} data-testid="load-more">
        Load more
      </button>
    );
  }
  return null;
}
