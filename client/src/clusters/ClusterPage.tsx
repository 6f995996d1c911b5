import { DateTimeInput } from '../ui/DateInput';
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
import { useTranslation } from 'react-i18next';
import { t } from '../ui/i18n';
import { formatDate } from '../ui/format';
import { AddClusterMember, NewPlacementProposal, RemoveClusterMemberButton } from './ClusterForms';
import { QueryStatus } from '../ui/Status';
import { ACTIVITY_KINDS, activityKindLabel, memberKindLabel } from './labels';
import { localDateTimeToIso } from './time';
import { OfficeSection } from './OfficeSection';
import { DisclosureButton, Form, FormActions, useDisclosure } from '../ui/Form';

type Cluster = NonNullable<ClusterDetailsQuery['cluster']>;

/** A cluster: member counts, regional offices (placement, co-financing), activities and, for its own members, the member list. */
export function ClusterPage({ id, canEdit, municipalities = [] }: { id: string; canEdit: boolean; municipalities?: ReadonlyArray<{ id: string; name: string }> }) {
  const { t } = useTranslation();
  const [{ data, fetching, error }] = useClusterDetailsQuery({ variables: { id } });
  const cluster = data?.cluster;
  return (
    <section aria-labelledby="cluster-title" data-testid="cluster-page">
      <p>
        <a href={areaHref('clusters')}>{t('clusters.cluster.back')}</a>
      </p>
      <QueryStatus fetching={fetching && !data} error={error} what={t('clusters.cluster.what')} />
      {data && !cluster && <p role="status">{t('clusters.cluster.notFound')}</p>}
      {cluster && <ClusterDetails cluster={cluster} canEdit={canEdit} municipalities={municipalities} />}
    </section>
  );
}

function ClusterDetails({ cluster: c, canEdit, municipalities }: { cluster: Cluster; canEdit: boolean; municipalities: ReadonlyArray<{ id: string; name: string }> }) {
  const { t } = useTranslation();
  const m = c.memberCounts;
  return (
    <>
      <div className="card">
        <h1 id="cluster-title">{c.name}</h1>
        {c.organisation.description && <p>{c.organisation.description}</p>}
        <dl className="facts">
          <dt>{t('clusters.cluster.profile')}</dt>
          <dd>
            <a href={organisationHref(c.organisation.id)}>{c.name}</a>
          </dd>
          <dt>{t('clusters.cluster.members')}</dt>
          <dd data-testid="member-counts">
            {t('clusters.cluster.memberCounts', { total: m.total, firms: m.firms, municipalities: m.municipalities, institutions: m.knowledgeInstitutions })}
            {m.otherOrganisations ? t('clusters.cluster.otherOrganisations', { count: m.otherOrganisations }) : ''}
          </dd>
        </dl>
      </div>

      <section aria-labelledby="offices-title">
        <h2 id="offices-title" className="section-title">
          {t('clusters.cluster.offices')}
        </h2>
        {c.offices.length === 0 && <p className="card muted">{t('clusters.cluster.noOffices')}</p>}
        {c.offices.map((o) => (
          <OfficeSection key={o.id} officeId={o.id} canEdit={canEdit} municipalityIds={municipalities.map((x) => x.id)} />
        ))}
        {(canEdit || municipalities.length > 0) && <NewPlacementProposal clusterId={c.id} offices={c.offices} municipalities={municipalities} />}
      </section>

      <section className="card" aria-labelledby="activities-title" data-testid="activities">
        <h2 id="activities-title">{t('clusters.cluster.activities')}</h2>
        <table className="data-table">
          <caption className="visually-hidden">{t('clusters.cluster.activitiesCaption', { name: c.name })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('clusters.cluster.col.activity')}</th>
              <th scope="col">{t('clusters.cluster.col.kind')}</th>
              <th scope="col">{t('clusters.cluster.col.when')}</th>
              <th scope="col">{t('clusters.cluster.col.where')}</th>
              <th scope="col" className="num">
                {t('clusters.cluster.col.attendance')}
              </th>
            </tr>
          </thead>
          <Paged renderPage={(page) => <ActivityRows {...page} clusterId={c.id} />} />
        </table>
        {canEdit && <CreateActivity cluster={c} />}
      </section>

      <Members clusterId={c.id} canEdit={canEdit} />
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
          <PageFooter page={page} fetching={fetching} error={error} count={connection?.edges.length} pageInfo={connection?.pageInfo} what={t('clusters.cluster.what.activities')} emptyText={t('clusters.cluster.noActivities')} />
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
      <td>{activityKindLabel(a.kind)}</td>
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
  const { t } = useTranslation();
  const disclosure = useDisclosure();
  const { open } = disclosure;
  const [kind, setKind] = useState<ClusterActivityKind>('MATCHMAKING');
  const [title, setTitle] = useState('');
  const [officeId, setOfficeId] = useState('');
  const [startsAt, setStartsAt] = useState('');
  const [endsAt, setEndsAt] = useState('');
  const [location, setLocation] = useState('');
  const [description, setDescription] = useState('');
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const [{ data, fetching, error }, create] = useCreateClusterActivityMutation();
  const placed = placeUserErrors(data?.createClusterActivity.userErrors ?? [], ACTIVITY_FIELDS, ['clusters']);
  const messages = (key: string) => [...(localErrors[key] ? [localErrors[key]] : []), ...placed.at(key)];
  const aria = (key: string) => (messages(key).length ? { 'aria-invalid': true, 'aria-describedby': errorId(FORM_ID, key) } : {});

  async function submit(event: FormEvent) {
    event.preventDefault();
    const errors: Record<string, string> = {};
    const start = localDateTimeToIso(startsAt);
    const end = endsAt ? localDateTimeToIso(endsAt) : null;
    if (!start) errors.startsAt = t('clusters.activity.giveStart');
    if (endsAt && !end) errors.endsAt = t('clusters.activity.giveEnd');
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
        <DisclosureButton disclosure={disclosure} testId="new-activity">
          {t('clusters.activity.new')}
        </DisclosureButton>
      </p>
    );
  }
  return (
    <Form id={disclosure.panelId} className="sub-form" onSubmit={submit} noValidate aria-labelledby="new-activity-title" data-testid="create-activity-form">
      <h3 id="new-activity-title">{t('clusters.activity.new')}</h3>
      <FormErrors errors={placed.unplaced} requestError={error} />
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${FORM_ID}-kind`}>{t('clusters.activity.kind')}</label>
          <select id={`${FORM_ID}-kind`} value={kind} onChange={(e) => setKind(e.target.value as ClusterActivityKind)}>
            {ACTIVITY_KINDS.map((k) => (
              <option key={k} value={k}>
                {activityKindLabel(k)}
              </option>
            ))}
          </select>
        </div>
        <div className="field grow">
          <label htmlFor={`${FORM_ID}-title`}>{t('clusters.activity.titleField')}</label>
          <input id={`${FORM_ID}-title`} value={title} onChange={(e) => setTitle(e.target.value)} {...aria('title')} />
          <FieldError formId={FORM_ID} field="title" messages={messages('title')} />
        </div>
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${FORM_ID}-office`}>{t('clusters.activity.runBy')}</label>
          <select id={`${FORM_ID}-office`} value={officeId} onChange={(e) => setOfficeId(e.target.value)} {...aria('officeId')}>
            <option value="">{t('clusters.activity.national')}</option>
            {cluster.offices.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
          <FieldError formId={FORM_ID} field="officeId" messages={messages('officeId')} />
        </div>
        <div className="field">
          <label htmlFor={`${FORM_ID}-starts`}>{t('clusters.activity.starts')}</label>
          <DateTimeInput id={`${FORM_ID}-starts`} value={startsAt} onChange={(v) => setStartsAt(v)} {...aria('startsAt')} />
          <FieldError formId={FORM_ID} field="startsAt" messages={messages('startsAt')} />
        </div>
        <div className="field">
          <label htmlFor={`${FORM_ID}-ends`}>{t('clusters.activity.endsOptional')}</label>
          <DateTimeInput id={`${FORM_ID}-ends`} value={endsAt} onChange={(v) => setEndsAt(v)} {...aria('endsAt')} />
          <FieldError formId={FORM_ID} field="endsAt" messages={messages('endsAt')} />
        </div>
        <div className="field">
          <label htmlFor={`${FORM_ID}-location`}>{t('clusters.activity.locationOptional')}</label>
          <input id={`${FORM_ID}-location`} value={location} onChange={(e) => setLocation(e.target.value)} {...aria('location')} />
          <FieldError formId={FORM_ID} field="location" messages={messages('location')} />
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${FORM_ID}-description`}>{t('clusters.activity.descriptionOptional')}</label>
        <textarea id={`${FORM_ID}-description`} rows={2} value={description} onChange={(e) => setDescription(e.target.value)} {...aria('description')} />
        <FieldError formId={FORM_ID} field="description" messages={messages('description')} />
      </div>
      <FormActions pending={fetching} submitLabel={t('clusters.activity.create')} pendingLabel={t('clusters.activity.creating')} submitTestId="create-activity-submit" onCancel={disclosure.hide} cancelLabel={t('clusters.cancel')} />
    </Form>
  );
}

/** The member list: visible to the cluster's own members only (null from the API for everyone else). */
function Members({ clusterId, canEdit }: { clusterId: string; canEdit: boolean }) {
  return (
    <section className="card" aria-labelledby="members-title" data-testid="cluster-members">
      <h2 id="members-title">{t('clusters.cluster.members')}</h2>
      <ul className="link-list">
        <Paged renderPage={(page) => <MemberRows {...page} clusterId={clusterId} canEdit={canEdit} />} />
      </ul>
      {canEdit && <AddClusterMember clusterId={clusterId} />}
    </section>
  );
}

function MemberRows({ clusterId, canEdit, ...page }: PageProps & { clusterId: string; canEdit: boolean }) {
  const [{ data, fetching, error }] = useClusterMembersQuery({ variables: { id: clusterId, first: 50, after: page.after } });
  const connection = data?.cluster?.members;
  if (data && !connection) {
    return page.isFirst ? (
      <li className="muted" data-testid="members-hidden">
        {t('clusters.cluster.membersHidden')}
      </li>
    ) : null;
  }
  return (
    <>
      {connection?.edges.map(({ node }) => (
        <li key={node.id} data-testid="cluster-member">
          {node.firm ? <a href={firmHref(node.firm.id)}>{node.firm.name}</a> : node.organisation ? <a href={organisationHref(node.organisation.id)}>{node.organisation.name}</a> : <span className="muted">{t('clusters.notVisible')}</span>}
          <span className="muted">
            {' '}
            · {memberKindLabel(node.kind)}
            {node.joinedOn ? ` · ${t('clusters.cluster.since', { date: formatDate(node.joinedOn) })}` : ''}
          </span>{' '}
          {canEdit && <RemoveClusterMemberButton memberId={node.id} name={node.firm?.name ?? node.organisation?.name ?? ''} />}
        </li>
      ))}
      <li className="list-footer">
        <PageFooter page={page} fetching={fetching} error={error} count={connection?.edges.length} pageInfo={connection?.pageInfo} what={t('clusters.cluster.what.members')} emptyText={t('clusters.cluster.noMembers')} />
      </li>
    </>
  );
}
