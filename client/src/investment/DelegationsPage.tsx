import { useTranslation } from 'react-i18next';
import { CountrySelect } from '../ui/CountrySelect';
import { formatDate, formatNumber } from '../ui/format';
import { FieldError, FormErrors, invalidProps, type UserErrorLike } from '../ui/userErrors';
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
import { countryLabel, wholeNumberInput } from './pipeline';
import { Form, FormActions } from '../ui/Form';
import { DateInput } from '../ui/DateInput';

const DELEGATION_TYPES = { additionalTypenames: ['Delegation', 'DelegationFollowUp'] };

/** The value created, in four numbers: what a delegation led to, not only how many came. */
export function ValueCreated({ results, testId }: { results: Omit<InvestmentDelegationResultsFieldsFragment, 'followUpCount'> & { followUpCount?: number }; testId?: string }) {
  const { t } = useTranslation();
  return (
    <dl className="value-created" data-testid={testId}>
      <div>
        <dt>{t('investment.value.contacts')}</dt>
        <dd data-testid="value-contacts">{formatNumber(results.contactsMade)}</dd>
      </div>
      <div>
        <dt>{t('investment.value.projects')}</dt>
        <dd data-testid="value-projects">{formatNumber(results.projectsStarted)}</dd>
      </div>
      <div>
        <dt>{t('investment.value.establishments')}</dt>
        <dd data-testid="value-establishments">{formatNumber(results.establishments)}</dd>
      </div>
      <div>
        <dt>{t('investment.value.jobs')}</dt>
        <dd data-testid="value-jobs">{formatNumber(results.jobsCreated)}</dd>
      </div>
    </dl>
  );
}

/** #/investment: delegations received or hosted, with the value they created. */
export function DelegationsPage({ me, actingFor }: { me: MeQuery['me']; actingFor: string | null }) {
  const [{ data: totals, fetching, error }] = useInvestmentDelegationTotalsQuery({ context: DELEGATION_TYPES });
  const receptions = organisationsWhere(me, actingFor, 'record').filter((o) => o.kind === 'INVESTMENT_PROMOTION_AGENCY');
  const { t } = useTranslation();
  const sum = totals?.delegationResults;
  return (
    <section aria-labelledby="delegations-title">
      <div className="card-heading">
        <h1 id="delegations-title">{t('investment.delegations.title')}</h1>
        {receptions.length > 0 && (
          <a className="button-link primary" href={areaHref('investment', ['delegations', 'new'])} data-testid="new-delegation">
            {t('investment.delegations.record')}
          </a>
        )}
      </div>
      <p className="hint">{t('investment.delegations.intro')}</p>
      <section className="card" aria-labelledby="delegation-totals-title">
        <h2 id="delegation-totals-title">{t('investment.delegations.totals')}</h2>
        <QueryStatus fetching={fetching && !totals} error={error} what={t('investment.delegations.totalsWhat')} />
        {sum && (
          <>
            <ValueCreated results={sum} testId="delegation-totals" />
            <p className="muted small">
              {t('investment.delegations.count', { count: sum.delegationCount })} · {t('investment.delegations.followUps', { count: sum.followUpCount })} ·{' '}
              {t('investment.delegations.visitors', { count: sum.visitorCount })}
            </p>
          </>
        )}
      </section>
      <table className="firm-table data-table" data-testid="delegations">
        <caption className="visually-hidden">{t('investment.delegations.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('investment.delegations.delegation')}</th>
            <th scope="col">{t('investment.common.origin')}</th>
            <th scope="col">{t('investment.common.sector')}</th>
            <th scope="col">{t('investment.delegations.visit')}</th>
            <th scope="col">{t('investment.delegations.hosts')}</th>
            <th scope="col" className="numeric">
              {t('investment.delegations.figures')}
            </th>
          </tr>
        </thead>
        <Paged renderPage={(page) => <DelegationRows {...page} />} />
      </table>
    </section>
  );
}

function DelegationRows({ after, ...page }: PageProps) {
  const { t } = useTranslation();
  const [{ data, fetching, error }] = useInvestmentDelegationsQuery({ variables: { first: PAGE_SIZE, after }, context: DELEGATION_TYPES });
  const edges = data?.delegations.edges ?? [];
  const footer = PageFooter({ ...page, inline: true, what: t('investment.delegations.what'), fetching, error, count: data ? edges.length : null, pageInfo: data?.delegations.pageInfo, emptyText: t('investment.delegations.none') });
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
  const { t } = useTranslation();
  const receptions = organisationsWhere(me, actingFor, 'record').filter((o) => o.kind === 'INVESTMENT_PROMOTION_AGENCY');
  const [receptionId, setReceptionId] = useState(receptions[0]?.id ?? '');
  const [name, setName] = useState('');
  // The ISO code; null while the text typed names no country.
  const [originCountry, setOriginCountry] = useState<string | null>('');
  const [local, setLocal] = useState<UserErrorLike[]>([]);
  const [sector, setSector] = useState<SectorFocus>('CLEANTECH');
  const [startsOn, setStartsOn] = useState('');
  const [endsOn, setEndsOn] = useState('');
  const [visitors, setVisitors] = useState('');
  const [programme, setProgramme] = useState('');
  const [hosts, setHosts] = useState<string[]>([]);
  const [{ data: municipalities }] = useInvestmentReceptionMunicipalitiesQuery({ variables: { receptionOrganisationId: receptionId }, pause: !receptionId });
  const [{ data, error, fetching }, create] = useInvestmentCreateDelegationMutation();
  const userErrors: UserErrorLike[] = [...local, ...(data?.createDelegation.userErrors ?? [])];
  const formId = 'delegation';
  const choices = [...(municipalities?.receptionMunicipalities ?? [])].sort((a, b) => a.municipality.name.localeCompare(b.municipality.name));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const visitorCount = wholeNumberInput(visitors);
    const errors: UserErrorLike[] = [];
    if (originCountry === null) errors.push({ field: ['input', 'originCountry'], message: t('investment.error.originCountry.INVALID') });
    if (visitorCount === -1) errors.push({ field: ['input', 'visitorCount'], message: t('investment.new.notWhole') });
    setLocal(errors);
    if (errors.length) return;
    const result = await create({
      input: {
        receptionOrganisationId: receptionId,
        name: name.trim(),
        originCountry: originCountry ?? '',
        sectorFocus: sector,
        visitStartsOn: startsOn,
        visitEndsOn: endsOn,
        hostMunicipalityIds: hosts,
        ...(visitorCount !== undefined ? { visitorCount } : {}),
        ...(programme.trim() ? { programme } : {}),
      },
    });
    const d = result.data?.createDelegation;
    if (d?.delegation && d.userErrors.length === 0) navigate({ page: 'area', area: 'investment', parts: ['delegations', d.delegation.id], params: {} });
  }

  if (receptions.length === 0) return <p role="status">{t('investment.delegationNew.noReception')}</p>;
  const shown = ['receptionOrganisationId', 'name', 'originCountry', 'sectorFocus', 'visitStartsOn', 'visitEndsOn', 'visitorCount', 'programme', 'hostMunicipalityIds', ...hosts.map((_, i) => `hostMunicipalityIds.${i}`)];
  return (
    <Form className="card" onSubmit={submit} noValidate aria-labelledby="new-delegation-title" data-testid="delegation-form">
      <h1 id="new-delegation-title">{t('investment.delegationNew.title')}</h1>
      {receptions.length > 1 && (
        <>
          <label htmlFor="delegation-reception">{t('investment.delegationNew.reception')}</label>
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
      <label htmlFor="delegation-name">{t('investment.delegationNew.name')}</label>
      <input id="delegation-name" value={name} onChange={(e) => setName(e.target.value)} {...invalidProps(userErrors, 'name', formId)} />
      <FieldError errors={userErrors} field="name" formId={formId} />
      <label htmlFor="delegation-origin">{t('investment.delegationNew.country')}</label>
      <CountrySelect
        id="delegation-origin"
        value={originCountry ?? ''}
        onChange={setOriginCountry}
        invalid={!!invalidProps(userErrors, 'originCountry', formId)['aria-invalid']}
        describedBy={invalidProps(userErrors, 'originCountry', formId)['aria-describedby']}
      />
      <FieldError errors={userErrors} field="originCountry" formId={formId} />
      <label htmlFor="delegation-sector">{t('investment.delegationNew.sector')}</label>
      <select id="delegation-sector" value={sector} onChange={(e) => setSector(e.target.value as SectorFocus)}>
        {SECTORS.map((s) => (
          <option key={s} value={s}>
            {sectorLabel(s)}
          </option>
        ))}
      </select>
      <div className="field-row">
        <div>
          <label htmlFor="delegation-starts">{t('investment.delegationNew.firstDay')}</label>
          <DateInput id="delegation-starts" value={startsOn} onChange={(v) => setStartsOn(v)} {...invalidProps(userErrors, 'visitStartsOn', formId)} />
          <FieldError errors={userErrors} field="visitStartsOn" formId={formId} />
        </div>
        <div>
          <label htmlFor="delegation-ends">{t('investment.delegationNew.lastDay')}</label>
          <DateInput id="delegation-ends" value={endsOn} onChange={(v) => setEndsOn(v)} {...invalidProps(userErrors, 'visitEndsOn', formId)} />
          <FieldError errors={userErrors} field="visitEndsOn" formId={formId} />
        </div>
        <div>
          <label htmlFor="delegation-visitors">{t('investment.delegationNew.visitors')}</label>
          <input id="delegation-visitors" inputMode="numeric" value={visitors} onChange={(e) => setVisitors(e.target.value)} {...invalidProps(userErrors, 'visitorCount', formId)} />
          <FieldError errors={userErrors} field="visitorCount" formId={formId} />
        </div>
      </div>
      <label htmlFor="delegation-programme">{t('investment.delegationNew.programme')}</label>
      <textarea id="delegation-programme" rows={3} value={programme} onChange={(e) => setProgramme(e.target.value)} />
      <fieldset className="checkbox-list columns" aria-describedby={`${formId}-hosts-hint`}>
        <legend>{t('investment.delegationNew.hosts')}</legend>
        <p className="hint full-row" id={`${formId}-hosts-hint`}>{t('investment.delegationNew.hostsHint')}</p>
        {choices.map((m) => (
          <label key={m.id} className="checkbox">
            <input
              type="checkbox"
              checked={hosts.includes(m.municipality.id)}
              onChange={(e) => setHosts((h) => (e.target.checked ? [...h, m.municipality.id] : h.filter((x) => x !== m.municipality.id)))}
            />
            {/* One flex item: the marker follows the name (it was a column of its own, wrapping under itself). */}
            <span>
              {m.municipality.name}
              {m.pilot && <span className="muted small nowrap"> · {t('investment.delegationNew.pilot')}</span>}
            </span>
          </label>
        ))}
      </fieldset>
      <FieldError errors={userErrors} field="hostMunicipalityIds" formId={formId} />
      <FormErrors errors={userErrors} shownKeys={shown.filter((k) => !k.startsWith('hostMunicipalityIds.'))} error={error} areas={['investment']} />
      <FormActions pending={fetching} disabled={!can(me, actingFor, receptionId, 'record')} submitLabel={t('investment.delegationNew.submit')} pendingLabel={t('investment.common.saving')}>
        <a href={areaHref('investment')}>{t('investment.common.cancel')}</a>
      </FormActions>
    </Form>
  );
}
