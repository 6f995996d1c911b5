import { formatDate, formatDateTime } from '../ui/format';
import { PageFooter, type PageProps, Paged } from '../ui/paging';
import type { MeQuery } from '../generated/graphql';
import { useDeskMilestonesDueQuery, useDeskRecentFirmsQuery, useDeskReferralsWaitingQuery } from '../generated/graphql';
import { formatIdentifier } from '../ui/firmSearch';
import { deskFirmHref, DeskFirmFinder } from './FirmFinder';
import { ReferralActions } from './ReferralActions';
import { statusLabel } from './timeline';
import { useTranslation } from 'react-i18next';
import { t } from '../ui/i18n';
import { CreateProspectForm } from './ProspectForms';
import type { RecordAs } from './recordAs';

const PAGE = 10;
// Lists that may be empty still need refreshing when such records are created.
const REFERRALS = { additionalTypenames: ['Referral'] };
const MILESTONES = { additionalTypenames: ['GrowthPlanMilestone'] };
const TOUCHPOINTS = { additionalTypenames: ['Touchpoint'] };

/** The consultant's worklist: referrals waiting for us, milestones due, recent firms, and the firm finder. */
export function DeskHome({ query, me, actingFor, recordAs }: { query: string; me: MeQuery['me']; actingFor: string | null; recordAs: RecordAs }) {
  const { t } = useTranslation();
  const orgs = me.memberships.filter((m) => !actingFor || m.organisation.id === actingFor).map((m) => m.organisation.name);
  return (
    <section aria-labelledby="desk-title" className="desk">
      <h1 id="desk-title">{t('desk.home.title')}</h1>
      <p className="muted">{t('desk.home.worklistFor', { organisations: orgs.join(', ') || t('desk.home.yourOrganisations') })}</p>
      <DeskFirmFinder key={query} query={query} />
      <CreateProspectForm recordAs={recordAs} />
      <div className="desk-worklist">
        <section className="card desk-inbox" aria-labelledby="desk-inbox-title" data-testid="referral-inbox">
          <h2 id="desk-inbox-title">{t('desk.home.inbox')}</h2>
          <ul className="desk-list">
            <Paged renderPage={(p) => <InboxPage {...p} />} />
          </ul>
        </section>
        <section className="card" aria-labelledby="desk-due-title" data-testid="milestones-due">
          <h2 id="desk-due-title">{t('desk.home.due')}</h2>
          <p className="hint">{t('desk.home.dueHint')}</p>
          <ul className="desk-list">
            <Paged renderPage={(p) => <MilestonesPage {...p} />} />
          </ul>
        </section>
        <section className="card" aria-labelledby="desk-recent-title" data-testid="recent-firms">
          <h2 id="desk-recent-title">{t('desk.home.recent')}</h2>
          <p className="hint">{t('desk.home.recentHint')}</p>
          <ul className="desk-list">
            <Paged renderPage={(p) => <RecentFirmsPage {...p} />} />
          </ul>
        </section>
      </div>
    </section>
  );
}

function InboxPage({ after, ...page }: PageProps) {
  const [{ data, fetching, error }] = useDeskReferralsWaitingQuery({ variables: { first: PAGE, after }, context: REFERRALS });
  const edges = data?.worklist.referralsWaiting.edges ?? [];
  return (
    <>
      {edges.map(({ node: r }) => (
        <li key={r.id} className="desk-item" data-testid="referral-item" data-referral-id={r.id}>
          <div className="desk-item-head">
            {r.firm ? <a href={deskFirmHref(r.firm.id)}>{r.firm.name}</a> : <span>{t('desk.home.firmHidden')}</span>}
            <span className={`desk-status desk-status-${r.status.toLowerCase()}`} data-testid="referral-status">
              {statusLabel(r.status)}
            </span>
          </div>
          <p className="desk-reason">{r.reason}</p>
          <p className="muted desk-small">
            {t('desk.home.from', { organisation: r.senderOrganisation.name, when: formatDateTime(r.sentAt) })}
            {r.status !== 'SENT' && ` · ${statusLabel(r.status).toLowerCase()} ${formatDateTime(r.statusChangedAt)}`}
          </p>
          <ReferralActions referral={r} />
        </li>
      ))}
      <li className="desk-list-footer">
        <PageFooter {...page} count={data ? edges.length : null} fetching={fetching} error={error} emptyText={t('desk.home.noReferrals')} pageInfo={data?.worklist.referralsWaiting.pageInfo} what={t('desk.home.what.referrals')} />
      </li>
    </>
  );
}

function MilestonesPage({ after, ...page }: PageProps) {
  const [{ data, fetching, error }] = useDeskMilestonesDueQuery({ variables: { first: PAGE, after }, context: MILESTONES });
  const edges = data?.worklist.milestonesDue.edges ?? [];
  const today = new Date().toISOString().slice(0, 10);
  return (
    <>
      {edges.map(({ node: m }) => (
        <li key={m.id} className="desk-item" data-testid="milestone-due">
          <div className="desk-item-head">
            <span>{m.title}</span>
            <span className={`desk-status desk-status-${m.status.toLowerCase()}`}>{statusLabel(m.status)}</span>
          </div>
          <p className="muted desk-small">
            {m.firm ? <a href={deskFirmHref(m.firm.id)}>{m.firm.name}</a> : t('desk.home.firm')} · {m.ownerName} · {t('desk.home.dueOn')}{' '}
            <span className={m.dueOn < today ? 'error' : undefined}>
              {formatDate(m.dueOn)}
              {m.dueOn < today ? t('desk.home.overdue') : ''}
            </span>
          </p>
        </li>
      ))}
      <li className="desk-list-footer">
        <PageFooter {...page} count={data ? edges.length : null} fetching={fetching} error={error} emptyText={t('desk.home.noMilestones')} pageInfo={data?.worklist.milestonesDue.pageInfo} what={t('desk.home.what.milestones')} />
      </li>
    </>
  );
}

function RecentFirmsPage({ after, ...page }: PageProps) {
  const [{ data, fetching, error }] = useDeskRecentFirmsQuery({ variables: { first: PAGE, after }, context: TOUCHPOINTS });
  const edges = data?.worklist.recentFirms.edges ?? [];
  return (
    <>
      {edges.map(({ node: f }) =>
        f.firm ? (
          <li key={f.firm.id} className="desk-item" data-testid="recent-firm">
            <div className="desk-item-head">
              <a href={deskFirmHref(f.firm.id)}>{f.firm.name}</a>
              <span className="count" title={t('desk.home.touchpointsInPeriod')}>
                {f.touchpointCount}
              </span>
            </div>
            <p className="muted desk-small">
              {formatIdentifier(f.firm) ?? t('desk.prospectLabel')}
              {f.firm.municipality ? ` · ${f.firm.municipality.name}` : ''} · {t('desk.home.last', { when: formatDateTime(f.lastOccurredAt) })}
            </p>
          </li>
        ) : null,
      )}
      <li className="desk-list-footer">
        <PageFooter {...page} count={data ? edges.length : null} fetching={fetching} error={error} emptyText={t('desk.home.noRecent')} pageInfo={data?.worklist.recentFirms.pageInfo} what={t('desk.home.what.firms')} />
      </li>
    </>
  );
}
