import { formatNumber } from '../ui/format';
import type { ReactNode } from 'react';
import type { AgreementKind, AgreementKpiMetric, AgreementKpiUnit, AgreementState } from '../generated/graphql';
import { t } from '../ui/i18n';
import { enumLabel } from '../ui/labels';

/** Labels and small building blocks shared by the agreement pages. */

export const kindLabel = (k: AgreementKind) => enumLabel('agreements.kind', k);

export const stateLabel = (s: AgreementState | null | undefined) => enumLabel('agreements.state', s);

/** Reasons the server itself writes (agreement.service.ts), in English, worded in the page's language; people's own reasons as written. */
const SYSTEM_REASONS: Record<string, string> = { 'Signed by every party.': 'agreements.history.signedByAll' };
export const transitionReason = (reason: string) => (SYSTEM_REASONS[reason] ? t(SYSTEM_REASONS[reason]) : reason);

export const roleLabel = (r: string | null | undefined) => enumLabel('agreements.role', r);

export const metricLabel = (m: AgreementKpiMetric) => enumLabel('agreements.metric', m);

/** Button text for a move along the life cycle. */
export function transitionLabel(from: AgreementState, to: AgreementState): string {
  if (to === 'DRAFT' && from === 'IN_NEGOTIATION') return t('agreements.transition.backToDraft');
  return enumLabel('agreements.transition', to);
}

/** "12,5 %", "1.250.000 DKK", "8,7" — a KPI value in its unit. */
export function formatValue(value: number | null | undefined, unit?: AgreementKpiUnit | null): string {
  if (value == null) return '—';
  const n = formatNumber(value);
  if (unit === 'PERCENT') return `${n} %`;
  if (unit === 'JOBS') return t('agreements.unit.jobs', { count: value, value: n });
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
