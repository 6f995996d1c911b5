import { formatDateTime } from '../ui/format';
import { confirmIrreversible, FieldError, FormErrors, invalidProps, placeUserErrors } from '../ui/userErrors';
import { useTranslation } from 'react-i18next';
import { t } from '../ui/i18n';
import { useState, type FormEvent } from 'react';
import {
  useDeskAddContactPersonMutation, useDeskAnonymiseContactPersonMutation, useDeskContactPersonsQuery, useDeskRevealContactPersonMutation, type DeskContactPersonFragment,
  type PersonalDataCategory,
} from '../generated/graphql';
import { QueryStatus } from '../ui/Status';
import { categoryLabel, categoryOf, contactInput, emptyContact, sensitiveDisplay, type ContactDraft } from './contactPersons';
import { DisclosureButton, Form, useDisclosure } from '../ui/Form';

const CONTACTS = { additionalTypenames: ['ContactPerson'] };

function CategoryTag({ category }: { category: PersonalDataCategory }) {
  return (
    <span className={`desk-category desk-category-${category.toLowerCase()}`} title={categoryLabel(category)} data-testid="field-category">
      {t(`desk.contacts.categoryShort.${category}`)}
    </span>
  );
}

/**
 * The firm's contact persons held by our organisations (personal data): sensitive fields masked, a
 * logged reveal for those who may record for the holding organisation, and adding a person.
 */
export function ContactPersonsPanel({
  firmId,
  organisationId,
  recordingOrganisationIds,
  erasingOrganisationIds = [],
}: {
  firmId: string;
  organisationId: string | null;
  recordingOrganisationIds: readonly string[];
  /** Organisations where the user may erase ("edit"): editors and admins of the holding organisation. */
  erasingOrganisationIds?: readonly string[];
}) {
  const { t } = useTranslation();
  const [{ data, fetching, error }] = useDeskContactPersonsQuery({ variables: { firmId }, context: CONTACTS });
  const people = data?.contactPersons ?? [];
  return (
    <div className="desk-form" data-testid="contact-persons-panel">
      <h2>{t('desk.contacts.title')}</h2>
      <p className="hint">{t('desk.contacts.hint')}</p>
      <QueryStatus fetching={fetching && !data} error={error} what={t('desk.contacts.what')} />
      {data && people.length === 0 && <p className="muted">{t('desk.contacts.none')}</p>}
      {people.length > 0 && (
        <ul className="desk-list">
          {people.map((p) => (
            <ContactPersonItem key={p.id} person={p} canReveal={recordingOrganisationIds.includes(p.organisation.id)} canErase={erasingOrganisationIds.includes(p.organisation.id)} />
          ))}
        </ul>
      )}
      {organisationId && <AddContactPersonForm firmId={firmId} organisationId={organisationId} />}
    </div>
  );
}

function ContactPersonItem({ person: p, canReveal, canErase }: { person: DeskContactPersonFragment; canReveal: boolean; canErase: boolean }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  // The revealed value lives here only: the list itself is always fetched masked.
  const [revealed, setRevealed] = useState<{ value: string | null; at: string } | null>(null);
  const [{ data, fetching, error }, reveal] = useDeskRevealContactPersonMutation();
  const errors = placeUserErrors(data?.revealContactPerson.userErrors, ['reason']);
  const note = sensitiveDisplay(p.sensitiveNote, revealed?.value);
  const id = `contact-${p.id}`;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const r = await reveal({ input: { contactPersonId: p.id, reason: reason.trim() } });
    const person = r.data?.revealContactPerson.contactPerson;
    if (person) {
      setRevealed({ value: person.sensitiveNote.value, at: r.data?.revealContactPerson.log?.at ?? new Date().toISOString() });
      setAsking(false);
      setReason('');
    }
  }

  const row = (label: string, field: string, value: string | null) =>
    value ? (
      <div className="desk-fact">
        <dt>
          {label} <CategoryTag category={categoryOf(p, field)} />
        </dt>
        <dd>{value}</dd>
      </div>
    ) : null;

  return (
    <li className="desk-item desk-contact" data-testid="contact-person" data-contact-id={p.id}>
      <div className="desk-item-head">
        <strong>{p.name}</strong>
        <span className="muted desk-small">{p.organisation.name}</span>
      </div>
      <dl className="facts desk-facts">
        {row(t('desk.contacts.role'), 'role', p.role)}
        {row(t('desk.contacts.email'), 'email', p.email)}
        {row(t('desk.contacts.phone'), 'phone', p.phone)}
        <div className="desk-fact">
          <dt>
            {t('desk.contacts.sensitiveNote')} <CategoryTag category={p.sensitiveNote.category} />
          </dt>
          <dd className={`desk-sensitive desk-sensitive-${note.state}`} data-testid="sensitive-note" data-state={note.state}>
            {note.state === 'masked' ? <span aria-label={t('desk.contacts.masked')}>{note.text}</span> : note.text}
          </dd>
        </div>
      </dl>
      {note.state === 'revealed' && revealed && (
        <p className="desk-small muted" data-testid="reveal-logged">
          {t('desk.contacts.revealed', { when: formatDateTime(revealed.at) })}{' '}
          <button type="button" className="desk-link-button" onClick={() => setRevealed(null)}>
            {t('desk.contacts.hide')}
          </button>
        </p>
      )}
      {note.state === 'masked' && canReveal && !asking && (
        <button type="button" onClick={() => setAsking(true)} data-testid="reveal-start">
          {t('desk.contacts.reveal')}
        </button>
      )}
      {note.state === 'masked' && canReveal && asking && (
        <Form layout="inline" className="desk-inline-form" onSubmit={submit} noValidate data-testid="reveal-form">
          <label htmlFor={`${id}-reason`}>{t('desk.contacts.why')}</label>
          <input id={`${id}-reason`} value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} data-testid="reveal-reason" {...invalidProps(`${id}-reason-error`, errors.byField.reason)} />
          <button type="submit" className="primary" disabled={fetching} data-testid="reveal-submit">
            {t('desk.contacts.revealLogged')}
          </button>
          <button type="button" onClick={() => setAsking(false)}>
            {t('desk.cancel')}
          </button>
          <FieldError id={`${id}-reason-error`} messages={errors.byField.reason} />
          <p className="hint desk-rec-hint">{t('desk.contacts.revealHint')}</p>
        </Form>
      )}
      <FormErrors messages={errors.other} error={error} />
      {canErase && <EraseContactPerson person={p} />}
    </li>
  );
}

const CONTACT_FIELDS: Array<{ name: keyof ContactDraft; label: string; type?: string; textarea?: boolean }> = [
  { name: 'name', label: 'desk.contacts.field.name' },
  { name: 'role', label: 'desk.contacts.field.role' },
  { name: 'email', label: 'desk.contacts.field.email', type: 'email' },
  { name: 'phone', label: 'desk.contacts.field.phone', type: 'tel' },
  { name: 'sensitiveNote', label: 'desk.contacts.field.sensitiveNote', textarea: true },
];

function AddContactPersonForm({ firmId, organisationId }: { firmId: string; organisationId: string }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<ContactDraft>(emptyContact);
  const [clientErrors, setClientErrors] = useState<Record<string, string[]>>({});
  const [saved, setSaved] = useState<string | null>(null);
  const [{ data, fetching, error }, add] = useDeskAddContactPersonMutation();
  const server = placeUserErrors(data?.addContactPerson.userErrors, CONTACT_FIELDS.map((f) => f.name), ['desk']);
  const errorsFor = (key: string) => [...(clientErrors[key] ?? []), ...(server.byField[key] ?? [])];

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(null);
    const errors: Record<string, string[]> = draft.name.trim() ? {} : { name: [t('desk.contacts.giveName')] };
    setClientErrors(errors);
    if (Object.keys(errors).length) return;
    const r = await add({ input: contactInput(firmId, organisationId, draft) });
    if (r.data?.addContactPerson.contactPerson) {
      setSaved(r.data.addContactPerson.contactPerson.name);
      setDraft(emptyContact());
    }
  }

  return (
    <Form className="desk-subform" onSubmit={submit} noValidate aria-labelledby="add-contact-title" data-testid="add-contact-form">
      <h3 id="add-contact-title">{t('desk.contacts.add')}</h3>
      {CONTACT_FIELDS.map((f) => {
        const id = `contact-${f.name}`;
        const messages = errorsFor(f.name);
        const props = {
          id,
          value: draft[f.name],
          onChange: (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [f.name]: e.target.value })),
          ...invalidProps(`${id}-error`, messages),
        };
        const category = categoryOf(null, f.name);
        return (
          <div key={f.name} className="desk-rec-field">
            <label htmlFor={id}>
              {t(f.label)} <CategoryTag category={category} />
            </label>
            {f.textarea ? <textarea rows={2} {...props} /> : <input type={f.type ?? 'text'} {...props} />}
            {category === 'SENSITIVE' && <span className="hint desk-rec-hint">{t('desk.contacts.sensitiveHint')}</span>}
            <FieldError id={`${id}-error`} messages={messages} />
          </div>
        );
      })}
      <FormErrors messages={server.other} error={error} />
      <button type="submit" className="primary" disabled={fetching} data-testid="contact-add">
        {t('desk.contacts.addSubmit')}
      </button>
      {saved && (
        <p role="status" className="desk-saved" data-testid="contact-saved">
          {t('desk.contacts.added', { name: saved })}
        </p>
      )}
    </Form>
  );
}

/**
 * Erasure (DA sletning / SV radering) of a contact person's personal data, on request: asks for the
 * reason (kept in the log) and to confirm, since it cannot be undone.
 */
function EraseContactPerson({ person }: { person: DeskContactPersonFragment }) {
  const { t } = useTranslation();
  const disclosure = useDisclosure();
  const { open, setOpen } = disclosure;
  const [reason, setReason] = useState('');
  const [{ data, fetching, error }, erase] = useDeskAnonymiseContactPersonMutation();
  const formId = `erase-${person.id}`;
  const placed = placeUserErrors(data?.anonymiseContactPerson.userErrors, ['reason', 'contactPersonId'], ['desk']);
  if (!open) {
    return (
      <DisclosureButton disclosure={disclosure} className="danger" testId="erase-start">
        {t('desk.contacts.erase')}
      </DisclosureButton>
    );
  }
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!confirmIrreversible(t('desk.contacts.eraseConfirm', { name: person.name }))) return;
    const r = await erase({ input: { contactPersonId: person.id, reason: reason.trim() } }, CONTACTS);
    if (r.data?.anonymiseContactPerson.contactPerson && r.data.anonymiseContactPerson.userErrors.length === 0) setOpen(false);
  }
  return (
    <Form id={disclosure.panelId} layout="inline" className="desk-inline-form" onSubmit={submit} noValidate data-testid="erase-form">
      <label htmlFor={`${formId}-reason`}>{t('desk.contacts.eraseReason')}</label>
      <input id={`${formId}-reason`} value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} data-testid="erase-reason" {...placed.props('reason', formId)} />
      <button type="submit" className="danger" disabled={fetching} data-testid="erase-submit">
        {t('desk.contacts.eraseSubmit')}
      </button>
      <button type="button" onClick={() => setOpen(false)}>
        {t('desk.cancel')}
      </button>
      <FieldError formId={formId} field="reason" messages={placed.at('reason')} />
      <FormErrors messages={placed.other} error={error} />
    </Form>
  );
}
