import { formatAmount } from '../ui/format';
import { PAGE_SIZE, PageFooter, type PageProps, Paged } from '../ui/paging';
import { useInvestmentInquiriesQuery, useInvestmentPipelineQuery, type InquiryState, type InvestmentInquiryListItemFragment } from '../generated/graphql';
import { areaHref, navigate } from '../routing';
import { QueryStatus } from '../ui/Status';
import { sectorLabel } from './labels';
import { countryLabel, INQUIRY_STATES, inquiryTitle, ROLE_LABELS, STATE_LABELS } from './pipeline';

const INQUIRY_TYPES = { additionalTypenames: ['EstablishmentInquiry'] };

export function StateBadge({ state, testId }: { state: InquiryState; testId?: string }) {
  return (
    <span className={`status-badge state-${state.toLowerCase()}`} data-testid={testId} data-state={state}>
      {STATE_LABELS[state]}
    </span>
  );
}

/** The case's name: the confidential project name when the API returns it (marked so), otherwise the neutral code name. */
export function InquiryName({ inquiry }: { inquiry: Pick<InvestmentInquiryListItemFragment, 'codeName' | 'confidentialProjectName'> }) {
  const { title, confidential } = inquiryTitle(inquiry);
  return (
    <>
      <span data-testid="inquiry-name">{title}</span>
      {confidential && (
        <span className="confidential" title="Confidential: only those handling the case see this name">
          Confidential
        </span>
      )}
    </>
  );
}

/** #/investment/inquiries: the establishment pipeline, counts per state, projected vs realised figures. */
export function InquiriesPage({ state }: { state: string }) {
  const [{ data, fetching, error }] = useInvestmentPipelineQuery({ context: INQUIRY_TYPES });
  const p = data?.establishmentPipeline;
  const filter = (INQUIRY_STATES as string[]).includes(state) ? (state as InquiryState) : null;
  const counts: Record<InquiryState, number> | null = p ? { LEAD: p.lead, ACTIVE: p.active, DELAYED: p.delayed, ELIMINATED: p.eliminated, SUCCESSFUL: p.successful } : null;
  const setFilter = (s: InquiryState | null) => navigate({ page: 'area', area: 'investment', parts: ['inquiries'], params: s ? { state: s } : {} });
  return (
    <section aria-labelledby="inquiries-title">
      <div className="card-heading">
        <h1 id="inquiries-title">Establishment inquiries</h1>
        <a className="button-link primary" href={areaHref('investment', ['inquiries', 'new'])} data-testid="new-inquiry">
          Record an inquiry
        </a>
      </div>
      <p className="hint">Inbound inquiries from a national or investment agency, routed to a regional coordinator and a group of municipalities.</p>
      <section className="card" aria-labelledby="pipeline-title">
        <h2 id="pipeline-title">Pipeline</h2>
        <QueryStatus fetching={fetching && !data} error={error} what="the pipeline" />
        <div className="pipeline" role="group" aria-label="Filter by state" data-testid="pipeline">
          <button type="button" aria-pressed={filter === null} onClick={() => setFilter(null)}>
            All
          </button>
          {INQUIRY_STATES.map((s) => (
            <button key={s} type="button" aria-pressed={filter === s} onClick={() => setFilter(s)} data-testid={`pipeline-${s}`}>
              {STATE_LABELS[s]} <span className="count">{counts ? counts[s] : '…'}</span>
            </button>
          ))}
        </div>
        {p && (
          <dl className="facts figures" data-testid="pipeline-figures">
            <dt>Projected jobs, open cases</dt>
            <dd>
              {p.projectedJobsOpen} <span className="muted small">(expectations, not results)</span>
            </dd>
            <dt>Realised jobs, successful cases</dt>
            <dd>{p.realisedJobs}</dd>
            <dt>Realised investment</dt>
            <dd>{formatAmount(p.realisedInvestmentSek, 'SEK')}</dd>
          </dl>
        )}
      </section>
      <table className="firm-table data-table" data-testid="inquiries">
        <caption className="visually-hidden">Establishment inquiries{filter ? ` in state ${STATE_LABELS[filter]}` : ''}</caption>
        <thead>
          <tr>
            <th scope="col">Case</th>
            <th scope="col">State</th>
            <th scope="col">Sector</th>
            <th scope="col">Origin</th>
            <th scope="col" className="numeric">
              Jobs projected / realised
            </th>
            <th scope="col">Your role</th>
          </tr>
        </thead>
        <Paged key={filter ?? 'all'} renderPage={(page) => <InquiryRows {...page} state={filter} />} />
      </table>
    </section>
  );
}

function InquiryRows({ after, state, ...page }: PageProps & { state: InquiryState | null }) {
  const [{ data, fetching, error }] = useInvestmentInquiriesQuery({ variables: { filter: state ? { state } : null, first: PAGE_SIZE, after }, context: INQUIRY_TYPES });
  const edges = data?.establishmentInquiries.edges ?? [];
  const footer = PageFooter({ ...page, inline: true, what: 'inquiries', fetching, error, count: data ? edges.length : null, pageInfo: data?.establishmentInquiries.pageInfo, emptyText: 'No inquiries.' });
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
                {i.projectedJobs ?? '—'} / {i.realisedJobs ?? '—'}
              </td>
              <td>{ROLE_LABELS[i.myRole]}</td>
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
