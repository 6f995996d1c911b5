import { FieldError, FormErrors, invalidProps, placeUserErrors } from '../ui/userErrors';
import { useState, type FormEvent } from 'react';
import { useDeskRecordTouchpointMutation, type DeskOrganisationRefFragment } from '../generated/graphql';
import { useTranslation } from 'react-i18next';
import { OrganisationPicker, organisationKindLabel } from '../ui/OrganisationPicker';
import { Form } from '../ui/Form';

const RECEIVER = 'referral.receiverOrganisationId';
const REASON = 'referral.reason';

/** Refer the firm to another organisation (growth house, municipality, advisor, capital provider, ...). */
export function ReferralPanel({ firmId, organisationId, exclude }: { firmId: string; organisationId: string | null; exclude: string[] }) {
  const { t } = useTranslation();
  const [receiver, setReceiver] = useState<DeskOrganisationRefFragment | null>(null);
  const [reason, setReason] = useState('');
  const [clientErrors, setClientErrors] = useState<Record<string, string[]>>({});
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [{ data, fetching, error }, record] = useDeskRecordTouchpointMutation();
  const server = placeUserErrors(data?.recordTouchpoint.userErrors, [RECEIVER, REASON, 'referral', 'occurredAt'], ['desk']);
  const errorsFor = (key: string) => [...(clientErrors[key] ?? []), ...(server.byField[key] ?? [])];
  if (!organisationId) return null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSentTo(null);
    const errors: Record<string, string[]> = {};
    if (!receiver) errors[RECEIVER] = [t('desk.referral.chooseReceiver')];
    if (!reason.trim()) errors[REASON] = [t('desk.referral.giveReason')];
    setClientErrors(errors);
    if (!receiver || Object.keys(errors).length) return;
    const r = await record({
      input: { firmId, organisationId, kind: 'REFERRAL', occurredAt: new Date().toISOString(), referral: { receiverOrganisationId: receiver.id, reason: reason.trim() } },
    });
    if (r.data?.recordTouchpoint.referral) {
      setSentTo(receiver.name);
      setReceiver(null);
      setReason('');
    }
  }

  return (
    <Form onSubmit={submit} noValidate aria-labelledby="referral-title" data-testid="referral-form">
      <h2 id="referral-title">{t('desk.referral.title')}</h2>
      <p className="hint">{t('desk.referral.hint')}</p>
      {receiver ? (
        <p className="desk-chosen" data-testid="referral-receiver">
          {t('desk.referral.to')} <strong>{receiver.name}</strong> <span className="muted">({organisationKindLabel(receiver.kind)})</span>{' '}
          <button type="button" onClick={() => setReceiver(null)}>
            {t('desk.referral.change')}
          </button>
        </p>
      ) : (
        <OrganisationPicker
          id="referral-receiver-search"
          label={t('desk.referral.receiver')}
          exclude={exclude}
          onChoose={setReceiver}
          invalid={errorsFor(RECEIVER).length > 0}
          describedBy="referral-receiver-error"
        />
      )}
      <FieldError id="referral-receiver-error" messages={errorsFor(RECEIVER)} />
      <label htmlFor="referral-reason">{t('desk.referral.reason')}</label>
      <textarea id="referral-reason" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} {...invalidProps('referral-reason-error', errorsFor(REASON))} />
      <FieldError id="referral-reason-error" messages={errorsFor(REASON)} />
      <FormErrors messages={[...errorsFor('referral'), ...errorsFor('occurredAt'), ...server.other]} error={error} />
      <button type="submit" className="primary" disabled={fetching} data-testid="referral-send">
        {t('desk.referral.send')}
      </button>
      {sentTo && (
        <p role="status" className="desk-saved" data-testid="referral-sent">
          {t('desk.referral.sent', { name: sentTo })}
        </p>
      )}
    </Form>
  );
}
