import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  useNetworkAddMembersMutation,
  useNetworkAddWorkingGroupMemberMutation,
  useNetworkCreateFundingPoolMutation,
  useNetworkCreateMutation,
  useNetworkScheduleMeetingMutation,
  useNetworkUpdateMutation,
  type MeQuery,
  type NetworkMemberInput,
} from '../generated/graphql';
import { organisationsWhere } from '../ui/access';
import { FirmFinder } from '../ui/FirmFinder';
import { formatDate } from '../ui/format';
import { OrganisationPicker, type PickedOrganisation } from '../ui/OrganisationPicker';
import { FieldError, FormErrors, placeUserErrors } from '../ui/userErrors';
import { areaHref, navigate } from '../routing';
import { DisclosureButton, Form, FormActions, useDisclosure } from '../ui/Form';
import { DateInput } from '../ui/DateInput';

const AREAS = ['networks'];
const NETWORK_TYPES = { additionalTypenames: ['Network', 'NetworkMeeting', 'FundingPool'] };

/** A picked organisation with a button to take it back. */
function Picked({ org, onClear, testId }: { org: PickedOrganisation | null; onClear: () => void; testId: string }) {
  const { t } = useTranslation();
  if (!org) return null;
  return (
    <p data-testid={testId}>
      <strong>{org.name}</strong>{' '}
      <button type="button" className="link-button" onClick={onClear}>
        {t('networks.create.remove', { name: org.name })}
      </button>
    </p>
  );
}

/** A select of the organisations where the user may "edit" (the owner of a network or a pool). */
function OwnerSelect({ id, label, value, onChange, options, errorProps }: { id: string; label: string; value: string; onChange: (v: string) => void; options: { id: string; name: string }[]; errorProps: object }) {
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} data-testid={id} {...errorProps}>
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
    </>
  );
}

/** #/networks: create a network (DA opret netværk), owned by one of the user's organisations with "edit". */
export function CreateNetworkForm({ me, actingFor }: { me: MeQuery['me']; actingFor: string | null }) {
  const { t } = useTranslation();
  const owners = organisationsWhere(me, actingFor, 'edit');
  const disclosure = useDisclosure();
  const { open } = disclosure;
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [ownerId, setOwnerId] = useState(owners[0]?.id ?? '');
  const [secretariat, setSecretariat] = useState<PickedOrganisation | null>(null);
  const [organisation, setOrganisation] = useState<PickedOrganisation | null>(null);
  const [{ data, error, fetching }, create] = useNetworkCreateMutation();
  if (owners.length === 0) return null;
  if (!open) {
    return (
      <DisclosureButton disclosure={disclosure} primary testId="new-network">
        {t('networks.create.open')}
      </DisclosureButton>
    );
  }
  const formId = 'create-network';
  const shown = ['name', 'description', 'ownerOrganisationId', 'secretariatOrganisationId', 'organisationId'];
  const userErrors = data?.createNetwork.userErrors ?? [];
  const placed = placeUserErrors(userErrors, shown, AREAS);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await create(
      {
        input: {
          name: name.trim(),
          description: description.trim() || null,
          ownerOrganisationId: ownerId,
          secretariatOrganisationId: secretariat?.id ?? null,
          organisationId: organisation?.id ?? null,
        },
      },
      NETWORK_TYPES,
    );
    const created = result.data?.createNetwork;
    if (created?.network && created.userErrors.length === 0) navigate({ page: 'area', area: 'networks', parts: [created.network.id], params: {} });
  }

  return (
    <Form id={disclosure.panelId} className="card" onSubmit={submit} aria-labelledby={`${formId}-title`} data-testid="create-network-form" noValidate>
      <h2 id={`${formId}-title`}>{t('networks.create.title')}</h2>
      <FormErrors errors={userErrors} shownKeys={shown} error={error} areas={AREAS} />
      <label htmlFor={`${formId}-name`}>{t('networks.create.name')}</label>
      <input id={`${formId}-name`} value={name} onChange={(e) => setName(e.target.value)} data-testid="network-name" {...placed.props('name', formId)} />
      <FieldError formId={formId} field="name" messages={placed.at('name')} />
      <label htmlFor={`${formId}-description`}>{t('networks.create.description')}</label>
      <textarea id={`${formId}-description`} value={description} onChange={(e) => setDescription(e.target.value)} rows={3} data-testid="network-description" {...placed.props('description', formId)} />
      <FieldError formId={formId} field="description" messages={placed.at('description')} />
      <OwnerSelect id={`${formId}-owner`} label={t('networks.create.owner')} value={ownerId} onChange={setOwnerId} options={owners} errorProps={placed.props('ownerOrganisationId', formId)} />
      <FieldError formId={formId} field="ownerOrganisationId" messages={placed.at('ownerOrganisationId')} />
      {secretariat ? (
        <Picked org={secretariat} onClear={() => setSecretariat(null)} testId="picked-secretariat" />
      ) : (
        <OrganisationPicker id={`${formId}-secretariat`} label={t('networks.create.secretariat')} onChoose={setSecretariat} {...placed.props('secretariatOrganisationId', formId)} />
      )}
      <FieldError formId={formId} field="secretariatOrganisationId" messages={placed.at('secretariatOrganisationId')} />
      {organisation ? (
        <Picked org={organisation} onClear={() => setOrganisation(null)} testId="picked-network-organisation" />
      ) : (
        <OrganisationPicker id={`${formId}-organisation`} label={t('networks.create.organisation')} kinds={['NETWORK']} onChoose={setOrganisation} />
      )}
      <FieldError formId={formId} field="organisationId" messages={placed.at('organisationId')} />
      <FormActions pending={fetching} submitLabel={t('networks.create.submit')} pendingLabel={t('networks.create.saving')} submitTestId="create-network-submit" onCancel={disclosure.hide} cancelLabel={t('networks.create.cancel')} />
    </Form>
  );
}

/** #/networks: a new funding pool (DA pulje), owned by an organisation where the user may "edit". */
export function CreateFundingPoolForm({ me, actingFor }: { me: MeQuery['me']; actingFor: string | null }) {
  const { t } = useTranslation();
  const owners = organisationsWhere(me, actingFor, 'edit');
  const disclosure = useDisclosure();
  const { open, setOpen } = disclosure;
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [ownerId, setOwnerId] = useState(owners[0]?.id ?? '');
  const [{ data, error, fetching }, create] = useNetworkCreateFundingPoolMutation();
  const [created, setCreated] = useState<string | null>(null);
  if (owners.length === 0) return null;
  const formId = 'create-pool';
  const shown = ['name', 'description', 'ownerOrganisationId'];
  const userErrors = data?.createFundingPool.userErrors ?? [];
  const placed = placeUserErrors(userErrors, shown, AREAS);
  if (!open) {
    return (
      <>
        {created && <p role="status">{t('networks.pool.created', { name: created })}</p>}
        <DisclosureButton disclosure={disclosure} testId="new-pool">
          {t('networks.pool.open')}
        </DisclosureButton>
      </>
    );
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await create({ input: { name: name.trim(), description: description.trim() || null, ownerOrganisationId: ownerId } }, NETWORK_TYPES);
    const pool = result.data?.createFundingPool;
    if (pool?.pool && pool.userErrors.length === 0) {
      setCreated(pool.pool.name);
      setName('');
      setDescription('');
      setOpen(false);
    }
  }

  return (
    <Form id={disclosure.panelId} onSubmit={submit} aria-labelledby={`${formId}-title`} data-testid="create-pool-form" noValidate>
      <h3 id={`${formId}-title`}>{t('networks.pool.title')}</h3>
      <FormErrors errors={userErrors} shownKeys={shown} error={error} areas={AREAS} />
      <label htmlFor={`${formId}-name`}>{t('networks.pool.name')}</label>
      <input id={`${formId}-name`} value={name} onChange={(e) => setName(e.target.value)} data-testid="pool-name" {...placed.props('name', formId)} />
      <FieldError formId={formId} field="name" messages={placed.at('name')} />
      <label htmlFor={`${formId}-description`}>{t('networks.pool.description')}</label>
      <textarea id={`${formId}-description`} value={description} onChange={(e) => setDescription(e.target.value)} rows={2} {...placed.props('description', formId)} />
      <FieldError formId={formId} field="description" messages={placed.at('description')} />
      <OwnerSelect id={`${formId}-owner`} label={t('networks.pool.owner')} value={ownerId} onChange={setOwnerId} options={owners} errorProps={placed.props('ownerOrganisationId', formId)} />
      <FieldError formId={formId} field="ownerOrganisationId" messages={placed.at('ownerOrganisationId')} />
      <FormActions pending={fetching} submitLabel={t('networks.pool.submit')} pendingLabel={t('networks.create.saving')} submitTestId="create-pool-submit" onCancel={disclosure.hide} cancelLabel={t('networks.create.cancel')} />
    </Form>
  );
}

export interface EditableNetwork {
  id: string;
  name: string;
  description?: string | null;
  version: number;
  secretariat?: { id: string; name: string } | null;
}

/** Edit name, description and secretariat (sends the version read, so a concurrent edit is refused). */
export function EditNetworkForm({ network }: { network: EditableNetwork }) {
  const { t } = useTranslation();
  const disclosure = useDisclosure();
  const { open, setOpen } = disclosure;
  const [name, setName] = useState(network.name);
  const [description, setDescription] = useState(network.description ?? '');
  const [secretariat, setSecretariat] = useState<PickedOrganisation | { id: string; name: string } | null>(network.secretariat ?? null);
  const [{ data, error, fetching }, update] = useNetworkUpdateMutation();
  const formId = 'edit-network';
  const shown = ['name', 'description', 'secretariatOrganisationId'];
  const userErrors = data?.updateNetwork.userErrors ?? [];
  const placed = placeUserErrors(userErrors, shown, AREAS);
  if (!open) {
    return (
      <DisclosureButton disclosure={disclosure} testId="edit-network">
        {t('networks.network.edit')}
      </DisclosureButton>
    );
  }
  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await update(
      {
        input: {
          id: network.id,
          expectedVersion: network.version,
          name: name.trim(),
          description: description.trim() || null,
          ...(secretariat && secretariat.id !== network.secretariat?.id ? { secretariatOrganisationId: secretariat.id } : {}),
        },
      },
      NETWORK_TYPES,
    );
    if (result.data?.updateNetwork.network && result.data.updateNetwork.userErrors.length === 0) setOpen(false);
  }
  return (
    <Form id={disclosure.panelId} onSubmit={submit} aria-labelledby={`${formId}-title`} data-testid="edit-network-form" noValidate>
      <h2 id={`${formId}-title`}>{t('networks.network.edit')}</h2>
      <FormErrors errors={userErrors} shownKeys={shown} error={error} areas={AREAS} />
      <label htmlFor={`${formId}-name`}>{t('networks.create.name')}</label>
      <input id={`${formId}-name`} value={name} onChange={(e) => setName(e.target.value)} {...placed.props('name', formId)} />
      <FieldError formId={formId} field="name" messages={placed.at('name')} />
      <label htmlFor={`${formId}-description`}>{t('networks.create.description')}</label>
      <textarea id={`${formId}-description`} value={description} onChange={(e) => setDescription(e.target.value)} rows={3} {...placed.props('description', formId)} />
      <FieldError formId={formId} field="description" messages={placed.at('description')} />
      {secretariat ? (
        <Picked org={secretariat as PickedOrganisation} onClear={() => setSecretariat(null)} testId="edit-secretariat" />
      ) : (
        <OrganisationPicker id={`${formId}-secretariat`} label={t('networks.network.secretariat')} onChoose={setSecretariat} />
      )}
      <FieldError formId={formId} field="secretariatOrganisationId" messages={placed.at('secretariatOrganisationId')} />
      <FormActions pending={fetching} submitLabel={t('networks.network.saveEdit')} pendingLabel={t('networks.create.saving')} submitTestId="edit-network-submit" onCancel={disclosure.hide} cancelLabel={t('networks.create.cancel')} />
    </Form>
  );
}

/** Schedule a meeting of the network (DA planlæg møde). */
export function ScheduleMeetingForm({ networkId }: { networkId: string }) {
  const { t } = useTranslation();
  const disclosure = useDisclosure();
  const { open, setOpen } = disclosure;
  const [title, setTitle] = useState('');
  const [heldOn, setHeldOn] = useState('');
  const [location, setLocation] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const [{ data, error, fetching }, schedule] = useNetworkScheduleMeetingMutation();
  const formId = 'schedule-meeting';
  const shown = ['title', 'heldOn', 'location'];
  const userErrors = data?.scheduleNetworkMeeting.userErrors ?? [];
  const placed = placeUserErrors(userErrors, shown, AREAS);
  if (!open) {
    return (
      <>
        {done && (
          <p role="status" data-testid="meeting-scheduled">
            {done}
          </p>
        )}
        <DisclosureButton disclosure={disclosure} testId="schedule-meeting">
          {t('networks.meeting.open')}
        </DisclosureButton>
      </>
    );
  }
  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await schedule({ input: { networkId, title: title.trim(), heldOn, location: location.trim() || null } }, NETWORK_TYPES);
    const meeting = result.data?.scheduleNetworkMeeting.meeting;
    if (meeting && result.data?.scheduleNetworkMeeting.userErrors.length === 0) {
      setDone(t('networks.meeting.scheduled', { title: meeting.title, date: formatDate(meeting.heldOn) }));
      setTitle('');
      setHeldOn('');
      setLocation('');
      setOpen(false);
    }
  }
  return (
    <Form id={disclosure.panelId} onSubmit={submit} aria-labelledby={`${formId}-title`} data-testid="schedule-meeting-form" noValidate>
      <h3 id={`${formId}-title`}>{t('networks.meeting.open')}</h3>
      <FormErrors errors={userErrors} shownKeys={shown} error={error} areas={AREAS} />
      <label htmlFor={`${formId}-title-input`}>{t('networks.meeting.title')}</label>
      <input id={`${formId}-title-input`} value={title} onChange={(e) => setTitle(e.target.value)} data-testid="meeting-title" {...placed.props('title', formId)} />
      <FieldError formId={formId} field="title" messages={placed.at('title')} />
      <label htmlFor={`${formId}-date`}>{t('networks.meeting.heldOn')}</label>
      <DateInput id={`${formId}-date`} value={heldOn} onChange={(v) => setHeldOn(v)} data-testid="meeting-date" {...placed.props('heldOn', formId)} />
      <FieldError formId={formId} field="heldOn" messages={placed.at('heldOn')} />
      <label htmlFor={`${formId}-location`}>{t('networks.meeting.location')}</label>
      <input id={`${formId}-location`} value={location} onChange={(e) => setLocation(e.target.value)} data-testid="meeting-location" {...placed.props('location', formId)} />
      <FieldError formId={formId} field="location" messages={placed.at('location')} />
      <FormActions pending={fetching} submitLabel={t('networks.meeting.submit')} pendingLabel={t('networks.create.saving')} submitTestId="schedule-meeting-submit" onCancel={disclosure.hide} cancelLabel={t('networks.create.cancel')} />
    </Form>
  );
}

type DraftMember = NetworkMemberInput & { label: string };

/** Add members: firms found with the kit's firm finder, or persons without a firm (by name). */
export function AddMembersForm({ networkId }: { networkId: string }) {
  const { t } = useTranslation();
  const disclosure = useDisclosure();
  const { open, setOpen } = disclosure;
  const [draft, setDraft] = useState<DraftMember[]>([]);
  const [person, setPerson] = useState('');
  const [added, setAdded] = useState<number | null>(null);
  const [{ data, error, fetching }, add] = useNetworkAddMembersMutation();
  const formId = 'add-members';
  const shown = ['members'];
  const userErrors = data?.addNetworkMembers.userErrors ?? [];
  const placed = placeUserErrors(userErrors, shown, AREAS);
  if (!open) {
    return (
      <>
        {added != null && <p role="status">{t('networks.members.added', { count: added })}</p>}
        <DisclosureButton disclosure={disclosure} testId="add-members">
          {t('networks.members.open')}
        </DisclosureButton>
      </>
    );
  }
  async function submit(event: FormEvent) {
    event.preventDefault();
    const members = draft.map(({ firmId, contactName }) => ({ firmId: firmId ?? null, contactName: contactName?.trim() || null }));
    const result = await add({ input: { networkId, members } }, NETWORK_TYPES);
    const payload = result.data?.addNetworkMembers;
    if (payload && payload.userErrors.length === 0) {
      setAdded(payload.addedCount);
      setDraft([]);
      setOpen(false);
    }
  }
  return (
    <Form id={disclosure.panelId} onSubmit={submit} aria-labelledby={`${formId}-title`} data-testid="add-members-form" noValidate>
      <h3 id={`${formId}-title`}>{t('networks.members.open')}</h3>
      <FormErrors errors={userErrors} shownKeys={shown} error={error} areas={AREAS} />
      <FirmFinder
        label={t('networks.members.firm')}
        actionLabel={t('networks.members.pick')}
        onSelect={(firm) => setDraft((d) => (d.some((m) => m.firmId === firm.id) ? d : [...d, { firmId: firm.id, label: firm.name }]))}
      />
      <label htmlFor={`${formId}-person`}>{t('networks.members.person')}</label>
      <div className="search-row">
        <input id={`${formId}-person`} value={person} onChange={(e) => setPerson(e.target.value)} data-testid="member-person" />
        <button
          type="button"
          disabled={!person.trim()}
          onClick={() => {
            setDraft((d) => [...d, { contactName: person.trim(), label: person.trim() }]);
            setPerson('');
          }}
        >
          {t('networks.members.addPerson')}
        </button>
      </div>
      <fieldset {...placed.props('members', formId)}>
        <legend>{t('networks.members.chosen')}</legend>
        <ul className="link-list" data-testid="members-draft">
          {draft.map((m, i) => (
            <li key={`${m.firmId ?? ''}-${i}`}>
              {m.label}
              {m.firmId && (
                <input
                  aria-label={`${t('networks.members.contact')}: ${m.label}`}
                  placeholder={t('networks.members.contact')}
                  value={m.contactName ?? ''}
                  onChange={(e) => setDraft((d) => d.map((x, j) => (j === i ? { ...x, contactName: e.target.value } : x)))}
                />
              )}{' '}
              <button type="button" className="link-button" onClick={() => setDraft((d) => d.filter((_, j) => j !== i))}>
                {t('networks.create.remove', { name: m.label })}
              </button>
            </li>
          ))}
        </ul>
      </fieldset>
      <FieldError formId={formId} field="members" messages={placed.at('members')} />
      <FormActions pending={fetching} disabled={draft.length === 0} submitLabel={t('networks.members.submit', { count: draft.length })} submitTestId="add-members-submit" onCancel={disclosure.hide} cancelLabel={t('networks.create.cancel')} />
    </Form>
  );
}

/** Add a person or an organisation to the working group (DA arbejdsgruppe), with a role. */
export function AddWorkingGroupMemberForm({ networkId }: { networkId: string }) {
  const { t } = useTranslation();
  const disclosure = useDisclosure();
  const { open, setOpen } = disclosure;
  const [personName, setPersonName] = useState('');
  const [role, setRole] = useState('');
  const [organisation, setOrganisation] = useState<PickedOrganisation | null>(null);
  const [local, setLocal] = useState<string | null>(null);
  const [{ data, error, fetching }, add] = useNetworkAddWorkingGroupMemberMutation();
  const formId = 'add-working-group';
  const shown = ['personName', 'organisationId', 'role'];
  const userErrors = data?.addNetworkWorkingGroupMember.userErrors ?? [];
  const placed = placeUserErrors(userErrors, shown, AREAS);
  if (!open) {
    return (
      <DisclosureButton disclosure={disclosure} testId="add-working-group">
        {t('networks.group.open')}
      </DisclosureButton>
    );
  }
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!personName.trim() && !organisation) {
      setLocal(t('networks.group.needOne'));
      return;
    }
    setLocal(null);
    const result = await add({ input: { networkId, personName: personName.trim() || null, organisationId: organisation?.id ?? null, role: role.trim() || null } }, NETWORK_TYPES);
    if (result.data?.addNetworkWorkingGroupMember.network && result.data.addNetworkWorkingGroupMember.userErrors.length === 0) {
      setPersonName('');
      setRole('');
      setOrganisation(null);
      setOpen(false);
    }
  }
  return (
    <Form id={disclosure.panelId} onSubmit={submit} aria-labelledby={`${formId}-title`} data-testid="add-working-group-form" noValidate>
      <h3 id={`${formId}-title`}>{t('networks.group.open')}</h3>
      <FormErrors messages={local ? [local] : []} errors={userErrors} shownKeys={shown} error={error} areas={AREAS} />
      <label htmlFor={`${formId}-person`}>{t('networks.group.person')}</label>
      <input id={`${formId}-person`} value={personName} onChange={(e) => setPersonName(e.target.value)} data-testid="group-person" {...placed.props('personName', formId)} />
      <FieldError formId={formId} field="personName" messages={placed.at('personName')} />
      {organisation ? (
        <Picked org={organisation} onClear={() => setOrganisation(null)} testId="group-organisation" />
      ) : (
        <OrganisationPicker id={`${formId}-organisation`} label={t('networks.group.organisation')} onChoose={setOrganisation} />
      )}
      <FieldError formId={formId} field="organisationId" messages={placed.at('organisationId')} />
      <label htmlFor={`${formId}-role`}>{t('networks.group.role')}</label>
      <input id={`${formId}-role`} value={role} onChange={(e) => setRole(e.target.value)} data-testid="group-role" {...placed.props('role', formId)} />
      <FieldError formId={formId} field="role" messages={placed.at('role')} />
      <FormActions pending={fetching} submitLabel={t('networks.group.submit')} submitTestId="add-working-group-submit" onCancel={disclosure.hide} cancelLabel={t('networks.create.cancel')} />
    </Form>
  );
}

export const networkHref = (id: string) => areaHref('networks', [id]);
