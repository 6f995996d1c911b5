import { FieldError, FormErrors, invalidProps, placeUserErrors } from '../ui/userErrors';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { t } from '../ui/i18n';
import { useDeskActOnReferralMutation, type DeskReferralFragment, type ReferralAction } from '../generated/graphql';

/** The next steps the receiving organisation can take, by the referral's status. */
export function nextActions(status: string): Array<{ action: ReferralAction; label: string; primary?: boolean }> {
  switch (status) {
    case 'SENT':
      return [
        { action: 'ACCEPT', label: t('desk.referralAction.ACCEPT'), primary: true },
        { action: 'DECLINE', label: t('desk.referralAction.DECLINE') },
      ];
    case 'ACCEPTED':
      return [{ action: 'RECORD_FIRST_CONTACT', label: t('desk.referralAction.RECORD_FIRST_CONTACT'), primary: true }];
    case 'FIRST_CONTACT':
      return [{ action: 'CLOSE', label: t('desk.referralAction.CLOSE'), primary: true }];
    default:
      return [];
  }
}

/** Accept / decline / record first contact / close a received referral, with an optional note. */
export function ReferralActions({ referral }: { referral: Pick<DeskReferralFragment, 'id' | 'status'> }) {
  // Re-render on a language switch (nextActions' labels are looked up on each render).
  useTranslation();
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
        {t('desk.referralAction.note')}
      </label>
      <input
        id={noteId}
        placeholder={t('desk.referralAction.note')}
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
