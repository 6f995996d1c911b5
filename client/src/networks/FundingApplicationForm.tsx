import { formatAmount } from '../ui/format';
import { FieldError, FormErrors, type UserErrorLike, invalidProps } from '../ui/userErrors';
import { useState, type FormEvent, type ReactNode } from 'react';
import type { CombinedError } from 'urql';
import {
  useMyNetworksQuery,
  useNetworkCreateFundingApplicationMutation,
  useNetworkFundingApplicationQuery,
  useNetworkFundingPoolsQuery,
  useNetworkUpdateFundingApplicationMutation,
  type MeQuery,
  type NetworkFundingApplicationFullFragment,
} from '../generated/graphql';
import { areaHref, navigate } from '../routing';
import { QueryStatus } from '../ui/Status';
import { can, organisationsWhere } from '../ui/access';
import {
  createApplicationInput,
  emptyApplicationForm,
  formFromApplication,
  sentLineIndex,
  updateApplicationInput,
  type ApplicationFormState,
} from './applicationForm';
import { APPLICATION_SECTIONS, sectionLabel, statusLabel } from './labels';
import { currentLanguage, t } from '../ui/i18n';
import { useTranslation } from 'react-i18next';

/** "Projektansvarlig; needed to submit": the seed application's Danish heading (not repeated in Danish) and whether it is required. */
const sectionHint = (danish: string, required: boolean) =>
  [currentLanguage() !== 'da' ? danish : '', required ? t('networks.form.neededToSubmit') : ''].filter(Boolean).join('; ');
import { previewTotal } from './money';
import { Form, FormActions } from '../ui/Form';

const FORM_ID = 'application';
const goToApplication = (id: string) => navigate({ page: 'area', area: 'networks', parts: ['applications', id], params: {} });

/** #/networks/applications/new: start a draft application to a pool. */
export function FundingApplicationNewPage({ me, actingFor, networkId }: { me: MeQuery['me']; actingFor: string | null; networkId: string | null }) {
  useTranslation(); // re-render on a language switch
  const applicants = organisationsWhere(me, actingFor, 'edit');
  const [{ data: pools, fetching: poolsFetching, error: poolsError }] = useNetworkFundingPoolsQuery({ variables: { first: 100 } });
  const [{ data: networks }] = useMyNetworksQuery({ variables: { first: 100 } });
  const [{ data, error, fetching }, create] = useNetworkCreateFundingApplicationMutation();
  const network = networks?.networks.edges.find((e) => e.node.id === networkId)?.node;
  const [form, setForm] = useState(() =>
    emptyApplicationForm({ networkId: networkId ?? '', applicantOrganisationId: applicants.length === 1 ? applicants[0].id : '' }),
  );
  // Default the applicant to the network's owner once the network is known, if the user may apply for it.
  if (network && !form.applicantOrganisationId && applicants.some((a) => a.id === network.owner.id)) {
    setForm((f) => ({ ...f, applicantOrganisationId: network.owner.id }));
  }
  if (pools && !form.poolId && pools.fundingPools.edges.length === 1) setForm((f) => ({ ...f, poolId: pools.fundingPools.edges[0].node.id }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await create({ input: createApplicationInput(form) });
    const payload = result.data?.createFundingApplication;
    if (payload?.application && payload.userErrors.length === 0) goToApplication(payload.application.id);
  }

  return (
    <section aria-labelledby="application-form-title">
      <p>
        <a href={networkId ? areaHref('networks', [networkId]) : areaHref('networks')}>{t('networks.form.back')}</a>
      </p>
      <h1 id="application-form-title">{t('networks.form.newTitle')}</h1>
      {applicants.length === 0 ? (
        <p role="status">{t('networks.form.needEditor')}</p>
      ) : (
        <ApplicationForm
          form={form}
          setForm={setForm}
          onSubmit={submit}
          userErrors={data?.createFundingApplication.userErrors ?? []}
          error={error}
          saving={fetching}
          submitLabel={t('networks.form.saveDraft')}
          cancelHref={networkId ? areaHref('networks', [networkId]) : areaHref('networks')}
          head={
            <>
              <label htmlFor="application-pool">{t('networks.form.pool')}</label>
              <select id="application-pool" value={form.poolId} onChange={(e) => setForm({ ...form, poolId: e.target.value })} {...invalidProps(data?.createFundingApplication.userErrors ?? [], 'poolId', FORM_ID)}>
                <option value="">{t('networks.form.choosePool')}</option>
                {pools?.fundingPools.edges.map(({ node }) => (
                  <option key={node.id} value={node.id}>
                    {node.name} ({node.owner.name})
                  </option>
                ))}
              </select>
              <QueryStatus fetching={poolsFetching && !pools} error={poolsError} what={t('networks.home.what.pools')} />
              <FieldError errors={data?.createFundingApplication.userErrors ?? []} field="poolId" formId={FORM_ID} />

              <label htmlFor="application-applicant">{t('networks.home.col.applicant')}</label>
              <select
                id="application-applicant"
                value={form.applicantOrganisationId}
                onChange={(e) => setForm({ ...form, applicantOrganisationId: e.target.value })}
                {...invalidProps(data?.createFundingApplication.userErrors ?? [], 'applicantOrganisationId', FORM_ID)}
              >
                <option value="">{t('networks.form.chooseOrganisation')}</option>
                {applicants.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </select>
              <FieldError errors={data?.createFundingApplication.userErrors ?? []} field="applicantOrganisationId" formId={FORM_ID} />

              <label htmlFor="application-network">{t('networks.form.forNetwork')}</label>
              <select id="application-network" value={form.networkId} onChange={(e) => setForm({ ...form, networkId: e.target.value })}>
                <option value="">{t('networks.form.noNetwork')}</option>
                {networks?.networks.edges.map(({ node }) => (
                  <option key={node.id} value={node.id}>
                    {node.name}
                  </option>
                ))}
              </select>
              <FieldError errors={data?.createFundingApplication.userErrors ?? []} field="networkId" formId={FORM_ID} />
            </>
          }
          headKeys={['poolId', 'applicantOrganisationId', 'networkId']}
        />
      )}
    </section>
  );
}

/** #/networks/applications/<id>/edit: change a draft (with the version seen; a stale one is a conflict). */
export function FundingApplicationEditPage({ id, me, actingFor }: { id: string; me: MeQuery['me']; actingFor: string | null }) {
  useTranslation();
  const [{ data, fetching, error }] = useNetworkFundingApplicationQuery({ variables: { id } });
  const app = data?.fundingApplication;
  return (
    <section aria-labelledby="application-form-title">
      <p>
        <a href={areaHref('networks', ['applications', id])}>{t('networks.form.backToApplication')}</a>
      </p>
      <QueryStatus fetching={fetching && !data} error={error} what={t('networks.app.what')} />
      {data && !app && <p role="status">{t('networks.app.notFound')}</p>}
      {app && app.status !== 'DRAFT' && <p role="status">{t('networks.form.notDraft', { status: statusLabel(app.status) })}</p>}
      {app && app.status === 'DRAFT' && !can(me, actingFor, app.applicant.id, 'edit') && (
        <p role="status">{t('networks.form.onlyEditors', { name: app.applicant.name })}</p>
      )}
      {app && app.status === 'DRAFT' && can(me, actingFor, app.applicant.id, 'edit') && <EditForm key={app.version} app={app} />}
    </section>
  );
}

function EditForm({ app }: { app: NetworkFundingApplicationFullFragment }) {
  const [form, setForm] = useState(() => formFromApplication(app));
  const [{ data, error, fetching }, update] = useNetworkUpdateFundingApplicationMutation();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await update({ input: updateApplicationInput(form, app.id, app.version) });
    const payload = result.data?.updateFundingApplication;
    if (payload?.application && payload.userErrors.length === 0) goToApplication(payload.application.id);
  }

  return (
    <>
      <h1 id="application-form-title">{t('networks.app.editDraftTitle', { name: app.projectName })}</h1>
      <p className="muted">
        {app.pool.name} · {t('networks.app.applicantLine', { name: app.applicant.name })}
        {app.network && ` · ${app.network.name}`}
      </p>
      <ApplicationForm
        form={form}
        setForm={setForm}
        onSubmit={submit}
        userErrors={data?.updateFundingApplication.userErrors ?? []}
        error={error}
        saving={fetching}
        submitLabel={t('networks.form.saveChanges')}
        cancelHref={areaHref('networks', ['applications', app.id])}
        headKeys={[]}
      />
    </>
  );
}

interface ApplicationFormProps {
  form: ApplicationFormState;
  setForm: (form: ApplicationFormState) => void;
  onSubmit: (event: FormEvent) => void;
  userErrors: readonly UserErrorLike[];
  error?: CombinedError;
  saving: boolean;
  submitLabel: string;
  cancelHref: string;
  head?: ReactNode;
  headKeys: string[];
}

/** The application in the shape of the seed application: project name, the text sections, the budget. */
function ApplicationForm({ form, setForm, onSubmit, userErrors, error, saving, submitLabel, cancelHref, head, headKeys }: ApplicationFormProps) {
  const preview = previewTotal(form.budgetLines.map((l) => l.amount).filter((a) => a.trim() !== ''));
  const lineKeys = form.budgetLines.flatMap((_, row) => {
    const sent = sentLineIndex(form.budgetLines, row);
    return sent < 0 ? [] : [`budgetLines.${sent}.description`, `budgetLines.${sent}.amount`];
  });
  const shownKeys = [...headKeys, 'projectName', 'budgetLines', ...APPLICATION_SECTIONS.map((s) => s.key), ...lineKeys];
  const setLine = (row: number, change: Partial<ApplicationFormState['budgetLines'][number]>) =>
    setForm({ ...form, budgetLines: form.budgetLines.map((l, i) => (i === row ? { ...l, ...change } : l)) });

  return (
    <Form className="card" onSubmit={onSubmit} noValidate data-testid="application-form">
      {head}
      <label htmlFor="application-project-name">{t('networks.form.projectName')}</label>
      <input
        id="application-project-name"
        value={form.projectName}
        onChange={(e) => setForm({ ...form, projectName: e.target.value })}
        {...invalidProps(userErrors, 'projectName', FORM_ID)}
      />
      <FieldError errors={userErrors} field="projectName" formId={FORM_ID} />

      {APPLICATION_SECTIONS.map((s) => (
        <div key={s.key} className="form-field">
          <label htmlFor={`application-${s.key}`}>
            {sectionLabel(s.key)} {sectionHint(s.danish, 'requiredForSubmit' in s) && <span className="muted small">({sectionHint(s.danish, 'requiredForSubmit' in s)})</span>}
          </label>
          {'short' in s ? (
            <input
              id={`application-${s.key}`}
              value={form.sections[s.key]}
              onChange={(e) => setForm({ ...form, sections: { ...form.sections, [s.key]: e.target.value } })}
              {...invalidProps(userErrors, s.key, FORM_ID)}
            />
          ) : (
            <textarea
              id={`application-${s.key}`}
              rows={3}
              value={form.sections[s.key]}
              onChange={(e) => setForm({ ...form, sections: { ...form.sections, [s.key]: e.target.value } })}
              {...invalidProps(userErrors, s.key, FORM_ID)}
            />
          )}
          <FieldError errors={userErrors} field={s.key} formId={FORM_ID} />
        </div>
      ))}

      <fieldset className="budget-editor" aria-describedby="budget-hint">
        <legend>{t('networks.form.budget')}</legend>
        <p className="hint" id="budget-hint">
          {t('networks.form.budgetHint')}
        </p>
        <FieldError errors={userErrors} field="budgetLines" formId={FORM_ID} />
        {form.budgetLines.map((line, row) => {
          const sent = sentLineIndex(form.budgetLines, row);
          const descKey = `budgetLines.${sent}.description`;
          const amountKey = `budgetLines.${sent}.amount`;
          return (
            <div className="budget-line" key={row} data-testid="budget-line-input">
              <label>
                <span className="visually-hidden">{t('networks.form.lineN', { n: row + 1 })} </span>
                {t('networks.form.description')}
                <input value={line.description} onChange={(e) => setLine(row, { description: e.target.value })} {...invalidProps(sent < 0 ? [] : userErrors, descKey, FORM_ID)} />
              </label>
              <label>
                <span className="visually-hidden">{t('networks.form.lineN', { n: row + 1 })} </span>
                {t('networks.app.amount')}
                <input inputMode="decimal" value={line.amount} onChange={(e) => setLine(row, { amount: e.target.value })} {...invalidProps(sent < 0 ? [] : userErrors, amountKey, FORM_ID)} />
              </label>
              <button
                type="button"
                onClick={() => setForm({ ...form, budgetLines: form.budgetLines.filter((_, i) => i !== row) })}
                aria-label={t('networks.form.removeLine', { n: row + 1 })}
              >
                {t('networks.form.remove')}
              </button>
              {sent >= 0 && (
                <div className="budget-line-errors">
                  <FieldError errors={userErrors} field={descKey} formId={FORM_ID} />
                  <FieldError errors={userErrors} field={amountKey} formId={FORM_ID} />
                </div>
              )}
            </div>
          );
        })}
        <div className="budget-footer">
          <button type="button" onClick={() => setForm({ ...form, budgetLines: [...form.budgetLines, { description: '', amount: '' }] })} data-testid="add-budget-line">
            {t('networks.form.addLine')}
          </button>
          <span className="muted" data-testid="budget-preview">
            {preview === null ? t('networks.form.previewCheck') : t('networks.form.preview', { amount: formatAmount(preview, 'DKK') })}
          </span>
        </div>
      </fieldset>

      <FormErrors errors={userErrors} shownKeys={shownKeys} error={error} />
      <FormActions pending={saving} submitLabel={submitLabel} pendingLabel={t('networks.create.saving')} submitTestId="save-application">
        <a href={cancelHref}>{t('networks.create.cancel')}</a>
      </FormActions>
    </Form>
  );
}
