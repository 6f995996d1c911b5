import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  useInvestmentCreatePortalProjectMutation,
  useInvestmentOrganisationChoicesQuery,
  useInvestmentUpdatePortalProjectMutation,
  useInvestorPortalProjectsQuery,
  type InvestorPortalProjectFieldsFragment,
  type PortalProjectKind,
  type PortalProjectStatus,
} from '../generated/graphql';
import { areaHref, navigate } from '../routing';
import { formatAmount, formatDate, formatDateTime, normaliseDecimal } from '../ui/format';
import { PAGE_SIZE, PageFooter, Paged, type PageProps } from '../ui/paging';
import { confirmIrreversible, FieldError, FormErrors, placeUserErrors, wordUserError, type UserErrorLike } from '../ui/userErrors';
import { PORTAL_KINDS, PORTAL_STATUSES, portalKindLabel, portalStatusLabel, shownPortalStatus, tenderOpen } from './labels';
import { DisclosureButton, Form, FormActions, useDisclosure } from '../ui/Form';
import { DateInput } from '../ui/DateInput';

type Project = InvestorPortalProjectFieldsFragment;
const PROJECT_TYPES = { additionalTypenames: ['InvestorPortalProject'] };
const AREAS = ['investment'];

/** #/investment/projects: the agency editors' portal projects, listed or not, with what keeps each off the portal. */
export function PortalProjectsPage({ canCreate }: { canCreate: boolean }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="projects-title" data-testid="portal-projects">
      <div className="card-heading">
        <h1 id="projects-title">{t('investment.projects.title')}</h1>
        {canCreate && (
          <a className="button-link primary" href={areaHref('investment', ['projects', 'new'])} data-testid="new-portal-project">
            {t('investment.projects.new')}
          </a>
        )}
      </div>
      <p className="hint">{t('investment.projects.intro')}</p>
      <ul className="portal-list">
        <Paged renderPage={(page) => <ProjectRows {...page} canEdit={canCreate} />} />
      </ul>
    </section>
  );
}

function ProjectRows({ after, canEdit, ...page }: PageProps & { canEdit: boolean }) {
  const { t } = useTranslation();
  const [{ data, fetching, error }] = useInvestorPortalProjectsQuery({ variables: { first: PAGE_SIZE, after }, context: PROJECT_TYPES });
  const edges = data?.investorPortalProjects.edges ?? [];
  const footer = PageFooter({
    ...page,
    inline: true,
    what: t('investment.projects.what'),
    fetching,
    error,
    count: data ? edges.length : null,
    pageInfo: data?.investorPortalProjects.pageInfo,
    emptyText: t('investment.projects.none'),
  });
  return (
    <>
      {edges.map(({ node }) => (
        <ProjectItem key={node.id} project={node} canEdit={canEdit} />
      ))}
      {footer && <li className="list-footer">{footer}</li>}
    </>
  );
}

function ProjectItem({ project: p, canEdit }: { project: Project; canEdit: boolean }) {
  const { t } = useTranslation();
  const disclosure = useDisclosure();
  const { open: editing } = disclosure;
  const [{ data, error, fetching }, update] = useInvestmentUpdatePortalProjectMutation();
  const userErrors = data?.updateInvestorPortalProject.userErrors ?? [];
  const shown = shownPortalStatus(p);
  const setListed = (listed: boolean) => {
    if (!listed && !confirmIrreversible(t('investment.projects.withdrawConfirm', { title: p.title }))) return;
    void update({ input: { id: p.id, expectedVersion: p.version, listed } }, PROJECT_TYPES);
  };
  return (
    <li className="card portal-card" data-testid="portal-project" data-status={shown}>
      <h2>{p.title}</h2>
      <dl className="facts">
        <dt>{t('investment.portal.investment')}</dt>
        <dd>{formatAmount(p.estimatedInvestmentDkk, 'DKK')}</dd>
        <dt>{t('investment.portal.kind')}</dt>
        <dd>{portalKindLabel(p.kind)}</dd>
        <dt>{t('investment.portal.status')}</dt>
        <dd data-testid="portal-project-status">
          {portalStatusLabel(shown)}
          <TenderNote project={p} />
        </dd>
        <dt>{t('investment.portal.publicOwner')}</dt>
        <dd>{p.publicOwner?.name ?? '—'}</dd>
        <dt>{t('investment.projects.listed')}</dt>
        <dd data-testid="portal-project-listed">
          {!p.listed ? (
            t('investment.projects.notListed')
          ) : p.listingProblems.length === 0 ? (
            formatDateTime(p.listedAt)
          ) : (
            <>
              {t('investment.projects.listedNotShown')}{' '}
              <span className="error">{p.listingProblems.map((e) => wordUserError(e, AREAS)).join(' ')}</span>
            </>
          )}
        </dd>
      </dl>
      {p.internalNotes && <p className="muted prewrap">{p.internalNotes}</p>}
      {canEdit && !editing && (
        <div className="form-actions">
          <DisclosureButton disclosure={disclosure} testId="edit-portal-project">
            {t('investment.common.edit')}
          </DisclosureButton>
          {p.listed ? (
            <button type="button" disabled={fetching} onClick={() => setListed(false)} data-testid="withdraw-portal-project">
              {t('investment.projects.withdraw')}
            </button>
          ) : (
            <button type="button" className="primary" disabled={fetching} onClick={() => setListed(true)} data-testid="list-portal-project">
              {t('investment.projects.list')}
            </button>
          )}
        </div>
      )}
      {!editing && <FormErrors errors={userErrors} error={error} areas={AREAS} testId="portal-project-errors" />}
      {editing && <PortalProjectForm project={p} agencies={[]} onDone={disclosure.hide} />}
    </li>
  );
}

/** "Tender, deadline 30 Sep 2026" while it can be bid in; "Tender closed 30 Sep 2026" after. */
export function TenderNote({ project }: { project: { isTender: boolean; tenderDeadline?: string | null; status: PortalProjectStatus } }) {
  const { t } = useTranslation();
  if (!project.isTender) return null;
  const open = tenderOpen(project);
  const text = open
    ? project.tenderDeadline
      ? t('investment.portal.tenderOpen', { date: formatDate(project.tenderDeadline) })
      : t('investment.portal.tenderOpenNoDate')
    : t('investment.portal.tenderClosed', { date: formatDate(project.tenderDeadline) });
  return (
    <span className={open ? 'tender' : 'tender closed'} data-testid="portal-tender" data-open={open}>
      {text}
    </span>
  );
}

interface Draft {
  ownerOrganisationId: string;
  title: string;
  description: string;
  kind: PortalProjectKind;
  status: PortalProjectStatus;
  estimatedInvestmentDkk: string;
  publicOwnerOrganisationId: string;
  municipalityId: string;
  isTender: boolean;
  tenderDeadline: string;
  expectedStartYear: string;
  url: string;
  internalNotes: string;
  listed: boolean;
}

const draftOf = (p: Project | undefined, ownerId: string): Draft => ({
  ownerOrganisationId: ownerId,
  title: p?.title ?? '',
  description: p?.description ?? '',
  kind: p?.kind ?? 'BUILDING',
  status: p?.status ?? 'PLANNED',
  // Shown in the user's own number format, read back by the kit's parser.
  estimatedInvestmentDkk: p ? formatAmount(p.estimatedInvestmentDkk) : '',
  publicOwnerOrganisationId: p?.publicOwner?.id ?? '',
  municipalityId: p?.municipality?.id ?? '',
  isTender: p?.isTender ?? false,
  tenderDeadline: p?.tenderDeadline ?? '',
  expectedStartYear: p?.expectedStartYear != null ? String(p.expectedStartYear) : '',
  url: p?.url ?? '',
  internalNotes: p?.internalNotes ?? '',
  listed: p?.listed ?? false,
});

const OWNER_KINDS = { kinds: ['REGION' as const, 'NATIONAL_AGENCY' as const, 'REGIONAL_COUNCIL' as const], country: 'DK' as const };
const MUNICIPALITIES = { kinds: ['MUNICIPALITY' as const], country: 'DK' as const };

/** Create a portal project (#/investment/projects/new), or edit one in its card. */
export function PortalProjectForm({ project, agencies, onDone }: { project?: Project; agencies: Array<{ id: string; name: string }>; onDone?: () => void }) {
  const { t } = useTranslation();
  const editing = !!project;
  // Several project cards can be edited at once: each form needs its own ids, or its labels point at another's fields.
  const FORM_ID = project ? `portal-project-${project.id}` : 'portal-project';
  const [draft, setDraft] = useState<Draft>(() => draftOf(project, agencies[0]?.id ?? ''));
  const [local, setLocal] = useState<UserErrorLike[]>([]);
  const [{ data: owners }] = useInvestmentOrganisationChoicesQuery({ variables: { filter: OWNER_KINDS, first: 100 } });
  const [{ data: municipalities }] = useInvestmentOrganisationChoicesQuery({ variables: { filter: MUNICIPALITIES, first: 100 } });
  const [created, create] = useInvestmentCreatePortalProjectMutation();
  const [updated, update] = useInvestmentUpdatePortalProjectMutation();
  const result = editing ? updated : created;
  const serverErrors = (editing ? updated.data?.updateInvestorPortalProject.userErrors : created.data?.createInvestorPortalProject.userErrors) ?? [];
  const fields = ['ownerOrganisationId', 'title', 'description', 'kind', 'status', 'estimatedInvestmentDkk', 'publicOwnerOrganisationId', 'municipalityId', 'isTender', 'tenderDeadline', 'expectedStartYear', 'url', 'internalNotes', 'listed'];
  const placed = placeUserErrors([...local, ...serverErrors], fields, AREAS);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const ownerChoices = [...(owners?.organisations.edges ?? []), ...(municipalities?.organisations.edges ?? [])].map((e) => e.node);

  if (!editing && agencies.length === 0) return <p role="status">{t('investment.projects.noAgency')}</p>;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const amount = normaliseDecimal(draft.estimatedInvestmentDkk);
    const year = draft.expectedStartYear.trim() ? normaliseDecimal(draft.expectedStartYear) : null;
    const errors: UserErrorLike[] = [];
    if (amount === null) errors.push({ field: ['input', 'estimatedInvestmentDkk'], message: t('investment.projects.notNumber') });
    if (draft.expectedStartYear.trim() && (year === null || !/^\d{4}$/.test(year))) errors.push({ field: ['input', 'expectedStartYear'], message: t('investment.projects.notYear') });
    setLocal(errors);
    if (errors.length) return;
    // Withdrawing from the portal, or recording a cancellation, asks first.
    if (editing && project!.listed && !draft.listed && !confirmIrreversible(t('investment.projects.withdrawConfirm', { title: project!.title }))) return;
    if (editing && project!.status !== 'CANCELLED' && draft.status === 'CANCELLED' && !confirmIrreversible(t('investment.projects.cancelConfirm', { title: project!.title }))) return;
    if (editing) {
      const r = await update(
        {
          input: {
            id: project!.id,
            expectedVersion: project!.version,
            title: draft.title.trim(),
            description: draft.description,
            status: draft.status,
            estimatedInvestmentDkk: amount!,
            ...(draft.publicOwnerOrganisationId ? { publicOwnerOrganisationId: draft.publicOwnerOrganisationId } : {}),
            isTender: draft.isTender,
            ...(draft.tenderDeadline ? { tenderDeadline: draft.tenderDeadline } : {}),
            internalNotes: draft.internalNotes,
            listed: draft.listed,
          },
        },
        PROJECT_TYPES,
      );
      if (r.data?.updateInvestorPortalProject.project && r.data.updateInvestorPortalProject.userErrors.length === 0) onDone?.();
      return;
    }
    const r = await create(
      {
        input: {
          ownerOrganisationId: draft.ownerOrganisationId,
          title: draft.title.trim(),
          ...(draft.description.trim() ? { description: draft.description } : {}),
          kind: draft.kind,
          status: draft.status,
          estimatedInvestmentDkk: amount!,
          ...(draft.publicOwnerOrganisationId ? { publicOwnerOrganisationId: draft.publicOwnerOrganisationId } : {}),
          ...(draft.municipalityId ? { municipalityId: draft.municipalityId } : {}),
          isTender: draft.isTender,
          ...(draft.isTender && draft.tenderDeadline ? { tenderDeadline: draft.tenderDeadline } : {}),
          ...(year ? { expectedStartYear: Number(year) } : {}),
          ...(draft.url.trim() ? { url: draft.url.trim() } : {}),
          ...(draft.internalNotes.trim() ? { internalNotes: draft.internalNotes } : {}),
          listed: draft.listed,
        },
      },
      PROJECT_TYPES,
    );
    if (r.data?.createInvestorPortalProject.project && r.data.createInvestorPortalProject.userErrors.length === 0) navigate({ page: 'area', area: 'investment', parts: ['projects'], params: {} });
  }

  const field = (key: string) => ({ id: `${FORM_ID}-${key}`, ...placed.props(key, FORM_ID) });
  const error = (key: string) => <FieldError formId={FORM_ID} field={key} messages={placed.at(key)} />;
  return (
    <Form className={editing ? 'subform' : 'card'} onSubmit={submit} noValidate aria-labelledby={`${FORM_ID}-title`} data-testid="portal-project-form">
      {editing ? <h3 id={`${FORM_ID}-title`}>{t('investment.projects.editTitle', { title: project!.title })}</h3> : <h1 id={`${FORM_ID}-title`}>{t('investment.projects.newTitle')}</h1>}
      {!editing && agencies.length > 1 && (
        <>
          <label htmlFor={`${FORM_ID}-ownerOrganisationId`}>{t('investment.projects.agency')}</label>
          <select {...field('ownerOrganisationId')} value={draft.ownerOrganisationId} onChange={(e) => set('ownerOrganisationId', e.target.value)}>
            {agencies.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </>
      )}
      {error('ownerOrganisationId')}
      <label htmlFor={`${FORM_ID}-title-input`}>{t('investment.projects.field.title')}</label>
      <input {...field('title')} id={`${FORM_ID}-title-input`} value={draft.title} onChange={(e) => set('title', e.target.value)} />
      {error('title')}
      <label htmlFor={`${FORM_ID}-description`}>{t('investment.projects.field.description')}</label>
      <textarea {...field('description')} rows={3} value={draft.description} onChange={(e) => set('description', e.target.value)} />
      {error('description')}
      <div className="field-row">
        {!editing && (
          <div>
            <label htmlFor={`${FORM_ID}-kind`}>{t('investment.projects.field.kind')}</label>
            <select {...field('kind')} value={draft.kind} onChange={(e) => set('kind', e.target.value as PortalProjectKind)}>
              {PORTAL_KINDS.map((k) => (
                <option key={k} value={k}>
                  {portalKindLabel(k)}
                </option>
              ))}
            </select>
          </div>
        )}
        <div>
          <label htmlFor={`${FORM_ID}-status`}>{t('investment.projects.field.status')}</label>
          <select {...field('status')} value={draft.status} onChange={(e) => set('status', e.target.value as PortalProjectStatus)} data-testid="portal-project-status-select">
            {PORTAL_STATUSES.map((s) => (
              <option key={s} value={s}>
                {portalStatusLabel(s)}
              </option>
            ))}
          </select>
          {error('status')}
        </div>
        <div>
          <label htmlFor={`${FORM_ID}-estimatedInvestmentDkk`}>{t('investment.projects.field.investment')}</label>
          <input
            {...field('estimatedInvestmentDkk')}
            inputMode="decimal"
            placeholder={t('investment.projects.field.investmentHint')}
            value={draft.estimatedInvestmentDkk}
            onChange={(e) => set('estimatedInvestmentDkk', e.target.value)}
            data-testid="portal-project-investment"
          />
          {error('estimatedInvestmentDkk')}
        </div>
      </div>
      <label htmlFor={`${FORM_ID}-publicOwnerOrganisationId`}>{t('investment.projects.field.publicOwner')}</label>
      <select {...field('publicOwnerOrganisationId')} value={draft.publicOwnerOrganisationId} onChange={(e) => set('publicOwnerOrganisationId', e.target.value)}>
        <option value="">{t('investment.projects.field.noOwner')}</option>
        {ownerChoices.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
      {error('publicOwnerOrganisationId')}
      {!editing && (
        <>
          <label htmlFor={`${FORM_ID}-municipalityId`}>{t('investment.portal.location')}</label>
          <select {...field('municipalityId')} value={draft.municipalityId} onChange={(e) => set('municipalityId', e.target.value)}>
            <option value="">—</option>
            {(municipalities?.organisations.edges ?? []).map(({ node }) => (
              <option key={node.id} value={node.id}>
                {node.name}
              </option>
            ))}
          </select>
          {error('municipalityId')}
        </>
      )}
      <label className="checkbox">
        <input type="checkbox" checked={draft.isTender} onChange={(e) => set('isTender', e.target.checked)} data-testid="portal-project-is-tender" /> {t('investment.projects.field.isTender')}
      </label>
      {draft.isTender && (
        <>
          <label htmlFor={`${FORM_ID}-tenderDeadline`}>{t('investment.projects.field.tenderDeadline')}</label>
          <DateInput {...field('tenderDeadline')} value={draft.tenderDeadline} onChange={(v) => set('tenderDeadline', v)} data-testid="portal-project-deadline" />
          {error('tenderDeadline')}
        </>
      )}
      {!editing && (
        <div className="field-row">
          <div>
            <label htmlFor={`${FORM_ID}-expectedStartYear`}>{t('investment.projects.field.startYear')}</label>
            <input {...field('expectedStartYear')} inputMode="numeric" value={draft.expectedStartYear} onChange={(e) => set('expectedStartYear', e.target.value)} />
            {error('expectedStartYear')}
          </div>
          <div>
            <label htmlFor={`${FORM_ID}-url`}>{t('investment.projects.field.url')}</label>
            <input {...field('url')} type="url" value={draft.url} onChange={(e) => set('url', e.target.value)} />
            {error('url')}
          </div>
        </div>
      )}
      <label htmlFor={`${FORM_ID}-internalNotes`}>{t('investment.projects.field.internalNotes')}</label>
      <textarea {...field('internalNotes')} rows={2} value={draft.internalNotes} onChange={(e) => set('internalNotes', e.target.value)} />
      {error('internalNotes')}
      <label className="checkbox">
        <input type="checkbox" checked={draft.listed} onChange={(e) => set('listed', e.target.checked)} data-testid="portal-project-listed-input" /> {t('investment.projects.field.listed')}
      </label>
      {error('listed')}
      <FormErrors errors={[...local, ...serverErrors]} shownKeys={fields} error={result.error} areas={AREAS} />
      <FormActions pending={result.fetching} submitLabel={editing ? t('investment.common.save') : t('investment.projects.create')} pendingLabel={t('investment.common.saving')} submitTestId="save-portal-project">
        {editing ? (
          <button type="button" onClick={onDone}>
            {t('investment.common.cancel')}
          </button>
        ) : (
          <a href={areaHref('investment', ['projects'])}>{t('investment.common.cancel')}</a>
        )}
      </FormActions>
    </Form>
  );
}
