import { formatDate, formatDateTime } from '../ui/format';
import { FieldError, FormErrors, invalidProps } from '../ui/userErrors';
import { useState, type FormEvent } from 'react';
import { useInvestmentDelegationQuery, useInvestmentRecordDelegationFollowUpMutation, type MeQuery } from '../generated/graphql';
import { can } from '../ui/access';
import { areaHref, organisationHref } from '../routing';
import { QueryStatus } from '../ui/Status';
import { ValueCreated } from './DelegationsPage';
import { sectorLabel } from './labels';
import { countryLabel } from './pipeline';

const FOLLOW_UP_TYPES = { additionalTypenames: ['DelegationFollowUp'] };

/** #/investment/delegations/<id>: a delegation, the value it created, its follow-ups. */
export function DelegationPage({ id, me, actingFor }: { id: string; me: MeQuery['me']; actingFor: string | null }) {
  const [{ data, fetching, error }] = useInvestmentDelegationQuery({ variables: { id }, context: FOLLOW_UP_TYPES });
  const d = data?.delegation;
  return (
    <section aria-labelledby="delegation-title" data-testid="delegation-page">
      <p>
        <a href={areaHref('investment')}>← Delegations</a>
      </p>
      <QueryStatus fetching={fetching && !data} error={error} what="the delegation" />
      {data && !d && <p role="status">This delegation does not exist, or is not visible to you.</p>}
      {d && (
        <>
          <div className="card">
            <h1 id="delegation-title">{d.name}</h1>
            <dl className="facts">
              <dt>Origin</dt>
              <dd data-testid="delegation-origin">{countryLabel(d.originCountry)}</dd>
              <dt>Sector focus</dt>
              <dd data-testid="delegation-sector">{sectorLabel(d.sectorFocus)}</dd>
              <dt>Visit</dt>
              <dd data-testid="delegation-dates">
                <time dateTime={d.visitStartsOn}>{formatDate(d.visitStartsOn)}</time> – <time dateTime={d.visitEndsOn}>{formatDate(d.visitEndsOn)}</time>
              </dd>
              <dt>Received by</dt>
              <dd>
                <a href={organisationHref(d.reception.id)}>{d.reception.name}</a>
              </dd>
              <dt>Hosting municipalities</dt>
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
              <dt>Visitors</dt>
              <dd>{d.visitorCount ?? '—'}</dd>
            </dl>
            {d.programme && (
              <>
                <h2>Programme</h2>
                <p className="prewrap">{d.programme}</p>
              </>
            )}
          </div>

          <section className="card" aria-labelledby="value-title">
            <h2 id="value-title">Value created</h2>
            <p className="hint">Summed from the follow-ups (computed by the server). The visitor count alone is not the result.</p>
            <ValueCreated results={d.results} testId="delegation-value" />
          </section>

          <section className="card" aria-labelledby="follow-ups-title">
            <h2 id="follow-ups-title">
              Follow-ups <span className="count">{d.followUps.length}</span>
            </h2>
            {d.followUps.length === 0 ? (
              <p className="muted">No follow-ups recorded yet.</p>
            ) : (
              <ol className="timeline" data-testid="follow-ups">
                {d.followUps.map((f) => (
                  <li key={f.id} data-testid="follow-up">
                    <p>{f.note}</p>
                    <p className="muted small">
                      {formatDateTime(f.recordedAt)} · {f.contactsMade} contacts · {f.projectsStarted} projects · {f.establishments} establishments · {f.jobsCreated} jobs
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

const COUNTS = [
  ['contactsMade', 'Contacts made'],
  ['projectsStarted', 'Projects started'],
  ['establishments', 'Establishments'],
  ['jobsCreated', 'Jobs created'],
] as const;
type CountKey = (typeof COUNTS)[number][0];

/** A number field as sent: a whole number, or -1 (refused by the server naming the field) for anything else typed. */
const countValue = (text: string) => (text.trim() === '' ? 0 : /^\d+$/.test(text.trim()) ? Number(text.trim()) : -1);

function FollowUpForm({ delegationId }: { delegationId: string }) {
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
    <form className="stacked-form subform" onSubmit={submit} noValidate aria-labelledby="follow-up-form-title" data-testid="follow-up-form">
      <h3 id="follow-up-form-title">Record a follow-up</h3>
      <label htmlFor="follow-up-note">What happened</label>
      <textarea id="follow-up-note" rows={2} value={note} onChange={(e) => setNote(e.target.value)} {...invalidProps(userErrors, 'note', formId)} />
      <FieldError errors={userErrors} field="note" formId={formId} />
      <div className="field-row">
        {COUNTS.map(([key, label]) => (
          <div key={key}>
            <label htmlFor={`follow-up-${key}`}>{label}</label>
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
      <FormErrors errors={userErrors} shownKeys={['note', ...COUNTS.map(([k]) => k)]} error={error} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={fetching}>
          {fetching ? 'Saving…' : 'Record follow-up'}
        </button>
      </div>
    </form>
  );
}
