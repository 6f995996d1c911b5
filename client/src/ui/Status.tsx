import type { CombinedError } from 'urql';

/** Loading and error states of a query, announced to assistive technology. */
export function QueryStatus({ fetching, error, what }: { fetching: boolean; error?: CombinedError; what: string }) {
  if (error) {
    return (
      <p className="error" role="alert">
        Could not load {what}: {error.networkError ? 'the server could not be reached.' : error.graphQLErrors.map((e) => e.message).join(' ')}
      </p>
    );
  }
  if (fetching) {
    return (
      <p className="muted" role="status">
        Loading {what}…
      </p>
    );
  }
  return null;
}
