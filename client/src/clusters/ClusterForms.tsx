import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  useClusterAddMemberMutation,
  useClusterCreatePlacementProposalMutation,
  useClusterRemoveAttendanceMutation,
  useClusterRemoveMemberMutation,
  useClusterUpdateActivityMutation,
  useClusterUpdatePlacementProposalMutation,
  type ClusterActivityKind,
  type PlacementCriterion,
} from '../generated/graphql';
import { FirmFinder } from '../ui/FirmFinder';
import { t as translate } from '../ui/i18n';
import { OrganisationPicker, type PickedOrganisation } from '../ui/OrganisationPicker';
import { FieldError, FormErrors, placeUserErrors, type PlacedErrors } from '../ui/userErrors';
import { ACTIVITY_KINDS, activityKindLabel, MAX_PLACEMENT_SCORE, PLACEMENT_CRITERIA, placementCriterionLabel } from './labels';
import { localDateTimeToIso } from './time';
import { DisclosureButton, Form, FormActions, useDisclosure } from '../ui/Form';
import { DateInput, DateTimeInput } from '../ui/DateInput';

const AREAS = ['clusters'];
const PROPOSAL_TYPES = { additionalTypenames: ['OfficePlacementProposal', 'ClusterOffice'] };

export interface ScoreDraft {
  criterion: PlacementCriterion;
  score: number | null;
  reasoning: string;
}

/** One draft score per published criterion, in the published order (the order sent, so error indexes map back). */
export const emptyScores = (): ScoreDraft[] => PLACEMENT_CRITERIA.map(([criterion]) => ({ criterion: criterion as PlacementCriterion, score: null, reasoning: '' }));

/** The draft scores from a proposal's scores (any order), in the published order. */
export const scoresFrom = (scores: ReadonlyArray<{ criterion: string; score: number; reasoning: string }>): ScoreDraft[] =>
  emptyScores().map((d) => {
    const s = scores.find((x) => x.criterion === d.criterion);
    return s ? { ...d, score: s.score, reasoning: s.reasoning } : d;
  });

/** Checks before sending, keyed like the server's fields ("scores.2.score"): every criterion scored 1-5 with reasoning. */
export function validateScores(scores: readonly ScoreDraft[]): Record<string, string[]> {
  const t = translate;
  const errors: Record<string, string[]> = {};
  scores.forEach((s, i) => {
    if (s.score == null) errors[`scores.${i}.score`] = [t('clusters.proposal.giveScore', { max: MAX_PLACEMENT_SCORE })];
    if (!s.reasoning.trim()) errors[`scores.${i}.reasoning`] = [t('clusters.proposal.giveReasoning')];
  });
  return errors;
}

const scoreKeys = (n: number) => Array.from({ length: n }, (_, i) => [`scores.${i}.score`, `scores.${i}.reasoning`]).flat();

function ScoresFieldset({ formId, scores, onChange, placed, local }: { formId: string; scores: ScoreDraft[]; onChange: (s: ScoreDraft[]) => void; placed: PlacedErrors; local: Record<string, string[]> }) {
  const { t } = useTranslation();
  const at = (key: string) => [...(local[key] ?? []), ...placed.at(key)];
  const props = (key: string) => (at(key).length ? { 'aria-invalid': true as const, 'aria-describedby': `${formId}-${key.replace(/\./g, '-')}-error` } : {});
  const set = (i: number, patch: Partial<ScoreDraft>) => onChange(scores.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  return (
    <fieldset data-testid="placement-score-fields">
      <legend>{t('clusters.proposal.scores', { max: MAX_PLACEMENT_SCORE })}</legend>
      {scores.map((s, i) => (
        <div key={s.criterion} className="field-row" data-testid="placement-score-field" data-criterion={s.criterion}>
          <div className="field">
            <label htmlFor={`${formId}-score-${i}`}>{placementCriterionLabel(s.criterion)}</label>
            <select id={`${formId}-score-${i}`} value={s.score ?? ''} onChange={(e) => set(i, { score: e.target.value ? Number(e.target.value) : null })} {...props(`scores.${i}.score`)}>
              <option value="">{t('clusters.proposal.chooseScore')}</option>
              {Array.from({ length: MAX_PLACEMENT_SCORE }, (_, k) => k + 1).map((n) => (
                <option key={n} value={n}>
                  {t('clusters.proposal.scoreOf', { score: n, max: MAX_PLACEMENT_SCORE })}
                </option>
              ))}
            </select>
            <FieldError id={`${formId}-scores-${i}-score-error`} messages={at(`scores.${i}.score`)} />
          </div>
          <div className="field grow">
            <label htmlFor={`${formId}-reasoning-${i}`}>{t('clusters.proposal.reasoning')}</label>
            <textarea id={`${formId}-reasoning-${i}`} rows={2} value={s.reasoning} onChange={(e) => set(i, { reasoning: e.target.value })} {...props(`scores.${i}.reasoning`)} />
            <FieldError id={`${formId}-scores-${i}-reasoning-error`} messages={at(`scores.${i}.reasoning`)} />
          </div>
        </div>
      ))}
    </fieldset>
  );
}

const scoresInput = (scores: readonly ScoreDraft[]) => scores.map((s) => ({ criterion: s.criterion, score: s.score ?? 0, reasoning: s.reasoning.trim() }));

/**
 * A placement proposal for a regional office (DA placeringsforslag): by editors of the lead
 * municipality (DA lead-kommune) or of the cluster, scored on all five published criteria.
 */
export function NewPlacementProposal({ clusterId, offices, municipalities }: { clusterId: string; offices: ReadonlyArray<{ id: string; name: string }>; municipalities: ReadonlyArray<{ id: string; name: string }> }) {
  const { t } = useTranslation();
  const disclosure = useDisclosure();
  const { open, setOpen } = disclosure;
  const [lead, setLead] = useState<{ id: string; name: string } | null>(municipalities[0] ?? null);
  const [officeId, setOfficeId] = useState('');
  const [location, setLocation] = useState('');
  const [summary, setSummary] = useState('');
  const [scores, setScores] = useState<ScoreDraft[]>(emptyScores);
  const [local, setLocal] = useState<Record<string, string[]>>({});
  const [done, setDone] = useState(false);
  const [{ data, fetching, error }, create] = useClusterCreatePlacementProposalMutation();
  const formId = 'new-proposal';
  const shown = ['leadMunicipalityId', 'officeId', 'proposedLocation', 'summary', 'scores', ...scoreKeys(scores.length)];
  const userErrors = data?.createOfficePlacementProposal.userErrors ?? [];
  const placed = placeUserErrors(userErrors, shown, AREAS);
  const at = (key: string) => [...(local[key] ?? []), ...placed.at(key)];
  const props = (key: string) => (at(key).length ? { 'aria-invalid': true as const, 'aria-describedby': `${formId}-${key}-error` } : {});
  if (!open) {
    return (
      <>
        {done && (
          <p role="status" className="success" data-testid="proposal-created">
            {t('clusters.proposal.created')}
          </p>
        )}
        <p>
          <DisclosureButton disclosure={disclosure} testId="new-proposal">
            {t('clusters.proposal.open')}
          </DisclosureButton>
        </p>
      </>
    );
  }
  async function submit(event: FormEvent) {
    event.preventDefault();
    const errors = validateScores(scores);
    if (!lead) errors.leadMunicipalityId = [t('clusters.proposal.giveLead')];
    if (!location.trim()) errors.proposedLocation = [t('clusters.proposal.giveLocation')];
    setLocal(errors);
    if (Object.keys(errors).length) return;
    const result = await create(
      { input: { clusterId, leadMunicipalityId: lead!.id, officeId: officeId || null, proposedLocation: location.trim(), summary: summary.trim() || null, scores: scoresInput(scores) } },
      PROPOSAL_TYPES,
    );
    const payload = result.data?.createOfficePlacementProposal;
    if (payload?.proposal && payload.userErrors.length === 0) {
      setDone(true);
      setOpen(false);
      setScores(emptyScores());
      setLocation('');
      setSummary('');
    }
  }
  return (
    <Form id={disclosure.panelId} className="sub-form card" onSubmit={submit} noValidate aria-labelledby={`${formId}-title`} data-testid="new-proposal-form">
      <h3 id={`${formId}-title`}>{t('clusters.proposal.title')}</h3>
      <FormErrors messages={Object.keys(local).length ? [t('clusters.proposal.checkMarked')] : []} errors={userErrors} shownKeys={shown} error={error} areas={AREAS} />
      <div className="field-row">
        <div className="field">
          {municipalities.length > 0 ? (
            <>
              <label htmlFor={`${formId}-lead`}>{t('clusters.proposal.lead')}</label>
              <select id={`${formId}-lead`} value={lead?.id ?? ''} onChange={(e) => setLead(municipalities.find((m) => m.id === e.target.value) ?? null)} {...props('leadMunicipalityId')}>
                {municipalities.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.name}
                  </option>
                ))}
              </select>
            </>
          ) : lead ? (
            <p>
              {t('clusters.proposal.lead')}: <strong>{lead.name}</strong>{' '}
              <button type="button" className="link-button" onClick={() => setLead(null)}>
                {t('clusters.remove')}
              </button>
            </p>
          ) : (
            <OrganisationPicker id={`${formId}-lead-picker`} label={t('clusters.proposal.lead')} kinds={['MUNICIPALITY']} onChoose={(o: PickedOrganisation) => setLead(o)} invalid={at('leadMunicipalityId').length > 0} describedBy={`${formId}-leadMunicipalityId-error`} />
          )}
          <FieldError id={`${formId}-leadMunicipalityId-error`} messages={at('leadMunicipalityId')} />
        </div>
        <div className="field">
          <label htmlFor={`${formId}-office`}>{t('clusters.proposal.office')}</label>
          <select id={`${formId}-office`} value={officeId} onChange={(e) => setOfficeId(e.target.value)} {...props('officeId')}>
            <option value="">{t('clusters.proposal.newOffice')}</option>
            {offices.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
          <FieldError id={`${formId}-officeId-error`} messages={at('officeId')} />
        </div>
        <div className="field grow">
          <label htmlFor={`${formId}-location`}>{t('clusters.proposal.location')}</label>
          <input id={`${formId}-location`} value={location} onChange={(e) => setLocation(e.target.value)} data-testid="proposal-location" {...props('proposedLocation')} />
          <FieldError id={`${formId}-proposedLocation-error`} messages={at('proposedLocation')} />
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${formId}-summary`}>{t('clusters.proposal.summary')}</label>
        <textarea id={`${formId}-summary`} rows={2} value={summary} onChange={(e) => setSummary(e.target.value)} {...props('summary')} />
        <FieldError id={`${formId}-summary-error`} messages={at('summary')} />
      </div>
      <ScoresFieldset formId={formId} scores={scores} onChange={setScores} placed={placed} local={local} />
      <FieldError id={`${formId}-scores-error`} messages={placed.at('scores')} />
      <FormActions pending={fetching} submitLabel={t('clusters.proposal.submit')} pendingLabel={t('clusters.saving')} submitTestId="new-proposal-submit" onCancel={disclosure.hide} cancelLabel={t('clusters.cancel')} />
    </Form>
  );
}

export interface RevisableProposal {
  id: string;
  version: number;
  proposedLocation: string;
  summary?: string | null;
  scores: ReadonlyArray<{ criterion: string; score: number; reasoning: string }>;
}

/** Revise a submitted proposal: location, summary and all five scores (sends the version read). */
export function RevisePlacementProposal({ proposal, onDone }: { proposal: RevisableProposal; onDone: () => void }) {
  const { t } = useTranslation();
  const [location, setLocation] = useState(proposal.proposedLocation);
  const [summary, setSummary] = useState(proposal.summary ?? '');
  const [scores, setScores] = useState<ScoreDraft[]>(() => scoresFrom(proposal.scores));
  const [local, setLocal] = useState<Record<string, string[]>>({});
  const [{ data, fetching, error }, update] = useClusterUpdatePlacementProposalMutation();
  const formId = `revise-${proposal.id}`;
  const shown = ['proposedLocation', 'summary', 'scores', ...scoreKeys(scores.length)];
  const userErrors = data?.updateOfficePlacementProposal.userErrors ?? [];
  const placed = placeUserErrors(userErrors, shown, AREAS);
  const at = (key: string) => [...(local[key] ?? []), ...placed.at(key)];
  async function submit(event: FormEvent) {
    event.preventDefault();
    const errors = validateScores(scores);
    if (!location.trim()) errors.proposedLocation = [t('clusters.proposal.giveLocation')];
    setLocal(errors);
    if (Object.keys(errors).length) return;
    const result = await update(
      { input: { id: proposal.id, expectedVersion: proposal.version, proposedLocation: location.trim(), summary: summary.trim() || null, scores: scoresInput(scores) } },
      PROPOSAL_TYPES,
    );
    if (result.data?.updateOfficePlacementProposal.proposal && result.data.updateOfficePlacementProposal.userErrors.length === 0) onDone();
  }
  return (
    <Form className="sub-form" onSubmit={submit} noValidate aria-labelledby={`${formId}-title`} data-testid="revise-proposal-form">
      <h4 id={`${formId}-title`}>{t('clusters.proposal.revise')}</h4>
      <FormErrors messages={Object.keys(local).length ? [t('clusters.proposal.checkMarked')] : []} errors={userErrors} shownKeys={shown} error={error} areas={AREAS} />
      <div className="field">
        <label htmlFor={`${formId}-location`}>{t('clusters.proposal.location')}</label>
        <input id={`${formId}-location`} value={location} onChange={(e) => setLocation(e.target.value)} aria-invalid={at('proposedLocation').length ? true : undefined} aria-describedby={`${formId}-proposedLocation-error`} />
        <FieldError id={`${formId}-proposedLocation-error`} messages={at('proposedLocation')} />
      </div>
      <div className="field">
        <label htmlFor={`${formId}-summary`}>{t('clusters.proposal.summary')}</label>
        <textarea id={`${formId}-summary`} rows={2} value={summary} onChange={(e) => setSummary(e.target.value)} />
        <FieldError id={`${formId}-summary-error`} messages={at('summary')} />
      </div>
      <ScoresFieldset formId={formId} scores={scores} onChange={setScores} placed={placed} local={local} />
      <FormActions pending={fetching} submitLabel={t('clusters.proposal.saveRevision')} pendingLabel={t('clusters.saving')} submitTestId="revise-proposal-submit" onCancel={onDone} cancelLabel={t('clusters.cancel')} />
    </Form>
  );
}

/** Add a firm or an organisation as a member of the cluster, with the date it joined. */
export function AddClusterMember({ clusterId }: { clusterId: string }) {
  const { t } = useTranslation();
  const disclosure = useDisclosure();
  const { open, setOpen } = disclosure;
  const [member, setMember] = useState<{ kind: 'firm' | 'organisation'; id: string; name: string } | null>(null);
  const [joinedOn, setJoinedOn] = useState('');
  const [added, setAdded] = useState<string | null>(null);
  const [{ data, fetching, error }, add] = useClusterAddMemberMutation();
  const formId = 'add-member';
  const shown = ['firmId', 'organisationId', 'joinedOn'];
  const userErrors = data?.addClusterMember.userErrors ?? [];
  const placed = placeUserErrors(userErrors, shown, AREAS);
  if (!open) {
    return (
      <>
        {added && (
          <p role="status" className="success">
            {t('clusters.members.added', { name: added })}
          </p>
        )}
        <DisclosureButton disclosure={disclosure} testId="add-cluster-member">
          {t('clusters.members.open')}
        </DisclosureButton>
      </>
    );
  }
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!member) return;
    const result = await add(
      { input: { clusterId, ...(member.kind === 'firm' ? { firmId: member.id } : { organisationId: member.id }), joinedOn: joinedOn || null } },
      { additionalTypenames: ['ClusterMember', 'Cluster'] },
    );
    if (result.data?.addClusterMember.member && result.data.addClusterMember.userErrors.length === 0) {
      setAdded(member.name);
      setMember(null);
      setJoinedOn('');
      setOpen(false);
    }
  }
  return (
    <Form id={disclosure.panelId} className="sub-form" onSubmit={submit} noValidate aria-labelledby={`${formId}-title`} data-testid="add-cluster-member-form">
      <h3 id={`${formId}-title`}>{t('clusters.members.open')}</h3>
      <FormErrors errors={userErrors} shownKeys={shown} error={error} areas={AREAS} />
      {member ? (
        <p data-testid="member-chosen">
          <strong>{member.name}</strong>{' '}
          <button type="button" className="link-button" onClick={() => setMember(null)}>
            {t('clusters.remove')}
          </button>
        </p>
      ) : (
        <div className="card-grid">
          <FirmFinder label={t('clusters.members.firm')} actionLabel={t('clusters.members.choose')} onSelect={(f) => setMember({ kind: 'firm', id: f.id, name: f.name })} />
          <OrganisationPicker id={`${formId}-organisation`} label={t('clusters.members.organisation')} onChoose={(o) => setMember({ kind: 'organisation', id: o.id, name: o.name })} />
        </div>
      )}
      <FieldError formId={formId} field="firmId" messages={placed.at('firmId')} />
      <FieldError formId={formId} field="organisationId" messages={placed.at('organisationId')} />
      <div className="field">
        <label htmlFor={`${formId}-joined`}>{t('clusters.members.joinedOn')}</label>
        <DateInput id={`${formId}-joined`} value={joinedOn} onChange={(v) => setJoinedOn(v)} {...placed.props('joinedOn', formId)} />
        <FieldError formId={formId} field="joinedOn" messages={placed.at('joinedOn')} />
      </div>
      <FormActions pending={fetching} disabled={!member} submitLabel={t('clusters.members.submit')} submitTestId="add-cluster-member-submit" onCancel={disclosure.hide} cancelLabel={t('clusters.cancel')} />
    </Form>
  );
}

/** Remove a member (asks first; the member can be added again later). */
export function RemoveClusterMemberButton({ memberId, name }: { memberId: string; name: string }) {
  const { t } = useTranslation();
  const [{ data, fetching, error }, remove] = useClusterRemoveMemberMutation();
  const errors = data?.removeClusterMember.userErrors ?? [];
  return (
    <>
      <button
        type="button"
        className="link-button"
        disabled={fetching}
        data-testid="remove-cluster-member"
        onClick={() => {
          if (window.confirm(t('clusters.members.removeConfirm', { name }))) void remove({ input: { id: memberId } }, { additionalTypenames: ['ClusterMember', 'Cluster'] });
        }}
      >
        {t('clusters.removeNamed', { name })}
      </button>
      <FormErrors errors={errors} error={error} areas={AREAS} />
    </>
  );
}

/** Remove one attendance record from an activity. */
export function RemoveAttendanceButton({ attendanceId, name }: { attendanceId: string; name: string }) {
  const { t } = useTranslation();
  const [{ data, fetching, error }, remove] = useClusterRemoveAttendanceMutation();
  const errors = data?.removeActivityAttendance.userErrors ?? [];
  return (
    <>
      <button
        type="button"
        className="link-button"
        disabled={fetching}
        data-testid="remove-attendance"
        onClick={() => {
          if (window.confirm(t('clusters.activity.removeAttendanceConfirm', { name }))) void remove({ input: { id: attendanceId } }, { additionalTypenames: ['ClusterActivity', 'ActivityAttendance'] });
        }}
      >
        {t('clusters.removeNamed', { name })}
      </button>
      <FormErrors errors={errors} error={error} areas={AREAS} />
    </>
  );
}

/** The datetime-local value ("YYYY-MM-DDTHH:mm", what DateTimeInput takes) of an ISO time, in the browser's time zone. */
export function isoToLocalInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export interface EditableActivity {
  id: string;
  version: number;
  kind: ClusterActivityKind;
  title: string;
  startsAt: string;
  endsAt?: string | null;
  location?: string | null;
  description?: string | null;
}

/** Change an activity of the cluster (sends the version read, so a concurrent change is refused). */
export function EditActivity({ activity }: { activity: EditableActivity }) {
  const { t } = useTranslation();
  const disclosure = useDisclosure();
  const { open, setOpen } = disclosure;
  const [kind, setKind] = useState<ClusterActivityKind>(activity.kind);
  const [title, setTitle] = useState(activity.title);
  const [startsAt, setStartsAt] = useState(isoToLocalInput(activity.startsAt));
  const [endsAt, setEndsAt] = useState(isoToLocalInput(activity.endsAt));
  const [location, setLocation] = useState(activity.location ?? '');
  const [description, setDescription] = useState(activity.description ?? '');
  const [local, setLocal] = useState<Record<string, string[]>>({});
  const [{ data, fetching, error }, update] = useClusterUpdateActivityMutation();
  const formId = 'edit-activity';
  const shown = ['kind', 'title', 'startsAt', 'endsAt', 'location', 'description'];
  const userErrors = data?.updateClusterActivity.userErrors ?? [];
  const placed = placeUserErrors(userErrors, shown, AREAS);
  const at = (key: string) => [...(local[key] ?? []), ...placed.at(key)];
  const props = (key: string) => (at(key).length ? { 'aria-invalid': true as const, 'aria-describedby': `${formId}-${key}-error` } : {});
  if (!open) {
    return (
      <DisclosureButton disclosure={disclosure} testId="edit-activity">
        {t('clusters.activity.edit')}
      </DisclosureButton>
    );
  }
  async function submit(event: FormEvent) {
    event.preventDefault();
    const start = localDateTimeToIso(startsAt);
    const end = endsAt ? localDateTimeToIso(endsAt) : null;
    const errors: Record<string, string[]> = {};
    if (!start) errors.startsAt = [t('clusters.activity.giveStart')];
    if (endsAt && !end) errors.endsAt = [t('clusters.activity.giveEnd')];
    setLocal(errors);
    if (Object.keys(errors).length) return;
    const result = await update(
      { input: { id: activity.id, expectedVersion: activity.version, kind, title: title.trim(), startsAt: start!, endsAt: end, location: location.trim() || null, description: description.trim() || null } },
      { additionalTypenames: ['ClusterActivity'] },
    );
    if (result.data?.updateClusterActivity.activity && result.data.updateClusterActivity.userErrors.length === 0) setOpen(false);
  }
  return (
    <Form id={disclosure.panelId} className="sub-form" onSubmit={submit} noValidate aria-labelledby={`${formId}-title`} data-testid="edit-activity-form">
      <h2 id={`${formId}-title`}>{t('clusters.activity.edit')}</h2>
      <FormErrors errors={userErrors} shownKeys={shown} error={error} areas={AREAS} />
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${formId}-kind`}>{t('clusters.activity.kind')}</label>
          <select id={`${formId}-kind`} value={kind} onChange={(e) => setKind(e.target.value as ClusterActivityKind)} {...props('kind')}>
            {ACTIVITY_KINDS.map((k) => (
              <option key={k} value={k}>
                {activityKindLabel(k)}
              </option>
            ))}
          </select>
          <FieldError id={`${formId}-kind-error`} messages={at('kind')} />
        </div>
        <div className="field grow">
          <label htmlFor={`${formId}-title-input`}>{t('clusters.activity.titleField')}</label>
          <input id={`${formId}-title-input`} value={title} onChange={(e) => setTitle(e.target.value)} {...props('title')} />
          <FieldError id={`${formId}-title-error`} messages={at('title')} />
        </div>
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${formId}-starts`}>{t('clusters.activity.starts')}</label>
          <DateTimeInput id={`${formId}-starts`} value={startsAt} onChange={(v) => setStartsAt(v)} {...props('startsAt')} />
          <FieldError id={`${formId}-startsAt-error`} messages={at('startsAt')} />
        </div>
        <div className="field">
          <label htmlFor={`${formId}-ends`}>{t('clusters.activity.endsOptional')}</label>
          <DateTimeInput id={`${formId}-ends`} value={endsAt} onChange={(v) => setEndsAt(v)} {...props('endsAt')} />
          <FieldError id={`${formId}-endsAt-error`} messages={at('endsAt')} />
        </div>
        <div className="field">
          <label htmlFor={`${formId}-location`}>{t('clusters.activity.locationOptional')}</label>
          <input id={`${formId}-location`} value={location} onChange={(e) => setLocation(e.target.value)} {...props('location')} />
          <FieldError id={`${formId}-location-error`} messages={at('location')} />
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${formId}-description`}>{t('clusters.activity.descriptionOptional')}</label>
        <textarea id={`${formId}-description`} rows={2} value={description} onChange={(e) => setDescription(e.target.value)} {...props('description')} />
        <FieldError id={`${formId}-description-error`} messages={at('description')} />
      </div>
      <FormActions pending={fetching} submitLabel={t('clusters.save')} pendingLabel={t('clusters.saving')} submitTestId="edit-activity-submit" onCancel={disclosure.hide} cancelLabel={t('clusters.cancel')} />
    </Form>
  );
}
