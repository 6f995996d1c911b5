import { formatDate, formatDateTime } from '../ui/format';
import { FieldError, FormErrors, invalidProps, placeUserErrors } from '../ui/userErrors';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  useDeskFirmConsentsQuery, useDeskRecordConsentMutation, useDeskWithdrawConsentMutation, type ConsentScope, type DeskFirmConsentsQuery,
  type DeskOrganisationRefFragment,
} from '../generated/graphql';
import { QueryStatus } from '../ui/Status';
import { OrganisationPicker } from '../ui/OrganisationPicker';
import { Form } from '../ui/Form';
import { DateInput } from '../ui/DateInput';

const CONSENTS = { additionalTypenames: ['FirmConsent'] };
const FIELDS = ['scope', 'recipientOrganisationIds', 'purpose', 'validUntil', 'organisationId', 'firmId'];

/** The end of a local calendar day (a consent given "until 31 Dec" runs through that day). */
export function endOfLocalDay(date: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return null;
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 23, 59, 59, 999).toISOString();
}

const inAYear = () => {
  const d = new Date();
  d.setFullYear(d.getFullYear() + 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/** The firm's consents recorded by our organisations, to record a new one and to withdraw one. */
export function ConsentPanel({ firmId, organisationId, exclude }: { firmId: string; organisationId: string | null; exclude: string[] }) {
  const { t } = useTranslation();
  const [{ data, fetching, error }] = useDeskFirmConsentsQuery({ variables: { firmId }, context: CONSENTS });
  const consents = data?.firmConsents ?? [];
  return (
    <div className="desk-form" data-testid="consent-panel">
      <h2>{t('desk.consent.title')}</h2>
      <p className="hint">{t('desk.consent.hint')}</p>
      <QueryStatus fetching={fetching && !data} error={error} what={t('desk.consent.what')} />
      {data && consents.length === 0 && <p className="muted">{t('desk.consent.none')}</p>}
      {consents.length > 0 && (
        <ul className="desk-list">
          {consents.map((c) => (
            <ConsentItem key={c.id} consent={c} canWithdraw={!!organisationId} />
          ))}
        </ul>
      )}
      {organisationId && <RecordConsentForm firmId={firmId} organisationId={organisationId} exclude={exclude} />}
    </div>
  );
}

function ConsentItem({ consent: c, canWithdraw }: { consent: DeskFirmConsentsQuery['firmConsents'][number]; canWithdraw: boolean }) {
  const { t } = useTranslation();
  const [{ data, fetching, error }, withdraw] = useDeskWithdrawConsentMutation();
  const [confirming, setConfirming] = useState(false);
  const state = c.withdrawnAt ? t('desk.consent.withdrawnAt', { when: formatDateTime(c.withdrawnAt) }) : c.isEffective ? t('desk.consent.inEffect') : t('desk.consent.expired');
  return (
    <li className="desk-item" data-testid="consent" data-consent-id={c.id} data-effective={c.isEffective}>
      <div className="desk-item-head">
        <strong>{c.scope === 'ALL_PUBLIC_BUSINESS_SUPPORT' ? t('desk.consent.allPublic') : c.recipients.map((r) => r.name).join(', ')}</strong>
        <span className={`desk-status ${c.isEffective ? 'desk-status-accepted' : 'desk-status-closed'}`} data-testid="consent-state">
          {state}
        </span>
      </div>
      <p className="desk-small">{t('desk.consent.purposeLine', { purpose: c.purpose })}</p>
      <p className="muted desk-small">
        {t('desk.consent.validLine', { until: formatDate(c.validUntil), when: formatDateTime(c.recordedAt), organisation: c.organisation.name })}
      </p>
      {canWithdraw && c.isEffective && !confirming && (
        <button type="button" onClick={() => setConfirming(true)} data-testid="consent-withdraw">
          {t('desk.consent.withdraw')}
        </button>
      )}
      {confirming && c.isEffective && (
        <p className="desk-inline-form">
          <span>{t('desk.consent.withdrawAsk')}</span>
          <button type="button" className="primary" disabled={fetching} onClick={() => withdraw({ input: { consentId: c.id } })} data-testid="consent-withdraw-confirm">
            {t('desk.consent.withdrawConfirm')}
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            {t('desk.consent.keep')}
          </button>
        </p>
      )}
      <FormErrors messages={data?.withdrawConsent.userErrors.map((e) => e.message)} error={error} />
    </li>
  );
}

function RecordConsentForm({ firmId, organisationId, exclude }: { firmId: string; organisationId: string; exclude: string[] }) {
  const { t } = useTranslation();
  const [scope, setScope] = useState<ConsentScope>('NAMED_ORGANISATIONS');
  const [recipients, setRecipients] = useState<DeskOrganisationRefFragment[]>([]);
  const [purpose, setPurpose] = useState('');
  const [validUntil, setValidUntil] = useState(inAYear);
  const [saved, setSaved] = useState(false);
  const [{ data, fetching, error }, record] = useDeskRecordConsentMutation();
  const errors = placeUserErrors(data?.recordConsent.userErrors, FIELDS);
  const by = (k: string) => errors.byField[k];

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const r = await record({
      input: {
        firmId,
        organisationId,
        scope,
        recipientOrganisationIds: scope === 'NAMED_ORGANISATIONS' ? recipients.map((o) => o.id) : null,
        purpose,
        // An unparseable date is sent as such: the API names the field.
        validUntil: endOfLocalDay(validUntil) ?? validUntil,
      },
    });
    if (r.data?.recordConsent.consent) {
      setRecipients([]);
      setPurpose('');
      setSaved(true);
    }
  }

  return (
    <Form className="desk-subform" onSubmit={submit} noValidate aria-labelledby="consent-title" data-testid="consent-form">
      <h3 id="consent-title">{t('desk.consent.record')}</h3>
      <fieldset className="desk-radios" {...invalidProps('consent-scope-error', by('scope'))}>
        <legend>{t('desk.consent.sharedWith')}</legend>
        <label className="desk-check">
          <input type="radio" name="consent-scope" checked={scope === 'NAMED_ORGANISATIONS'} onChange={() => setScope('NAMED_ORGANISATIONS')} data-testid="consent-scope-named" />
          <span>{t('desk.consent.named')}</span>
        </label>
        <label className="desk-check">
          <input type="radio" name="consent-scope" checked={scope === 'ALL_PUBLIC_BUSINESS_SUPPORT'} onChange={() => setScope('ALL_PUBLIC_BUSINESS_SUPPORT')} data-testid="consent-scope-all" />
          <span>{t('desk.consent.allPublic')}</span>
        </label>
      </fieldset>
      <FieldError id="consent-scope-error" messages={by('scope')} />
      {scope === 'NAMED_ORGANISATIONS' && (
        <>
          {recipients.length > 0 && (
            <ul className="desk-chips" aria-label={t('desk.consent.namedList')} data-testid="consent-recipients">
              {recipients.map((o) => (
                <li key={o.id}>
                  {o.name}{' '}
                  <button type="button" aria-label={t('desk.consent.remove', { name: o.name })} onClick={() => setRecipients((rs) => rs.filter((r) => r.id !== o.id))}>
                    ×
                  </button>
                </li>
              ))}
            </ul>
          )}
          <OrganisationPicker
            id="consent-recipient-search"
            label={t('desk.consent.addOrganisation')}
            exclude={[...exclude, ...recipients.map((r) => r.id)]}
            onChoose={(o) => setRecipients((rs) => [...rs, o])}
            invalid={!!by('recipientOrganisationIds')}
            describedBy="consent-recipients-error"
          />
          <FieldError id="consent-recipients-error" messages={by('recipientOrganisationIds')} />
        </>
      )}
      <label htmlFor="consent-purpose">{t('desk.consent.purpose')}</label>
      <input id="consent-purpose" value={purpose} onChange={(e) => setPurpose(e.target.value)} {...invalidProps('consent-purpose-error', by('purpose'))} />
      <FieldError id="consent-purpose-error" messages={by('purpose')} />
      <label htmlFor="consent-valid-until">{t('desk.consent.validUntil')}</label>
      <DateInput id="consent-valid-until" value={validUntil} onChange={(v) => setValidUntil(v)} {...invalidProps('consent-valid-error', by('validUntil'))} />
      <FieldError id="consent-valid-error" messages={by('validUntil')} />
      <FormErrors messages={[...(by('organisationId') ?? []), ...(by('firmId') ?? []), ...errors.other]} error={error} />
      <button type="submit" className="primary" disabled={fetching} data-testid="consent-submit">
        {t('desk.consent.submit')}
      </button>
      {saved && (
        <p role="status" className="desk-saved" data-testid="consent-saved">
          {t('desk.consent.saved')}
        </p>
      )}
    </Form>
  );
}
