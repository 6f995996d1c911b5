import { formatDateTime } from '../ui/format';
import { FormErrors, describeError, placeUserErrors } from '../ui/userErrors';
import { useState, type FormEvent } from 'react';
import { formatIdentifier } from '../ui/firmSearch';
import {
  useClusterActivityDetailsQuery,
  useClusterOrganisationFinderQuery,
  useRecordActivityAttendanceMutation,
  type ClusterActivityDetailsQuery,
} from '../generated/graphql';
import { FirmFinder } from '../ui/FirmFinder';
import { areaHref, firmHref, organisationHref } from '../routing';
import { useTranslation } from 'react-i18next';
import { EditActivity, RemoveAttendanceButton } from './ClusterForms';
import { activityKindLabel } from './labels';
import { organisationKindLabel } from '../ui/OrganisationPicker';
import { QueryStatus } from '../ui/Status';
import { Form } from '../ui/Form';

type Activity = NonNullable<ClusterActivityDetailsQuery['clusterActivity']>;

/** One activity: when, where, how many took part; for the cluster who took part, and recording attendance. */
export function ActivityPage({ clusterId, id, canEdit }: { clusterId: string; id: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const [{ data, fetching, error }] = useClusterActivityDetailsQuery({ variables: { id } });
  const a = data?.clusterActivity;
  return (
    <section aria-labelledby="activity-title" data-testid="activity-page">
      <p>
        <a href={areaHref('clusters', [clusterId])}>← {a?.cluster?.name ?? t('clusters.activity.backTo')}</a>
      </p>
      <QueryStatus fetching={fetching && !data} error={error} what={t('clusters.activity.what')} />
      {data && !a && <p role="status">{t('clusters.activity.notFound')}</p>}
      {a && (
        <>
          <div className="card">
            <h1 id="activity-title">{a.title}</h1>
            <p className="muted">
              {activityKindLabel(a.kind)}
              {a.office ? ` · ${a.office.name}` : a.cluster ? ` · ${a.cluster.name}` : ''}
            </p>
            {a.description && <p>{a.description}</p>}
            <dl className="facts">
              <dt>{t('clusters.activity.starts')}</dt>
              <dd>
                <time dateTime={a.startsAt}>{formatDateTime(a.startsAt)}</time>
              </dd>
              {a.endsAt && (
                <>
                  <dt>{t('clusters.activity.ends')}</dt>
                  <dd>
                    <time dateTime={a.endsAt}>{formatDateTime(a.endsAt)}</time>
                  </dd>
                </>
              )}
              <dt>{t('clusters.activity.location')}</dt>
              <dd>{a.location ?? '—'}</dd>
              <dt>{t('clusters.activity.attendance')}</dt>
              <dd>
                <strong data-testid="activity-attendance-count">{a.attendanceCount}</strong> {t('clusters.activity.attendanceCount', { count: a.attendanceCount })}
              </dd>
            </dl>
            {canEdit && <EditActivity key={a.version} activity={a} />}
          </div>
          <Attendance activity={a} canEdit={canEdit} />
          {canEdit && <RecordAttendance activityId={a.id} />}
        </>
      )}
    </section>
  );
}

function Attendance({ activity: a, canEdit }: { activity: Activity; canEdit: boolean }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="attendance-title">
      <h2 id="attendance-title">{t('clusters.activity.whoTookPart')}</h2>
      {a.attendance == null ? (
        <p className="muted" data-testid="attendance-hidden">
          {t('clusters.activity.attendanceHidden')}
        </p>
      ) : a.attendance.length === 0 ? (
        <p className="muted">{t('clusters.activity.noAttendance')}</p>
      ) : (
        <ul className="link-list" data-testid="attendance-list">
          {a.attendance.map((x) => (
            <li key={x.id} data-testid="attendee">
              {x.firm ? (
                <>
                  <a href={firmHref(x.firm.id)}>{x.firm.name}</a> <span className="muted">· {formatIdentifier(x.firm) ?? t('clusters.activity.prospect')}</span>
                </>
              ) : x.organisation ? (
                <a href={organisationHref(x.organisation.id)}>{x.organisation.name}</a>
              ) : (
                <span className="muted">{t('clusters.notVisible')}</span>
              )}
              <span className="muted"> · {t('clusters.activity.recorded', { when: formatDateTime(x.recordedAt) })}</span>{' '}
              {canEdit && <RemoveAttendanceButton attendanceId={x.id} name={x.firm?.name ?? x.organisation?.name ?? ''} />}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

interface Pending {
  id: string;
  name: string;
}

/** The cluster's editors pick firms and organisations and record them as attendees in one go. */
function RecordAttendance({ activityId }: { activityId: string }) {
  const { t } = useTranslation();
  const [firms, setFirms] = useState<Pending[]>([]);
  const [organisations, setOrganisations] = useState<Pending[]>([]);
  const [{ data, fetching, error }, record] = useRecordActivityAttendanceMutation();
  const [recorded, setRecorded] = useState<number | null>(null);
  const fields = [...firms.map((_, i) => `firmIds.${i}`), ...organisations.map((_, i) => `organisationIds.${i}`)];
  const placed = placeUserErrors(data?.recordActivityAttendance.userErrors ?? [], fields, ['clusters']);
  const add = (list: Pending[], item: Pending) => (list.some((x) => x.id === item.id) ? list : [...list, item]);

  async function submit() {
    setRecorded(null);
    const result = await record({ input: { activityId, firmIds: firms.map((f) => f.id), organisationIds: organisations.map((o) => o.id) } });
    if (result.data?.recordActivityAttendance.activity) {
      setRecorded(firms.length + organisations.length);
      setFirms([]);
      setOrganisations([]);
    }
  }

  const pendingList = (items: Pending[], key: 'firmIds' | 'organisationIds', remove: (id: string) => void) =>
    items.map((x, i) => (
      <li key={x.id} data-testid="pending-attendee">
        {x.name}{' '}
        <button type="button" className="link-button" onClick={() => remove(x.id)} aria-label={t('clusters.removeNamed', { name: x.name })}>
          {t('clusters.remove')}
        </button>
        {placed.at(`${key}.${i}`).length > 0 && <span className="error"> {placed.at(`${key}.${i}`).join(' ')}</span>}
      </li>
    ));

  return (
    <section className="card" aria-labelledby="record-attendance-title" data-testid="record-attendance">
      <h2 id="record-attendance-title">{t('clusters.activity.recordAttendance')}</h2>
      {recorded != null && (
        <p className="success" role="status" data-testid="attendance-recorded">
          {t('clusters.activity.recordedCount', { count: recorded })}
        </p>
      )}
      <div className="card-grid">
        <FirmFinder label={t('clusters.activity.addFirm')} actionLabel={t('clusters.activity.add')} onSelect={(f) => setFirms((l) => add(l, { id: f.id, name: f.name }))} />
        <OrganisationFinder onSelect={(o) => setOrganisations((l) => add(l, o))} />
      </div>
      {firms.length + organisations.length > 0 && (
        <>
          <h3>{t('clusters.activity.toRecord')}</h3>
          <ul className="link-list">
            {pendingList(firms, 'firmIds', (id) => setFirms((l) => l.filter((x) => x.id !== id)))}
            {pendingList(organisations, 'organisationIds', (id) => setOrganisations((l) => l.filter((x) => x.id !== id)))}
          </ul>
        </>
      )}
      <FormErrors errors={placed.unplaced} requestError={error} />
      <div className="form-actions">
        <button type="button" className="primary" disabled={fetching || firms.length + organisations.length === 0} onClick={submit} data-testid="record-attendance-submit">
          {fetching ? t('clusters.activity.recording') : t('clusters.activity.recordAttendance')}
        </button>
      </div>
    </section>
  );
}

function OrganisationFinder({ onSelect }: { onSelect: (o: Pending) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [namePrefix, setNamePrefix] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setNamePrefix(text.trim());
  };
  return (
    <div className="firm-finder">
      <Form role="search" onSubmit={submit}>
        <label htmlFor="attendance-organisation">{t('clusters.activity.addOrganisation')}</label>
        <div className="search-row">
          <input id="attendance-organisation" type="search" placeholder={t('clusters.activity.orgPlaceholder')} value={text} onChange={(e) => setText(e.target.value)} />
          <button type="submit">{t('ui.firmFinder.search')}</button>
        </div>
      </Form>
      {namePrefix && <OrganisationResults namePrefix={namePrefix} onSelect={onSelect} />}
    </div>
  );
}

function OrganisationResults({ namePrefix, onSelect }: { namePrefix: string; onSelect: (o: Pending) => void }) {
  const { t } = useTranslation();
  const [{ data, fetching, error }] = useClusterOrganisationFinderQuery({ variables: { namePrefix } });
  const edges = data?.organisations.edges ?? [];
  return (
    <div aria-live="polite">
      {error && <p className="error">{t('ui.firmFinder.failed')} {describeError(error)}</p>}
      {fetching && !data && <p className="muted">{t('ui.firmFinder.searching')}</p>}
      {data && edges.length === 0 && <p className="muted">{t('ui.organisationPicker.none', { prefix: namePrefix })}</p>}
      <ul className="finder-results">
        {edges.map(({ node }) => (
          <li key={node.id}>
            <span>
              <strong>{node.name}</strong> <span className="muted">· {organisationKindLabel(node.kind)}</span>
            </span>
            <button type="button" onClick={() => onSelect({ id: node.id, name: node.name })} aria-label={t('clusters.activity.addNamed', { name: node.name })}>
              {t('clusters.activity.add')}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
