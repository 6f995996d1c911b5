import { PageFooter, type PageProps, Paged } from '../ui/paging';
import { useClusterListQuery } from '../generated/graphql';
import { areaHref } from '../routing';
import { useTranslation } from 'react-i18next';

/** National clusters with their regional offices. */
export function ClusterListPage() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="clusters-title">
      <h1 id="clusters-title">{t('clusters.list.title')}</h1>
      <p className="muted">{t('clusters.list.hint')}</p>
      <ul className="programme-list" data-testid="cluster-list">
        <Paged renderPage={(page) => <ClusterRows {...page} />} />
      </ul>
    </section>
  );
}

function ClusterRows(page: PageProps) {
  const { t } = useTranslation();
  const [{ data, fetching, error }] = useClusterListQuery({ variables: { first: 20, after: page.after } });
  const connection = data?.clusters;
  return (
    <>
      {connection?.edges.map(({ node: c }) => (
        <li key={c.id} className="card" data-testid="cluster-item">
          <h2>
            <a href={areaHref('clusters', [c.id])}>{c.name}</a>
          </h2>
          {c.organisation.description && <p>{c.organisation.description}</p>}
          <p className="muted">
            {t('clusters.list.members', { count: c.memberCounts.total })} ·{' '}
            {c.offices.length === 0
              ? t('clusters.list.noOffices')
              : c.offices.map((o) => `${o.name}${o.hostMunicipality ? ` ${t('clusters.list.hostedBy', { name: o.hostMunicipality.name })}` : ''}`).join(', ')}
          </p>
        </li>
      ))}
      <li className="list-footer">
        <PageFooter page={page} fetching={fetching} error={error} count={connection?.edges.length} pageInfo={connection?.pageInfo} what={t('clusters.list.what')} emptyText={t('clusters.list.none')} />
      </li>
    </>
  );
}
