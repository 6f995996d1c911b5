import { useMunicipalityFirmsQuery, useOrganisationMembersQuery, useOrganisationProfileQuery } from '../generated/graphql';
import { FirmPageRows, PAGE_SIZE, PagedFirmTable, type FirmPageProps } from '../ui/FirmTable';
import { organisationHref } from '../routing';
import { countryName, humanize } from '../ui/labels';
import { QueryStatus } from '../ui/Status';
import { groupRelationships } from './relationships';

export function OrganisationProfile({ id, showMembers }: { id: string; showMembers: boolean }) {
  const [{ data, fetching, error }] = useOrganisationProfileQuery({ variables: { id } });
  const org = data?.organisation;
  if (!org) {
    return (
      <>
        <QueryStatus fetching={fetching} error={error} what="the organisation" />
        {data && <p role="status">This organisation does not exist.</p>}
      </>
    );
  }
  const groups = groupRelationships(org.id, org.relationships);
  return (
    <article className="profile" aria-labelledby="organisation-title" data-testid="organisation-profile">
      <div className="card">
        <h1 id="organisation-title">{org.name}</h1>
        {org.description && <p>{org.description}</p>}
        <dl className="facts">
          <dt>Kind</dt>
          <dd data-testid="organisation-kind">{humanize(org.kind)}</dd>
          <dt>Country</dt>
          <dd>{countryName(org.country)}</dd>
          <dt>Official code</dt>
          <dd className="mono">{org.officialCode ?? '—'}</dd>
          <dt>Region</dt>
          <dd>{org.region ? <a href={organisationHref(org.region.id)}>{org.region.name}</a> : '—'}</dd>
          {org.website && (
            <>
              <dt>Website</dt>
              <dd>
                <a href={org.website} rel="noopener noreferrer" target="_blank">
                  {org.website}
                </a>
              </dd>
            </>
          )}
        </dl>
      </div>

      <section className="card" aria-labelledby="relationships-title" data-testid="relationships">
        <h2 id="relationships-title">Relationships</h2>
        {groups.length === 0 ? (
          <p className="muted">No relationships recorded.</p>
        ) : (
          <>
            <p className="hint">→ from {org.name} to the other organisation; ← from the other organisation to {org.name}.</p>
            <div className="relationship-groups">
              {groups.map((group) => (
                <section key={group.kind} className="relationship-group" data-testid="relationship-group" data-kind={group.kind}>
                  <h3>
                    {humanize(group.kind)} <span className="count">{group.items.length}</span>
                  </h3>
                  <ul className="link-list">
                    {group.items.map((item) => (
                      <li key={item.id}>
                        <span className="direction" aria-hidden="true">
                          {item.direction === 'outgoing' ? '→' : '←'}
                        </span>{' '}
                        <span className="visually-hidden">{item.direction === 'outgoing' ? `${org.name} ${humanize(group.kind).toLowerCase()}` : ''}</span>
                        <a href={organisationHref(item.other.id)}>{item.other.name}</a>
                        <span className="visually-hidden">{item.direction === 'incoming' ? ` ${humanize(group.kind).toLowerCase()} ${org.name}` : ''}</span>
                        <span className="muted"> · {humanize(item.other.kind)}</span>
                      </li>
                    ))}
                  </ul>
                </section>
              ))}
            </div>
          </>
        )}
      </section>

      {showMembers && <Members id={org.id} />}

      {org.kind === 'MUNICIPALITY' && (
        <section className="card" aria-labelledby="municipality-firms-title">
          <h2 id="municipality-firms-title">Firms in {org.name}</h2>
          <PagedFirmTable caption={`Firms in ${org.name}`} showMunicipality={false} renderPage={(page) => <MunicipalityFirmsPage {...page} id={org.id} />} />
        </section>
      )}
    </article>
  );
}

function MunicipalityFirmsPage({ id, after, ...page }: FirmPageProps & { id: string }) {
  const [{ data, fetching, error }] = useMunicipalityFirmsQuery({ variables: { id, first: PAGE_SIZE, after } });
  return (
    <FirmPageRows {...page} connection={data?.organisation?.firms} fetching={fetching} error={error} emptyText="No firms recorded in this municipality." />
  );
}

function Members({ id }: { id: string }) {
  const [{ data, fetching, error }] = useOrganisationMembersQuery({ variables: { id } });
  const members = data?.organisation?.members ?? [];
  return (
    <section className="card" aria-labelledby="members-title" data-testid="members">
      <h2 id="members-title">Members</h2>
      <QueryStatus fetching={fetching && !data} error={error} what="the members" />
      {data && (
        <ul className="link-list">
          {members.map((m) => (
            <li key={m.id}>
              {m.user.displayName} <span className="muted">· {humanize(m.role)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
