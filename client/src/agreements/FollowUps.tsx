import { formatDate, formatDateTime } from '../ui/format';
import { t } from '../ui/i18n';
import { useState, type FormEvent } from 'react';
import type { CombinedError } from 'urql';
import { useRecordAgreementFollowUpMutation, type ExternalKpiActualInput, type MeQuery } from '../generated/graphql';
import { can } from '../ui/access';
import { enumLabel } from '../ui/labels';
import type { AgreementDetails } from './AgreementPage';
import { errorsByField, parseNumber, pathKey, type FormError } from './form';
import { formatValue, Section } from './ui';
import { confirmIrreversible, ErrorAlert, FieldError, FormErrors, wordUserError } from '../ui/userErrors';
import { DisclosureButton, Form, useDisclosure } from '../ui/Form';
import { DateInput } from '../ui/DateInput';

const period = (from: string, to: string) => `${formatDate(from)} – ${formatDate(to)}`;

export interface ExternalValue {
  actual: string;
  source: string;
}

/**
 * The external figures of a follow-up as the mutation wants them, plus which KPI each sent item is
 * (the server names errors by the item's index: externalActuals.<i>.source), and local problems.
 * Errors are keyed by KPI: ["input", "external", <kpiKey>, "actual" | "source"].
 */
export function externalActualsInput(kpiKeys: string[], values: Record<string, ExternalValue | undefined>) {
  const externalActuals: ExternalKpiActualInput[] = [];
  const keyByIndex: string[] = [];
  const errors: FormError[] = [];
  for (const key of kpiKeys) {
    const v = values[key];
    const actualText = v?.actual.trim() ?? '';
    const source = v?.source.trim() ?? '';
    if (!actualText && !source) continue;
    const actual = parseNumber(actualText);
    if (actual === null) {
      errors.push({ field: ['input', 'external', key, 'actual'], message: t('agreements.followUps.giveFigure') });
      continue;
    }
    if (Number.isNaN(actual)) {
      errors.push({ field: ['input', 'external', key, 'actual'], message: t('agreements.followUps.asNumber') });
      continue;
    }
    keyByIndex.push(key);
    externalActuals.push({ kpiKey: key, actual, source: source || null });
  }
  return { externalActuals, keyByIndex, errors };
}

/** Server errors on externalActuals.<i>.<field> renamed to the KPI they are about. */
export const errorsByKpi = (errors: readonly FormError[], keyByIndex: string[]): FormError[] =>
  errors.map((e) => {
    const [input, list, index, ...rest] = e.field;
    if (input === 'input' && list === 'externalActuals' && keyByIndex[Number(index)] !== undefined) {
      // Worded from the API's own path (externalActuals.<i>.<field>) before it moves to the KPI's row.
      return { ...e, message: wordUserError(e, ['agreements']), parameters: undefined, field: ['input', 'external', keyByIndex[Number(index)], ...(rest.length ? rest : ['actual'])] };
    }
    return e;
  });

const REPORTABLE = ['ACTIVE', 'EXPIRED', 'TERMINATED'];

/** Follow-up reports (newest first) and, for editors of a party, the form to write one. */
export function FollowUps({ agreement: a, me, actingFor = null }: { agreement: AgreementDetails; me: MeQuery['me']; actingFor?: string | null }) {
  const canReport = a.canEdit && REPORTABLE.includes(a.state) && !!a.inForceVersion;
  const disclosure = useDisclosure();
  const { open } = disclosure;
  return (
    <Section
      title={t('agreements.followUps.title')}
      id="followups-title"
      testId="follow-ups"
      actions={
        canReport && !open ? (
          <DisclosureButton disclosure={disclosure} testId="write-follow-up">
            {t('agreements.followUps.write')}
          </DisclosureButton>
        ) : null
      }
    >
      {!canReport && a.followUps.length === 0 && <p className="muted">{t('agreements.followUps.onceInForce')}</p>}
      {open && <FollowUpForm a={a} me={me} actingFor={actingFor} onDone={disclosure.hide} panelId={disclosure.panelId} />}
      {a.followUps.length === 0 && canReport && <p className="muted">{t('agreements.followUps.none')}</p>}
      {a.followUps.map((f) => (
        <article key={f.id} className="follow-up" data-testid="follow-up" aria-label={t('agreements.followUps.label', { period: period(f.periodStart, f.periodEnd) })}>
          <h3>{period(f.periodStart, f.periodEnd)}</h3>
          <p className="muted small">
            {t('agreements.followUps.reportedBy', {
              name: f.reportedBy?.displayName ?? t('agreements.followUps.someone'),
              organisation: f.reportedByOrganisation.name,
              date: formatDateTime(f.reportedAt),
              version: f.versionNumber,
            })}
          </p>
          {f.comment && <p>{f.comment}</p>}
          <table className="firm-table compact">
            <caption className="visually-hidden">{t('agreements.followUps.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('agreements.followUps.kpi')}</th>
                <th scope="col" className="num">
                  {t('agreements.followUps.target')}
                </th>
                <th scope="col" className="num">
                  {t('agreements.followUps.actual')}
                </th>
                <th scope="col">{t('agreements.followUps.source')}</th>
              </tr>
            </thead>
            <tbody>
              {f.entries.map((e) => (
                <tr key={e.kpiKey}>
                  <th scope="row">
                    {e.name}
                    <div className="muted small">
                      {t('agreements.followUps.counted', { period: period(e.countedFrom, e.countedTo) })}
                    </div>
                  </th>
                  <td className="num">{formatValue(e.target, e.unit)}</td>
                  <td className="num">
                    {formatValue(e.actual, e.unit)}
                    {e.liveActual != null && e.liveActual !== e.actual && <div className="muted small">{t('agreements.followUps.now', { value: formatValue(e.liveActual, e.unit) })}</div>}
                  </td>
                  <td>
                    {e.actualSource === 'COMPUTED'
                      ? t('agreements.followUps.computed', { count: e.countedEntries ?? 0 })
                      : e.actualSource === 'EXTERNAL_REPORTED'
                        ? e.externalSource
                        : enumLabel('agreements.source', e.actualSource)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </article>
      ))}
    </Section>
  );
}

function FollowUpForm({ a, me, actingFor, onDone, panelId }: { a: AgreementDetails; me: MeQuery['me']; actingFor: string | null; onDone: () => void; panelId?: string }) {
  const inForce = a.inForceVersion!;
  const externals = inForce.kpis.filter((k) => !k.computed);
  const reporters = a.parties
    .filter((p) => can(me, actingFor, p.organisation.id, 'edit'))
    .map((p) => p.organisation);
  const [periodStart, setPeriodStart] = useState(inForce.periodStart);
  const [periodEnd, setPeriodEnd] = useState(inForce.periodEnd);
  const [comment, setComment] = useState('');
  const [reporter, setReporter] = useState(reporters[0]?.id ?? '');
  const [values, setValues] = useState<Record<string, ExternalValue>>({});
  const [errors, setErrors] = useState<FormError[]>([]);
  const [requestError, setRequestError] = useState<CombinedError | null>(null);
  const [{ fetching }, record] = useRecordAgreementFollowUpMutation();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setRequestError(null);
    const { externalActuals, keyByIndex, errors: local } = externalActualsInput(
      externals.map((k) => k.key),
      values,
    );
    if (local.length) return setErrors(local);
    // A follow-up is kept as it was recorded (no edits afterwards): ask first.
    if (!confirmIrreversible(t('agreements.followUps.confirm', { period: period(periodStart, periodEnd) }))) return;
    const r = await record({
      input: { agreementId: a.id, expectedVersion: a.version, periodStart, periodEnd, comment: comment || null, externalActuals, reportingOrganisationId: reporter || null },
    });
    const p = r.data?.recordFollowUp;
    if (r.error || !p) return setRequestError(r.error ?? null);
    if (p.userErrors.length) {
      return setErrors(
        errorsByKpi(p.userErrors, keyByIndex).map((e) =>
          e.code === 'VERSION_CONFLICT' ? { ...e, parameters: undefined, message: t('agreements.followUps.conflict') } : e,
        ),
      );
    }
    onDone();
  }

  const byField = errorsByField(errors);
  const placed = new Set(['periodStart', 'periodEnd', 'comment', 'reportingOrganisationId', ...externals.flatMap((k) => [`external.${k.key}.actual`, `external.${k.key}.source`])]);
  const unplaced = errors.filter((e) => !placed.has(pathKey(e.field)));
  const props = (key: string) => ({
    id: `fu-${key.replace(/\./g, '-')}`,
    'aria-invalid': byField.has(key) || undefined,
    'aria-describedby': byField.has(key) ? `fu-${key.replace(/\./g, '-')}-error` : undefined,
  });
  const msg = (key: string) => <FieldError id={`fu-${key.replace(/\./g, '-')}-error`} messages={byField.get(key)} />;
  const setValue = (key: string, patch: Partial<ExternalValue>) => setValues((v) => ({ ...v, [key]: { ...(v[key] ?? { actual: '', source: '' }), ...patch } }));

  return (
    <Form id={panelId} className="inline-form follow-up-form" onSubmit={submit} noValidate data-testid="follow-up-form" aria-labelledby="follow-up-form-title">
      <h3 id="follow-up-form-title">{t('agreements.followUps.new')}</h3>
      <p className="hint">{t('agreements.followUps.hint')}</p>
      <ErrorAlert error={requestError} />
      <FormErrors errors={unplaced} title={t('agreements.followUps.notRecorded')} testId="follow-up-errors" />
      <div className="kit-form-grid">
        <label htmlFor="fu-periodStart">{t('agreements.followUps.periodFrom')}</label>
        <div>
          <DateInput {...props('periodStart')} value={periodStart} onChange={(v) => setPeriodStart(v)} />
          {msg('periodStart')}
        </div>
        <label htmlFor="fu-periodEnd">{t('agreements.followUps.periodTo')}</label>
        <div>
          <DateInput {...props('periodEnd')} value={periodEnd} onChange={(v) => setPeriodEnd(v)} />
          {msg('periodEnd')}
        </div>
        {reporters.length > 1 && (
          <>
            <label htmlFor="fu-reportingOrganisationId">{t('agreements.followUps.reportingOrganisation')}</label>
            <div>
              <select {...props('reportingOrganisationId')} value={reporter} onChange={(e) => setReporter(e.target.value)}>
                {reporters.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </select>
              {msg('reportingOrganisationId')}
            </div>
          </>
        )}
        <label htmlFor="fu-comment">{t('agreements.followUps.comment')}</label>
        <div>
          <textarea {...props('comment')} rows={3} value={comment} onChange={(e) => setComment(e.target.value)} />
          {msg('comment')}
        </div>
      </div>
      {externals.length > 0 && (
        <fieldset className="external-kpis">
          <legend>{t('agreements.followUps.externalKpis')}</legend>
          {externals.map((k) => (
            <div key={k.key} className="row-editor" data-testid="external-kpi" data-kpi={k.key}>
              <div className="grow">
                <strong>{k.name}</strong>
                <div className="muted small">
                  {t('agreements.followUps.targetOf', { target: formatValue(k.target, k.unit), unit: enumLabel('agreements.unitName', k.unit), period: period(k.periodStart, k.periodEnd) })}
                </div>
              </div>
              <div>
                <label htmlFor={props(`external.${k.key}.actual`).id}>{t('agreements.followUps.actual')}</label>
                <input {...props(`external.${k.key}.actual`)} className="short" inputMode="decimal" value={values[k.key]?.actual ?? ''} onChange={(e) => setValue(k.key, { actual: e.target.value })} />
                {msg(`external.${k.key}.actual`)}
              </div>
              <div className="grow">
                <label htmlFor={props(`external.${k.key}.source`).id}>{t('agreements.followUps.source')}</label>
                <input {...props(`external.${k.key}.source`)} value={values[k.key]?.source ?? ''} onChange={(e) => setValue(k.key, { source: e.target.value })} placeholder={t('agreements.followUps.sourcePlaceholder')} />
                {msg(`external.${k.key}.source`)}
              </div>
            </div>
          ))}
        </fieldset>
      )}
      <div className="button-row">
        <button type="submit" className="primary" disabled={fetching} data-testid="submit-follow-up">
          {t('agreements.followUps.submit')}
        </button>
        <button type="button" className="link-button" onClick={onDone}>
          {t('agreements.followUps.cancel')}
        </button>
      </div>
      <p className="muted small">{t('agreements.followUps.writtenBy', { name: me.displayName })}</p>
    </Form>
  );
}
