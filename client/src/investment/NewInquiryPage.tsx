import { useTranslation } from 'react-i18next';
import { CountrySelect } from '../ui/CountrySelect';
import { FieldError, FormErrors, invalidProps, type UserErrorLike } from '../ui/userErrors';
import { useState, type FormEvent } from 'react';
import { useInvestmentCreateInquiryMutation, useInvestmentOrganisationChoicesQuery, type MeQuery, type SectorFocus } from '../generated/graphql';
import { organisationsWhere } from '../ui/access';
import { areaHref, navigate } from '../routing';
import { QueryStatus } from '../ui/Status';
import { SECTORS, sectorLabel } from './labels';
import { moneyInput, wholeNumberInput } from './pipeline';
import { Form, FormActions } from '../ui/Form';

const AGENCIES = { kinds: ['INVESTMENT_PROMOTION_AGENCY' as const, 'NATIONAL_AGENCY' as const] };
const REGIONS = { kinds: ['REGION' as const] };

/** #/investment/inquiries/new: record an inbound establishment inquiry and route it to a group of municipalities. */
export function NewInquiryPage({ me, actingFor }: { me: MeQuery['me']; actingFor: string | null }) {
  const { t } = useTranslation();
  const recording = organisationsWhere(me, actingFor, 'record');
  const [{ data: agencies }] = useInvestmentOrganisationChoicesQuery({ variables: { filter: AGENCIES, first: 100 } });
  const [{ data: regions }] = useInvestmentOrganisationChoicesQuery({ variables: { filter: REGIONS, first: 100 } });
  const [agencyId, setAgencyId] = useState('');
  const [coordinatorId, setCoordinatorId] = useState(() => recording.find((o) => o.kind === 'REGION')?.id ?? '');
  const [projectName, setProjectName] = useState('');
  const [summary, setSummary] = useState('');
  const [sector, setSector] = useState<SectorFocus>('MANUFACTURING');
  // The country's ISO code; null while the text typed names no country.
  const [originCountry, setOriginCountry] = useState<string | null>('');
  const [local, setLocal] = useState<UserErrorLike[]>([]);
  const [projectedJobs, setProjectedJobs] = useState('');
  const [projectedInvestment, setProjectedInvestment] = useState('');
  const [group, setGroup] = useState<string[]>([]);
  const [{ data: municipalities, fetching: loadingMunicipalities, error: municipalitiesError }] = useInvestmentOrganisationChoicesQuery({
    variables: { filter: { regionId: coordinatorId, kinds: ['MUNICIPALITY'] }, first: 100 },
    pause: !coordinatorId,
  });
  const [{ data, error, fetching }, create] = useInvestmentCreateInquiryMutation();
  const userErrors: UserErrorLike[] = [...local, ...(data?.createEstablishmentInquiry.userErrors ?? [])];
  const formId = 'inquiry';

  async function submit(event: FormEvent) {
    event.preventDefault();
    const jobs = wholeNumberInput(projectedJobs);
    // Checked here, worded for the user: a country not from the list, jobs that are no whole number.
    const errors: UserErrorLike[] = [];
    if (originCountry === null) errors.push({ field: ['input', 'originCountry'], message: t('investment.error.originCountry.INVALID') });
    if (jobs === -1) errors.push({ field: ['input', 'projectedJobs'], message: t('investment.new.notWhole') });
    setLocal(errors);
    if (errors.length) return;
    const result = await create({
      input: {
        receivedFromOrganisationId: agencyId,
        coordinatorOrganisationId: coordinatorId,
        projectName: projectName.trim(),
        sector,
        groupMunicipalityIds: group,
        ...(summary.trim() ? { summary } : {}),
        ...(originCountry ? { originCountry } : {}),
        ...(jobs !== undefined ? { projectedJobs: jobs } : {}),
        ...(projectedInvestment.trim() ? { projectedInvestmentSek: moneyInput(projectedInvestment) } : {}),
      },
    });
    const payload = result.data?.createEstablishmentInquiry;
    if (payload?.inquiry && payload.userErrors.length === 0) navigate({ page: 'area', area: 'investment', parts: ['inquiries', payload.inquiry.id], params: {} });
  }

  const shown = ['receivedFromOrganisationId', 'coordinatorOrganisationId', 'projectName', 'summary', 'sector', 'originCountry', 'projectedJobs', 'projectedInvestmentSek', 'groupMunicipalityIds', ...group.map((_, i) => `groupMunicipalityIds.${i}`)];
  return (
    <Form className="card" onSubmit={submit} noValidate aria-labelledby="new-inquiry-title" data-testid="inquiry-form">
      <h1 id="new-inquiry-title">{t('investment.new.title')}</h1>
      <p className="hint">{t('investment.new.hint')}</p>
      <label htmlFor="inquiry-agency">{t('investment.new.receivedFrom')}</label>
      <select id="inquiry-agency" value={agencyId} onChange={(e) => setAgencyId(e.target.value)} {...invalidProps(userErrors, 'receivedFromOrganisationId', formId)}>
        <option value="">{t('investment.new.chooseAgency')}</option>
        {agencies?.organisations.edges.map(({ node }) => (
          <option key={node.id} value={node.id}>
            {node.name}
          </option>
        ))}
      </select>
      <FieldError errors={userErrors} field="receivedFromOrganisationId" formId={formId} />
      <label htmlFor="inquiry-coordinator">{t('investment.new.coordinator')}</label>
      <select
        id="inquiry-coordinator"
        value={coordinatorId}
        onChange={(e) => {
          setCoordinatorId(e.target.value);
          setGroup([]);
        }}
        {...invalidProps(userErrors, 'coordinatorOrganisationId', formId)}
      >
        <option value="">{t('investment.new.chooseRegion')}</option>
        {regions?.organisations.edges.map(({ node }) => (
          <option key={node.id} value={node.id}>
            {node.name}
          </option>
        ))}
      </select>
      <FieldError errors={userErrors} field="coordinatorOrganisationId" formId={formId} />
      <label htmlFor="inquiry-project-name">{t('investment.new.projectName')}</label>
      <input id="inquiry-project-name" value={projectName} onChange={(e) => setProjectName(e.target.value)} {...invalidProps(userErrors, 'projectName', formId)} />
      <FieldError errors={userErrors} field="projectName" formId={formId} />
      <label htmlFor="inquiry-summary">{t('investment.new.summary')}</label>
      <textarea id="inquiry-summary" rows={3} value={summary} onChange={(e) => setSummary(e.target.value)} {...invalidProps(userErrors, 'summary', formId)} />
      <FieldError errors={userErrors} field="summary" formId={formId} />
      <div className="field-row">
        <div>
          <label htmlFor="inquiry-sector">{t('investment.common.sector')}</label>
          <select id="inquiry-sector" value={sector} onChange={(e) => setSector(e.target.value as SectorFocus)}>
            {SECTORS.map((s) => (
              <option key={s} value={s}>
                {sectorLabel(s)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="inquiry-origin">{t('investment.new.country')}</label>
          <CountrySelect
            id="inquiry-origin"
            value={originCountry ?? ''}
            onChange={setOriginCountry}
            invalid={!!invalidProps(userErrors, 'originCountry', formId)['aria-invalid']}
            describedBy={invalidProps(userErrors, 'originCountry', formId)['aria-describedby']}
          />
          <FieldError errors={userErrors} field="originCountry" formId={formId} />
        </div>
        <div>
          <label htmlFor="inquiry-jobs">{t('investment.new.projectedJobs')}</label>
          <input id="inquiry-jobs" inputMode="numeric" value={projectedJobs} onChange={(e) => setProjectedJobs(e.target.value)} {...invalidProps(userErrors, 'projectedJobs', formId)} />
          <FieldError errors={userErrors} field="projectedJobs" formId={formId} />
        </div>
        <div>
          <label htmlFor="inquiry-investment">{t('investment.new.projectedInvestment')}</label>
          <input
            id="inquiry-investment"
            inputMode="decimal"
            value={projectedInvestment}
            onChange={(e) => setProjectedInvestment(e.target.value)}
            {...invalidProps(userErrors, 'projectedInvestmentSek', formId)}
          />
          <FieldError errors={userErrors} field="projectedInvestmentSek" formId={formId} />
        </div>
      </div>
      <fieldset className="checkbox-list columns" data-testid="inquiry-group-choices">
        <legend>{t('investment.new.group')}</legend>
        {!coordinatorId && <p className="muted">{t('investment.new.chooseCoordinatorFirst')}</p>}
        <QueryStatus fetching={loadingMunicipalities && !municipalities} error={municipalitiesError} what={t('investment.new.municipalities')} />
        {municipalities?.organisations.edges.map(({ node }) => (
          <label key={node.id} className="checkbox">
            <input type="checkbox" checked={group.includes(node.id)} onChange={(e) => setGroup((g) => (e.target.checked ? [...g, node.id] : g.filter((x) => x !== node.id)))} />
            {node.name}
          </label>
        ))}
      </fieldset>
      <FieldError errors={userErrors} field="groupMunicipalityIds" formId={formId} />
      <FormErrors errors={userErrors} shownKeys={shown.filter((k) => !/\.\d+$/.test(k))} error={error} areas={['investment']} />
      <FormActions pending={fetching} submitLabel={t('investment.new.submit')} pendingLabel={t('investment.common.saving')} submitTestId="save-inquiry">
        <a href={areaHref('investment', ['inquiries'])}>{t('investment.common.cancel')}</a>
      </FormActions>
    </Form>
  );
}
