import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CombinedError } from 'urql';
import { CATALOGUES, i18n, t } from './i18n';

/**
 * User errors, the kit's one way: worded in the user's language from the server's code, field and
 * parameters (never the API's English message or field names), placed next to the fields a form
 * shows, all at once, with focus moved to the first field in error.
 */

/** A mutation's user error: `field` is the path into the variables, e.g. ["input", "budgetLines", "0", "amount"]. */
export interface UserErrorLike {
  field: readonly string[];
  message: string;
  /** The server's stable code; the client's own checks may leave it out. */
  code?: string;
  /**
   * Present on errors from the server (every query selects it): the client words these from code,
   * field and parameters. Errors made in the client (local checks) have none: their message is
   * already worded.
   */
  parameters?: ReadonlyArray<{ name: string; value: string }> | null;
}

/** ["input", "fundingSources", "0", "sharePercent"] (or an error with that field) -> "fundingSources.0.sharePercent". */
export function fieldKey(errorOrField: readonly string[] | Pick<UserErrorLike, 'field'>): string {
  const field = Array.isArray(errorOrField) ? (errorOrField as readonly string[]) : (errorOrField as Pick<UserErrorLike, 'field'>).field;
  const path = field[0] === 'input' ? field.slice(1) : field;
  return path.join('.');
}

const exists = (key: string) => i18n.exists(key);

/**
 * The error in the user's words. Looked up, first found wins:
 *   <area>.error.<field>.<code>  (an area's own wording for one field, list indices as "*": the
 *                                `areas` given first, then any area's catalogue that has one)
 *   ui.error.<code>.<constraint> (e.g. ui.error.TOO_LONG.maxLength: "At most {{max}} characters.")
 *   ui.error.<code>              (the generic text per code)
 */
export function wordUserError(error: UserErrorLike, areas: readonly string[] = []): string {
  if (!Array.isArray(error.parameters)) return error.message; // made in the client, already worded
  const params = Object.fromEntries(error.parameters.map((p) => [p.name, p.value]));
  const field = fieldKey(error).replace(/\.\d+(?=\.|$)/g, '.*');
  const own = `error.${field}.${error.code}`;
  const candidates = [
    ...areas.map((a) => `${a}.${own}`),
    ...Object.keys(CATALOGUES)
      .filter((a) => own in CATALOGUES[a])
      .map((a) => `${a}.${own}`),
    ...(params.constraint ? [`ui.error.${error.code}.${params.constraint}`] : []),
    `ui.error.${error.code}`,
  ];
  const key = candidates.find(exists) ?? 'ui.error.unknown';
  return t(key, params);
}

/** The id of a field's error text, for aria-describedby. */
export const errorId = (formId: string, key: string) => `${formId}-${key.replace(/[^\w-]/g, '-')}-error`;

/** The worded messages about exactly one field. */
export const messagesFor = (errors: readonly UserErrorLike[], key: string, areas: readonly string[] = []) =>
  errors.filter((e) => fieldKey(e) === key).map((e) => wordUserError(e, areas));

/** The errors that no shown field claims (listed in the form's error box). */
export const unclaimedErrors = (errors: readonly UserErrorLike[], shownKeys: readonly string[]) => errors.filter((e) => !shownKeys.includes(fieldKey(e)));

export interface PlacedErrors {
  /** The worded messages for one shown field. */
  at: (key: string) => string[];
  /** true when the field has errors (for aria-invalid), else undefined. */
  invalid: (key: string) => true | undefined;
  /** aria-invalid + aria-describedby for a field whose FieldError has id errorId(formId, key). */
  props: (key: string, formId: string) => { 'aria-invalid'?: true; 'aria-describedby'?: string };
  /** The messages per shown field. */
  byField: Record<string, string[]>;
  /** The errors whose field the form does not show (listed at the top, never dropped). */
  unplaced: UserErrorLike[];
  /** `unplaced`, worded. */
  other: string[];
}

/**
 * Puts each user error next to the form field it names: the shown field whose key equals the error's
 * path or is its longest prefix ("milestone.title" also takes "milestone.title.0").
 */
export function placeUserErrors(errors: readonly UserErrorLike[] | null | undefined, shownFields: readonly string[], areas: readonly string[] = []): PlacedErrors {
  const byField: Record<string, string[]> = {};
  const unplaced: UserErrorLike[] = [];
  for (const e of errors ?? []) {
    const key = fieldKey(e);
    let best: string | null = null;
    for (const k of shownFields) if ((key === k || key.startsWith(`${k}.`)) && (best === null || k.length > best.length)) best = k;
    if (best === null) unplaced.push(e);
    else (byField[best] ??= []).push(wordUserError(e, areas));
  }
  const at = (key: string) => byField[key] ?? [];
  return {
    at,
    invalid: (key) => (byField[key]?.length ? true : undefined),
    props: (key, formId) => invalidProps(errorId(formId, key), at(key)),
    byField,
    unplaced,
    other: unplaced.map((e) => wordUserError(e, areas)),
  };
}

/** True if the errors hold a version conflict (someone else changed the record since it was read). */
export const hasVersionConflict = (errors: readonly UserErrorLike[] | null | undefined) => (errors ?? []).some((e) => e.code === 'VERSION_CONFLICT');

/**
 * Props that mark a field invalid and point to its error text: `invalidProps(id, messages)`, or
 * `invalidProps(errors, fieldKey, formId)` for the field's errors among all of a form's.
 */
export function invalidProps(id: string, messages: readonly string[] | undefined): { 'aria-invalid'?: true; 'aria-describedby'?: string };
export function invalidProps(errors: readonly UserErrorLike[], key: string, formId: string): { 'aria-invalid'?: true; 'aria-describedby'?: string };
export function invalidProps(a: string | readonly UserErrorLike[], b: readonly string[] | string | undefined, formId?: string) {
  if (typeof a === 'string') return (b as readonly string[] | undefined)?.length ? { 'aria-invalid': true as const, 'aria-describedby': a } : {};
  const key = b as string;
  return messagesFor(a, key).length ? { 'aria-invalid': true as const, 'aria-describedby': errorId(formId!, key) } : {};
}

/**
 * The error text under one field. Either give its `id` and `messages`, or the form's `errors` with
 * `formId` and `field` (the id is then errorId(formId, field)).
 */
export function FieldError({
  id,
  formId,
  field,
  messages,
  errors,
}: {
  id?: string;
  formId?: string;
  field?: string;
  messages?: readonly string[];
  errors?: readonly UserErrorLike[];
}) {
  const shown = messages ?? (errors && field ? messagesFor(errors, field) : []);
  if (!shown.length) return null;
  const elementId = id ?? (formId && field ? errorId(formId, field) : undefined);
  return (
    <span className="field-error" id={elementId} data-testid={field ? `error-${field}` : 'field-error'} data-field={field}>
      {shown.join(' ')}
    </span>
  );
}

/** A failed GraphQL request in words: FORBIDDEN, NOT_FOUND, UNAUTHENTICATED explained, network failures named. */
export function describeError(error: CombinedError): string {
  if (error.networkError) return t('ui.request.network');
  const codes = error.graphQLErrors.map((e) => e.extensions?.code);
  if (codes.includes('FORBIDDEN')) return t('ui.request.forbidden');
  if (codes.includes('NOT_FOUND')) return t('ui.request.notFound');
  if (codes.includes('UNAUTHENTICATED')) return t('ui.request.unauthenticated');
  if (codes.includes('BAD_USER_INPUT')) return t('ui.request.badInput');
  return t('ui.request.failed');
}

/** Moves focus, when errors appear, to the first field marked invalid in the same form (else to `fallback`). */
function useFocusFirstInvalid(anchor: React.RefObject<HTMLElement | null>, active: boolean, signature: string) {
  useEffect(() => {
    if (!active) return;
    const el = anchor.current;
    const scope = el?.closest('form, fieldset, section, [data-form]') ?? el?.parentElement;
    const first = scope?.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (first) {
      // A fieldset (radio group) is not focusable itself: its first input is.
      const target = first.matches('input, select, textarea, button') ? first : (first.querySelector<HTMLElement>('input, select, textarea, button') ?? first);
      target.focus();
    } else el?.focus();
  }, [active, signature, anchor]);
}

/**
 * The form's error box, which also moves focus to the first field in error. Lists what no field shows:
 * `messages` (already worded), `errors` (user errors, worded here; with `shownKeys` only those no
 * shown field claims) and a failed request (`error` / `requestError`). When every user error sits
 * next to its field it says so in one line.
 */
export function FormErrors({
  messages,
  errors,
  shownKeys,
  error,
  requestError,
  title,
  testId = 'form-errors',
  areas = [],
}: {
  messages?: readonly string[];
  errors?: readonly UserErrorLike[];
  shownKeys?: readonly string[];
  error?: CombinedError | null;
  requestError?: CombinedError | null;
  title?: string;
  testId?: string;
  areas?: readonly string[];
}) {
  const { t: tr } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const failed = error ?? requestError ?? null;
  const listed = [...(messages ?? []), ...(shownKeys ? unclaimedErrors(errors ?? [], shownKeys) : (errors ?? [])).map((e) => wordUserError(e, areas))];
  const placed = shownKeys ? (errors ?? []).length - unclaimedErrors(errors ?? [], shownKeys).length : 0;
  const active = listed.length > 0 || placed > 0 || !!failed;
  useFocusFirstInvalid(ref, active, `${listed.join('|')}#${placed}#${failed?.message ?? ''}`);
  if (!active) return null;
  const items: ReactNode[] = [...listed, ...(failed ? [describeError(failed)] : [])];
  return (
    <div className="errors" role="alert" data-testid={testId} ref={ref} tabIndex={-1}>
      {title && (
        <p>
          <strong>{title}</strong>
        </p>
      )}
      {placed > 0 && <p>{tr('ui.errors.fieldsMarked', { count: placed })}</p>}
      {items.length > 0 && (
        <ul>
          {items.map((m, i) => (
            <li key={i}>{m}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** A failed query or mutation as one alert (nothing when there is no error). */
export function ErrorAlert({ error, testId, prefix }: { error: CombinedError | null | undefined; testId?: string; prefix?: string }) {
  if (!error) return null;
  return (
    <p className="error" role="alert" data-testid={testId}>
      {prefix ? `${prefix} ` : ''}
      {describeError(error)}
    </p>
  );
}

/**
 * Asks before an action that cannot be undone (signing, submitting an application, erasure): the
 * browser's own confirmation dialog, worded in the user's language.
 */
export function confirmIrreversible(question: string): boolean {
  return window.confirm(`${question}\n\n${t('ui.confirm.irreversible')}`);
}
