import { useTranslation } from 'react-i18next';
import { formatAmount, formatNumber } from '../ui/format';
import { PAGE_SIZE, PageFooter, type PageProps, Paged } from '../ui/paging';
import { useInvestmentInquiriesQuery, useInvestmentPipelineQuery, type InquiryState, type InvestmentInquiryListItemFragment } from '../generated/graphql';
import { areaHref, navigate } from '../routing';
import { QueryStatus } from '../ui/Status';
import { INQUIRY_STATES, roleLabel, sectorLabel, stateLabel } from './labels';
import { countryLabel, inquiryTitle } from './pipeline';

const INQUIRY_TYPES = { additionalTypenames: ['EstablishmentInquiry'] };

export function StateBadge({ state, testId }: { state: InquiryState; testId?: string }) {
  return (
    <span className={`status-badge state-${state.toLowerCase()}`} data-testid={testId} data-state={state}>
      {stateLabel(state)}
    </span>
  );
}

/** The case's name: the confidential project name when the API returns it (marked so), otherwise the neutral code name. */
export function InquiryName({ inquiry }: { inquiry: Pick<InvestmentInquiryListItemFragment, 'codeName' | 'confidentialProjectName'> }) {
  const { t } = useTranslation();
  const { title, confidential } = inquiryTitle(inquiry);
  return (
    <>
      <span data-testid="inquiry-name">{title}</span>
      {confidential && (
        <span className="confidential" title={t('investment.inquiries.confidentialTitle')}>
          {t('investment.inquiries.confidential')}
        </span>
      )}
    </>
  );
}

/** #/investment/inquiries: the establishment pipeline, counts per state, projected vs realised figures. */
export function InquiriesPage({ state }: { state: string }) {
  const { t } = useTranslation();
  const [{ data, fetching, error }] = useInvestmentPipelineQuery({ context: INQUIRY_TYPES });
  const p = data?.establishmentPipeline;
  const filter = (INQUIRY_STATES as string[]).includes(state) ? (state as InquiryState) : null;
  const counts: Record<InquiryState, number> | null = p ? { LEAD: p.lead, ACTIVE: p.active, DELAYED: p.delayed, ELIMINATED: p.eliminated, SUCCESSFUL: p.successful } : null;
  const setFilter = (s: InquiryState | null) => navigate({ page: 'area', area: 'investment', parts: ['inquiries'], params: s ? { state: s } : {} });
  return (
    <section aria-labelledby="inquiries-title">
      <div className="card-heading">
        <h1 id="inquiries-title">{t('investment.inquiries.title')}</h1>
        <a className="button-link primary" href={areaHref('investment', ['inquiries', 'new'])} data-testid="new-inquiry">
          {t('investment.inquiries.record')}
        </a>
      </div>
      <p className="hint">{t('investment.inquiries.intro')}</p>
      <section className="card" aria-labelledby="pipeline-title">
        <h2 id="pipeline-title">{t('investment.inquiries.pipeline')}</h2>
        <QueryStatus fetching={fetching && !data} error={error} what={t('investment.inquiries.pipelineWhat')} />
        <div className="pipeline" role="group" aria-label={t('investment.inquiries.filterByState')} data-testid="pipeline">
          <button type="button" aria-pressed={filter === null} onClick={() => setFilter(null)}>
            {t('investment.inquiries.all')}
          </button>
          {INQUIRY_STATES.map((s) => (
            <button key={s} type="button" aria-pressed={filter === s} onClick={() => setFilter(s)} data-testid={`pipeline-${s}`}>
              {stateLabel(s)} <span className="count">{counts ? counts[s] : '…'}</span>
            </button>
          ))}
        </div>
        {p && (
          <dl className="facts figures" data-testid="pipeline-figures">
            <dt>{t('investment.inquiries.projectedOpen')}</dt>
            <dd>
              {formatNumber(p.projectedJobsOpen)} <span className="muted small">{t('investment.inquiries.expectations')}</span>
            </dd>
            <dt>{t('investment.inquiries.realisedJobs')}</dt>
            <dd>{formatNumber(p.realisedJobs)}</dd>
            <dt>{t('investment.inquiries.realisedInvestment')}</dt>
            <dd>{formatAmount(p.realisedInvestmentSek, 'SEK')}</dd>
          </dl>
        )}
      </section>
      <table className="firm-table data-table" data-testid="inquiries">
        <caption className="visually-hidden">{filter ? t('investment.inquiries.captionState', { state: stateLabel(filter) }) : t('investment.inquiries.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('investment.inquiries.case')}</th>
            <th scope="col">{t('investment.common.state')}</th>
            <th scope="col">{t('investment.common.sector')}</th>
            <th scope="col">{t('investment.common.origin')}</th>
            <th scope="col" className="numeric">
              {t('investment.inquiries.jobs')}
            </th>
            <th scope="col">{t('investment.common.yourRole')}</th>
          </tr>
        </thead>
        <Paged key={filter ?? 'all'} renderPage={(page) => <InquiryRows {...page} state={filter} />} />
      </table>
    </section>
  );
}

function InquiryRows({ after, state, ...page }: PageProps & { state: InquiryState | null }) {
  const { t } = useTranslation();
  const [{ data, fetching, error }] = useInvestmentInquiriesQuery({ variables: { filter: state ? { state } : null, first: PAGE_SIZE, after }, context: INQUIRY_TYPES });
  const edges = data?.establishmentInquiries.edges ?? [];
  const footer = PageFooter({ ...page, inline: true, what: t('investment.inquiries.what'), fetching, error, count: data ? edges.length : null, pageInfo: data?.establishmentInquiries.pageInfo, emptyText: t('investment.inquiries.none') });
  return (
    <>
      {edges.length > 0 && (
        <tbody>
          {edges.map(({ node: i }) => (
            <tr key={i.id} data-testid="inquiry-row" data-code-name={i.codeName}>
              <th scope="row">
                <a href={areaHref('investment', ['inquiries', i.id])}>
                  <InquiryName inquiry={i} />
                </a>
                <div className="muted small mono">
                  {i.confidentialProjectName ? `${i.codeName} · ` : ''}
                  {i.coordinator.name}
                </div>
              </th>
              <td>
                <StateBadge state={i.state} />
              </td>
              <td>{sectorLabel(i.sector)}</td>
              <td>{countryLabel(i.originCountry)}</td>
              <td className="numeric">
                {formatNumber(i.projectedJobs)} / {formatNumber(i.realisedJobs)}
              </td>
              <td>{roleLabel(i.myRole)}</td>
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
