import { formatAmount, formatDateTime } from '../ui/format';
import { FieldError, FormErrors, type UserErrorLike, invalidProps, confirmIrreversible } from '../ui/userErrors';
import { currentLanguage, t } from '../ui/i18n';
import { useTranslation } from 'react-i18next';
import { useState, type FormEvent } from 'react';
import {
  useNetworkDecideFundingApplicationMutation,
  useNetworkFundingApplicationQuery,
  useNetworkSubmitFundingApplicationMutation,
  type MeQuery,
  type NetworkFundingApplicationFullFragment,
} from '../generated/graphql';
import { areaHref, organisationHref } from '../routing';
import { QueryStatus } from '../ui/Status';
import { can } from '../ui/access';
import { APPLICATION_SECTIONS, sectionLabel, StatusBadge } from './labels';
import { Form, FormActions } from '../ui/Form';

type Application = NetworkFundingApplicationFullFragment;

/** #/networks/applications/<id>: the application, its budget with the server-computed total; submit a draft; the pool owner decides. */
export function FundingApplicationPage({ id, me, actingFor }: { id: string; me: MeQuery['me']; actingFor: string | null }) {
  useTranslation(); // re-render on a language switch (texts below use t())
  const [{ data, fetching, error }] = useNetworkFundingApplicationQuery({ variables: { id } });
  const [submitState, submit] = useNetworkSubmitFundingApplicationMutation();
  const app = data?.fundingApplication;
  const submitErrors = submitState.data?.submitFundingApplication.userErrors ?? [];
  return (
    <section aria-labelledby="application-title" data-testid="application-page">
      <p>
        <a href={app?.network ? areaHref('networks', [app.network.id]) : areaHref('networks')}>← {app?.network?.name ?? t('networks.home.title')}</a>
      </p>
      <QueryStatus fetching={fetching && !data} error={error} what={t('networks.app.what')} />
      {data && !app && <p role="status">{t('networks.app.notFound')}</p>}
      {app && (
        <>
          <ApplicationView app={app} errors={submitErrors} />
          {app.status === 'DRAFT' && can(me, actingFor, app.applicant.id, 'edit') && (
            <section className="card" aria-labelledby="draft-actions-title">
              <h2 id="draft-actions-title">{t('networks.status.DRAFT')}</h2>
              <p className="hint">{t('networks.app.draftHint', { owner: app.pool.owner.name })}</p>
              <FormErrors errors={submitErrors} shownKeys={[...APPLICATION_SECTIONS.map((s) => s.key), 'budgetLines']} error={submitState.error} />
              <div className="form-actions">
                <a className="button-link" href={areaHref('networks', ['applications', app.id, 'edit'])} data-testid="edit-application">
                  {t('networks.app.editDraft')}
                </a>
                <button
                  type="button"
                  className="primary"
                  disabled={submitState.fetching}
                  onClick={() => confirmIrreversible(t('networks.confirm.submit')) && submit({ input: { id: app.id, expectedVersion: app.version } })}
                  data-testid="submit-application"
                >
                  {submitState.fetching ? t('networks.app.submitting') : t('networks.app.submit')}
                </button>
              </div>
            </section>
          )}
          {app.status === 'SUBMITTED' && can(me, actingFor, app.pool.owner.id, 'edit') && <DecisionForm key={app.version} app={app} />}
        </>
      )}
    </section>
  );
}

function ApplicationView({ app, errors }: { app: Application; errors: readonly UserErrorLike[] }) {
  const lines = [...app.budgetLines].sort((a, b) => a.position - b.position);
  return (
    <>
      <div className="card">
        <div className="card-heading">
          <h1 id="application-title">{app.projectName}</h1>
          <StatusBadge status={app.status} testId="application-status" />
        </div>
        <dl className="facts">
          <dt>{t('networks.home.col.pool')}</dt>
          <dd>
            {app.pool.name} <span className="muted">· {t('networks.home.decidedBy', { name: app.pool.owner.name })}</span>
          </dd>
          <dt>{t('networks.home.col.applicant')}</dt>
          <dd>
            <a href={organisationHref(app.applicant.id)}>{app.applicant.name}</a>
          </dd>
          <dt>{t('networks.attendance.network')}</dt>
          <dd>{app.network ? <a href={areaHref('networks', [app.network.id])}>{app.network.name}</a> : '—'}</dd>
          <dt>{t('networks.status.SUBMITTED')}</dt>
          <dd>{app.submittedAt ? `${formatDateTime(app.submittedAt)}${app.submittedBy ? ` ${t('networks.app.by', { name: app.submittedBy.displayName })}` : ''}` : t('networks.app.notYet')}</dd>
          {app.decidedAt && (
            <>
              <dt>{t('networks.app.decision')}</dt>
              <dd data-testid="application-decision">
                {app.status === 'APPROVED' ? t('networks.app.approvedAmount', { amount: formatAmount(app.amountGranted, 'DKK') }) : t('networks.status.REJECTED')}
                {' · '}
                {formatDateTime(app.decidedAt)}
                {app.decidedByOrganisation && ` ${t('networks.app.by', { name: app.decidedByOrganisation.name })}`}
                {app.decidedBy && ` (${app.decidedBy.displayName})`}
                {app.decisionReason && <div className="muted">{app.decisionReason}</div>}
              </dd>
            </>
          )}
        </dl>
      </div>

      <section className="card" aria-labelledby="application-sections-title">
        <h2 id="application-sections-title">{t('networks.app.theApplication')}</h2>
        <dl className="sections" data-testid="application-sections">
          {APPLICATION_SECTIONS.map((s) => (
            <div key={s.key} className="section" data-section={s.key}>
              <dt>
                {sectionLabel(s.key)} {currentLanguage() !== 'da' && <span className="muted small">({s.danish})</span>}
              </dt>
              <dd className="prewrap">{app[s.key] || <span className="muted">{t('networks.app.notFilled')}</span>}</dd>
              <FieldError errors={errors} field={s.key} formId="submit" />
            </div>
          ))}
        </dl>
      </section>

      <section className="card" aria-labelledby="budget-title">
        <h2 id="budget-title">{t('networks.app.budget')}</h2>
        <FieldError errors={errors} field="budgetLines" formId="submit" />
        <table className="firm-table data-table budget-table" data-testid="budget">
          <caption className="visually-hidden">{t('networks.app.budgetLines')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('networks.app.line')}</th>
              <th scope="col" className="numeric">
                {t('networks.app.amount')}
              </th>
            </tr>
          </thead>
          <tbody>
            {lines.length === 0 && (
              <tr>
                <td colSpan={2} className="muted">
                  {t('networks.app.noLines')}
                </td>
              </tr>
            )}
            {lines.map((l) => (
              <tr key={l.id} data-testid="budget-line">
                <td>{l.description}</td>
                <td className="numeric">{formatAmount(l.amount, 'DKK')}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr className="total-row">
              <th scope="row">
                {t('networks.app.total')} <span className="muted small">{t('networks.app.totalHint')}</span>
              </th>
              <td className="numeric" data-testid="application-total" data-amount={app.totalAmount}>
                {formatAmount(app.totalAmount, 'DKK')}
              </td>
            </tr>
            {app.amountGranted != null && (
              <tr>
                <th scope="row">{t('networks.app.granted')}</th>
                <td className="numeric" data-testid="application-granted">
                  {formatAmount(app.amountGranted, 'DKK')}
                </td>
              </tr>
            )}
          </tfoot>
        </table>
      </section>
    </>
  );
}

/** The pool owner's decision: approve with an amount (at most the total) or reject, with a reason. */
function DecisionForm({ app }: { app: Application }) {
  const [decision, setDecision] = useState<'APPROVED' | 'REJECTED'>('APPROVED');
  const [amount, setAmount] = useState(app.totalAmount);
  const [reason, setReason] = useState('');
  const [{ data, error, fetching }, decide] = useNetworkDecideFundingApplicationMutation();
  const userErrors = data?.decideFundingApplication.userErrors ?? [];
  const formId = 'decision';

  function submit(event: FormEvent) {
    event.preventDefault();
    decide({
      input: {
        id: app.id,
        expectedVersion: app.version,
        decision,
        reason: reason.trim(),
        ...(decision === 'APPROVED' ? { amountGranted: amount.trim() } : {}),
      },
    });
  }

  return (
    <Form className="card" onSubmit={submit} aria-labelledby="decision-title" data-testid="decision-form" noValidate>
      <h2 id="decision-title">{t('networks.app.decide')}</h2>
      <p className="hint">{t('networks.app.decideHint', { max: formatAmount(app.totalAmount, 'DKK') })}</p>
      <fieldset className="radio-row">
        <legend>{t('networks.app.decision')}</legend>
        <label className="checkbox">
          <input type="radio" name="decision" value="APPROVED" checked={decision === 'APPROVED'} onChange={() => setDecision('APPROVED')} /> {t('networks.app.approve')}
        </label>
        <label className="checkbox">
          <input type="radio" name="decision" value="REJECTED" checked={decision === 'REJECTED'} onChange={() => setDecision('REJECTED')} /> {t('networks.app.reject')}
        </label>
      </fieldset>
      <FieldError errors={userErrors} field="decision" formId={formId} />
      {decision === 'APPROVED' && (
        <>
          <label htmlFor="decision-amount">{t('networks.app.amountGranted')}</label>
          <input id="decision-amount" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} {...invalidProps(userErrors, 'amountGranted', formId)} />
          <FieldError errors={userErrors} field="amountGranted" formId={formId} />
        </>
      )}
      <label htmlFor="decision-reason">{t('networks.app.reason')}</label>
      <textarea id="decision-reason" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} {...invalidProps(userErrors, 'reason', formId)} />
      <FieldError errors={userErrors} field="reason" formId={formId} />
      <FormErrors errors={userErrors} shownKeys={['decision', 'amountGranted', 'reason']} error={error} />
      <FormActions pending={fetching} submitLabel={decision === 'APPROVED' ? t('networks.app.approve') : t('networks.app.reject')} pendingLabel={t('networks.create.saving')} submitTestId="decide-application" />
    </Form>
  );
}
