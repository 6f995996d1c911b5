import type { CombinedError } from 'urql';
import { t } from './i18n';
import { describeError } from './userErrors';

/** Loading and error states of a query, announced to assistive technology. `what` is in the user's language. */
export function QueryStatus({ fetching, error, what }: { fetching: boolean; error?: CombinedError; what: string }) {
  if (error) {
    return (
      <p className="error" role="alert">
        {t('ui.status.couldNotLoad', { what })} {describeError(error)}
      </p>
    );
  }
  if (fetching) {
    return (
      <p className="muted" role="status">
        {t('ui.status.loading', { what })}
      </p>
    );
  }
  return null;
}
