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
import { humanize } from '../ui/labels';
import { QueryStatus } from '../ui/Status';

type Activity = NonNullable<ClusterActivityDetailsQuery['clusterActivity']>;

/** One activity: when, where, how many took part; for the cluster who took part, and recording attendance. */
export function ActivityPage({ clusterId, id, canEdit }: { clusterId: string; id: string; canEdit: boolean }) {
  const [{ data, fetching, error }] = useClusterActivityDetailsQuery({ variables: { id } });
  const a = data?.clusterActivity;
  return (
    <section aria-labelledby="activity-title" data-testid="activity-page">
      <p>
        <a href={areaHref('clusters', [clusterId])}>← {a?.cluster?.name ?? 'Cluster'}</a>
      </p>
      <QueryStatus fetching={fetching && !data} error={error} what="the activity" />
      {data && !a && <p role="status">This activity does not exist.</p>}
      {a && (
        <>
          <div className="card">
            <h1 id="activity-title">{a.title}</h1>
            <p className="muted">
              {humanize(a.kind)}
              {a.office ? ` · ${a.office.name}` : a.cluster ? ` · ${a.cluster.name}` : ''}
            </p>
            {a.description && <p>{a.description}</p>}
            <dl className="facts">
              <dt>Starts</dt>
              <dd>
                <time dateTime={a.startsAt}>{formatDateTime(a.startsAt)}</time>
              </dd>
              {a.endsAt && (
                <>
                  <dt>Ends</dt>
                  <dd>
                    <time dateTime={a.endsAt}>{formatDateTime(a.endsAt)}</time>
                  </dd>
                </>
              )}
              <dt>Location</dt>
              <dd>{a.location ?? '—'}</dd>
              <dt>Attendance</dt>
              <dd>
                <strong data-testid="activity-attendance-count">{a.attendanceCount}</strong> firms and organisations
              </dd>
            </dl>
          </div>
          <Attendance activity={a} />
          {canEdit && <RecordAttendance activityId={a.id} />}
        </>
      )}
    </section>
  );
}

function Attendance({ activity: a }: { activity: Activity }) {
  return (
    <section className="card" aria-labelledby="attendance-title">
      <h2 id="attendance-title">Who took part</h2>
      {a.attendance == null ? (
        <p className="muted" data-testid="attendance-hidden">
          Who took part is visible only to the cluster; the count above is public.
        </p>
      ) : a.attendance.length === 0 ? (
        <p className="muted">No attendance recorded yet.</p>
      ) : (
        <ul className="link-list" data-testid="attendance-list">
          {a.attendance.map((x) => (
            <li key={x.id} data-testid="attendee">
              {x.firm ? (
                <>
                  <a href={firmHref(x.firm.id)}>{x.firm.name}</a> <span className="muted">· {formatIdentifier(x.firm) ?? 'Prospect'}</span>
                </>
              ) : x.organisation ? (
                <a href={organisationHref(x.organisation.id)}>{x.organisation.name}</a>
              ) : (
                <span className="muted">Not visible</span>
              )}
              <span className="muted"> · recorded {formatDateTime(x.recordedAt)}</span>
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
  const [firms, setFirms] = useState<Pending[]>([]);
  const [organisations, setOrganisations] = useState<Pending[]>([]);
  const [{ data, fetching, error }, record] = useRecordActivityAttendanceMutation();
  const [recorded, setRecorded] = useState<number | null>(null);
  const fields = [...firms.map((_, i) => `firmIds.${i}`), ...organisations.map((_, i) => `organisationIds.${i}`)];
  const placed = placeUserErrors(data?.recordActivityAttendance.userErrors ?? [], fields);
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
        <button type="button" className="link-button" onClick={() => remove(x.id)} aria-label={`Remove ${x.name}`}>
          Remove
        </button>
        {placed.at(`${key}.${i}`).length > 0 && <span className="error"> {placed.at(`${key}.${i}`).join(' ')}</span>}
      </li>
    ));

  return (
    <section className="card" aria-labelledby="record-attendance-title" data-testid="record-attendance">
      <h2 id="record-attendance-title">Record attendance</h2>
      {recorded != null && (
        <p className="success" role="status" data-testid="attendance-recorded">
          Recorded {recorded} {recorded === 1 ? 'attendee' : 'attendees'} (already recorded ones are kept as they are).
        </p>
      )}
      <div className="card-grid">
        <FirmFinder label="Add a firm" actionLabel="Add" onSelect={(f) => setFirms((l) => add(l, { id: f.id, name: f.name }))} />
        <OrganisationFinder onSelect={(o) => setOrganisations((l) => add(l, o))} />
      </div>
      {firms.length + organisations.length > 0 && (
        <>
          <h3>To record</h3>
          <ul className="link-list">
            {pendingList(firms, 'firmIds', (id) => setFirms((l) => l.filter((x) => x.id !== id)))}
            {pendingList(organisations, 'organisationIds', (id) => setOrganisations((l) => l.filter((x) => x.id !== id)))}
          </ul>
        </>
      )}
      <FormErrors errors={placed.unplaced} requestError={error} />
      <div className="form-actions">
        <button type="button" className="primary" disabled={fetching || firms.length + organisations.length === 0} onClick={submit} data-testid="record-attendance-submit">
          {fetching ? 'Recording…' : 'Record attendance'}
        </button>
      </div>
    </section>
  );
}

function OrganisationFinder({ onSelect }: { onSelect: (o: Pending) => void }) {
  const [text, setText] = useState('');
  const [namePrefix, setNamePrefix] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setNamePrefix(text.trim());
  };
  return (
    <div className="firm-finder">
      <form role="search" onSubmit={submit}>
        <label htmlFor="attendance-organisation">Add an organisation</label>
        <div className="search-row">
          <input id="attendance-organisation" type="search" placeholder="Name starts with, e.g. Næstved" value={text} onChange={(e) => setText(e.target.value)} />
          <button type="submit">Search</button>
        </div>
      </form>
      {namePrefix && <OrganisationResults namePrefix={namePrefix} onSelect={onSelect} />}
    </div>
  );
}

function OrganisationResults({ namePrefix, onSelect }: { namePrefix: string; onSelect: (o: Pending) => void }) {
  const [{ data, fetching, error }] = useClusterOrganisationFinderQuery({ variables: { namePrefix } });
  const edges = data?.organisations.edges ?? [];
  return (
    <div aria-live="polite">
      {error && <p className="error">Search failed: {describeError(error)}</p>}
      {fetching && !data && <p className="muted">Searching…</p>}
      {data && edges.length === 0 && <p className="muted">No organisation starts with “{namePrefix}”.</p>}
      <ul className="finder-results">
        {edges.map(({ node }) => (
          <li key={node.id}>
            <span>
              <strong>{node.name}</strong> <span className="muted">· {humanize(node.kind)}</span>
            </span>
            <button type="button" onClick={() => onSelect({ id: node.id, name: node.name })} aria-label={`Add ${node.name}`}>
              Add
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
