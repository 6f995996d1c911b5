import { DateTimeInput } from '../ui/DateInput';
import { FieldError, FormErrors, invalidProps, placeUserErrors } from '../ui/userErrors';
import { fromLocalInput, toLocalInput } from '../ui/format';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { t as translate } from '../ui/i18n';
import { useDeskRecordTouchpointMutation, type RecordTouchpointInput } from '../generated/graphql';
import { KindFields } from './KindFields';
import { kindLabel } from './timeline';
import { buildDetails, emptyDraft, kindKeys, RECORDABLE_KINDS, type KindDraft, type RecordableKind } from './touchpointKinds';
import { Form } from '../ui/Form';

/** The input of recordTouchpoint for one of the generic kinds (exported for the tests). */
export function recordInput(
  firmId: string,
  organisationId: string,
  kind: RecordableKind,
  draft: KindDraft,
  occurredAt: string | null,
  summary: string,
): { input: RecordTouchpointInput | null; errors: Record<string, string[]> } {
  const built = buildDetails(kind, draft);
  const errors = { ...built.errors };
  if (!occurredAt) errors.occurredAt = [translate('desk.check.giveTime')];
  if (!built.value || !occurredAt) return { input: null, errors };
  return {
    input: { firmId, organisationId, kind, occurredAt, summary: summary.trim() || null, [built.field]: built.value } as RecordTouchpointInput,
    errors,
  };
}

/** Record a first contact, note, growth partnership, outcome report or event attendance. */
export function RecordTouchpointForm({ firmId, organisationId }: { firmId: string; organisationId: string | null }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<RecordableKind>('NOTE');
  const [draft, setDraft] = useState<KindDraft>(() => emptyDraft('NOTE'));
  const [occurredAt, setOccurredAt] = useState(() => toLocalInput(new Date()));
  const [summary, setSummary] = useState('');
  const [clientErrors, setClientErrors] = useState<Record<string, string[]>>({});
  const [saved, setSaved] = useState<string | null>(null);
  const [sentKind, setSentKind] = useState<RecordableKind | null>(null);
  const [{ data, fetching, error }, record] = useDeskRecordTouchpointMutation();
  // Server errors belong to the kind that was sent; a different kind chosen since shows none of them.
  const serverErrors = sentKind === kind ? data?.recordTouchpoint.userErrors : undefined;
  const server = placeUserErrors(serverErrors, [...kindKeys(kind), 'occurredAt', 'summary']);
  const errorsFor = (key: string) => [...(clientErrors[key] ?? []), ...(server.byField[key] ?? [])];
  if (!organisationId) return null;

  function chooseKind(next: RecordableKind) {
    setKind(next);
    setDraft(emptyDraft(next));
    setClientErrors({});
    setSaved(null);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(null);
    const { input, errors } = recordInput(firmId, organisationId!, kind, draft, fromLocalInput(occurredAt), summary);
    setClientErrors(errors);
    if (!input) return;
    setSentKind(kind);
    const r = await record({ input });
    if (r.data?.recordTouchpoint.touchpoint) {
      setDraft(emptyDraft(kind));
      setSummary('');
      setOccurredAt(toLocalInput(new Date()));
      setSaved(kindLabel(kind));
    }
  }

  const detailsField = kindKeys(kind)[0];
  return (
    <Form onSubmit={submit} noValidate aria-labelledby="record-title" data-testid="record-form">
      <h2 id="record-title">{t('desk.record.title')}</h2>
      <label htmlFor="record-kind">{t('desk.record.kind')}</label>
      <select id="record-kind" value={kind} onChange={(e) => chooseKind(e.target.value as RecordableKind)} data-testid="record-kind">
        {RECORDABLE_KINDS.map((k) => (
          <option key={k} value={k}>
            {kindLabel(k)}
          </option>
        ))}
      </select>
      <KindFields kind={kind} draft={draft} onChange={(name, value) => setDraft((d) => ({ ...d, [name]: value }))} errorsFor={errorsFor} idPrefix="record" />
      <label htmlFor="record-summary">{t('desk.record.summary')}</label>
      <input id="record-summary" value={summary} maxLength={2000} onChange={(e) => setSummary(e.target.value)} {...invalidProps('record-summary-error', errorsFor('summary'))} />
      <FieldError id="record-summary-error" messages={errorsFor('summary')} />
      <label htmlFor="record-occurred">{t('desk.record.occurredAt')}</label>
      <DateTimeInput
        id="record-occurred"
        value={occurredAt}
        onChange={(v) => setOccurredAt(v)}
        data-testid="record-occurred"
        {...invalidProps('record-occurred-error', errorsFor('occurredAt'))}
      />
      <FieldError id="record-occurred-error" messages={errorsFor('occurredAt')} />
      <p className="hint desk-rec-hint">{t('desk.record.occurredHint')}</p>
      <FormErrors messages={[...errorsFor(detailsField), ...server.other]} error={error} />
      <button type="submit" className="primary" disabled={fetching} data-testid="record-submit">
        {t('desk.record.submit', { kind: kindLabel(kind).toLowerCase() })}
      </button>
      {saved && (
        <p role="status" className="desk-saved" data-testid="record-saved">
          {t('desk.record.saved', { kind: saved })}
        </p>
      )}
    </Form>
  );
}
