import { FieldError, FormErrors, invalidProps, placeUserErrors } from '../ui/userErrors';
import { useState } from 'react';
import { useDeskActOnReferralMutation, type DeskReferralFragment, type ReferralAction } from '../generated/graphql';

/** The next steps the receiving organisation can take, by the referral's status. */
export function nextActions(status: string): Array<{ action: ReferralAction; label: string; primary?: boolean }> {
  switch (status) {
    case 'SENT':
      return [
        { action: 'ACCEPT', label: 'Accept', primary: true },
        { action: 'DECLINE', label: 'Decline' },
      ];
    case 'ACCEPTED':
      return [{ action: 'RECORD_FIRST_CONTACT', label: 'Record first contact', primary: true }];
    case 'FIRST_CONTACT':
      return [{ action: 'CLOSE', label: 'Close', primary: true }];
    default:
      return [];
  }
}

/** Accept / decline / record first contact / close a received referral, with an optional note. */
export function ReferralActions({ referral }: { referral: Pick<DeskReferralFragment, 'id' | 'status'> }) {
  const [note, setNote] = useState('');
  const [{ fetching, data, error }, act] = useDeskActOnReferralMutation();
  const actions = nextActions(referral.status);
  const errors = placeUserErrors(data?.actOnReferral.userErrors, ['note', 'occurredAt']);
  const other = [...errors.other];
  if (!actions.length) return null;
  const noteId = `referral-note-${referral.id}`;
  return (
    <div className="desk-referral-actions">
      <label htmlFor={noteId} className="visually-hidden">
        Note (optional)
      </label>
      <input
        id={noteId}
        placeholder="Note (optional)"
        value={note}
        onChange={(e) => setNote(e.target.value)}
        {...invalidProps(`${noteId}-error`, errors.byField.note)}
      />
      {actions.map((a) => (
        <button
          key={a.action}
          type="button"
          className={a.primary ? 'primary' : undefined}
          disabled={fetching}
          data-testid={`referral-${a.action.toLowerCase().replace(/_/g, '-')}`}
          onClick={async () => {
            const r = await act({ input: { referralId: referral.id, action: a.action, note: note.trim() || null } });
            if (r.data?.actOnReferral.userErrors.length === 0) setNote('');
          }}
        >
          {a.label}
        </button>
      ))}
      <FieldError id={`${noteId}-error`} messages={[...(errors.byField.note ?? []), ...(errors.byField.occurredAt ?? [])]} />
      <FormErrors messages={other} error={error} />
    </div>
  );
}
