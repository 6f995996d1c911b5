import { formatAmount, formatDate, todayIso } from '../ui/format';
import { PAGE_SIZE, PageFooter, type PageProps, Paged } from '../ui/paging';
import { useNetworkDetailsQuery, useNetworkMembersPageQuery, type MeQuery, type NetworkDetailsQuery } from '../generated/graphql';
import { identifierNumber } from '../ui/firmSearch';
import { areaHref, firmHref, organisationHref } from '../routing';
import { QueryStatus } from '../ui/Status';
import { can } from '../ui/access';
import { StatusBadge } from './labels';
import { useTranslation } from 'react-i18next';
import { t } from '../ui/i18n';
import { AddMembersForm, AddWorkingGroupMemberForm, EditNetworkForm, ScheduleMeetingForm } from './NetworkForms';

type Network = NonNullable<NetworkDetailsQuery['network']>;

/** #/networks/<id>: a network with its working group, secretariat, members, meetings and funding applications. */
export function NetworkPage({ id, me, actingFor }: { id: string; me: MeQuery['me']; actingFor: string | null }) {
  const { t } = useTranslation();
  const [{ data, fetching, error }] = useNetworkDetailsQuery({ variables: { id } });
  const network = data?.network;
  return (
    <section aria-labelledby="network-title" data-testid="network-page">
      <p>
        <a href={areaHref('networks')}>{t('networks.network.back')}</a>
      </p>
      <QueryStatus fetching={fetching && !data} error={error} what={t('networks.network.what')} />
      {data && !network && <p role="status">{t('networks.network.notFound')}</p>}
      {network && <NetworkDetails network={network} canRecord={canRecordFor(me, actingFor, network)} canApply={can(me, actingFor, network.owner.id, 'edit')} canEdit={can(me, actingFor, network.owner.id, 'edit')} />}
    </section>
  );
}

/** Attendance is recorded by members with "record" in the owning organisation or the secretariat (the server decides). */
const canRecordFor = (me: MeQuery['me'], actingFor: string | null, network: Network) =>
  can(me, actingFor, network.owner.id, 'record') || can(me, actingFor, network.secretariat?.id, 'record');

function NetworkDetails({ network, canRecord, canApply, canEdit }: { network: Network; canRecord: boolean; canApply: boolean; canEdit: boolean }) {
  const { t } = useTranslation();
  const today = todayIso();
  return (
    <>
      <div className="card">
        <h1 id="network-title">{network.name}</h1>
        {network.description && <p>{network.description}</p>}
        <dl className="facts">
          <dt>{t('networks.network.owner')}</dt>
          <dd>
            <a href={organisationHref(network.owner.id)}>{network.owner.name}</a>
          </dd>
          <dt>{t('networks.network.secretariat')}</dt>
          <dd data-testid="network-secretariat">{network.secretariat ? <a href={organisationHref(network.secretariat.id)}>{network.secretariat.name}</a> : '—'}</dd>
          <dt>{t('networks.network.members')}</dt>
          <dd data-testid="network-member-count">{network.memberCount}</dd>
        </dl>
        {canEdit && <EditNetworkForm key={network.version} network={network} />}
      </div>

      <section className="card" aria-labelledby="working-group-title">
        <h2 id="working-group-title">{t('networks.network.workingGroup')}</h2>
        {network.workingGroup.length === 0 ? (
          <p className="muted">{t('networks.network.noWorkingGroup')}</p>
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
        {canEdit && <AddWorkingGroupMemberForm networkId={network.id} />}
      </section>

      <section className="card" aria-labelledby="meetings-title">
        <h2 id="meetings-title">{t('networks.network.meetings')}</h2>
        {network.meetings.length === 0 ? (
          <p className="muted">{t('networks.network.noMeetings')}</p>
        ) : (
          <table className="firm-table data-table" data-testid="meetings">
            <caption className="visually-hidden">{t('networks.network.meetingsOf', { name: network.name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('networks.network.col.date')}</th>
                <th scope="col">{t('networks.network.col.meeting')}</th>
                <th scope="col" className="numeric">
                  {t('networks.network.col.registered')}
                </th>
                <th scope="col" className="numeric">
                  {t('networks.network.col.attended')}
                </th>
                <th scope="col">
                  <span className="visually-hidden">{t('networks.network.col.actions')}</span>
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
                      {m.attendeeCount ?? <span className="muted">{held ? t('networks.network.notRecorded') : t('networks.network.upcoming')}</span>}
                    </td>
                    <td>
                      {canRecord && held && (
                        <a href={areaHref('networks', [network.id, 'meetings', m.id])} data-testid="record-attendance-link">
                          {m.attendeeCount === null ? t('networks.network.recordAttendance') : t('networks.network.editAttendance')}
                          <span className="visually-hidden">{t('networks.network.of', { title: m.title })}</span>
                        </a>
                      )}
                      {canRecord && !held && (
                        <a href={areaHref('networks', [network.id, 'meetings', m.id, 'register'])} data-testid="register-link">
                          {t('networks.network.register')}
                          <span className="visually-hidden">{t('networks.network.of', { title: m.title })}</span>
                        </a>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
        {canEdit && <ScheduleMeetingForm networkId={network.id} />}
      </section>

      <section className="card" aria-labelledby="network-applications-title">
        <div className="card-heading">
          <h2 id="network-applications-title">{t('networks.network.applications')}</h2>
          {canApply && (
            <a className="button-link primary" href={areaHref('networks', ['applications', 'new'], { network: network.id })} data-testid="new-network-application">
              {t('networks.home.newApplication')}
            </a>
          )}
        </div>
        {network.fundingApplications.length === 0 ? (
          <p className="muted">{t('networks.network.noApplications')}</p>
        ) : (
          <ul className="link-list" data-testid="network-applications">
            {network.fundingApplications.map((a) => (
              <li key={a.id}>
                <a href={areaHref('networks', ['applications', a.id])}>{a.projectName}</a> <StatusBadge status={a.status} />
                <span className="muted">
                  {' '}
                  · {a.pool.name} · {t('networks.network.appliedFor', { amount: formatAmount(a.totalAmount, 'DKK') })}
                  {a.amountGranted != null && ` · ${t('networks.network.granted', { amount: formatAmount(a.amountGranted, 'DKK') })}`}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="card" aria-labelledby="members-title">
        <h2 id="members-title">
          {t('networks.network.members')} <span className="count">{network.memberCount}</span>
        </h2>
        <table className="firm-table data-table" data-testid="network-members">
          <caption className="visually-hidden">{t('networks.network.membersOf', { name: network.name })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('networks.network.col.member')}</th>
              <th scope="col">{t('networks.network.col.identifier')}</th>
              <th scope="col">{t('networks.network.col.contact')}</th>
              <th scope="col">{t('networks.network.col.joined')}</th>
            </tr>
          </thead>
          <Paged key={network.memberCount} renderPage={(page) => <MembersPage {...page} id={network.id} />} />
        </table>
        {canEdit && <AddMembersForm networkId={network.id} />}
      </section>
    </>
  );
}

function MembersPage({ id, after, ...page }: PageProps & { id: string }) {
  const [{ data, fetching, error }] = useNetworkMembersPageQuery({ variables: { id, first: PAGE_SIZE, after } });
  const members = data?.network?.members;
  const edges = members?.edges ?? [];
  const footer = PageFooter({ ...page, inline: true, what: t('networks.network.what.members'), fetching, error, count: data ? edges.length : null, pageInfo: members?.pageInfo, emptyText: t('networks.network.noMembers') });
  return (
    <>
      {edges.length > 0 && (
        <tbody>
          {edges.map(({ node }) => (
            <tr key={node.id} data-testid="network-member">
              <th scope="row">{node.firm ? <a href={firmHref(node.firm.id)}>{node.firm.name}</a> : (node.contactName ?? '—')}</th>
              <td className={node.firm ? 'mono' : 'muted'}>{node.firm ? identifierNumber(node.firm) : t('networks.network.soleTrader')}</td>
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
