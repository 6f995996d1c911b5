import { formatAmount, formatDate, todayIso } from '../ui/format';
import { PAGE_SIZE, PageFooter, type PageProps, Paged } from '../ui/paging';
import { useNetworkDetailsQuery, useNetworkMembersPageQuery, type MeQuery, type NetworkDetailsQuery } from '../generated/graphql';
import { formatIdentifier } from '../ui/firmSearch';
import { areaHref, firmHref, organisationHref } from '../routing';
import { QueryStatus } from '../ui/Status';
import { can } from '../ui/access';
import { StatusBadge } from './labels';

type Network = NonNullable<NetworkDetailsQuery['network']>;

/** #/networks/<id>: a network with its working group, secretariat, members, meetings and funding applications. */
export function NetworkPage({ id, me, actingFor }: { id: string; me: MeQuery['me']; actingFor: string | null }) {
  const [{ data, fetching, error }] = useNetworkDetailsQuery({ variables: { id } });
  const network = data?.network;
  return (
    <section aria-labelledby="network-title" data-testid="network-page">
      <p>
        <a href={areaHref('networks')}>← Networks</a>
      </p>
      <QueryStatus fetching={fetching && !data} error={error} what="the network" />
      {data && !network && <p role="status">This network does not exist, or is not visible to you.</p>}
      {network && <NetworkDetails network={network} canRecord={canRecordFor(me, actingFor, network)} canApply={can(me, actingFor, network.owner.id, 'edit')} />}
    </section>
  );
}

/** Attendance is recorded by members with "record" in the owning organisation or the secretariat (the server decides). */
const canRecordFor = (me: MeQuery['me'], actingFor: string | null, network: Network) =>
  can(me, actingFor, network.owner.id, 'record') || can(me, actingFor, network.secretariat?.id, 'record');

function NetworkDetails({ network, canRecord, canApply }: { network: Network; canRecord: boolean; canApply: boolean }) {
  const today = todayIso();
  return (
    <>
      <div className="card">
        <h1 id="network-title">{network.name}</h1>
        {network.description && <p>{network.description}</p>}
        <dl className="facts">
          <dt>Owner</dt>
          <dd>
            <a href={organisationHref(network.owner.id)}>{network.owner.name}</a>
          </dd>
          <dt>Secretariat</dt>
          <dd data-testid="network-secretariat">{network.secretariat ? <a href={organisationHref(network.secretariat.id)}>{network.secretariat.name}</a> : '—'}</dd>
          <dt>Members</dt>
          <dd data-testid="network-member-count">{network.memberCount}</dd>
        </dl>
      </div>

      <section className="card" aria-labelledby="working-group-title">
        <h2 id="working-group-title">Working group</h2>
        {network.workingGroup.length === 0 ? (
          <p className="muted">No working group recorded.</p>
        ) : (
          <ul className="link-list" data-testid="working-group">
            {network.workingGroup.map((w) => (
              <li key={w.id}>
                {w.personName && <strong>{w.personName}</strong>}
                {w.personName && w.organisation && ', '}
                {w.organisation && <a href={organisationHref(w.organisation.id)}>{w.organisation.name}</a>}
                {w.role && <span className="muted"> · {w.role}</span>}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="card" aria-labelledby="meetings-title">
        <h2 id="meetings-title">Meetings</h2>
        {network.meetings.length === 0 ? (
          <p className="muted">No meetings yet.</p>
        ) : (
          <table className="firm-table data-table" data-testid="meetings">
            <caption className="visually-hidden">Meetings of {network.name}</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Meeting</th>
                <th scope="col" className="numeric">
                  Registered
                </th>
                <th scope="col" className="numeric">
                  Attended
                </th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {network.meetings.map((m) => {
                const held = m.heldOn <= today;
                return (
                  <tr key={m.id} data-testid="meeting" data-held-on={m.heldOn}>
                    <td>
                      <time dateTime={m.heldOn}>{formatDate(m.heldOn)}</time>
                    </td>
                    <th scope="row">
                      {m.title}
                      {m.location && <div className="muted small">{m.location}</div>}
                    </th>
                    <td className="numeric" data-testid="meeting-registrations">
                      {m.registrationCount}
                    </td>
                    <td className="numeric" data-testid="meeting-attendees">
                      {m.attendeeCount ?? <span className="muted">{held ? 'not recorded' : 'upcoming'}</span>}
                    </td>
                    <td>
                      {canRecord && held && (
                        <a href={areaHref('networks', [network.id, 'meetings', m.id])} data-testid="record-attendance-link">
                          {m.attendeeCount === null ? 'Record attendance' : 'Edit attendance'}
                          <span className="visually-hidden"> of {m.title}</span>
                        </a>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>

      <section className="card" aria-labelledby="network-applications-title">
        <div className="card-heading">
          <h2 id="network-applications-title">Funding applications</h2>
          {canApply && (
            <a className="button-link primary" href={areaHref('networks', ['applications', 'new'], { network: network.id })} data-testid="new-network-application">
              New application
            </a>
          )}
        </div>
        {network.fundingApplications.length === 0 ? (
          <p className="muted">No applications for this network.</p>
        ) : (
          <ul className="link-list" data-testid="network-applications">
            {network.fundingApplications.map((a) => (
              <li key={a.id}>
                <a href={areaHref('networks', ['applications', a.id])}>{a.projectName}</a> <StatusBadge status={a.status} />
                <span className="muted">
                  {' '}
                  · {a.pool.name} · applied for {formatAmount(a.totalAmount, 'DKK')}
                  {a.amountGranted != null && ` · granted ${formatAmount(a.amountGranted, 'DKK')}`}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="card" aria-labelledby="members-title">
        <h2 id="members-title">
          Members <span className="count">{network.memberCount}</span>
        </h2>
        <table className="firm-table data-table" data-testid="network-members">
          <caption className="visually-hidden">Members of {network.name}</caption>
          <thead>
            <tr>
              <th scope="col">Member</th>
              <th scope="col">Identifier</th>
              <th scope="col">Contact</th>
              <th scope="col">Joined</th>
            </tr>
          </thead>
          <Paged renderPage={(page) => <MembersPage {...page} id={network.id} />} />
        </table>
      </section>
    </>
  );
}

function MembersPage({ id, after, ...page }: PageProps & { id: string }) {
  const [{ data, fetching, error }] = useNetworkMembersPageQuery({ variables: { id, first: PAGE_SIZE, after } });
  const members = data?.network?.members;
  const edges = members?.edges ?? [];
  const footer = PageFooter({ ...page, inline: true, what: 'members', fetching, error, count: data ? edges.length : null, pageInfo: members?.pageInfo, emptyText: 'No members yet.' });
  return (
    <>
      {edges.length > 0 && (
        <tbody>
          {edges.map(({ node }) => (
            <tr key={node.id} data-testid="network-member">
              <th scope="row">{node.firm ? <a href={firmHref(node.firm.id)}>{node.firm.name}</a> : (node.contactName ?? '—')}</th>
              <td className={node.firm ? 'mono' : 'muted'}>{node.firm ? formatIdentifier(node.firm) : 'Sole trader / person'}</td>
              <td>{node.firm ? (node.contactName ?? '—') : ''}</td>
              <td>{formatDate(node.joinedAt)}</td>
            </tr>
          ))}
        </tbody>
      )}
      {footer && (
        <tbody className="table-footer">
          <tr>
            <td colSpan={4}>{footer}</td>
          </tr>
        </tbody>
      )}
    </>
  );
}
