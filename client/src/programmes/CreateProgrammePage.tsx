import { parseNumber } from '../ui/format';
import { sharesTotal } from '../ui/shares';
import { FieldError, FormErrors, type UserErrorLike, errorId, placeUserErrors } from '../ui/userErrors';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useCreateProgrammeMutation, useProgrammeRegionsQuery } from '../generated/graphql';
import { areaHref, navigate } from '../routing';
import { humanize, sizeClassLabel } from '../ui/labels';
import { buildCreateProgrammeInput, emptyProgrammeForm, type FundingRow, type KpiRow, type ProgrammeForm } from './createProgramme';
import { GROWTH_LEVELS, PROGRAMME_KINDS, SIZE_CLASSES } from './format';

const FORM_ID = 'create-programme';

/** The organisations the user may create programmes for (EDITOR or ADMIN there). */
export interface OperatorChoice {
  id: string;
  name: string;
}

export function CreateProgrammePage({ operators }: { operators: OperatorChoice[] }) {
  const [form, setForm] = useState<ProgrammeForm>(() => emptyProgrammeForm(operators.length === 1 ? operators[0].id : ''));
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const [{ data, fetching, error }, create] = useCreateProgrammeMutation();
  const [{ data: regions }] = useProgrammeRegionsQuery();

  const serverErrors: UserErrorLike[] = data?.createProgramme.userErrors ?? [];
  const fields = shownFields(form);
  const placed = placeUserErrors(serverErrors, fields);
  const messages = (key: string) => [...(localErrors[key] ? [localErrors[key]] : []), ...placed.at(key)];
  const invalid = (key: string) => (messages(key).length ? true : undefined);
  const describedBy = (key: string) => (messages(key).length ? errorId(FORM_ID, key) : undefined);
  const update = (patch: Partial<ProgrammeForm>) => setForm((f) => ({ ...f, ...patch }));
  const toggle = <T extends string>(list: T[], value: T) => (list.includes(value) ? list.filter((v) => v !== value) : [...list, value]);

  const total = sharesTotal(form.fundingSources.map((f) => parseNumber(f.sharePercent) ?? 0));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const built = buildCreateProgrammeInput(form);
    if (built.errors) {
      setLocalErrors(built.errors);
      return;
    }
    setLocalErrors({});
    const result = await create({ input: built.input });
    const programme = result.data?.createProgramme.programme;
    if (programme) navigate({ page: 'area', area: 'programmes', parts: [programme.id], params: {} });
  }

  if (operators.length === 0) {
    return (
      <section>
        <h1>New programme</h1>
        <p role="alert">Only editors and admins of an organisation can create programmes for it.</p>
      </section>
    );
  }

  const text = (key: 'name' | 'startsOn' | 'endsOn' | 'capacity', label: string, type = 'text') => (
    <Field id={`${FORM_ID}-${key}`} label={label} error={<FieldError formId={FORM_ID} field={key} messages={messages(key)} />}>
      <input
        id={`${FORM_ID}-${key}`}
        type={type}
        value={form[key]}
        aria-invalid={invalid(key)}
        aria-describedby={describedBy(key)}
        onChange={(e) => update({ [key]: e.target.value })}
        inputMode={key === 'capacity' ? 'numeric' : undefined}
      />
    </Field>
  );

  return (
    <section aria-labelledby="create-programme-title">
      <p>
        <a href={areaHref('programmes')}>← Catalogue</a>
      </p>
      <h1 id="create-programme-title">New programme</h1>
      <p className="muted">A new programme starts as a draft, visible only to its operator, until you open it for enrolment.</p>
      <form className="card form" onSubmit={submit} noValidate data-testid="create-programme-form">
        <FormErrors errors={placed.unplaced} requestError={error} />
        <Field id={`${FORM_ID}-operator`} label="Operator" error={<FieldError formId={FORM_ID} field="operatorOrganisationId" messages={messages('operatorOrganisationId')} />}>
          <select
            id={`${FORM_ID}-operator`}
            value={form.operatorOrganisationId}
            aria-invalid={invalid('operatorOrganisationId')}
            aria-describedby={describedBy('operatorOrganisationId')}
            onChange={(e) => update({ operatorOrganisationId: e.target.value })}
          >
            {operators.length > 1 && <option value="">Choose…</option>}
            {operators.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </Field>
        <Field id={`${FORM_ID}-kind`} label="Kind">
          <select id={`${FORM_ID}-kind`} value={form.kind} onChange={(e) => update({ kind: e.target.value as ProgrammeForm['kind'] })}>
            {PROGRAMME_KINDS.map((k) => (
              <option key={k} value={k}>
                {humanize(k)}
              </option>
            ))}
          </select>
        </Field>
        {text('name', 'Name')}
        <Field id={`${FORM_ID}-description`} label="Description (optional)" error={<FieldError formId={FORM_ID} field="description" messages={messages('description')} />}>
          <textarea id={`${FORM_ID}-description`} rows={3} value={form.description} onChange={(e) => update({ description: e.target.value })} />
        </Field>
        <div className="field-row">
          {text('startsOn', 'Starts on', 'date')}
          {text('endsOn', 'Ends on', 'date')}
          {text('capacity', 'Capacity (firms)')}
        </div>

        <fieldset>
          <legend>Who may take part (nothing ticked: no restriction)</legend>
          <CheckGroup label="Growth potential" values={GROWTH_LEVELS} checked={form.growthPotentialLevels} text={humanize} onToggle={(v) => update({ growthPotentialLevels: toggle(form.growthPotentialLevels, v) })} />
          <CheckGroup
            label="Regions"
            values={(regions?.organisations.edges ?? []).map((e) => e.node.id)}
            checked={form.regionIds}
            text={(id) => regions?.organisations.edges.find((e) => e.node.id === id)?.node.name ?? id}
            onToggle={(v) => update({ regionIds: toggle(form.regionIds, v) })}
          />
          <FieldError formId={FORM_ID} field="eligibility.regionIds" messages={messages('eligibility.regionIds')} />
          <CheckGroup label="Size" values={SIZE_CLASSES} checked={form.sizeClasses} text={sizeClassLabel} onToggle={(v) => update({ sizeClasses: toggle(form.sizeClasses, v) })} />
          <Field id={`${FORM_ID}-industries`} label="Industry code prefixes (DB07), e.g. 62, 4120" error={<FieldError formId={FORM_ID} field="eligibility.industryCodePrefixes" messages={messages('eligibility.industryCodePrefixes')} />}>
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
          <legend>Funding sources (shares must add up to exactly 100 %)</legend>
          {form.fundingSources.map((row, i) => (
            <RowEditor
              key={i}
              index={i}
              onRemove={form.fundingSources.length > 1 ? () => update({ fundingSources: form.fundingSources.filter((_, j) => j !== i) }) : undefined}
              cells={(
                [
                  ['funderName', 'Funder', 'e.g. EU Regionalfond'],
                  ['sharePercent', 'Share (%)', '50'],
                  ['amount', 'Amount (optional)', 'DKK'],
                ] as Array<[keyof FundingRow, string, string]>
              ).map(([key, label, placeholder]) => {
                const field = `fundingSources.${i}.${key}`;
                return (
                  <Field key={key} id={`${FORM_ID}-${field}`} label={`${label}`} srSuffix={` of funder ${i + 1}`} error={<FieldError formId={FORM_ID} field={field} messages={messages(field)} />}>
                    <input
                      id={`${FORM_ID}-${field}`}
                      value={row[key]}
                      placeholder={placeholder}
                      inputMode={key === 'funderName' ? undefined : 'decimal'}
                      aria-invalid={invalid(field)}
                      aria-describedby={describedBy(field)}
                      data-testid={`funding-${i}-${key}`}
                      onChange={(e) => update({ fundingSources: form.fundingSources.map((r, j) => (j === i ? { ...r, [key]: e.target.value } : r)) })}
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
            Add funder
          </button>
        </fieldset>

        <fieldset>
          <legend>KPIs (optional)</legend>
          {form.kpis.map((row, i) => (
            <RowEditor
              key={i}
              index={i}
              onRemove={() => update({ kpis: form.kpis.filter((_, j) => j !== i) })}
              cells={(
                [
                  ['metric', 'Metric', 'e.g. Firms completed'],
                  ['target', 'Target', '35'],
                  ['unit', 'Unit', 'firms'],
                ] as Array<[keyof KpiRow, string, string]>
              ).map(([key, label, placeholder]) => {
                const field = `kpis.${i}.${key}`;
                return (
                  <Field key={key} id={`${FORM_ID}-${field}`} label={label} srSuffix={` of KPI ${i + 1}`} error={<FieldError formId={FORM_ID} field={field} messages={messages(field)} />}>
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
            Add KPI
          </button>
        </fieldset>

        <div className="form-actions">
          <button type="submit" className="primary" disabled={fetching} data-testid="create-programme-submit">
            {fetching ? 'Creating…' : 'Create draft programme'}
          </button>
          <a href={areaHref('programmes')}>Cancel</a>
        </div>
      </form>
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
  return (
    <div className="row-editor" data-index={index}>
      {cells}
      {onRemove && (
        <button type="button" className="remove" onClick={onRemove} aria-label={`Remove row ${index + 1}`}>
          Remove
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
