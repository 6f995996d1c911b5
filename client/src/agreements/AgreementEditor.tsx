import { ErrorAlert, FieldError, FormErrors } from '../ui/userErrors';
import { useMemo, useState, type FormEvent, type ReactNode } from 'react';
import type { CombinedError } from 'urql';
import {
  useAgreementForEditQuery,
  useAgreementOrganisationSearchQuery,
  useCreateServiceAgreementMutation,
  useUpdateAgreementDraftMutation,
  type AgreementEditableFragment,
  type MeQuery,
} from '../generated/graphql';
import { areaHref, navigate } from '../routing';
import { enumLabel } from '../ui/labels';
import { t } from '../ui/i18n';
import { QueryStatus } from '../ui/Status';
import { ConflictView } from './ConflictView';
import {
  defaultRole,
  emptyForm,
  emptyKpi,
  errorsByField,
  formFieldKeys,
  formFromAgreement,
  KINDS,
  METRICS,
  pathKey,
  reapplyChanges,
  ROLES,
  toInput,
  UNITS,
  type AgreementForm,
  type FormError,
  type KpiRow,
} from './form';
import { membershipsWhere } from '../ui/access';
import { kindLabel, metricLabel, roleLabel, stateLabel } from './ui';
import { Form, FormActions } from '../ui/Form';
import { DateInput } from '../ui/DateInput';

/** #/agreements/new */
export function NewAgreementPage({ me, actingFor = null }: { me: MeQuery['me']; actingFor?: string | null }) {
  const mine = membershipsWhere(me, actingFor, 'edit');
  const initial = useMemo(
    () => emptyForm(mine.slice(0, 1).map((m) => ({ organisationId: m.organisation.id, name: m.organisation.name, role: defaultRole(m.organisation.kind) }))),
    [],
  );
  if (mine.length === 0) {
    return (
      <p role="alert" className="error">
        {t('agreements.editor.onlyEditors')}
      </p>
    );
  }
  return <AgreementEditor mode="create" initial={initial} />;
}

/** #/agreements/<id>/edit: the version being edited (a draft, a version in negotiation, or a pending amendment). */
export function EditAgreementPage({ id }: { id: string }) {
  const [{ data, fetching, error }] = useAgreementForEditQuery({ variables: { id }, requestPolicy: 'network-only' });
  const agreement = data?.serviceAgreement;
  if (!agreement) {
    return (
      <>
        <QueryStatus fetching={fetching} error={error} what={t('agreements.page.what')} />
        {data && (
          <p role="alert" data-testid="agreement-not-found">
            {t('agreements.page.notFound')}
          </p>
        )}
      </>
    );
  }
  if (!isEditable(agreement)) {
    return (
      <p role="alert">
        {t(agreement.canEdit ? 'agreements.editor.cannotEdit' : 'agreements.editor.cannotEditNotEditor', { state: stateLabel(agreement.state) })}{' '}
        <a href={areaHref('agreements', [id])}>{t('agreements.editor.backToAgreement')}</a>
      </p>
    );
  }
  return <AgreementEditor key={agreement.id} mode="edit" agreement={agreement} />;
}

/** Whether the newest version can be saved: a draft / in negotiation before the first signing, or a pending amendment. */
export const isEditable = (a: Pick<AgreementEditableFragment, 'canEdit' | 'state' | 'inForceVersionNumber' | 'hasPendingAmendment'>) =>
  a.canEdit && (a.inForceVersionNumber == null ? a.state === 'DRAFT' || a.state === 'IN_NEGOTIATION' : a.hasPendingAmendment && (a.state === 'SIGNED' || a.state === 'ACTIVE'));

type EditorProps = { mode: 'create'; initial: AgreementForm } | { mode: 'edit'; agreement: AgreementEditableFragment };

interface EditorState {
  form: AgreementForm;
  /** What the form was started from (the stored version), for re-applying changes after a conflict. */
  base: AgreementForm;
  /** The agreement's concurrency version the edit is based on. */
  expectedVersion: number;
}

function AgreementEditor(props: EditorProps) {
  const [state, setState] = useState<EditorState>(() => {
    if (props.mode === 'create') return { form: props.initial, base: props.initial, expectedVersion: 0 };
    const form = formFromAgreement(props.agreement);
    return { form, base: form, expectedVersion: props.agreement.version };
  });
  const [errors, setErrors] = useState<FormError[]>([]);
  const [requestError, setRequestError] = useState<CombinedError | null>(null);
  const [conflict, setConflict] = useState<AgreementEditableFragment | null>(null);
  const [notice, setNotice] = useState<ReactNode>(null);
  const [{ fetching: creating }, create] = useCreateServiceAgreementMutation();
  const [{ fetching: updating }, update] = useUpdateAgreementDraftMutation();
  const agreement = props.mode === 'edit' ? props.agreement : null;
  const original = !agreement || agreement.inForceVersionNumber == null;
  const { form } = state;
  const setForm = (f: (form: AgreementForm) => AgreementForm) => setState((s) => ({ ...s, form: f(s.form) }));

  async function save(event: FormEvent) {
    event.preventDefault();
    setRequestError(null);
    setNotice(null);
    const { content, parties, errors: local } = toInput(form);
    if (local.length) {
      setErrors(local);
      return;
    }
    if (!agreement) {
      const r = await create({ input: { kind: form.kind, parties, content } });
      const p = r.data?.createServiceAgreement;
      if (r.error || !p) return setRequestError(r.error ?? null);
      if (p.userErrors.length || !p.agreement) return setErrors(p.userErrors);
      navigate({ page: 'area', area: 'agreements', parts: [p.agreement.id], params: { saved: 'created' } });
      return;
    }
    const partiesChanged = JSON.stringify(form.parties) !== JSON.stringify(state.base.parties);
    const r = await update({
      input: { agreementId: agreement.id, expectedVersion: state.expectedVersion, content, ...(original && partiesChanged ? { parties } : {}) },
    });
    const p = r.data?.updateAgreementDraft;
    if (r.error || !p) return setRequestError(r.error ?? null);
    if (p.userErrors.some((e) => e.code === 'VERSION_CONFLICT') && p.current) {
      setErrors([]);
      setConflict(p.current);
      return;
    }
    if (p.userErrors.length || !p.agreement) return setErrors(p.userErrors);
    navigate({ page: 'area', area: 'agreements', parts: [agreement.id], params: { saved: String(p.agreement.version) } });
  }

  function takeTheirs(current: AgreementEditableFragment) {
    const theirs = formFromAgreement(current);
    setState({ form: theirs, base: theirs, expectedVersion: current.version });
    setConflict(null);
    setErrors([]);
    setNotice(<>{t('agreements.editor.discarded', { version: current.version })}</>);
  }

  function reapplyMine(current: AgreementEditableFragment) {
    const theirs = formFromAgreement(current);
    const { form: merged, overlaps } = reapplyChanges(state.base, state.form, theirs);
    setState({ form: merged, base: theirs, expectedVersion: current.version });
    setConflict(null);
    setErrors([]);
    setNotice(
      <>
        {t('agreements.editor.reapplied')}
        {overlaps.length > 0 && t('agreements.editor.overlaps', { fields: overlaps.map(overlapLabel).join(', ') })}
      </>,
    );
  }

  if (conflict && agreement) {
    return (
      <ConflictView
        mine={state.form}
        current={conflict}
        onTakeTheirs={() => takeTheirs(conflict)}
        onReapply={() => reapplyMine(conflict)}
        onCancel={() => setConflict(null)}
      />
    );
  }

  const byField = errorsByField(errors);
  const shown = formFieldKeys(form, original);
  const unplaced = errors.filter((e) => !shown.has(pathKey(e.field)));
  const fieldProps = (key: string) => {
    const id = `f-${key.replace(/\./g, '-')}`;
    const has = byField.has(key);
    return { id, 'aria-invalid': has || undefined, 'aria-describedby': has ? `${id}-error` : undefined };
  };
  const messages = (key: string) => <FieldError id={`f-${key.replace(/\./g, '-')}-error`} messages={byField.get(key)} />;
  const partyName = (id: string) => form.parties.find((p) => p.organisationId === id)?.name ?? t('agreements.editor.unknownParty');
  const busy = creating || updating;
  const title = agreement
    ? agreement.hasPendingAmendment
      ? t('agreements.editor.editAmendment', { number: agreement.currentVersionNumber })
      : t('agreements.editor.editTitle')
    : t('agreements.editor.newTitle');

  return (
    <Form className="agreement-editor" onSubmit={save} noValidate aria-labelledby="editor-title" data-testid="agreement-editor">
      <p>
        <a href={agreement ? areaHref('agreements', [agreement.id]) : areaHref('agreements')}>{agreement ? t('agreements.editor.back') : t('agreements.editor.backToList')}</a>
      </p>
      <h1 id="editor-title">{title}</h1>
      {agreement && (
        <p className="hint" data-testid="editing-version">
          {t('agreements.editor.editing', { version: agreement.currentVersionNumber, save: state.expectedVersion })}
          {agreement.state === 'IN_NEGOTIATION' || agreement.hasPendingAmendment ? t('agreements.editor.invalidatesSignatures') : ''}
        </p>
      )}
      {notice && (
        <p className="notice" role="status" data-testid="editor-notice">
          {notice}
        </p>
      )}
      <ErrorAlert error={requestError} testId="editor-request-error" />
      <FormErrors errors={unplaced} testId="user-errors" />
      {errors.length > unplaced.length && (
        <p className="error" role="alert" data-testid="field-error-count">
          {t('agreements.editor.fieldsNeedCorrecting', { count: errors.length - unplaced.length })}
        </p>
      )}

      <fieldset className="card">
        <legend>{t('agreements.editor.theAgreement')}</legend>
        <div className="kit-form-grid">
          <label htmlFor="f-kind">{t('agreements.editor.kind')}</label>
          <div>
            {agreement ? (
              <span id="f-kind">{kindLabel(form.kind)}</span>
            ) : (
              <select {...fieldProps('kind')} value={form.kind} onChange={(e) => setForm((f) => ({ ...f, kind: e.target.value as AgreementForm['kind'] }))}>
                {KINDS.map((k) => (
                  <option key={k} value={k}>
                    {kindLabel(k)}
                  </option>
                ))}
              </select>
            )}
            {messages('kind')}
          </div>
          <label htmlFor="f-content-title">{t('agreements.editor.title')}</label>
          <div>
            <input {...fieldProps('content.title')} className="wide" value={form.title} onChange={(e) => setForm((f) => ({ ...f, title: e.target.value }))} />
            {messages('content.title')}
          </div>
          <label htmlFor="f-content-periodStart">{t('agreements.editor.periodStarts')}</label>
          <div>
            <DateInput {...fieldProps('content.periodStart')} value={form.periodStart} onChange={(v) => setForm((f) => withPeriod(f, 'periodStart', v))} />
            {messages('content.periodStart')}
          </div>
          <label htmlFor="f-content-periodEnd">{t('agreements.editor.periodEnds')}</label>
          <div>
            <DateInput {...fieldProps('content.periodEnd')} value={form.periodEnd} onChange={(v) => setForm((f) => withPeriod(f, 'periodEnd', v))} />
            {messages('content.periodEnd')}
          </div>
          <label htmlFor="f-content-purpose">{t('agreements.editor.purpose')}</label>
          <div>
            <textarea {...fieldProps('content.purpose')} rows={3} value={form.purpose} onChange={(e) => setForm((f) => ({ ...f, purpose: e.target.value }))} />
            {messages('content.purpose')}
          </div>
          <label htmlFor="f-content-targetGroups">{t('agreements.editor.targetGroups')}</label>
          <div>
            <textarea
              {...fieldProps('content.targetGroups')}
              rows={3}
              value={form.targetGroups}
              onChange={(e) => setForm((f) => ({ ...f, targetGroups: e.target.value }))}
              aria-describedby={['target-groups-hint', fieldProps('content.targetGroups')['aria-describedby']].filter(Boolean).join(' ')}
            />
            <span className="hint" id="target-groups-hint">
              {t('agreements.editor.onePerLine')}
            </span>
            {messages('content.targetGroups')}
          </div>
          <label htmlFor="f-content-currency">{t('agreements.editor.currency')}</label>
          <div>
            <select {...fieldProps('content.currency')} value={form.currency} onChange={(e) => setForm((f) => ({ ...f, currency: e.target.value as AgreementForm['currency'] }))}>
              <option value="DKK">DKK</option>
              <option value="SEK">SEK</option>
            </select>
          </div>
        </div>
      </fieldset>

      <PartiesEditor form={form} setForm={setForm} editable={original} fieldProps={fieldProps} messages={messages} />

      <fieldset className="card" data-testid="tasks-editor">
        <legend>{t('agreements.editor.tasks')}</legend>
        {form.taskDivision.map((task, i) => (
          <div className="row-editor" key={i}>
            <div>
              <label htmlFor={`f-content-taskDivision-${i}-organisationId`}>{t('agreements.editor.party')}</label>
              <PartySelect form={form} {...fieldProps(`content.taskDivision.${i}.organisationId`)} value={task.organisationId} onChange={(v) => setForm((f) => ({ ...f, taskDivision: f.taskDivision.map((x, j) => (j === i ? { ...x, organisationId: v } : x)) }))} />
              {messages(`content.taskDivision.${i}.organisationId`)}
            </div>
            <div className="grow">
              <label htmlFor={`f-content-taskDivision-${i}-tasks`}>{t('agreements.editor.tasksOf', { party: partyName(task.organisationId) })}</label>
              <textarea {...fieldProps(`content.taskDivision.${i}.tasks`)} rows={2} value={task.tasks} onChange={(e) => setForm((f) => ({ ...f, taskDivision: f.taskDivision.map((x, j) => (j === i ? { ...x, tasks: e.target.value } : x)) }))} />
              {messages(`content.taskDivision.${i}.tasks`)}
            </div>
            <button type="button" className="link-button" onClick={() => setForm((f) => ({ ...f, taskDivision: f.taskDivision.filter((_, j) => j !== i) }))}>
              {t('agreements.editor.remove')}
            </button>
          </div>
        ))}
        <button type="button" onClick={() => setForm((f) => ({ ...f, taskDivision: [...f.taskDivision, { organisationId: f.parties[0]?.organisationId ?? '', tasks: '' }] }))} disabled={!form.parties.length}>
          {t('agreements.editor.addTasks')}
        </button>
      </fieldset>

      <fieldset className="card" data-testid="economy-editor">
        <legend>{t('agreements.editor.economy', { currency: form.currency })}</legend>
        {form.economy.map((l, i) => {
          const set = (patch: Partial<typeof l>) => setForm((f) => ({ ...f, economy: f.economy.map((x, j) => (j === i ? { ...x, ...patch } : x)) }));
          return (
            <div className="row-editor" key={i} data-testid="economy-line">
              <div>
                <label htmlFor={`f-content-economy-${i}-organisationId`}>{t('agreements.editor.party')}</label>
                <PartySelect form={form} {...fieldProps(`content.economy.${i}.organisationId`)} value={l.organisationId} onChange={(v) => set({ organisationId: v })} />
                {messages(`content.economy.${i}.organisationId`)}
              </div>
              <div>
                <label htmlFor={`f-content-economy-${i}-year`}>{t('agreements.editor.year')}</label>
                <input {...fieldProps(`content.economy.${i}.year`)} className="short" inputMode="numeric" value={l.year} onChange={(e) => set({ year: e.target.value })} />
                {messages(`content.economy.${i}.year`)}
              </div>
              <div>
                <label htmlFor={`f-content-economy-${i}-amount`}>{t('agreements.editor.amount')}</label>
                <input {...fieldProps(`content.economy.${i}.amount`)} inputMode="decimal" value={l.amount} onChange={(e) => set({ amount: e.target.value })} />
                {messages(`content.economy.${i}.amount`)}
              </div>
              <div className="grow">
                <label htmlFor={`f-content-economy-${i}-note`}>{t('agreements.editor.note')}</label>
                <input {...fieldProps(`content.economy.${i}.note`)} value={l.note} onChange={(e) => set({ note: e.target.value })} />
                {messages(`content.economy.${i}.note`)}
              </div>
              <button type="button" className="link-button" onClick={() => setForm((f) => ({ ...f, economy: f.economy.filter((_, j) => j !== i) }))}>
                {t('agreements.editor.remove')}
              </button>
            </div>
          );
        })}
        <button
          type="button"
          data-testid="add-economy-line"
          disabled={!form.parties.length}
          onClick={() => setForm((f) => ({ ...f, economy: [...f.economy, { organisationId: f.parties[0]?.organisationId ?? '', year: f.periodStart.slice(0, 4), amount: '', note: '' }] }))}
        >
          {t('agreements.editor.addAmount')}
        </button>
      </fieldset>

      <KpisEditor form={form} setForm={setForm} fieldProps={fieldProps} messages={messages} />

      <FormActions pending={busy} submitLabel={agreement ? t('agreements.editor.save') : t('agreements.editor.createDraft')} pendingLabel={t('agreements.editor.saving')} submitTestId="save-agreement">
        <a href={agreement ? areaHref('agreements', [agreement.id]) : areaHref('agreements')}>{t('agreements.editor.cancel')}</a>
      </FormActions>
    </Form>
  );
}

/** An overlapping field's name in words ("periodStart" -> "Period start"). */
const overlapLabel = (name: string) => enumLabel('agreements.field', name);

/** A new agreement period; KPIs that ran over the whole old period follow it. */
function withPeriod(form: AgreementForm, end: 'periodStart' | 'periodEnd', value: string): AgreementForm {
  const old = form[end];
  return { ...form, [end]: value, kpis: form.kpis.map((k) => (k[end] === old ? { ...k, [end]: value } : k)) };
}

type FieldPropsFn = (key: string) => { id: string; 'aria-invalid': true | undefined; 'aria-describedby': string | undefined };
type SetForm = (f: (form: AgreementForm) => AgreementForm) => void;

function PartySelect({ form, value, onChange, ...rest }: { form: AgreementForm; value: string; onChange: (id: string) => void } & ReturnType<FieldPropsFn>) {
  return (
    <select {...rest} value={value} onChange={(e) => onChange(e.target.value)}>
      {!form.parties.some((p) => p.organisationId === value) && <option value={value}>{t('agreements.editor.notAParty')}</option>}
      {form.parties.map((p) => (
        <option key={p.organisationId} value={p.organisationId}>
          {p.name}
        </option>
      ))}
    </select>
  );
}

function PartiesEditor({ form, setForm, editable, fieldProps, messages }: { form: AgreementForm; setForm: SetForm; editable: boolean; fieldProps: FieldPropsFn; messages: (key: string) => ReactNode }) {
  const [search, setSearch] = useState('');
  const prefix = search.trim();
  const [{ data, fetching }] = useAgreementOrganisationSearchQuery({ variables: { namePrefix: prefix, first: 8 }, pause: prefix.length < 2 });
  const results = prefix.length >= 2 ? (data?.organisations.edges.map((e) => e.node) ?? []) : [];
  return (
    <fieldset className="card" data-testid="parties-editor">
      <legend>{t('agreements.editor.parties')}</legend>
      {!editable && <p className="hint">{t('agreements.editor.partiesFixed')}</p>}
      {messages('parties')}
      <ul className="party-list">
        {form.parties.map((p, i) => (
          <li key={p.organisationId} data-testid="party-editor-row">
            <span className="party-name" id={`f-parties-${i}-organisationId`}>
              {p.name}
            </span>
            {messages(`parties.${i}.organisationId`)}
            <label className="inline-label">
              <span className="visually-hidden">{t('agreements.editor.roleOf', { party: p.name })}</span>
              <select
                {...fieldProps(`parties.${i}.role`)}
                disabled={!editable}
                value={p.role}
                onChange={(e) => setForm((f) => ({ ...f, parties: f.parties.map((x, j) => (j === i ? { ...x, role: e.target.value as typeof p.role } : x)) }))}
              >
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {roleLabel(r)}
                  </option>
                ))}
              </select>
            </label>
            {messages(`parties.${i}.role`)}
            {editable && (
              <button type="button" className="link-button" onClick={() => setForm((f) => ({ ...f, parties: f.parties.filter((_, j) => j !== i) }))}>
                {t('agreements.editor.remove')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {editable && (
        <div className="party-search">
          <label htmlFor="party-search">{t('agreements.editor.addParty')}</label>
          <input id="party-search" data-testid="party-search" value={search} onChange={(e) => setSearch(e.target.value)} autoComplete="off" />
          {fetching && <span className="muted">{t('agreements.editor.searching')}</span>}
          {results.length > 0 && (
            <ul className="link-list" data-testid="party-options">
              {results.map((o) => {
                const added = form.parties.some((p) => p.organisationId === o.id);
                return (
                  <li key={o.id}>
                    <button
                      type="button"
                      className="link-button"
                      disabled={added}
                      data-testid="party-option"
                      onClick={() => {
                        setForm((f) => ({ ...f, parties: [...f.parties, { organisationId: o.id, name: o.name, role: defaultRole(o.kind) }] }));
                        setSearch('');
                      }}
                    >
                      {added ? t('agreements.editor.added', { name: o.name }) : t('agreements.editor.addNamed', { name: o.name })}
                    </button>
                    <span className="muted"> · {enumLabel('agreements.orgKind', o.kind)}</span>
                  </li>
                );
              })}
            </ul>
          )}
        </div>
      )}
    </fieldset>
  );
}

const slug = (name: string) =>
  name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);

function KpisEditor({ form, setForm, fieldProps, messages }: { form: AgreementForm; setForm: SetForm; fieldProps: FieldPropsFn; messages: (key: string) => ReactNode }) {
  const set = (i: number, patch: Partial<KpiRow>) => setForm((f) => ({ ...f, kpis: f.kpis.map((x, j) => (j === i ? { ...x, ...patch } : x)) }));
  return (
    <fieldset className="card" data-testid="kpis-editor">
      <legend>{t('agreements.editor.kpis')}</legend>
      <p className="hint">{t('agreements.editor.kpisHint')}</p>
      {form.kpis.map((k, i) => {
        const f = (name: string) => `content.kpis.${i}.${name}`;
        return (
          <fieldset className="kpi-editor" key={i} data-testid="kpi-editor">
            <legend>{t('agreements.editor.kpiNumber', { number: i + 1 })}</legend>
            <div className="kpi-grid">
              <div className="span-2">
                <label htmlFor={fieldProps(f('name')).id}>{t('agreements.editor.kpiName')}</label>
                <input
                  {...fieldProps(f('name'))}
                  value={k.name}
                  onChange={(e) => set(i, { name: e.target.value, ...(k.key === '' || k.key === slug(k.name) ? { key: slug(e.target.value) } : {}) })}
                />
                {messages(f('name'))}
              </div>
              <div>
                <label htmlFor={fieldProps(f('key')).id}>{t('agreements.editor.kpiKey')}</label>
                <input {...fieldProps(f('key'))} className="mono" value={k.key} onChange={(e) => set(i, { key: e.target.value })} />
                {messages(f('key'))}
              </div>
              <div className="span-2">
                <label htmlFor={fieldProps(f('metric')).id}>{t('agreements.editor.metric')}</label>
                <select {...fieldProps(f('metric'))} value={k.metric} onChange={(e) => set(i, { metric: e.target.value as KpiRow['metric'], unit: '' })}>
                  {METRICS.map((m) => (
                    <option key={m} value={m}>
                      {metricLabel(m)}
                    </option>
                  ))}
                </select>
                {messages(f('metric'))}
              </div>
              <div>
                <label htmlFor={fieldProps(f('unit')).id}>{t('agreements.editor.unit')}</label>
                <select {...fieldProps(f('unit'))} value={k.unit} onChange={(e) => set(i, { unit: e.target.value as KpiRow['unit'] })}>
                  <option value="">{k.metric === 'EXTERNAL' ? t('agreements.editor.choose') : t('agreements.editor.metricsOwn')}</option>
                  {UNITS.map((u) => (
                    <option key={u} value={u}>
                      {enumLabel('agreements.unitName', u)}
                    </option>
                  ))}
                </select>
                {messages(f('unit'))}
              </div>
              <div>
                <label htmlFor={fieldProps(f('target')).id}>{t('agreements.editor.target')}</label>
                <input {...fieldProps(f('target'))} inputMode="decimal" value={k.target} onChange={(e) => set(i, { target: e.target.value })} />
                {messages(f('target'))}
              </div>
              <div>
                <label htmlFor={fieldProps(f('periodStart')).id}>{t('agreements.editor.from')}</label>
                <DateInput {...fieldProps(f('periodStart'))} value={k.periodStart} onChange={(v) => set(i, { periodStart: v })} />
                {messages(f('periodStart'))}
              </div>
              <div>
                <label htmlFor={fieldProps(f('periodEnd')).id}>{t('agreements.editor.to')}</label>
                <DateInput {...fieldProps(f('periodEnd'))} value={k.periodEnd} onChange={(v) => set(i, { periodEnd: v })} />
                {messages(f('periodEnd'))}
              </div>
              <div className="span-3">
                <label htmlFor={fieldProps(f('description')).id}>{t('agreements.editor.description')}</label>
                <input {...fieldProps(f('description'))} value={k.description} onChange={(e) => set(i, { description: e.target.value })} />
                {messages(f('description'))}
              </div>
            </div>
            <button type="button" className="link-button" onClick={() => setForm((x) => ({ ...x, kpis: x.kpis.filter((_, j) => j !== i) }))}>
              {t('agreements.editor.removeKpi')}
            </button>
          </fieldset>
        );
      })}
      <button type="button" data-testid="add-kpi" onClick={() => setForm((f) => ({ ...f, kpis: [...f.kpis, emptyKpi(f)] }))}>
        {t('agreements.editor.addKpi')}
      </button>
    </fieldset>
  );
}
