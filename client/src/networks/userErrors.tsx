import type { CombinedError } from 'urql';

/** A mutation's user error as the API returns it: the input field at fault, e.g. ["input", "budgetLines", "0", "amount"]. */
export interface ApiUserError {
  field: string[];
  message: string;
  code: string;
}

/** The field a user error is about, without the leading "input": ["input", "budgetLines", "0", "amount"] -> "budgetLines.0.amount". */
export function fieldKey(error: Pick<ApiUserError, 'field'>): string {
  const path = error.field[0] === 'input' ? error.field.slice(1) : error.field;
  return path.join('.');
}

/** The messages about one field (exactly that key). */
export function messagesFor(errors: readonly ApiUserError[], key: string): string[] {
  return errors.filter((e) => fieldKey(e) === key).map((e) => e.message);
}

/** The errors that no shown field claims (they are listed in the form's general error box). */
export function unclaimedErrors(errors: readonly ApiUserError[], shownKeys: readonly string[]): ApiUserError[] {
  return errors.filter((e) => !shownKeys.includes(fieldKey(e)));
}

/** A clear message for a GraphQL/transport error of a query or mutation. */
export function describeError(error: CombinedError): string {
  if (error.networkError) return 'The server could not be reached. Try again.';
  const codes = error.graphQLErrors.map((e) => e.extensions?.code);
  if (codes.includes('FORBIDDEN')) return 'You are not allowed to do this with your role in this organisation.';
  if (codes.includes('NOT_FOUND')) return 'This record does not exist, or is not visible to you.';
  if (codes.includes('UNAUTHENTICATED')) return 'Your session has ended. Sign in again.';
  return error.graphQLErrors.map((e) => e.message).join(' ') || 'Something went wrong.';
}

/** Accessible id of the error text of a field, for aria-describedby. */
export const errorId = (formId: string, key: string) => `${formId}-${key.replace(/[^a-zA-Z0-9_-]/g, '-')}-error`;

/** The error text next to one field (nothing when there is none). */
export function FieldError({ errors, name, formId }: { errors: readonly ApiUserError[]; name: string; formId: string }) {
  const messages = messagesFor(errors, name);
  if (messages.length === 0) return null;
  return (
    <p className="field-error" id={errorId(formId, name)} data-testid={`error-${name}`} data-field={name}>
      {messages.join(' ')}
    </p>
  );
}

/** Props that mark a field invalid and point to its error text. */
export function invalidProps(errors: readonly ApiUserError[], name: string, formId: string) {
  return messagesFor(errors, name).length > 0 ? { 'aria-invalid': true as const, 'aria-describedby': errorId(formId, name) } : {};
}

/** The form's error box: user errors not shown next to a field, and the request's GraphQL error. */
export function FormErrors({ errors, shownKeys, error }: { errors: readonly ApiUserError[]; shownKeys: readonly string[]; error?: CombinedError }) {
  const rest = unclaimedErrors(errors, shownKeys);
  if (rest.length === 0 && !error && errors.length === 0) return null;
  return (
    <div className="errors" role="alert" data-testid="form-errors">
      {errors.length > 0 && rest.length === 0 && !error ? (
        <p>Please correct the marked fields.</p>
      ) : (
        <ul>
          {rest.map((e, i) => (
            <li key={i} data-code={e.code}>
              {e.message}
            </li>
          ))}
          {error && <li>{describeError(error)}</li>}
        </ul>
      )}
    </div>
  );
}
