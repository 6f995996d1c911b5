import type { ReactNode } from 'react';
import type { CombinedError } from 'urql';
import type { AgreementKind, AgreementKpiMetric, AgreementKpiUnit, AgreementState, MeQuery } from '../generated/graphql';
import { humanize } from '../ui/labels';
import { pathKey, type FieldError } from './form';

/** Labels and small building blocks shared by the agreement pages. */

const KIND_LABELS: Record<AgreementKind, string> = {
  LOCAL_COOPERATION: 'Local cooperation agreement',
  RESULT_CONTRACT: 'Result contract',
  OPERATOR_CONTRACT: 'Operator contract',
  CO_FINANCING: 'Co-financing agreement',
};
export const kindLabel = (k: AgreementKind) => KIND_LABELS[k] ?? humanize(k);

export const stateLabel = (s: AgreementState | null | undefined) => humanize(s);

const METRIC_LABELS: Record<AgreementKpiMetric, string> = {
  GROWTH_MAPPINGS: 'Growth mappings of firms in the municipalities',
  REFERRALS_TO_PRIVATE_ADVISORS_SHARE: 'Share of referrals to private advisors',
  FIRMS_IN_GROWTH_PARTNERSHIPS: 'Firms in growth partnerships',
  JOBS_SELF_REPORTED: 'Jobs (self-reported)',
  JOBS_REGISTER_MEASURED: 'Jobs (register-measured)',
  EXTERNAL: 'External (reported in follow-ups)',
};
export const metricLabel = (m: AgreementKpiMetric) => METRIC_LABELS[m] ?? humanize(m);

/** Button text for a move along the life cycle. */
export function transitionLabel(from: AgreementState, to: AgreementState): string {
  switch (to) {
    case 'IN_NEGOTIATION':
      return 'Send to negotiation';
    case 'DRAFT':
      return from === 'IN_NEGOTIATION' ? 'Back to draft' : 'Draft';
    case 'ACTIVE':
      return 'Activate';
    case 'EXPIRED':
      return 'Mark as expired';
    case 'TERMINATED':
      return 'Terminate';
    default:
      return humanize(to);
  }
}

/** "12,5 %", "1.250.000 DKK", "8,7" — a KPI value in its unit. */
export function formatValue(value: number | null | undefined, unit?: AgreementKpiUnit | null): string {
  if (value == null) return '—';
  const n = new Intl.NumberFormat('da-DK', { maximumFractionDigits: 2 }).format(value);
  if (unit === 'PERCENT') return `${n} %`;
  if (unit === 'JOBS') return `${n} jobs`;
  return n;
}

export const formatAmount = (amount: number, currency: string) => `${new Intl.NumberFormat('da-DK', { maximumFractionDigits: 2 }).format(amount)} ${currency}`;

export const formatDate = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' }) : '—');
export const formatDateTime = (iso: string | null | undefined) =>
  iso ? new Date(iso).toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }) : '—';

export function StateBadge({ state }: { state: AgreementState }) {
  return (
    <span className={`agreement-state state-${state.toLowerCase()}`} data-testid="agreement-state" data-state={state}>
      {stateLabel(state)}
    </span>
  );
}

/** The organisations the user may edit for (EDITOR or ADMIN). */
export const editableMemberships = (me: MeQuery['me']) => me.memberships.filter((m) => m.role === 'EDITOR' || m.role === 'ADMIN');

/** A GraphQL or network error of a query or mutation, as one clear message. */
export function errorText(error: CombinedError): string {
  if (error.networkError) return 'The server could not be reached. Try again.';
  const codes = error.graphQLErrors.map((e) => e.extensions?.code);
  if (codes.includes('FORBIDDEN')) return `You are not allowed to do this. ${error.graphQLErrors.map((e) => e.message).join(' ')}`;
  if (codes.includes('NOT_FOUND')) return 'Not found: it does not exist, or you are not a party to it.';
  return error.graphQLErrors.map((e) => e.message).join(' ') || 'Something went wrong.';
}

export function ErrorAlert({ error, testId }: { error: CombinedError | null | undefined; testId?: string }) {
  if (!error) return null;
  return (
    <p className="error" role="alert" data-testid={testId}>
      {errorText(error)}
    </p>
  );
}

/** User errors that do not belong to a field on screen (or all of them, with a heading). */
export function UserErrorSummary({ errors, title = 'Please correct the following', testId = 'user-errors' }: { errors: readonly FieldError[]; title?: string; testId?: string }) {
  if (!errors.length) return null;
  return (
    <div className="error-summary" role="alert" data-testid={testId}>
      <p>
        <strong>{title}</strong>
      </p>
      <ul>
        {errors.map((e, i) => (
          <li key={i} data-field={pathKey(e.field)}>
            {e.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The messages for one field, linked to its input by id (aria-describedby). */
export function FieldMessages({ id, messages }: { id: string; messages: string[] | undefined }) {
  if (!messages?.length) return null;
  return (
    <span className="field-error" id={id} data-testid="field-error">
      {messages.join(' ')}
    </span>
  );
}

export function Section({ title, id, children, actions, testId }: { title: string; id: string; children: ReactNode; actions?: ReactNode; testId?: string }) {
  return (
    <section className="card" aria-labelledby={id} data-testid={testId}>
      <div className="section-head">
        <h2 id={id}>{title}</h2>
        {actions}
      </div>
      {children}
    </section>
  );
}
