import { formatDate } from '../ui/format';
import { FieldError, FormErrors, hasVersionConflict, invalidProps, placeUserErrors } from '../ui/userErrors';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useDeskFirmMilestonesQuery, useDeskRecordTouchpointMutation, type MilestoneStatus } from '../generated/graphql';
import { QueryStatus } from '../ui/Status';
import { milestonesFromEntries, type FirmMilestone } from './milestones';
import { statusLabel } from './timeline';
import { Form } from '../ui/Form';
import { DateInput } from '../ui/DateInput';

const STATUSES: MilestoneStatus[] = ['PLANNED', 'IN_PROGRESS', 'DONE', 'CANCELLED'];
const MILESTONE_CONTEXT = { additionalTypenames: ['GrowthPlanMilestone', 'Touchpoint'] };

/** The firm's growth-plan milestones: add one, change the status of one (with the version seen). */
export function MilestonesPanel({ firmId, organisationId }: { firmId: string; organisationId: string | null }) {
  const { t } = useTranslation();
  const [{ data, fetching, error }, reload] = useDeskFirmMilestonesQuery({ variables: { firmId }, context: MILESTONE_CONTEXT });
  const milestones = milestonesFromEntries(data);
  return (
    <div className="desk-form" data-testid="milestones-panel">
      <h2>{t('desk.milestones.title')}</h2>
      <QueryStatus fetching={fetching && !data} error={error} what={t('desk.milestones.what')} />
      {data && milestones.length === 0 && <p className="muted">{t('desk.milestones.none')}</p>}
      {milestones.length > 0 && (
        <ul className="desk-list">
          {milestones.map((m) => (
            <MilestoneRow key={m.id} firmId={firmId} organisationId={organisationId} milestone={m} onReload={() => reload({ requestPolicy: 'network-only' })} />
          ))}
        </ul>
      )}
      {data?.firmJourney?.pageInfo.hasNextPage && <p className="hint">{t('desk.milestones.capped')}</p>}
      {organisationId && <AddMilestoneForm firmId={firmId} organisationId={organisationId} />}
    </div>
  );
}

function MilestoneRow({ firmId, organisationId, milestone, onReload }: { firmId: string; organisationId: string | null; milestone: FirmMilestone; onReload: () => void }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<MilestoneStatus>(milestone.status);
  const [sentVersion, setSentVersion] = useState<number | null>(null);
  const [{ data, fetching, error }, record] = useDeskRecordTouchpointMutation();
  // Errors of the last attempt, until the milestone is reloaded (a new version clears them).
  const userErrors = sentVersion === milestone.version ? data?.recordTouchpoint.userErrors : undefined;
  const conflict = hasVersionConflict(userErrors);
  const grouped = placeUserErrors(userErrors, ['milestone', 'occurredAt']);
  const messages = [...(grouped.byField.milestone ?? []), ...(grouped.byField.occurredAt ?? []), ...grouped.other];
  const id = `milestone-${milestone.id}`;
  async function save(event: FormEvent) {
    event.preventDefault();
    setSentVersion(milestone.version);
    await record({
      input: {
        firmId,
        organisationId,
        kind: 'GROWTH_PLAN_MILESTONE',
        occurredAt: new Date().toISOString(),
        milestone: { milestoneId: milestone.id, expectedVersion: milestone.version, status },
      },
    });
  }
  return (
    <li className="desk-item" data-testid="milestone" data-milestone-id={milestone.id}>
      <div className="desk-item-head">
        <strong>{milestone.title}</strong>
        <span className={`desk-status desk-status-${milestone.status.toLowerCase()}`} data-testid="milestone-status">
          {statusLabel(milestone.status)}
        </span>
      </div>
      <p className="muted desk-small">
        {t('desk.milestones.line', { owner: milestone.ownerName, due: formatDate(milestone.dueOn), organisation: milestone.organisationName, version: milestone.version })}
      </p>
      {organisationId && (
        <Form layout="inline" className="desk-inline-form" onSubmit={save}>
          <label htmlFor={`${id}-status`}>{t('desk.milestones.newStatus')}</label>
          <select id={`${id}-status`} value={status} onChange={(e) => setStatus(e.target.value as MilestoneStatus)} data-testid="milestone-status-select" {...invalidProps(`${id}-error`, messages)}>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {statusLabel(s)}
              </option>
            ))}
          </select>
          <button type="submit" disabled={fetching || status === milestone.status} data-testid="milestone-save">
            {t('desk.milestones.save')}
          </button>
        </Form>
      )}
      {conflict ? (
        <div className="errors" role="alert" id={`${id}-error`} data-testid="version-conflict">
          <strong>{t('desk.milestones.conflict')}</strong> {messages.join(' ')}{' '}
          <button type="button" onClick={onReload} data-testid="milestone-reload">
            {t('desk.milestones.reload')}
          </button>
        </div>
      ) : (
        <>
          <FieldError id={`${id}-error`} messages={messages} />
          <FormErrors error={error} />
        </>
      )}
    </li>
  );
}

function AddMilestoneForm({ firmId, organisationId }: { firmId: string; organisationId: string }) {
  const { t } = useTranslation();
  const [title, setTitle] = useState('');
  const [ownerName, setOwnerName] = useState('');
  const [dueOn, setDueOn] = useState('');
  const [{ data, fetching, error }, record] = useDeskRecordTouchpointMutation();
  const errors = placeUserErrors(data?.recordTouchpoint.userErrors, ['milestone.title', 'milestone.ownerName', 'milestone.dueOn', 'milestone.status', 'occurredAt']);
  async function submit(event: FormEvent) {
    event.preventDefault();
    const r = await record({
      input: {
        firmId,
        organisationId,
        kind: 'GROWTH_PLAN_MILESTONE',
        occurredAt: new Date().toISOString(),
        milestone: { title: title.trim() || null, ownerName: ownerName.trim() || null, dueOn: dueOn || null },
      },
    });
    if (r.data?.recordTouchpoint.milestone) {
      setTitle('');
      setOwnerName('');
      setDueOn('');
    }
  }
  return (
    <Form onSubmit={submit} noValidate className="desk-subform" aria-labelledby="add-milestone-title" data-testid="add-milestone-form">
      <h3 id="add-milestone-title">{t('desk.milestones.add')}</h3>
      <label htmlFor="milestone-title">{t('desk.milestones.field.title')}</label>
      <input id="milestone-title" value={title} onChange={(e) => setTitle(e.target.value)} {...invalidProps('milestone-title-error', errors.byField['milestone.title'])} />
      <FieldError id="milestone-title-error" messages={errors.byField['milestone.title']} />
      <label htmlFor="milestone-owner">{t('desk.milestones.field.owner')}</label>
      <input id="milestone-owner" value={ownerName} onChange={(e) => setOwnerName(e.target.value)} {...invalidProps('milestone-owner-error', errors.byField['milestone.ownerName'])} />
      <FieldError id="milestone-owner-error" messages={errors.byField['milestone.ownerName']} />
      <label htmlFor="milestone-due">{t('desk.milestones.field.dueOn')}</label>
      <DateInput id="milestone-due" value={dueOn} onChange={(v) => setDueOn(v)} {...invalidProps('milestone-due-error', errors.byField['milestone.dueOn'])} />
      <FieldError id="milestone-due-error" messages={errors.byField['milestone.dueOn']} />
      <FormErrors messages={[...(errors.byField['milestone.status'] ?? []), ...(errors.byField.occurredAt ?? []), ...errors.other]} error={error} />
      <button type="submit" className="primary" disabled={fetching} data-testid="milestone-add">
        {t('desk.milestones.addSubmit')}
      </button>
    </Form>
  );
}
