import {
  useConfirmOrganisationRelationshipMutation,
  useDeclineOrganisationRelationshipMutation,
  useMunicipalityFirmsQuery,
  useOrganisationMembersQuery,
  useOrganisationProfileQuery,
} from '../generated/graphql';
import { FirmPageRows, PAGE_SIZE, PagedFirmTable, type FirmPageProps } from '../ui/FirmTable';
import { organisationHref } from '../routing';
import { countryName, humanize } from '../ui/labels';
import { QueryStatus } from '../ui/Status';
import { groupRelationships, type RelationshipView } from './relationships';

export function OrganisationProfile({ id, showMembers, administeredIds = [] }: { id: string; showMembers: boolean; administeredIds?: readonly string[] }) {
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
  const groups = groupRelationships(org.id, org.relationships, administeredIds);
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
                        <RelationshipState item={item} />
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

/**
 * A relationship not in force (PROPOSED: awaiting the other side; DECLINED) changes nothing and is shown
 * only to the two sides; the side that did not propose it confirms or declines it here.
 */
function RelationshipState({ item }: { item: RelationshipView }) {
  const [confirmState, confirm] = useConfirmOrganisationRelationshipMutation();
  const [declineState, decline] = useDeclineOrganisationRelationshipMutation();
  if (item.state === 'ACTIVE') return null;
  const busy = confirmState.fetching || declineState.fetching;
  const problem =
    confirmState.data?.confirmOrganisationRelationship.userErrors[0]?.message ??
    declineState.data?.declineOrganisationRelationship.userErrors[0]?.message ??
    (confirmState.error || declineState.error ? 'The answer could not be saved.' : null);
  return (
    <>
      <span className="badge" data-testid="relationship-state">
        {' '}
        {item.state === 'PROPOSED' ? 'proposed, not in force until the other side confirms' : 'declined'}
      </span>
      {item.canAnswer && (
        <>
          {' '}
          <button type="button" disabled={busy} onClick={() => confirm({ input: { id: item.id } }, { additionalTypenames: ['OrganisationRelationship'] })}>
            Confirm
          </button>{' '}
          <button type="button" disabled={busy} onClick={() => decline({ input: { id: item.id } }, { additionalTypenames: ['OrganisationRelationship'] })}>
            Decline
          </button>
        </>
      )}
      {problem && <span role="alert"> {problem}</span>}
    </>
  );
}
