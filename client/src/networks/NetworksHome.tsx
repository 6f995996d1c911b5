import { formatAmount } from '../ui/format';
import { PAGE_SIZE, PageFooter, type PageProps, Paged } from '../ui/paging';
import { useState } from 'react';
import {
  useMyNetworksQuery,
  useNetworkFundingApplicationsQuery,
  useNetworkFundingPoolsQuery,
  type FundingApplicationStatus,
} from '../generated/graphql';
import { areaHref, organisationHref } from '../routing';
import { StatusBadge, STATUS_LABELS } from './labels';

const APPLICATION_TYPES = { additionalTypenames: ['FundingApplication'] };

/** #/networks: the user's networks, their funding applications, and the pools to apply to. */
export function NetworksHome() {
  const [status, setStatus] = useState<FundingApplicationStatus | ''>('');
  return (
    <section aria-labelledby="networks-title">
      <h1 id="networks-title">Networks</h1>
      <section className="card" aria-labelledby="my-networks-title">
        <h2 id="my-networks-title">My networks</h2>
        <p className="hint">Networks your organisations own or are the secretariat for.</p>
        <ul className="link-list" data-testid="my-networks">
          <Paged renderPage={(page) => <NetworksPage {...page} />} />
        </ul>
      </section>

      <section className="card" aria-labelledby="applications-title">
        <div className="card-heading">
          <h2 id="applications-title">Funding applications</h2>
          <a className="button-link primary" href={areaHref('networks', ['applications', 'new'])} data-testid="new-application">
            New application
          </a>
        </div>
        <p className="hint">Your organisations' applications, and submitted applications to pools your organisations own.</p>
        <label className="inline-field">
          <span>Status</span>
          <select value={status} onChange={(e) => setStatus(e.target.value as FundingApplicationStatus | '')} data-testid="application-status-filter">
            <option value="">All</option>
            {Object.entries(STATUS_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <table className="firm-table data-table" data-testid="funding-applications">
          <caption className="visually-hidden">Funding applications</caption>
          <thead>
            <tr>
              <th scope="col">Project</th>
              <th scope="col">Pool</th>
              <th scope="col">Applicant</th>
              <th scope="col">Status</th>
              <th scope="col" className="numeric">
                Total applied for
              </th>
            </tr>
          </thead>
          <Paged key={status} renderPage={(page) => <ApplicationsPage {...page} status={status || null} />} />
        </table>
      </section>

      <section className="card" aria-labelledby="pools-title">
        <h2 id="pools-title">Funding pools</h2>
        <ul className="link-list" data-testid="funding-pools">
          <Paged renderPage={(page) => <PoolsPage {...page} />} />
        </ul>
      </section>
    </section>
  );
}

function NetworksPage({ after, ...page }: PageProps) {
  const [{ data, fetching, error }] = useMyNetworksQuery({ variables: { first: PAGE_SIZE, after } });
  const edges = data?.networks.edges ?? [];
  const footer = PageFooter({ ...page, inline: true, what: 'networks', fetching, error, count: data ? edges.length : null, pageInfo: data?.networks.pageInfo, emptyText: 'None of your organisations has a network.' });
  return (
    <>
      {edges.map(({ node }) => (
        <li key={node.id} data-testid="network-item">
          <a href={areaHref('networks', [node.id])}>{node.name}</a>
          <span className="muted">
            {' '}
            · {node.memberCount} members · owned by {node.owner.name}
            {node.secretariat ? ` · secretariat ${node.secretariat.name}` : ''}
          </span>
        </li>
      ))}
      {footer && <li className="list-footer">{footer}</li>}
    </>
  );
}

function ApplicationsPage({ after, status, ...page }: PageProps & { status: FundingApplicationStatus | null }) {
  const [{ data, fetching, error }] = useNetworkFundingApplicationsQuery({
    variables: { filter: status ? { status } : null, first: PAGE_SIZE, after },
    context: APPLICATION_TYPES,
  });
  const edges = data?.fundingApplications.edges ?? [];
  const footer = PageFooter({ ...page, inline: true, what: 'applications', fetching, error, count: data ? edges.length : null, pageInfo: data?.fundingApplications.pageInfo, emptyText: 'No applications.' });
  return (
    <>
      {edges.length > 0 && (
        <tbody>
          {edges.map(({ node }) => (
            <tr key={node.id} data-testid="funding-application-row">
              <th scope="row">
                <a href={areaHref('networks', ['applications', node.id])}>{node.projectName}</a>
                {node.network && <div className="muted small">{node.network.name}</div>}
              </th>
              <td>{node.pool.name}</td>
              <td>
                <a href={organisationHref(node.applicant.id)}>{node.applicant.name}</a>
              </td>
              <td>
                <StatusBadge status={node.status} />
              </td>
              <td className="numeric">{formatAmount(node.totalAmount, 'DKK')}</td>
            </tr>
          ))}
        </tbody>
      )}
      {footer && (
        <tbody className="table-footer">
          <tr>
            <td colSpan={5}>{footer}</td>
          </tr>
        </tbody>
      )}
    </>
  );
}

function PoolsPage({ after, ...page }: PageProps) {
  const [{ data, fetching, error }] = useNetworkFundingPoolsQuery({ variables: { first: PAGE_SIZE, after } });
  const edges = data?.fundingPools.edges ?? [];
  const footer = PageFooter({ ...page, inline: true, what: 'pools', fetching, error, count: data ? edges.length : null, pageInfo: data?.fundingPools.pageInfo, emptyText: 'No funding pools yet.' });
  return (
    <>
      {edges.map(({ node }) => (
        <li key={node.id} data-testid="funding-pool">
          <strong>{node.name}</strong>
          <span className="muted"> · decided by {node.owner.name}</span>
          {node.description && <div className="muted small">{node.description}</div>}
        </li>
      ))}
      {footer && <li className="list-footer">{footer}</li>}
    </>
  );
}
