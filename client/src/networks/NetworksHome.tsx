import { formatAmount } from '../ui/format';
import { PAGE_SIZE, PageFooter, type PageProps, Paged } from '../ui/paging';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { t } from '../ui/i18n';
import { CreateFundingPoolForm, CreateNetworkForm } from './NetworkForms';
import {
  useMyNetworksQuery,
  useNetworkFundingApplicationsQuery,
  useNetworkFundingPoolsQuery,
  type FundingApplicationStatus,
  type MeQuery,
} from '../generated/graphql';
import { areaHref, organisationHref } from '../routing';
import { StatusBadge, STATUSES, statusLabel } from './labels';

const APPLICATION_TYPES = { additionalTypenames: ['FundingApplication'] };

/** #/networks: the user's networks, their funding applications, and the pools to apply to. */
export function NetworksHome({ me, actingFor }: { me: MeQuery['me']; actingFor: string | null }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<FundingApplicationStatus | ''>('');
  return (
    <section aria-labelledby="networks-title">
      <div className="card-heading">
        <h1 id="networks-title">{t('networks.home.title')}</h1>
      </div>
      <CreateNetworkForm me={me} actingFor={actingFor} />
      <section className="card" aria-labelledby="my-networks-title">
        <h2 id="my-networks-title">{t('networks.home.mine')}</h2>
        <p className="hint">{t('networks.home.mineHint')}</p>
        <ul className="link-list" data-testid="my-networks">
          <Paged renderPage={(page) => <NetworksPage {...page} />} />
        </ul>
      </section>

      <section className="card" aria-labelledby="applications-title">
        <div className="card-heading">
          <h2 id="applications-title">{t('networks.home.applications')}</h2>
          <a className="button-link primary" href={areaHref('networks', ['applications', 'new'])} data-testid="new-application">
            {t('networks.home.newApplication')}
          </a>
        </div>
        <p className="hint">{t('networks.home.applicationsHint')}</p>
        <label className="inline-field">
          <span>{t('networks.home.status')}</span>
          <select value={status} onChange={(e) => setStatus(e.target.value as FundingApplicationStatus | '')} data-testid="application-status-filter">
            <option value="">{t('networks.home.all')}</option>
            {STATUSES.map((value) => (
              <option key={value} value={value}>
                {statusLabel(value)}
              </option>
            ))}
          </select>
        </label>
        <table className="firm-table data-table" data-testid="funding-applications">
          <caption className="visually-hidden">{t('networks.home.applications')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('networks.home.col.project')}</th>
              <th scope="col">{t('networks.home.col.pool')}</th>
              <th scope="col">{t('networks.home.col.applicant')}</th>
              <th scope="col">{t('networks.home.status')}</th>
              <th scope="col" className="numeric">
                {t('networks.home.col.total')}
              </th>
            </tr>
          </thead>
          <Paged key={status} renderPage={(page) => <ApplicationsPage {...page} status={status || null} />} />
        </table>
      </section>

      <section className="card" aria-labelledby="pools-title">
        <h2 id="pools-title">{t('networks.home.pools')}</h2>
        <CreateFundingPoolForm me={me} actingFor={actingFor} />
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
  const footer = PageFooter({ ...page, inline: true, what: t('networks.home.what.networks'), fetching, error, count: data ? edges.length : null, pageInfo: data?.networks.pageInfo, emptyText: t('networks.home.noNetworks') });
  return (
    <>
      {edges.map(({ node }) => (
        <li key={node.id} data-testid="network-item">
          <a href={areaHref('networks', [node.id])}>{node.name}</a>
          <span className="muted">
            {' '}
            · {t('networks.home.members', { count: node.memberCount })} · {t('networks.home.ownedBy', { name: node.owner.name })}
            {node.secretariat ? ` · ${t('networks.home.secretariat', { name: node.secretariat.name })}` : ''}
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
  const footer = PageFooter({ ...page, inline: true, what: t('networks.home.what.applications'), fetching, error, count: data ? edges.length : null, pageInfo: data?.fundingApplications.pageInfo, emptyText: t('networks.home.noApplications') });
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
  const footer = PageFooter({ ...page, inline: true, what: t('networks.home.what.pools'), fetching, error, count: data ? edges.length : null, pageInfo: data?.fundingPools.pageInfo, emptyText: t('networks.home.noPools') });
  return (
    <>
      {edges.map(({ node }) => (
        <li key={node.id} data-testid="funding-pool">
          <strong>{node.name}</strong>
          <span className="muted"> · {t('networks.home.decidedBy', { name: node.owner.name })}</span>
          {node.description && <div className="muted small">{node.description}</div>}
        </li>
      ))}
      {footer && <li className="list-footer">{footer}</li>}
    </>
  );
}
