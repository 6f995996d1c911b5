import { formatAmount, formatDateTime } from '../ui/format';
import { FieldError, FormErrors, type UserErrorLike, invalidProps, confirmIrreversible } from '../ui/userErrors';
import { t } from '../ui/i18n';
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
import { APPLICATION_SECTIONS, StatusBadge } from './labels';

type Application = NetworkFundingApplicationFullFragment;

/** #/networks/applications/<id>: the application, its budget with the server-computed total; submit a draft; the pool owner decides. */
export function FundingApplicationPage({ id, me, actingFor }: { id: string; me: MeQuery['me']; actingFor: string | null }) {
  const [{ data, fetching, error }] = useNetworkFundingApplicationQuery({ variables: { id } });
  const [submitState, submit] = useNetworkSubmitFundingApplicationMutation();
  const app = data?.fundingApplication;
  const submitErrors = submitState.data?.submitFundingApplication.userErrors ?? [];
  return (
    <section aria-labelledby="application-title" data-testid="application-page">
      <p>
        <a href={app?.network ? areaHref('networks', [app.network.id]) : areaHref('networks')}>← {app?.network?.name ?? 'Networks'}</a>
      </p>
      <QueryStatus fetching={fetching && !data} error={error} what="the application" />
      {data && !app && <p role="status">This application does not exist, or is not visible to you.</p>}
      {app && (
        <>
          <ApplicationView app={app} errors={submitErrors} />
          {app.status === 'DRAFT' && can(me, actingFor, app.applicant.id, 'edit') && (
            <section className="card" aria-labelledby="draft-actions-title">
              <h2 id="draft-actions-title">Draft</h2>
              <p className="hint">Only drafts can be changed. Once submitted, the pool owner ({app.pool.owner.name}) decides and the application can no longer be edited.</p>
              <FormErrors errors={submitErrors} shownKeys={[...APPLICATION_SECTIONS.map((s) => s.key), 'budgetLines']} error={submitState.error} />
              <div className="form-actions">
                <a className="button-link" href={areaHref('networks', ['applications', app.id, 'edit'])} data-testid="edit-application">
                  Edit draft
                </a>
                <button
                  type="button"
                  className="primary"
                  disabled={submitState.fetching}
                  onClick={() => confirmIrreversible(t('networks.confirm.submit')) && submit({ input: { id: app.id, expectedVersion: app.version } })}
                  data-testid="submit-application"
                >
                  {submitState.fetching ? 'Submitting…' : 'Submit to the pool owner'}
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
          <dt>Pool</dt>
          <dd>
            {app.pool.name} <span className="muted">· decided by {app.pool.owner.name}</span>
          </dd>
          <dt>Applicant</dt>
          <dd>
            <a href={organisationHref(app.applicant.id)}>{app.applicant.name}</a>
          </dd>
          <dt>Network</dt>
          <dd>{app.network ? <a href={areaHref('networks', [app.network.id])}>{app.network.name}</a> : '—'}</dd>
          <dt>Submitted</dt>
          <dd>{app.submittedAt ? `${formatDateTime(app.submittedAt)}${app.submittedBy ? ` by ${app.submittedBy.displayName}` : ''}` : 'Not yet'}</dd>
          {app.decidedAt && (
            <>
              <dt>Decision</dt>
              <dd data-testid="application-decision">
                {app.status === 'APPROVED' ? `Approved: ${formatAmount(app.amountGranted, 'DKK')} granted` : 'Rejected'}
                {' · '}
                {formatDateTime(app.decidedAt)}
                {app.decidedByOrganisation && ` by ${app.decidedByOrganisation.name}`}
                {app.decidedBy && ` (${app.decidedBy.displayName})`}
                {app.decisionReason && <div className="muted">{app.decisionReason}</div>}
              </dd>
            </>
          )}
        </dl>
      </div>

      <section className="card" aria-labelledby="application-sections-title">
        <h2 id="application-sections-title">The application</h2>
        <dl className="sections" data-testid="application-sections">
          {APPLICATION_SECTIONS.map((s) => (
            <div key={s.key} className="section" data-section={s.key}>
              <dt>
                {s.label} <span className="muted small">({s.danish})</span>
              </dt>
              <dd className="prewrap">{app[s.key] || <span className="muted">Not filled in</span>}</dd>
              <FieldError errors={errors} field={s.key} formId="submit" />
            </div>
          ))}
        </dl>
      </section>

      <section className="card" aria-labelledby="budget-title">
        <h2 id="budget-title">Budget</h2>
        <FieldError errors={errors} field="budgetLines" formId="submit" />
        <table className="firm-table data-table budget-table" data-testid="budget">
          <caption className="visually-hidden">Budget lines</caption>
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col" className="numeric">
                Amount
              </th>
            </tr>
          </thead>
          <tbody>
            {lines.length === 0 && (
              <tr>
                <td colSpan={2} className="muted">
                  No budget lines yet.
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
                Total <span className="muted small">(computed by the server from the lines)</span>
              </th>
              <td className="numeric" data-testid="application-total" data-amount={app.totalAmount}>
                {formatAmount(app.totalAmount, 'DKK')}
              </td>
            </tr>
            {app.amountGranted != null && (
              <tr>
                <th scope="row">Granted</th>
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
    <form className="card stacked-form" onSubmit={submit} aria-labelledby="decision-title" data-testid="decision-form" noValidate>
      <h2 id="decision-title">Decide</h2>
      <p className="hint">As the pool owner: approve with the amount granted (at most {formatAmount(app.totalAmount, 'DKK')}), or reject. Give the reason either way.</p>
      <fieldset className="radio-row">
        <legend>Decision</legend>
        <label className="checkbox">
          <input type="radio" name="decision" value="APPROVED" checked={decision === 'APPROVED'} onChange={() => setDecision('APPROVED')} /> Approve
        </label>
        <label className="checkbox">
          <input type="radio" name="decision" value="REJECTED" checked={decision === 'REJECTED'} onChange={() => setDecision('REJECTED')} /> Reject
        </label>
      </fieldset>
      <FieldError errors={userErrors} field="decision" formId={formId} />
      {decision === 'APPROVED' && (
        <>
          <label htmlFor="decision-amount">Amount granted (DKK)</label>
          <input id="decision-amount" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} {...invalidProps(userErrors, 'amountGranted', formId)} />
          <FieldError errors={userErrors} field="amountGranted" formId={formId} />
        </>
      )}
      <label htmlFor="decision-reason">Reason</label>
      <textarea id="decision-reason" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} {...invalidProps(userErrors, 'reason', formId)} />
      <FieldError errors={userErrors} field="reason" formId={formId} />
      <FormErrors errors={userErrors} shownKeys={['decision', 'amountGranted', 'reason']} error={error} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={fetching} data-testid="decide-application">
          {fetching ? 'Saving…' : decision === 'APPROVED' ? 'Approve' : 'Reject'}
        </button>
      </div>
    </form>
  );
}
