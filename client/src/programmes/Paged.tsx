import { useState, type ReactNode } from 'react';
import type { CombinedError } from 'urql';
import { requestErrorMessage } from './userErrors';

/** What each page of a paged list gets: its cursor, and (for the last page) how to ask for the next one. */
export interface PageProps {
  after: string | null;
  isFirst: boolean;
  isLast: boolean;
  onLoadMore: (endCursor: string) => void;
}

/**
 * A list loaded page by page: each page is its own query (`first` + `after`), so earlier pages stay
 * cached while "Load more" appends the next one.
 */
export function Paged({ renderPage }: { renderPage: (props: PageProps) => ReactNode }) {
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  return (
    <>
      {cursors.map((after, i) => (
        <Slot key={after ?? 'first'}>
          {renderPage({
            after,
            isFirst: i === 0,
            isLast: i === cursors.length - 1,
            onLoadMore: (endCursor) => setCursors((cs) => (cs.includes(endCursor) ? cs : [...cs, endCursor])),
          })}
        </Slot>
      ))}
    </>
  );
}

const Slot = ({ children }: { children: ReactNode }) => <>{children}</>;

/** Below one page: its loading / error / empty state, or "Load more" on the last page. */
export function PageFooter({
  page,
  fetching,
  error,
  count,
  pageInfo,
  what,
  emptyText,
}: {
  page: PageProps;
  fetching: boolean;
  error?: CombinedError;
  /** Items on this page, or undefined before the first answer. */
  count: number | undefined;
  pageInfo: { hasNextPage: boolean; endCursor: string | null } | undefined;
  what: string;
  emptyText: string;
}) {
  if (error) {
    return (
      <p className="error" role="alert">
        Could not load {what}: {requestErrorMessage(error)}
      </p>
    );
  }
  if (fetching && count === undefined) {
    return (
      <p className="muted" role="status">
        Loading {what}…
      </p>
    );
  }
  if (page.isFirst && count === 0) {
    return (
      <p className="muted" role="status">
        {emptyText}
      </p>
    );
  }
  if (page.isLast && pageInfo?.hasNextPage && pageInfo.endCursor) {
    const endCursor = pageInfo.endCursor;
    return (
      <p className="load-more">
        <button type="button" onClick={() => page.onLoadMore(endCursor)} data-testid="load-more">
          Load more
        </button>
      </p>
    );
  }
  return null;
}
