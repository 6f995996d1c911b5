import type { CombinedError } from 'urql';

/** A mutation's typed error: `field` is the path into the variables, e.g. ["input", "fundingSources", "0", "sharePercent"]. */
export interface UserErrorLike {
  field: readonly string[];
  message: string;
  code: string;
}

/** ["input", "fundingSources", "0", "sharePercent"] -> "fundingSources.0.sharePercent" (the key forms use for their fields). */
export function fieldKey(error: Pick<UserErrorLike, 'field'>): string {
  const path = error.field[0] === 'input' ? error.field.slice(1) : error.field;
  return path.join('.');
}

/**
 * Places user errors next to the fields a form shows: `at(key)` gives the messages for one field,
 * `unplaced` those whose field the form does not show (to list at the top, never dropped).
 */
export function placeUserErrors(errors: readonly UserErrorLike[], shownFields: readonly string[]) {
  const shown = new Set(shownFields);
  const byField = new Map<string, string[]>();
  const unplaced: UserErrorLike[] = [];
  for (const e of errors) {
    const key = fieldKey(e);
    if (!shown.has(key)) {
      unplaced.push(e);
      continue;
    }
    byField.set(key, [...(byField.get(key) ?? []), e.message]);
  }
  return {
    at: (key: string) => byField.get(key) ?? [],
    invalid: (key: string) => (byField.has(key) ? true : undefined),
    unplaced,
  };
}

/** The id of a field's error text, for aria-describedby. */
export const errorId = (formId: string, key: string) => `${formId}-${key.replace(/[^\w-]/g, '-')}-error`;

/** The messages for one field, under it (announced with the field through aria-describedby). */
export function FieldError({ formId, field, messages }: { formId: string; field: string; messages: string[] }) {
  if (!messages.length) return null;
  return (
    <p className="field-error error" id={errorId(formId, field)} data-testid={`error-${field}`}>
      {messages.join(' ')}
    </p>
  );
}

/** Errors not tied to a shown field, and a failed request (e.g. FORBIDDEN), as one alert. */
export function FormErrors({ errors, requestError }: { errors: readonly UserErrorLike[]; requestError?: CombinedError }) {
  if (!errors.length && !requestError) return null;
  return (
    <div className="errors" role="alert" data-testid="form-errors">
      <ul>
        {errors.map((e, i) => (
          <li key={i} data-code={e.code}>
            {e.message}
          </li>
        ))}
        {requestError && <li>{requestErrorMessage(requestError)}</li>}
      </ul>
    </div>
  );
}

/** A failed GraphQL request in words: FORBIDDEN and NOT_FOUND explained, network failures named. */
export function requestErrorMessage(error: CombinedError): string {
  if (error.networkError) return 'The server could not be reached. Try again.';
  const codes = error.graphQLErrors.map((e) => e.extensions?.code);
  if (codes.includes('FORBIDDEN')) return 'You are not allowed to do this (your role in the organisation does not permit it).';
  if (codes.includes('NOT_FOUND')) return 'Not found: it does not exist, or is not visible to you.';
  return error.graphQLErrors.map((e) => e.message).join(' ') || error.message;
}
