import { formatDate } from '../ui/format';
import { FieldError, FormErrors, invalidProps } from '../ui/userErrors';
import { PAGE_SIZE, PageFooter, type PageProps, Paged } from '../ui/paging';
import { useState, type FormEvent } from 'react';
import {
  useInvestmentCreateDelegationMutation,
  useInvestmentDelegationsQuery,
  useInvestmentDelegationTotalsQuery,
  useInvestmentReceptionMunicipalitiesQuery,
  type InvestmentDelegationResultsFieldsFragment,
  type MeQuery,
  type SectorFocus,
} from '../generated/graphql';
import { can, organisationsWhere } from '../ui/access';
import { areaHref, navigate } from '../routing';
import { QueryStatus } from '../ui/Status';
import { SECTORS, sectorLabel } from './labels';
import { countryLabel } from './pipeline';

const DELEGATION_TYPES = { additionalTypenames: ['Delegation', 'DelegationFollowUp'] };

/** The value created, in four numbers: what a delegation led to, not only how many came. */
export function ValueCreated({ results, testId }: { results: Omit<InvestmentDelegationResultsFieldsFragment, 'followUpCount'> & { followUpCount?: number }; testId?: string }) {
  return (
    <dl className="value-created" data-testid={testId}>
      <div>
        <dt>Contacts</dt>
        <dd data-testid="value-contacts">{results.contactsMade}</dd>
      </div>
      <div>
        <dt>Projects</dt>
        <dd data-testid="value-projects">{results.projectsStarted}</dd>
      </div>
      <div>
        <dt>Establishments</dt>
        <dd data-testid="value-establishments">{results.establishments}</dd>
      </div>
      <div>
        <dt>Jobs</dt>
        <dd data-testid="value-jobs">{results.jobsCreated}</dd>
      </div>
    </dl>
  );
}

/** #/investment: delegations received or hosted, with the value they created. */
export function DelegationsPage({ me, actingFor }: { me: MeQuery['me']; actingFor: string | null }) {
  const [{ data: totals, fetching, error }] = useInvestmentDelegationTotalsQuery({ context: DELEGATION_TYPES });
  const receptions = organisationsWhere(me, actingFor, 'record').filter((o) => o.kind === 'INVESTMENT_PROMOTION_AGENCY');
  const t = totals?.delegationResults;
  return (
    <section aria-labelledby="delegations-title">
      <div className="card-heading">
        <h1 id="delegations-title">Delegations</h1>
        {receptions.length > 0 && (
          <a className="button-link primary" href={areaHref('investment', ['delegations', 'new'])} data-testid="new-delegation">
            Record a delegation
          </a>
        )}
      </div>
      <p className="hint">Foreign business delegations received through a shared reception, and what they led to: contacts, projects, establishments and jobs.</p>
      <section className="card" aria-labelledby="delegation-totals-title">
        <h2 id="delegation-totals-title">Value created, all delegations you can see</h2>
        <QueryStatus fetching={fetching && !totals} error={error} what="the totals" />
        {t && (
          <>
            <ValueCreated results={t} testId="delegation-totals" />
            <p className="muted small">
              {t.delegationCount} delegations · {t.followUpCount} follow-ups · {t.visitorCount} visitors (one measure, not the result)
            </p>
          </>
        )}
      </section>
      <table className="firm-table data-table" data-testid="delegations">
        <caption className="visually-hidden">Delegations</caption>
        <thead>
          <tr>
            <th scope="col">Delegation</th>
            <th scope="col">Origin</th>
            <th scope="col">Sector</th>
            <th scope="col">Visit</th>
            <th scope="col">Hosts</th>
            <th scope="col" className="numeric">
              Contacts / projects / establishments / jobs
            </th>
          </tr>
        </thead>
        <Paged renderPage={(page) => <DelegationRows {...page} />} />
      </table>
    </section>
  );
}

function DelegationRows({ after, ...page }: PageProps) {
  const [{ data, fetching, error }] = useInvestmentDelegationsQuery({ variables: { first: PAGE_SIZE, after }, context: DELEGATION_TYPES });
  const edges = data?.delegations.edges ?? [];
  const footer = PageFooter({ ...page, inline: true, what: 'delegations', fetching, error, count: data ? edges.length : null, pageInfo: data?.delegations.pageInfo, emptyText: 'No delegations you received or hosted.' });
  return (
    <>
      {edges.length > 0 && (
        <tbody>
          {edges.map(({ node: d }) => (
            <tr key={d.id} data-testid="delegation-row">
              <th scope="row">
                <a href={areaHref('investment', ['delegations', d.id])}>{d.name}</a>
                <div className="muted small">{d.reception.name}</div>
              </th>
              <td>{countryLabel(d.originCountry)}</td>
              <td>{sectorLabel(d.sectorFocus)}</td>
              <td>
                {formatDate(d.visitStartsOn)} – {formatDate(d.visitEndsOn)}
              </td>
              <td>{d.hostMunicipalities.map((h) => h.name).join(', ') || '—'}</td>
              <td className="numeric">
                {d.results.contactsMade} / {d.results.projectsStarted} / {d.results.establishments} / {d.results.jobsCreated}
              </td>
            </tr>
          ))}
        </tbody>
      )}
      {footer && (
        <tbody className="table-footer">
          <tr>
            <td colSpan={6}>{footer}</td>
          </tr>
        </tbody>
      )}
    </>
  );
}

/** #/investment/delegations/new: record a delegation received, with its hosting municipalities. */
export function NewDelegationPage({ me, actingFor }: { me: MeQuery['me']; actingFor: string | null }) {
  const receptions = organisationsWhere(me, actingFor, 'record').filter((o) => o.kind === 'INVESTMENT_PROMOTION_AGENCY');
  const [receptionId, setReceptionId] = useState(receptions[0]?.id ?? '');
  const [name, setName] = useState('');
  const [originCountry, setOriginCountry] = useState('');
  const [sector, setSector] = useState<SectorFocus>('CLEANTECH');
  const [startsOn, setStartsOn] = useState('');
  const [endsOn, setEndsOn] = useState('');
  const [visitors, setVisitors] = useState('');
  const [programme, setProgramme] = useState('');
  const [hosts, setHosts] = useState<string[]>([]);
  const [{ data: municipalities }] = useInvestmentReceptionMunicipalitiesQuery({ variables: { receptionOrganisationId: receptionId }, pause: !receptionId });
  const [{ data, error, fetching }, create] = useInvestmentCreateDelegationMutation();
  const userErrors = data?.createDelegation.userErrors ?? [];
  const formId = 'delegation';
  const choices = [...(municipalities?.receptionMunicipalities ?? [])].sort((a, b) => a.municipality.name.localeCompare(b.municipality.name));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await create({
      input: {
        receptionOrganisationId: receptionId,
        name: name.trim(),
        originCountry: originCountry.trim().toUpperCase(),
        sectorFocus: sector,
        visitStartsOn: startsOn,
        visitEndsOn: endsOn,
        hostMunicipalityIds: hosts,
        ...(visitors.trim() ? { visitorCount: /^\d+$/.test(visitors.trim()) ? Number(visitors.trim()) : -1 } : {}),
        ...(programme.trim() ? { programme } : {}),
      },
    });
    const d = result.data?.createDelegation;
    if (d?.delegation && d.userErrors.length === 0) navigate({ page: 'area', area: 'investment', parts: ['delegations', d.delegation.id], params: {} });
  }

  if (receptions.length === 0) return <p role="status">You need "record" (Consultant or above) in an investment-promotion agency to record delegations.</p>;
  const shown = ['receptionOrganisationId', 'name', 'originCountry', 'sectorFocus', 'visitStartsOn', 'visitEndsOn', 'visitorCount', 'programme', 'hostMunicipalityIds', ...hosts.map((_, i) => `hostMunicipalityIds.${i}`)];
  return (
    <form className="card stacked-form" onSubmit={submit} noValidate aria-labelledby="new-delegation-title" data-testid="delegation-form">
      <h1 id="new-delegation-title">Record a delegation</h1>
      {receptions.length > 1 && (
        <>
          <label htmlFor="delegation-reception">Receiving organisation</label>
          <select id="delegation-reception" value={receptionId} onChange={(e) => setReceptionId(e.target.value)}>
            {receptions.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
        </>
      )}
      <FieldError errors={userErrors} field="receptionOrganisationId" formId={formId} />
      <label htmlFor="delegation-name">Name</label>
      <input id="delegation-name" value={name} onChange={(e) => setName(e.target.value)} {...invalidProps(userErrors, 'name', formId)} />
      <FieldError errors={userErrors} field="name" formId={formId} />
      <label htmlFor="delegation-origin">Country of origin (ISO code, e.g. CN)</label>
      <input id="delegation-origin" maxLength={2} value={originCountry} onChange={(e) => setOriginCountry(e.target.value)} {...invalidProps(userErrors, 'originCountry', formId)} />
      <FieldError errors={userErrors} field="originCountry" formId={formId} />
      <label htmlFor="delegation-sector">Sector focus</label>
      <select id="delegation-sector" value={sector} onChange={(e) => setSector(e.target.value as SectorFocus)}>
        {SECTORS.map((s) => (
          <option key={s} value={s}>
            {sectorLabel(s)}
          </option>
        ))}
      </select>
      <div className="field-row">
        <div>
          <label htmlFor="delegation-starts">First day</label>
          <input id="delegation-starts" type="date" value={startsOn} onChange={(e) => setStartsOn(e.target.value)} {...invalidProps(userErrors, 'visitStartsOn', formId)} />
          <FieldError errors={userErrors} field="visitStartsOn" formId={formId} />
        </div>
        <div>
          <label htmlFor="delegation-ends">Last day</label>
          <input id="delegation-ends" type="date" value={endsOn} onChange={(e) => setEndsOn(e.target.value)} {...invalidProps(userErrors, 'visitEndsOn', formId)} />
          <FieldError errors={userErrors} field="visitEndsOn" formId={formId} />
        </div>
        <div>
          <label htmlFor="delegation-visitors">Visitors</label>
          <input id="delegation-visitors" inputMode="numeric" value={visitors} onChange={(e) => setVisitors(e.target.value)} {...invalidProps(userErrors, 'visitorCount', formId)} />
          <FieldError errors={userErrors} field="visitorCount" formId={formId} />
        </div>
      </div>
      <label htmlFor="delegation-programme">Programme</label>
      <textarea id="delegation-programme" rows={3} value={programme} onChange={(e) => setProgramme(e.target.value)} />
      <fieldset className="checkbox-list columns">
        <legend>Hosting municipalities (of the reception; pilots marked)</legend>
        {choices.map((m) => (
          <label key={m.id} className="checkbox">
            <input
              type="checkbox"
              checked={hosts.includes(m.municipality.id)}
              onChange={(e) => setHosts((h) => (e.target.checked ? [...h, m.municipality.id] : h.filter((x) => x !== m.municipality.id)))}
            />
            {m.municipality.name}
            {m.pilot && <span className="muted small"> · pilot</span>}
          </label>
        ))}
      </fieldset>
      <FieldError errors={userErrors} field="hostMunicipalityIds" formId={formId} />
      <FormErrors errors={userErrors} shownKeys={shown.filter((k) => !k.startsWith('hostMunicipalityIds.'))} error={error} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={fetching || !can(me, actingFor, receptionId, 'record')}>
          {fetching ? 'Saving…' : 'Record delegation'}
        </button>
        <a href={areaHref('investment')}>Cancel</a>
      </div>
    </form>
  );
}
