import { formatDateTime } from '../ui/format';
import { FieldError, FormErrors, errorId, placeUserErrors } from '../ui/userErrors';
import { PageFooter, type PageProps, Paged } from '../ui/paging';
import { useState, type FormEvent } from 'react';
import {
  useClusterActivityPageQuery,
  useClusterDetailsQuery,
  useClusterMembersQuery,
  useCreateClusterActivityMutation,
  type ClusterActivityItemFragment,
  type ClusterActivityKind,
  type ClusterDetailsQuery,
} from '../generated/graphql';
import { areaHref, firmHref, navigate, organisationHref } from '../routing';
import { humanize } from '../ui/labels';
import { QueryStatus } from '../ui/Status';
import { ACTIVITY_KINDS } from './labels';
import { localDateTimeToIso } from './time';
import { OfficeSection } from './OfficeSection';

type Cluster = NonNullable<ClusterDetailsQuery['cluster']>;

/** A cluster: member counts, regional offices (placement, co-financing), activities and, for its own members, the member list. */
export function ClusterPage({ id, canEdit }: { id: string; canEdit: boolean }) {
  const [{ data, fetching, error }] = useClusterDetailsQuery({ variables: { id } });
  const cluster = data?.cluster;
  return (
    <section aria-labelledby="cluster-title" data-testid="cluster-page">
      <p>
        <a href={areaHref('clusters')}>← Clusters</a>
      </p>
      <QueryStatus fetching={fetching && !data} error={error} what="the cluster" />
      {data && !cluster && <p role="status">This is not a cluster, or it does not exist.</p>}
      {cluster && <ClusterDetails cluster={cluster} canEdit={canEdit} />}
    </section>
  );
}

function ClusterDetails({ cluster: c, canEdit }: { cluster: Cluster; canEdit: boolean }) {
  const m = c.memberCounts;
  return (
    <>
      <div className="card">
        <h1 id="cluster-title">{c.name}</h1>
        {c.organisation.description && <p>{c.organisation.description}</p>}
        <dl className="facts">
          <dt>Organisation profile</dt>
          <dd>
            <a href={organisationHref(c.organisation.id)}>{c.name}</a>
          </dd>
          <dt>Members</dt>
          <dd data-testid="member-counts">
            {m.total} in all: {m.firms} firms, {m.municipalities} municipalities, {m.knowledgeInstitutions} knowledge institutions
            {m.otherOrganisations ? `, ${m.otherOrganisations} other organisations` : ''}
          </dd>
        </dl>
      </div>

      <section aria-labelledby="offices-title">
        <h2 id="offices-title" className="section-title">
          Regional offices
        </h2>
        {c.offices.length === 0 && <p className="card muted">This cluster has no regional offices.</p>}
        {c.offices.map((o) => (
          <OfficeSection key={o.id} officeId={o.id} canEdit={canEdit} />
        ))}
      </section>

      <section className="card" aria-labelledby="activities-title" data-testid="activities">
        <h2 id="activities-title">Activities</h2>
        <table className="data-table">
          <caption className="visually-hidden">Activities of {c.name} and its offices, by start time</caption>
          <thead>
            <tr>
              <th scope="col">Activity</th>
              <th scope="col">Kind</th>
              <th scope="col">When</th>
              <th scope="col">Where</th>
              <th scope="col" className="num">
                Attendance
              </th>
            </tr>
          </thead>
          <Paged renderPage={(page) => <ActivityRows {...page} clusterId={c.id} />} />
        </table>
        {canEdit && <CreateActivity cluster={c} />}
      </section>

      <Members clusterId={c.id} />
    </>
  );
}

function ActivityRows({ clusterId, ...page }: PageProps & { clusterId: string }) {
  const [{ data, fetching, error }] = useClusterActivityPageQuery({ variables: { id: clusterId, first: 20, after: page.after } });
  const connection = data?.cluster?.activities;
  return (
    <tbody>
      {connection?.edges.map(({ node }) => <ActivityRow key={node.id} clusterId={clusterId} activity={node} />)}
      <tr className="table-footer">
        <td colSpan={5}>
          <PageFooter page={page} fetching={fetching} error={error} count={connection?.edges.length} pageInfo={connection?.pageInfo} what="activities" emptyText="No activities yet." />
        </td>
      </tr>
    </tbody>
  );
}

function ActivityRow({ clusterId, activity: a }: { clusterId: string; activity: ClusterActivityItemFragment }) {
  return (
    <tr data-testid="activity-row">
      <th scope="row">
        <a href={areaHref('clusters', [clusterId, 'activities', a.id])}>{a.title}</a>
        {a.office && <div className="muted">{a.office.name}</div>}
      </th>
      <td>{humanize(a.kind)}</td>
      <td>
        <time dateTime={a.startsAt}>{formatDateTime(a.startsAt)}</time>
      </td>
      <td>{a.location ?? ''}</td>
      <td className="num" data-testid="attendance-count">
        {a.attendanceCount}
      </td>
    </tr>
  );
}

const FORM_ID = 'create-activity';
const ACTIVITY_FIELDS = ['kind', 'title', 'officeId', 'startsAt', 'endsAt', 'location', 'description'];

function CreateActivity({ cluster }: { cluster: Cluster }) {
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<ClusterActivityKind>('MATCHMAKING');
  const [title, setTitle] = useState('');
  const [officeId, setOfficeId] = useState('');
  const [startsAt, setStartsAt] = useState('');
  const [endsAt, setEndsAt] = useState('');
  const [location, setLocation] = useState('');
  const [description, setDescription] = useState('');
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const [{ data, fetching, error }, create] = useCreateClusterActivityMutation();
  const placed = placeUserErrors(data?.createClusterActivity.userErrors ?? [], ACTIVITY_FIELDS);
  const messages = (key: string) => [...(localErrors[key] ? [localErrors[key]] : []), ...placed.at(key)];
  const aria = (key: string) => (messages(key).length ? { 'aria-invalid': true, 'aria-describedby': errorId(FORM_ID, key) } : {});

  async function submit(event: FormEvent) {
    event.preventDefault();
    const errors: Record<string, string> = {};
    const start = localDateTimeToIso(startsAt);
    const end = endsAt ? localDateTimeToIso(endsAt) : null;
    if (!start) errors.startsAt = 'Give the date and time it starts.';
    if (endsAt && !end) errors.endsAt = 'Give a date and time, or leave it empty.';
    setLocalErrors(errors);
    if (Object.keys(errors).length) return;
    const result = await create({
      input: {
        clusterId: cluster.id,
        kind,
        title: title.trim(),
        startsAt: start!,
        ...(end ? { endsAt: end } : {}),
        ...(officeId ? { officeId } : {}),
        ...(location.trim() ? { location: location.trim() } : {}),
        ...(description.trim() ? { description: description.trim() } : {}),
      },
    });
    const activity = result.data?.createClusterActivity.activity;
    if (activity) navigate({ page: 'area', area: 'clusters', parts: [cluster.id, 'activities', activity.id], params: {} });
  }

  if (!open) {
    return (
      <p>
        <button type="button" onClick={() => setOpen(true)} data-testid="new-activity">
          New activity
        </button>
      </p>
    );
  }
  return (
    <form className="form sub-form" onSubmit={submit} noValidate aria-labelledby="new-activity-title" data-testid="create-activity-form">
      <h3 id="new-activity-title">New activity</h3>
      <FormErrors errors={placed.unplaced} requestError={error} />
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${FORM_ID}-kind`}>Kind</label>
          <select id={`${FORM_ID}-kind`} value={kind} onChange={(e) => setKind(e.target.value as ClusterActivityKind)}>
            {ACTIVITY_KINDS.map((k) => (
              <option key={k} value={k}>
                {humanize(k)}
              </option>
            ))}
          </select>
        </div>
        <div className="field grow">
          <label htmlFor={`${FORM_ID}-title`}>Title</label>
          <input id={`${FORM_ID}-title`} value={title} onChange={(e) => setTitle(e.target.value)} {...aria('title')} />
          <FieldError formId={FORM_ID} field="title" messages={messages('title')} />
        </div>
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${FORM_ID}-office`}>Run by</label>
          <select id={`${FORM_ID}-office`} value={officeId} onChange={(e) => setOfficeId(e.target.value)} {...aria('officeId')}>
            <option value="">The cluster (national)</option>
            {cluster.offices.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
          <FieldError formId={FORM_ID} field="officeId" messages={messages('officeId')} />
        </div>
        <div className="field">
          <label htmlFor={`${FORM_ID}-starts`}>Starts</label>
          <input id={`${FORM_ID}-starts`} type="datetime-local" value={startsAt} onChange={(e) => setStartsAt(e.target.value)} {...aria('startsAt')} />
          <FieldError formId={FORM_ID} field="startsAt" messages={messages('startsAt')} />
        </div>
        <div className="field">
          <label htmlFor={`${FORM_ID}-ends`}>Ends (optional)</label>
          <input id={`${FORM_ID}-ends`} type="datetime-local" value={endsAt} onChange={(e) => setEndsAt(e.target.value)} {...aria('endsAt')} />
          <FieldError formId={FORM_ID} field="endsAt" messages={messages('endsAt')} />
        </div>
        <div className="field">
          <label htmlFor={`${FORM_ID}-location`}>Location (optional)</label>
          <input id={`${FORM_ID}-location`} value={location} onChange={(e) => setLocation(e.target.value)} {...aria('location')} />
          <FieldError formId={FORM_ID} field="location" messages={messages('location')} />
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${FORM_ID}-description`}>Description (optional)</label>
        <textarea id={`${FORM_ID}-description`} rows={2} value={description} onChange={(e) => setDescription(e.target.value)} {...aria('description')} />
        <FieldError formId={FORM_ID} field="description" messages={messages('description')} />
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={fetching} data-testid="create-activity-submit">
          {fetching ? 'Creating…' : 'Create activity'}
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** The member list: visible to the cluster's own members only (null from the API for everyone else). */
function Members({ clusterId }: { clusterId: string }) {
  return (
    <section className="card" aria-labelledby="members-title" data-testid="cluster-members">
      <h2 id="members-title">Members</h2>
      <ul className="link-list">
        <Paged renderPage={(page) => <MemberRows {...page} clusterId={clusterId} />} />
      </ul>
    </section>
  );
}

function MemberRows({ clusterId, ...page }: PageProps & { clusterId: string }) {
  const [{ data, fetching, error }] = useClusterMembersQuery({ variables: { id: clusterId, first: 50, after: page.after } });
  const connection = data?.cluster?.members;
  if (data && !connection) {
    return page.isFirst ? (
      <li className="muted" data-testid="members-hidden">
        The member list is visible only to the cluster's own members; the counts above are public.
      </li>
    ) : null;
  }
  return (
    <>
      {connection?.edges.map(({ node }) => (
        <li key={node.id} data-testid="cluster-member">
          {node.firm ? <a href={firmHref(node.firm.id)}>{node.firm.name}</a> : node.organisation ? <a href={organisationHref(node.organisation.id)}>{node.organisation.name}</a> : <span className="muted">Not visible</span>}
          <span className="muted">
            {' '}
            · {humanize(node.kind)}
            {node.joinedOn ? ` · since ${node.joinedOn}` : ''}
          </span>
        </li>
      ))}
      <li className="list-footer">
        <PageFooter page={page} fetching={fetching} error={error} count={connection?.edges.length} pageInfo={connection?.pageInfo} what="members" emptyText="No members recorded." />
      </li>
    </>
  );
}
