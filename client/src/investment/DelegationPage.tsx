import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime, formatNumber } from '../ui/format';
import { FieldError, FormErrors, invalidProps } from '../ui/userErrors';
import { useState, type FormEvent } from 'react';
import { useInvestmentDelegationQuery, useInvestmentRecordDelegationFollowUpMutation, type MeQuery } from '../generated/graphql';
import { can } from '../ui/access';
import { areaHref, organisationHref } from '../routing';
import { QueryStatus } from '../ui/Status';
import { ValueCreated } from './DelegationsPage';
import { sectorLabel } from './labels';
import { countryLabel, wholeNumberInput } from './pipeline';
import { Form, FormActions } from '../ui/Form';

const FOLLOW_UP_TYPES = { additionalTypenames: ['DelegationFollowUp'] };

/** #/investment/delegations/<id>: a delegation, the value it created, its follow-ups. */
export function DelegationPage({ id, me, actingFor }: { id: string; me: MeQuery['me']; actingFor: string | null }) {
  const { t } = useTranslation();
  const [{ data, fetching, error }] = useInvestmentDelegationQuery({ variables: { id }, context: FOLLOW_UP_TYPES });
  const d = data?.delegation;
  return (
    <section aria-labelledby="delegation-title" data-testid="delegation-page">
      <p>
        <a href={areaHref('investment')}>{t('investment.delegation.back')}</a>
      </p>
      <QueryStatus fetching={fetching && !data} error={error} what={t('investment.delegation.what')} />
      {data && !d && <p role="status">{t('investment.delegation.missing')}</p>}
      {d && (
        <>
          <div className="card">
            <h1 id="delegation-title">{d.name}</h1>
            <dl className="facts">
              <dt>{t('investment.common.origin')}</dt>
              <dd data-testid="delegation-origin">{countryLabel(d.originCountry)}</dd>
              <dt>{t('investment.delegationNew.sector')}</dt>
              <dd data-testid="delegation-sector">{sectorLabel(d.sectorFocus)}</dd>
              <dt>{t('investment.delegations.visit')}</dt>
              <dd data-testid="delegation-dates">
                <time dateTime={d.visitStartsOn}>{formatDate(d.visitStartsOn)}</time> – <time dateTime={d.visitEndsOn}>{formatDate(d.visitEndsOn)}</time>
              </dd>
              <dt>{t('investment.delegation.receivedBy')}</dt>
              <dd>
                <a href={organisationHref(d.reception.id)}>{d.reception.name}</a>
              </dd>
              <dt>{t('investment.delegations.hosts')}</dt>
              <dd data-testid="delegation-hosts">
                {d.hostMunicipalities.length === 0
                  ? '—'
                  : d.hostMunicipalities.map((h, i) => (
                      <span key={h.id}>
                        {i > 0 && ', '}
                        <a href={organisationHref(h.id)}>{h.name}</a>
                      </span>
                    ))}
              </dd>
              <dt>{t('investment.delegationNew.visitors')}</dt>
              <dd>{formatNumber(d.visitorCount)}</dd>
            </dl>
            {d.programme && (
              <>
                <h2>{t('investment.delegationNew.programme')}</h2>
                <p className="prewrap">{d.programme}</p>
              </>
            )}
          </div>

          <section className="card" aria-labelledby="value-title">
            <h2 id="value-title">{t('investment.delegation.value')}</h2>
            <p className="hint">{t('investment.delegation.valueHint')}</p>
            <ValueCreated results={d.results} testId="delegation-value" />
          </section>

          <section className="card" aria-labelledby="follow-ups-title">
            <h2 id="follow-ups-title">
              {t('investment.delegation.followUps')} <span className="count">{d.followUps.length}</span>
            </h2>
            {d.followUps.length === 0 ? (
              <p className="muted">{t('investment.delegation.noFollowUps')}</p>
            ) : (
              <ol className="timeline" data-testid="follow-ups">
                {d.followUps.map((f) => (
                  <li key={f.id} data-testid="follow-up">
                    <p>{f.note}</p>
                    <p className="muted small">
                      {formatDateTime(f.recordedAt)} ·{' '}
                      {t('investment.delegation.followUpFigures', { contacts: formatNumber(f.contactsMade), projects: formatNumber(f.projectsStarted), establishments: formatNumber(f.establishments), jobs: formatNumber(f.jobsCreated) })}
                    </p>
                  </li>
                ))}
              </ol>
            )}
            {can(me, actingFor, d.reception.id, 'record') && <FollowUpForm delegationId={d.id} />}
          </section>
        </>
      )}
    </section>
  );
}

const COUNTS = ['contactsMade', 'projectsStarted', 'establishments', 'jobsCreated'] as const;
type CountKey = (typeof COUNTS)[number];

/** A number field as sent: a whole number (thousands separators allowed), 0 when blank, -1 (refused by the server naming the field) for anything else. */
const countValue = (text: string) => wholeNumberInput(text) ?? 0;

function FollowUpForm({ delegationId }: { delegationId: string }) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const [counts, setCounts] = useState<Record<CountKey, string>>({ contactsMade: '', projectsStarted: '', establishments: '', jobsCreated: '' });
  const [{ data, error, fetching }, record] = useInvestmentRecordDelegationFollowUpMutation();
  const userErrors = data?.recordDelegationFollowUp.userErrors ?? [];
  const formId = 'follow-up';

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await record({
      input: {
        delegationId,
        note: note.trim(),
        contactsMade: countValue(counts.contactsMade),
        projectsStarted: countValue(counts.projectsStarted),
        establishments: countValue(counts.establishments),
        jobsCreated: countValue(counts.jobsCreated),
      },
    });
    if (result.data?.recordDelegationFollowUp.followUp && result.data.recordDelegationFollowUp.userErrors.length === 0) {
      setNote('');
      setCounts({ contactsMade: '', projectsStarted: '', establishments: '', jobsCreated: '' });
    }
  }

  return (
    <Form className="subform" onSubmit={submit} noValidate aria-labelledby="follow-up-form-title" data-testid="follow-up-form">
      <h3 id="follow-up-form-title">{t('investment.followUp.title')}</h3>
      <label htmlFor="follow-up-note">{t('investment.followUp.note')}</label>
      <textarea id="follow-up-note" rows={2} value={note} onChange={(e) => setNote(e.target.value)} {...invalidProps(userErrors, 'note', formId)} />
      <FieldError errors={userErrors} field="note" formId={formId} />
      <div className="field-row">
        {COUNTS.map((key) => (
          <div key={key}>
            <label htmlFor={`follow-up-${key}`}>{t(`investment.followUp.${key}`)}</label>
            <input
              id={`follow-up-${key}`}
              inputMode="numeric"
              value={counts[key]}
              onChange={(e) => setCounts({ ...counts, [key]: e.target.value })}
              {...invalidProps(userErrors, key, formId)}
            />
            <FieldError errors={userErrors} field={key} formId={formId} />
          </div>
        ))}
      </div>
      <FormErrors errors={userErrors} shownKeys={['note', ...COUNTS]} error={error} areas={['investment']} />
      <FormActions pending={fetching} submitLabel={t('investment.followUp.submit')} pendingLabel={t('investment.common.saving')} />
    </Form>
  );
}
