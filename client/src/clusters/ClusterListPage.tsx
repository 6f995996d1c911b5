import { PageFooter, type PageProps, Paged } from '../ui/paging';
import { useClusterListQuery } from '../generated/graphql';
import { areaHref } from '../routing';

/** National clusters with their regional offices. */
export function ClusterListPage() {
  return (
    <section aria-labelledby="clusters-title">
      <h1 id="clusters-title">Clusters</h1>
      <p className="muted">National clusters, their regional offices and the municipalities hosting them.</p>
      <ul className="programme-list" data-testid="cluster-list">
        <Paged renderPage={(page) => <ClusterRows {...page} />} />
      </ul>
    </section>
  );
}

function ClusterRows(page: PageProps) {
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
            {c.memberCounts.total} members ·{' '}
            {c.offices.length === 0
              ? 'no regional offices'
              : c.offices.map((o) => `${o.name}${o.hostMunicipality ? ` (hosted by ${o.hostMunicipality.name})` : ''}`).join(', ')}
          </p>
        </li>
      ))}
      <li className="list-footer">
        <PageFooter page={page} fetching={fetching} error={error} count={connection?.edges.length} pageInfo={connection?.pageInfo} what="clusters" emptyText="No clusters recorded." />
      </li>
    </>
  );
}
