import { formatDateTime } from '../ui/format';
import { PageFooter, type PageProps, Paged } from '../ui/paging';
import { useDeskJourneyAccessLogQuery, useDeskOwnEntryLabelsQuery, type DeskJourneyAccessLogQuery } from '../generated/graphql';
import { useTranslation } from 'react-i18next';
import { t as translate } from '../ui/i18n';
import { kindLabel } from './timeline';

const PAGE = 10;
/** How many of our newest entries are named (older ones are shown by id). */
const LABELLED_ENTRIES = 100;

type LogEntry = DeskJourneyAccessLogQuery['journeyAccessLog']['edges'][number]['node'];
export type EntryLabels = ReadonlyMap<string, { kind: string; occurredAt: string }>;

/** "Note of 12 Mar 2025, 14:05" for each entry read; entries not among our newest ones by a short id. */
export function entriesRead(ids: readonly string[], labels: EntryLabels): string[] {
  return ids.map((id) => {
    const l = labels.get(id);
    return l ? translate('desk.log.entryOf', { kind: kindLabel(l.kind), when: formatDateTime(l.occurredAt) }) : translate('desk.log.entryId', { id: id.slice(0, 8) });
  });
}

/** "on the firm's consent" / "on an open referral". */
export const basisText = (basis: string) => (basis === 'CONSENT' || basis === 'REFERRAL' ? translate(`desk.log.basis.${basis}`) : translate('desk.log.basis.other', { basis }));

/** Who read which of our entries about this firm, on which basis, when: newest first, page by page. */
export function AccessLogPanel({ firmId, organisationIds }: { firmId: string; organisationIds: readonly string[] }) {
  const { t } = useTranslation();
  // Our own entries (reading them is not logged): only to name the entries in the log.
  const [{ data: own }] = useDeskOwnEntryLabelsQuery({
    variables: { firmId, filter: organisationIds.length ? { organisationIds: [...organisationIds] } : null, first: LABELLED_ENTRIES },
    pause: organisationIds.length === 0,
  });
  const labels: EntryLabels = new Map((own?.firmJourney?.edges ?? []).map((e) => [e.node.id, e.node]));
  return (
    <div className="desk-form" data-testid="access-log-panel">
      <h2>{t('desk.log.title')}</h2>
      <p className="hint">{t('desk.log.hint')}</p>
      <ul className="desk-list" aria-label={t('desk.log.list')}>
        <Paged renderPage={(p) => <LogPage {...p} firmId={firmId} labels={labels} />} />
      </ul>
    </div>
  );
}

function LogPage({ firmId, labels, after, ...page }: PageProps & { firmId: string; labels: EntryLabels }) {
  const { t } = useTranslation();
  // Reads happen elsewhere: always ask the server, showing what was known meanwhile.
  const [{ data, fetching, error }, refresh] = useDeskJourneyAccessLogQuery({ variables: { firmId, first: PAGE, after }, requestPolicy: 'cache-and-network' });
  const edges = data?.journeyAccessLog.edges ?? [];
  return (
    <>
      {page.isFirst && (
        <li className="desk-rec-refresh">
          <button type="button" onClick={() => refresh({ requestPolicy: 'network-only' })} disabled={fetching} data-testid="access-log-refresh">
            {t('desk.log.refresh')}
          </button>
        </li>
      )}
      {edges.map(({ node }) => (
        <LogItem key={node.id} entry={node} labels={labels} />
      ))}
      <li className="desk-list-footer">
        <PageFooter
          {...page}
          count={data ? edges.length : null}
          fetching={fetching}
          error={error}
          emptyText={t('desk.log.empty')}
          pageInfo={data?.journeyAccessLog.pageInfo}
          what={t('desk.log.what')}
        />
      </li>
    </>
  );
}

function LogItem({ entry, labels }: { entry: LogEntry; labels: EntryLabels }) {
  const { t } = useTranslation();
  const read = entriesRead(entry.touchpointIds, labels);
  return (
    <li className="desk-item" data-testid="access-log-entry" data-basis={entry.basis}>
      <div className="desk-item-head">
        <strong>{entry.viewer?.displayName ?? t('desk.log.apiClient')}</strong>
        <time className="muted desk-small" dateTime={entry.at}>
          {formatDateTime(entry.at)}
        </time>
      </div>
      <p className="desk-small">
        {t('desk.log.read', { count: read.length, viewer: entry.viewerOrganisation.name, owner: entry.ownerOrganisation.name })}{' '}
        <strong data-testid="access-log-basis">{basisText(entry.basis)}</strong>.
      </p>
      <details className="desk-rec-details">
        <summary>{t('desk.log.entriesRead')}</summary>
        <ul className="desk-rec-read" data-testid="access-log-entries">
          {read.map((r, i) => (
            <li key={i}>{r}</li>
          ))}
        </ul>
      </details>
    </li>
  );
}
