import { DateTimeInput } from '../ui/DateInput';
import { FieldError, FormErrors, invalidProps, placeUserErrors } from '../ui/userErrors';
import { fromLocalInput, toLocalInput } from '../ui/format';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { t as translate } from '../ui/i18n';
import { useDeskCorrectTouchpointMutation, type CorrectTouchpointInput, type DeskTouchpointFragment } from '../generated/graphql';
import { KindFields } from './KindFields';
import { buildDetails, draftFromDetails, kindKeys, type KindDraft, type RecordableKind } from './touchpointKinds';
import { Form } from '../ui/Form';

/**
 * The input of correctTouchpoint (exported for the tests): the corrected details in full, the reason,
 * and the time only when it was changed (otherwise the original's is kept by the server).
 */
export function correctInput(
  entry: Pick<DeskTouchpointFragment, 'id' | 'occurredAt'>,
  kind: RecordableKind,
  draft: KindDraft,
  reason: string,
  occurredAtLocal: string,
  summary: string,
): { input: CorrectTouchpointInput | null; errors: Record<string, string[]> } {
  const built = buildDetails(kind, draft);
  const errors = { ...built.errors };
  if (!reason.trim()) errors.reason = [translate('desk.check.giveReason')];
  const changedTime = occurredAtLocal !== toLocalInput(new Date(entry.occurredAt));
  const occurredAt = changedTime ? fromLocalInput(occurredAtLocal) : null;
  if (changedTime && !occurredAt) errors.occurredAt = [translate('desk.check.giveTime')];
  if (Object.keys(errors).length) return { input: null, errors };
  return {
    input: {
      touchpointId: entry.id,
      reason: reason.trim(),
      summary: summary.trim() || null,
      ...(occurredAt ? { occurredAt } : {}),
      [built.field]: built.value,
    } as CorrectTouchpointInput,
    errors,
  };
}

/** Correct one of our entries: a new entry supersedes it; both stay in the journey. */
export function CorrectEntryForm({ entry, onDone }: { entry: DeskTouchpointFragment; onDone: () => void }) {
  const { t } = useTranslation();
  const initial = draftFromDetails(entry.details)!;
  const kind = initial.kind;
  const [draft, setDraft] = useState<KindDraft>(initial.draft);
  const [reason, setReason] = useState('');
  const [summary, setSummary] = useState(entry.summary ?? '');
  const [occurredAt, setOccurredAt] = useState(() => toLocalInput(new Date(entry.occurredAt)));
  const [clientErrors, setClientErrors] = useState<Record<string, string[]>>({});
  const [{ data, fetching, error }, correct] = useDeskCorrectTouchpointMutation();
  const server = placeUserErrors(data?.correctTouchpoint.userErrors, [...kindKeys(kind), 'reason', 'occurredAt', 'summary']);
  const errorsFor = (key: string) => [...(clientErrors[key] ?? []), ...(server.byField[key] ?? [])];
  const p = `correct-${entry.id}`;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const { input, errors } = correctInput(entry, kind, draft, reason, occurredAt, summary);
    setClientErrors(errors);
    if (!input) return;
    const r = await correct({ input });
    if (r.data?.correctTouchpoint.touchpoint) onDone();
  }

  return (
    <Form className="desk-correct-form" onSubmit={submit} noValidate aria-label={t('desk.correct.label')} data-testid="correct-form">
      <p className="hint desk-rec-hint">{t('desk.correct.hint')}</p>
      <label htmlFor={`${p}-reason`}>{t('desk.correct.reason')}</label>
      <input id={`${p}-reason`} value={reason} maxLength={1000} onChange={(e) => setReason(e.target.value)} data-testid="correct-reason" {...invalidProps(`${p}-reason-error`, errorsFor('reason'))} />
      <FieldError id={`${p}-reason-error`} messages={errorsFor('reason')} />
      <KindFields kind={kind} draft={draft} onChange={(name, value) => setDraft((d) => ({ ...d, [name]: value }))} errorsFor={errorsFor} idPrefix={p} />
      <label htmlFor={`${p}-summary`}>{t('desk.record.summary')}</label>
      <input id={`${p}-summary`} value={summary} maxLength={2000} onChange={(e) => setSummary(e.target.value)} {...invalidProps(`${p}-summary-error`, errorsFor('summary'))} />
      <FieldError id={`${p}-summary-error`} messages={errorsFor('summary')} />
      <label htmlFor={`${p}-occurred`}>{t('desk.record.occurredAt')}</label>
      <DateTimeInput id={`${p}-occurred`} value={occurredAt} onChange={(v) => setOccurredAt(v)} {...invalidProps(`${p}-occurred-error`, errorsFor('occurredAt'))} />
      <FieldError id={`${p}-occurred-error`} messages={errorsFor('occurredAt')} />
      <FormErrors messages={[...errorsFor(kindKeys(kind)[0]), ...server.other]} error={error} />
      <div className="desk-filter-buttons">
        <button type="submit" className="primary" disabled={fetching} data-testid="correct-submit">
          {t('desk.correct.submit')}
        </button>
        <button type="button" onClick={onDone}>
          {t('desk.cancel')}
        </button>
      </div>
    </Form>
  );
}
