import { useState, type ReactNode } from 'react';
import type { CombinedError } from 'urql';

/** The message of a failed request: network trouble, or the GraphQL errors (FORBIDDEN, NOT_FOUND, ...). */
export function errorText(error: CombinedError): string {
  if (error.networkError) return 'the server could not be reached.';
  return error.graphQLErrors
    .map((e) => {
      const code = e.extensions?.code;
      if (code === 'FORBIDDEN') return `Not allowed: ${e.message}`;
      if (code === 'NOT_FOUND') return `Not found: ${e.message}`;
      return e.message;
    })
    .join(' ');
}

/** Messages for one form field, referenced by the field's aria-describedby. */
export function FieldError({ id, messages }: { id: string; messages: readonly string[] | undefined }) {
  if (!messages?.length) return null;
  return (
    <span className="desk-field-error" id={id} data-testid="field-error">
      {messages.join(' ')}
    </span>
  );
}

/** Props for an input with possible errors: aria-invalid and aria-describedby pointing at its FieldError. */
export const invalidProps = (id: string, messages: readonly string[] | undefined) =>
  messages?.length ? { 'aria-invalid': true as const, 'aria-describedby': id } : {};

/** Form-level problems: user errors that name no field of the form, and failed requests. */
export function FormErrors({ messages, error }: { messages?: readonly string[]; error?: CombinedError }) {
  const all = [...(messages ?? []), ...(error ? [`Could not save: ${errorText(error)}`] : [])];
  if (!all.length) return null;
  return (
    <div className="errors" role="alert" data-testid="form-errors">
      <ul>
        {all.map((m, i) => (
          <li key={i}>{m}</li>
        ))}
      </ul>
    </div>
  );
}

export interface PageProps {
  after: string | null;
  isFirst: boolean;
  isLast: boolean;
  onLoadMore: (endCursor: string) => void;
}

/**
 * A list loaded page by page: each page is its own query (`first` + `after`), so earlier pages stay
 * (and are refreshed in place) while "Load more" appends the next one.
 */
export function PagedPages({ renderPage }: { renderPage: (props: PageProps) => ReactNode }) {
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

/** The end of one page: error, loading, empty text, or "Load more" on the last page. */
export function PageFooter({
  loaded,
  fetching,
  error,
  isFirst,
  isLast,
  empty,
  emptyText,
  pageInfo,
  onLoadMore,
  what,
}: {
  loaded: boolean;
  fetching: boolean;
  error?: CombinedError;
  isFirst: boolean;
  isLast: boolean;
  empty: boolean;
  emptyText: string;
  pageInfo?: { hasNextPage: boolean; endCursor?: string | null } | null;
  onLoadMore: (endCursor: string) => void;
  what: string;
}) {
  if (error) {
    return (
      <p className="error" role="alert">
        Could not load {what}: {errorText(error)}
      </p>
    );
  }
  if (fetching && !loaded) return <p className="muted" role="status">Loading {what}…</p>;
  if (isFirst && loaded && empty) return <p className="muted" role="status">{emptyText}</p>;
  if (isLast && pageInfo?.hasNextPage && pageInfo.endCursor) {
    const endCursor = pageInfo.endCursor;
    return (
      <p className="desk-load-more">
        <button type="button" onClick={() => onLoadMore(endCursor)} data-testid="load-more">
          Load more
        </button>
      </p>
    );
  }
  return null;
}

/** datetime-local value (local time, minutes) for a Date. */
export function toLocalInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** ISO instant for a datetime-local value, or null if it is not one. */
export function fromLocalInput(value: string): string | null {
  const d = new Date(value);
  return value && !Number.isNaN(d.getTime()) ? d.toISOString() : null;
}
