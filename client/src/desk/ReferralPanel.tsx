import { FieldError, FormErrors, invalidProps, placeUserErrors } from '../ui/userErrors';
import { useState, type FormEvent } from 'react';
import { useDeskRecordTouchpointMutation, type DeskOrganisationRefFragment } from '../generated/graphql';
import { humanize } from '../ui/labels';
import { OrganisationPicker } from '../ui/OrganisationPicker';

const RECEIVER = 'referral.receiverOrganisationId';
const REASON = 'referral.reason';

/** Refer the firm to another organisation (growth house, municipality, advisor, capital provider, ...). */
export function ReferralPanel({ firmId, organisationId, exclude }: { firmId: string; organisationId: string | null; exclude: string[] }) {
  const [receiver, setReceiver] = useState<DeskOrganisationRefFragment | null>(null);
  const [reason, setReason] = useState('');
  const [clientErrors, setClientErrors] = useState<Record<string, string[]>>({});
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [{ data, fetching, error }, record] = useDeskRecordTouchpointMutation();
  const server = placeUserErrors(data?.recordTouchpoint.userErrors, [RECEIVER, REASON, 'referral', 'occurredAt']);
  const errorsFor = (key: string) => [...(clientErrors[key] ?? []), ...(server.byField[key] ?? [])];
  if (!organisationId) return null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSentTo(null);
    const errors: Record<string, string[]> = {};
    if (!receiver) errors[RECEIVER] = ['Choose the organisation to refer the firm to.'];
    if (!reason.trim()) errors[REASON] = ['Say what the receiver is asked to help with.'];
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
    <form className="desk-form" onSubmit={submit} noValidate aria-labelledby="referral-title" data-testid="referral-form">
      <h2 id="referral-title">Refer the firm</h2>
      <p className="hint">The receiver sees the referral in its inbox; while it is open, both organisations see each other's entries about this firm.</p>
      {receiver ? (
        <p className="desk-chosen" data-testid="referral-receiver">
          To <strong>{receiver.name}</strong> <span className="muted">({humanize(receiver.kind)})</span>{' '}
          <button type="button" onClick={() => setReceiver(null)}>
            Change
          </button>
        </p>
      ) : (
        <OrganisationPicker
          id="referral-receiver-search"
          label="Receiving organisation"
          exclude={exclude}
          onChoose={setReceiver}
          invalid={errorsFor(RECEIVER).length > 0}
          describedBy="referral-receiver-error"
        />
      )}
      <FieldError id="referral-receiver-error" messages={errorsFor(RECEIVER)} />
      <label htmlFor="referral-reason">What should they help with?</label>
      <textarea id="referral-reason" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} {...invalidProps('referral-reason-error', errorsFor(REASON))} />
      <FieldError id="referral-reason-error" messages={errorsFor(REASON)} />
      <FormErrors messages={[...errorsFor('referral'), ...errorsFor('occurredAt'), ...server.other]} error={error} />
      <button type="submit" className="primary" disabled={fetching} data-testid="referral-send">
        Send referral
      </button>
      {sentTo && (
        <p role="status" className="desk-saved" data-testid="referral-sent">
          Referral sent to {sentTo}.
        </p>
      )}
    </form>
  );
}
