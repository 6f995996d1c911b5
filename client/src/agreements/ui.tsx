import { formatNumber } from '../ui/format';
import type { ReactNode } from 'react';
import type { AgreementKind, AgreementKpiMetric, AgreementKpiUnit, AgreementState } from '../generated/graphql';
import { humanize } from '../ui/labels';

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
  const n = formatNumber(value);
  if (unit === 'PERCENT') return `${n} %`;
  if (unit === 'JOBS') return `${n} jobs`;
  return n;
}

export function StateBadge({ state }: { state: AgreementState }) {
  return (
    <span className={`agreement-state state-${state.toLowerCase()}`} data-testid="agreement-state" data-state={state}>
      {stateLabel(state)}
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
