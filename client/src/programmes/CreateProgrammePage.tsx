import { useTranslation } from 'react-i18next';
import { parseNumber } from '../ui/format';
import { sharesTotal } from '../ui/shares';
import { FieldError, FormErrors, type UserErrorLike, errorId, placeUserErrors } from '../ui/userErrors';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useCreateProgrammeMutation, useProgrammeDetailsQuery, useProgrammeRegionsQuery, useUpdateProgrammeMutation, type ProgrammeDetailsQuery } from '../generated/graphql';
import { QueryStatus } from '../ui/Status';
import { areaHref, navigate } from '../routing';
import { levelLabel, sizeClassLabel } from '../ui/labels';
import { buildCreateProgrammeInput, buildUpdateProgrammeInput, emptyProgrammeForm, programmeToForm, type FundingRow, type KpiRow, type ProgrammeForm } from './createProgramme';
import { GROWTH_LEVELS, kindLabel, PROGRAMME_KINDS, SIZE_CLASSES } from './format';
import { Form, FormActions } from '../ui/Form';
import { DateInput } from '../ui/DateInput';

const FORM_ID = 'create-programme';

/** The organisations the user may create programmes for (EDITOR or ADMIN there). */
export interface OperatorChoice {
  id: string;
  name: string;
}

type Programme = NonNullable<ProgrammeDetailsQuery['programme']>;

/** #/programmes/<id>/edit: the operator's editors change a programme (updateProgramme). */
export function EditProgrammePage({ id, canEdit }: { id: string; canEdit: (operatorId: string) => boolean }) {
  const { t } = useTranslation();
  const [{ data, fetching, error }] = useProgrammeDetailsQuery({ variables: { id } });
  const p = data?.programme;
  return (
    <>
      <QueryStatus fetching={fetching && !data} error={error} what={t('programmes.programme.what')} />
      {data && !p && <p role="status">{t('programmes.programme.missing')}</p>}
      {p && !canEdit(p.operator.id) && <p role="alert">{t('programmes.form.noOperator')}</p>}
      {p && canEdit(p.operator.id) && <CreateProgrammePage key={p.version} operators={[{ id: p.operator.id, name: p.operator.name }]} programme={p} />}
    </>
  );
}

/** #/programmes/new (or, given `programme`, its edit form). */
export function CreateProgrammePage({ operators, programme }: { operators: OperatorChoice[]; programme?: Programme }) {
  const { t } = useTranslation();
  const editing = !!programme;
  const [form, setForm] = useState<ProgrammeForm>(() => (programme ? programmeToForm(programme) : emptyProgrammeForm(operators.length === 1 ? operators[0].id : '')));
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const [created, create] = useCreateProgrammeMutation();
  const [updated, saveProgramme] = useUpdateProgrammeMutation();
  const { fetching, error } = editing ? updated : created;
  const [{ data: regions }] = useProgrammeRegionsQuery();

  const serverErrors: UserErrorLike[] = (editing ? updated.data?.updateProgramme.userErrors : created.data?.createProgramme.userErrors) ?? [];
  const fields = shownFields(form);
  const placed = placeUserErrors(serverErrors, fields, ['programmes']);
  const messages = (key: string) => [...(localErrors[key] ? [localErrors[key]] : []), ...placed.at(key)];
  const invalid = (key: string) => (messages(key).length ? true : undefined);
  const describedBy = (key: string) => (messages(key).length ? errorId(FORM_ID, key) : undefined);
  const update = (patch: Partial<ProgrammeForm>) => setForm((f) => ({ ...f, ...patch }));
  const toggle = <T extends string>(list: T[], value: T) => (list.includes(value) ? list.filter((v) => v !== value) : [...list, value]);

  const total = sharesTotal(form.fundingSources.map((f) => parseNumber(f.sharePercent) ?? 0));

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (programme) {
      const built = buildUpdateProgrammeInput(form, programme.id, programme.version);
      setLocalErrors(built.errors ?? {});
      if (built.errors) return;
      const result = await saveProgramme({ input: built.input });
      const saved = result.data?.updateProgramme;
      if (saved?.programme && saved.userErrors.length === 0) navigate({ page: 'area', area: 'programmes', parts: [programme.id], params: {} });
      return;
    }
    const built = buildCreateProgrammeInput(form);
    if (built.errors) {
      setLocalErrors(built.errors);
      return;
    }
    setLocalErrors({});
    const result = await create({ input: built.input });
    const createdProgramme = result.data?.createProgramme.programme;
    if (createdProgramme) navigate({ page: 'area', area: 'programmes', parts: [createdProgramme.id], params: {} });
  }

  if (operators.length === 0) {
    return (
      <section>
        <h1>{t('programmes.form.newTitle')}</h1>
        <p role="alert">{t('programmes.form.noOperator')}</p>
      </section>
    );
  }

  const text = (key: 'name' | 'startsOn' | 'endsOn' | 'capacity', label: string, type = 'text') => (
    <Field id={`${FORM_ID}-${key}`} label={label} error={<FieldError formId={FORM_ID} field={key} messages={messages(key)} />}>
      {type === 'date' ? (
        <DateInput id={`${FORM_ID}-${key}`} value={form[key]} aria-invalid={invalid(key)} aria-describedby={describedBy(key)} onChange={(v) => update({ [key]: v })} />
      ) : (
        <input
          id={`${FORM_ID}-${key}`}
          type={type}
          value={form[key]}
          aria-invalid={invalid(key)}
          aria-describedby={describedBy(key)}
          onChange={(e) => update({ [key]: e.target.value })}
          inputMode={key === 'capacity' ? 'numeric' : undefined}
        />
      )}
    </Field>
  );

  return (
    <section aria-labelledby="create-programme-title">
      <p>
        <a href={editing ? areaHref('programmes', [programme.id]) : areaHref('programmes')}>{editing ? `← ${programme.name}` : t('programmes.catalogue.back')}</a>
      </p>
      <h1 id="create-programme-title">{editing ? t('programmes.form.editTitle', { name: programme.name }) : t('programmes.form.newTitle')}</h1>
      <p className="muted">{editing ? t('programmes.form.editHint') : t('programmes.form.draftHint')}</p>
      <Form className="card" onSubmit={submit} noValidate data-testid={editing ? 'edit-programme-form' : 'create-programme-form'}>
        <FormErrors errors={placed.unplaced} requestError={error} areas={['programmes']} />
        <Field id={`${FORM_ID}-operator`} label={t('programmes.form.operator')} error={<FieldError formId={FORM_ID} field="operatorOrganisationId" messages={messages('operatorOrganisationId')} />}>
          <select
            id={`${FORM_ID}-operator`}
            value={form.operatorOrganisationId}
            disabled={editing}
            aria-invalid={invalid('operatorOrganisationId')}
            aria-describedby={describedBy('operatorOrganisationId')}
            onChange={(e) => update({ operatorOrganisationId: e.target.value })}
          >
            {operators.length > 1 && <option value="">{t('programmes.form.choose')}</option>}
            {operators.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </Field>
        <Field id={`${FORM_ID}-kind`} label={t('programmes.form.kind')}>
          <select id={`${FORM_ID}-kind`} value={form.kind} disabled={editing} onChange={(e) => update({ kind: e.target.value as ProgrammeForm['kind'] })}>
            {PROGRAMME_KINDS.map((k) => (
              <option key={k} value={k}>
                {kindLabel(k)}
              </option>
            ))}
          </select>
        </Field>
        {text('name', t('programmes.form.name'))}
        <Field id={`${FORM_ID}-description`} label={t('programmes.form.description')} error={<FieldError formId={FORM_ID} field="description" messages={messages('description')} />}>
          <textarea id={`${FORM_ID}-description`} rows={3} value={form.description} onChange={(e) => update({ description: e.target.value })} />
        </Field>
        <div className="field-row">
          {text('startsOn', t('programmes.form.startsOn'), 'date')}
          {text('endsOn', t('programmes.form.endsOn'), 'date')}
          {text('capacity', t('programmes.form.capacity'))}
        </div>

        <fieldset>
          <legend>{t('programmes.form.whoMay')}</legend>
          <CheckGroup label={t('programmes.form.growth')} values={GROWTH_LEVELS} checked={form.growthPotentialLevels} text={levelLabel} onToggle={(v) => update({ growthPotentialLevels: toggle(form.growthPotentialLevels, v) })} />
          <CheckGroup
            label={t('programmes.form.regions')}
            values={(regions?.organisations.edges ?? []).map((e) => e.node.id)}
            checked={form.regionIds}
            text={(id) => regions?.organisations.edges.find((e) => e.node.id === id)?.node.name ?? id}
            onToggle={(v) => update({ regionIds: toggle(form.regionIds, v) })}
          />
          <FieldError formId={FORM_ID} field="eligibility.regionIds" messages={messages('eligibility.regionIds')} />
          <CheckGroup label={t('programmes.form.size')} values={SIZE_CLASSES} checked={form.sizeClasses} text={sizeClassLabel} onToggle={(v) => update({ sizeClasses: toggle(form.sizeClasses, v) })} />
          <Field id={`${FORM_ID}-industries`} label={t('programmes.form.industries')} error={<FieldError formId={FORM_ID} field="eligibility.industryCodePrefixes" messages={messages('eligibility.industryCodePrefixes')} />}>
            <input
              id={`${FORM_ID}-industries`}
              value={form.industryCodePrefixes}
              aria-invalid={invalid('eligibility.industryCodePrefixes')}
              aria-describedby={describedBy('eligibility.industryCodePrefixes')}
              onChange={(e) => update({ industryCodePrefixes: e.target.value })}
            />
          </Field>
        </fieldset>

        <fieldset data-testid="funding-fieldset">
          <legend>{t('programmes.form.funding')}</legend>
          {form.fundingSources.map((row, i) => (
            <RowEditor
              key={i}
              index={i}
              onRemove={form.fundingSources.length > 1 ? () => update({ fundingSources: form.fundingSources.filter((_, j) => j !== i) }) : undefined}
              cells={(
                [
                  ['funderName', t('programmes.form.funder'), t('programmes.form.funderPlaceholder')],
                  ['sharePercent', t('programmes.form.share'), '50'],
                  ['amount', t('programmes.form.amount'), 'DKK'],
                ] as Array<[keyof FundingRow & ('funderName' | 'sharePercent' | 'amount'), string, string]>
              ).map(([key, label, placeholder]) => {
                const field = `fundingSources.${i}.${key}`;
                return (
                  <Field key={key} id={`${FORM_ID}-${field}`} label={`${label}`} srSuffix={t('programmes.form.ofFunder', { n: i + 1 })} error={<FieldError formId={FORM_ID} field={field} messages={messages(field)} />}>
                    <input
                      id={`${FORM_ID}-${field}`}
                      value={row[key]}
                      placeholder={placeholder}
                      inputMode={key === 'funderName' ? undefined : 'decimal'}
                      aria-invalid={invalid(field)}
                      aria-describedby={describedBy(field)}
                      data-testid={`funding-${i}-${key}`}
                      onChange={(e) =>
                        // A renamed funder is no longer the organisation it was.
                        update({ fundingSources: form.fundingSources.map((r, j) => (j === i ? { ...r, [key]: e.target.value, ...(key === 'funderName' ? { funderOrganisationId: undefined } : {}) } : r)) })
                      }
                    />
                  </Field>
                );
              })}
            />
          ))}
          <p className={total.ok ? 'share-total ok' : 'share-total error'} data-testid="funding-form-total" aria-live="polite">
            {total.text}
          </p>
          <FieldError formId={FORM_ID} field="fundingSources" messages={messages('fundingSources')} />
          <button type="button" onClick={() => update({ fundingSources: [...form.fundingSources, { funderName: '', sharePercent: '', amount: '' }] })} data-testid="add-funder">
            {t('programmes.form.addFunder')}
          </button>
        </fieldset>

        <fieldset>
          <legend>{t('programmes.form.kpis')}</legend>
          {form.kpis.map((row, i) => (
            <RowEditor
              key={i}
              index={i}
              onRemove={() => update({ kpis: form.kpis.filter((_, j) => j !== i) })}
              cells={(
                [
                  ['metric', t('programmes.form.metric'), t('programmes.form.metricPlaceholder')],
                  ['target', t('programmes.form.target'), '35'],
                  ['unit', t('programmes.form.unit'), t('programmes.form.unitPlaceholder')],
                ] as Array<[keyof KpiRow, string, string]>
              ).map(([key, label, placeholder]) => {
                const field = `kpis.${i}.${key}`;
                return (
                  <Field key={key} id={`${FORM_ID}-${field}`} label={label} srSuffix={t('programmes.form.ofKpi', { n: i + 1 })} error={<FieldError formId={FORM_ID} field={field} messages={messages(field)} />}>
                    <input
                      id={`${FORM_ID}-${field}`}
                      value={row[key]}
                      placeholder={placeholder}
                      aria-invalid={invalid(field)}
                      aria-describedby={describedBy(field)}
                      onChange={(e) => update({ kpis: form.kpis.map((r, j) => (j === i ? { ...r, [key]: e.target.value } : r)) })}
                    />
                  </Field>
                );
              })}
            />
          ))}
          <button type="button" onClick={() => update({ kpis: [...form.kpis, { metric: '', target: '', unit: '' }] })}>
            {t('programmes.form.addKpi')}
          </button>
        </fieldset>

        <FormActions pending={fetching} submitLabel={editing ? (fetching ? t('programmes.form.saving') : t('programmes.form.save')) : fetching ? t('programmes.form.creating') : t('programmes.form.create')} submitTestId="create-programme-submit">
          <a href={editing ? areaHref('programmes', [programme.id]) : areaHref('programmes')}>{t('programmes.form.cancel')}</a>
        </FormActions>
      </Form>
    </section>
  );
}

/** The field keys this form shows errors next to; any other error is listed at the top. */
function shownFields(form: ProgrammeForm): string[] {
  return [
    'operatorOrganisationId',
    'name',
    'description',
    'startsOn',
    'endsOn',
    'capacity',
    'eligibility.regionIds',
    'eligibility.industryCodePrefixes',
    'fundingSources',
    ...form.fundingSources.flatMap((_, i) => ['funderName', 'funderOrganisationId', 'sharePercent', 'amount'].map((k) => `fundingSources.${i}.${k}`)),
    ...form.kpis.flatMap((_, i) => ['metric', 'target', 'unit'].map((k) => `kpis.${i}.${k}`)),
  ];
}

function Field({ id, label, srSuffix, error, children }: { id: string; label: string; srSuffix?: string; error?: ReactNode; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {srSuffix && <span className="visually-hidden">{srSuffix}</span>}
      </label>
      {children}
      {error}
    </div>
  );
}

function RowEditor({ index, cells, onRemove }: { index: number; cells: ReactNode[]; onRemove?: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="row-editor" data-index={index}>
      {cells}
      {onRemove && (
        <button type="button" className="remove" onClick={onRemove} aria-label={t('programmes.form.removeRow', { n: index + 1 })}>
          {t('programmes.form.remove')}
        </button>
      )}
    </div>
  );
}

function CheckGroup<T extends string>({ label, values, checked, text, onToggle }: { label: string; values: readonly T[]; checked: T[]; text: (v: T) => string; onToggle: (v: T) => void }) {
  return (
    <div className="check-group" role="group" aria-label={label}>
      <span className="check-group-label">{label}</span>
      {values.map((v) => (
        <label key={v} className="check">
          <input type="checkbox" checked={checked.includes(v)} onChange={() => onToggle(v)} /> {text(v)}
        </label>
      ))}
    </div>
  );
}
