import { FieldError, FormErrors, invalidProps } from '../ui/userErrors';
import { useState, type FormEvent } from 'react';
import { useInvestmentCreateInquiryMutation, useInvestmentOrganisationChoicesQuery, type MeQuery, type SectorFocus } from '../generated/graphql';
import { organisationsWhere } from '../ui/access';
import { areaHref, navigate } from '../routing';
import { QueryStatus } from '../ui/Status';
import { SECTORS, sectorLabel } from './labels';

const AGENCIES = { kinds: ['INVESTMENT_PROMOTION_AGENCY' as const, 'NATIONAL_AGENCY' as const] };
const REGIONS = { kinds: ['REGION' as const] };

/** A whole number as typed, or -1 (refused by the server naming the field) for anything else; undefined when blank. */
const wholeNumber = (text: string) => (text.trim() === '' ? undefined : /^\d+$/.test(text.trim()) ? Number(text.trim()) : -1);

/** #/investment/inquiries/new: record an inbound establishment inquiry and route it to a group of municipalities. */
export function NewInquiryPage({ me, actingFor }: { me: MeQuery['me']; actingFor: string | null }) {
  const recording = organisationsWhere(me, actingFor, 'record');
  const [{ data: agencies }] = useInvestmentOrganisationChoicesQuery({ variables: { filter: AGENCIES, first: 100 } });
  const [{ data: regions }] = useInvestmentOrganisationChoicesQuery({ variables: { filter: REGIONS, first: 100 } });
  const [agencyId, setAgencyId] = useState('');
  const [coordinatorId, setCoordinatorId] = useState(() => recording.find((o) => o.kind === 'REGION')?.id ?? '');
  const [projectName, setProjectName] = useState('');
  const [summary, setSummary] = useState('');
  const [sector, setSector] = useState<SectorFocus>('MANUFACTURING');
  const [originCountry, setOriginCountry] = useState('');
  const [projectedJobs, setProjectedJobs] = useState('');
  const [projectedInvestment, setProjectedInvestment] = useState('');
  const [group, setGroup] = useState<string[]>([]);
  const [{ data: municipalities, fetching: loadingMunicipalities, error: municipalitiesError }] = useInvestmentOrganisationChoicesQuery({
    variables: { filter: { regionId: coordinatorId, kinds: ['MUNICIPALITY'] }, first: 100 },
    pause: !coordinatorId,
  });
  const [{ data, error, fetching }, create] = useInvestmentCreateInquiryMutation();
  const userErrors = data?.createEstablishmentInquiry.userErrors ?? [];
  const formId = 'inquiry';

  async function submit(event: FormEvent) {
    event.preventDefault();
    const jobs = wholeNumber(projectedJobs);
    const result = await create({
      input: {
        receivedFromOrganisationId: agencyId,
        coordinatorOrganisationId: coordinatorId,
        projectName: projectName.trim(),
        sector,
        groupMunicipalityIds: group,
        ...(summary.trim() ? { summary } : {}),
        ...(originCountry.trim() ? { originCountry: originCountry.trim().toUpperCase() } : {}),
        ...(jobs !== undefined ? { projectedJobs: jobs } : {}),
        ...(projectedInvestment.trim() ? { projectedInvestmentSek: projectedInvestment.trim() } : {}),
      },
    });
    const payload = result.data?.createEstablishmentInquiry;
    if (payload?.inquiry && payload.userErrors.length === 0) navigate({ page: 'area', area: 'investment', parts: ['inquiries', payload.inquiry.id], params: {} });
  }

  const shown = ['receivedFromOrganisationId', 'coordinatorOrganisationId', 'projectName', 'summary', 'sector', 'originCountry', 'projectedJobs', 'projectedInvestmentSek', 'groupMunicipalityIds', ...group.map((_, i) => `groupMunicipalityIds.${i}`)];
  return (
    <form className="card stacked-form" onSubmit={submit} noValidate aria-labelledby="new-inquiry-title" data-testid="inquiry-form">
      <h1 id="new-inquiry-title">Record an establishment inquiry</h1>
      <p className="hint">As the receiving agency or the regional coordinator. The project name stays confidential to those handling the case; everyone else sees a generated code name.</p>
      <label htmlFor="inquiry-agency">Received from</label>
      <select id="inquiry-agency" value={agencyId} onChange={(e) => setAgencyId(e.target.value)} {...invalidProps(userErrors, 'receivedFromOrganisationId', formId)}>
        <option value="">Choose the agency…</option>
        {agencies?.organisations.edges.map(({ node }) => (
          <option key={node.id} value={node.id}>
            {node.name}
          </option>
        ))}
      </select>
      <FieldError errors={userErrors} field="receivedFromOrganisationId" formId={formId} />
      <label htmlFor="inquiry-coordinator">Regional coordinator</label>
      <select
        id="inquiry-coordinator"
        value={coordinatorId}
        onChange={(e) => {
          setCoordinatorId(e.target.value);
          setGroup([]);
        }}
        {...invalidProps(userErrors, 'coordinatorOrganisationId', formId)}
      >
        <option value="">Choose the region…</option>
        {regions?.organisations.edges.map(({ node }) => (
          <option key={node.id} value={node.id}>
            {node.name}
          </option>
        ))}
      </select>
      <FieldError errors={userErrors} field="coordinatorOrganisationId" formId={formId} />
      <label htmlFor="inquiry-project-name">Project name (confidential)</label>
      <input id="inquiry-project-name" value={projectName} onChange={(e) => setProjectName(e.target.value)} {...invalidProps(userErrors, 'projectName', formId)} />
      <FieldError errors={userErrors} field="projectName" formId={formId} />
      <label htmlFor="inquiry-summary">Summary (confidential)</label>
      <textarea id="inquiry-summary" rows={3} value={summary} onChange={(e) => setSummary(e.target.value)} {...invalidProps(userErrors, 'summary', formId)} />
      <FieldError errors={userErrors} field="summary" formId={formId} />
      <div className="field-row">
        <div>
          <label htmlFor="inquiry-sector">Sector</label>
          <select id="inquiry-sector" value={sector} onChange={(e) => setSector(e.target.value as SectorFocus)}>
            {SECTORS.map((s) => (
              <option key={s} value={s}>
                {sectorLabel(s)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="inquiry-origin">Investor's country (ISO code)</label>
          <input id="inquiry-origin" maxLength={2} value={originCountry} onChange={(e) => setOriginCountry(e.target.value)} {...invalidProps(userErrors, 'originCountry', formId)} />
          <FieldError errors={userErrors} field="originCountry" formId={formId} />
        </div>
        <div>
          <label htmlFor="inquiry-jobs">Projected jobs</label>
          <input id="inquiry-jobs" inputMode="numeric" value={projectedJobs} onChange={(e) => setProjectedJobs(e.target.value)} {...invalidProps(userErrors, 'projectedJobs', formId)} />
          <FieldError errors={userErrors} field="projectedJobs" formId={formId} />
        </div>
        <div>
          <label htmlFor="inquiry-investment">Projected investment (SEK)</label>
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
        <legend>Group of municipalities (SE etableringsgrupp)</legend>
        {!coordinatorId && <p className="muted">Choose the coordinator first.</p>}
        <QueryStatus fetching={loadingMunicipalities && !municipalities} error={municipalitiesError} what="the municipalities" />
        {municipalities?.organisations.edges.map(({ node }) => (
          <label key={node.id} className="checkbox">
            <input type="checkbox" checked={group.includes(node.id)} onChange={(e) => setGroup((g) => (e.target.checked ? [...g, node.id] : g.filter((x) => x !== node.id)))} />
            {node.name}
          </label>
        ))}
      </fieldset>
      <FieldError errors={userErrors} field="groupMunicipalityIds" formId={formId} />
      <FormErrors errors={userErrors} shownKeys={shown.filter((k) => !/\.\d+$/.test(k))} error={error} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={fetching} data-testid="save-inquiry">
          {fetching ? 'Saving…' : 'Record inquiry'}
        </button>
        <a href={areaHref('investment', ['inquiries'])}>Cancel</a>
      </div>
    </form>
  );
}
