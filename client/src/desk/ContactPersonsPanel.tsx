import { formatDateTime } from '../ui/format';
import { FieldError, FormErrors, invalidProps, placeUserErrors } from '../ui/userErrors';
import { useState, type FormEvent } from 'react';
import {
  useDeskAddContactPersonMutation, useDeskContactPersonsQuery, useDeskRevealContactPersonMutation, type DeskContactPersonFragment,
  type PersonalDataCategory,
} from '../generated/graphql';
import { QueryStatus } from '../ui/Status';
import { CATEGORY_LABELS, categoryOf, contactInput, emptyContact, sensitiveDisplay, type ContactDraft } from './contactPersons';

const CONTACTS = { additionalTypenames: ['ContactPerson'] };

function CategoryTag({ category }: { category: PersonalDataCategory }) {
  return (
    <span className={`desk-category desk-category-${category.toLowerCase()}`} title={CATEGORY_LABELS[category]} data-testid="field-category">
      {category.charAt(0) + category.slice(1).toLowerCase()}
    </span>
  );
}

/**
 * The firm's contact persons held by our organisations (personal data): sensitive fields masked, a
 * logged reveal for those who may record for the holding organisation, and adding a person.
 */
export function ContactPersonsPanel({ firmId, organisationId, recordingOrganisationIds }: { firmId: string; organisationId: string | null; recordingOrganisationIds: readonly string[] }) {
  const [{ data, fetching, error }] = useDeskContactPersonsQuery({ variables: { firmId }, context: CONTACTS });
  const people = data?.contactPersons ?? [];
  return (
    <div className="desk-form" data-testid="contact-persons-panel">
      <h2>Contact persons</h2>
      <p className="hint">Personal data held by our organisation, visible only to our members. Sensitive fields stay masked until revealed; every reveal is logged with who, when and why.</p>
      <QueryStatus fetching={fetching && !data} error={error} what="contact persons" />
      {data && people.length === 0 && <p className="muted">No contact persons recorded by us.</p>}
      {people.length > 0 && (
        <ul className="desk-list">
          {people.map((p) => (
            <ContactPersonItem key={p.id} person={p} canReveal={recordingOrganisationIds.includes(p.organisation.id)} />
          ))}
        </ul>
      )}
      {organisationId && <AddContactPersonForm firmId={firmId} organisationId={organisationId} />}
    </div>
  );
}

function ContactPersonItem({ person: p, canReveal }: { person: DeskContactPersonFragment; canReveal: boolean }) {
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
        {row('Role', 'role', p.role)}
        {row('E-mail', 'email', p.email)}
        {row('Phone', 'phone', p.phone)}
        <div className="desk-fact">
          <dt>
            Sensitive note <CategoryTag category={p.sensitiveNote.category} />
          </dt>
          <dd className={`desk-sensitive desk-sensitive-${note.state}`} data-testid="sensitive-note" data-state={note.state}>
            {note.state === 'masked' ? <span aria-label="Masked">{note.text}</span> : note.text}
          </dd>
        </div>
      </dl>
      {note.state === 'revealed' && revealed && (
        <p className="desk-small muted" data-testid="reveal-logged">
          Revealed to you {formatDateTime(revealed.at)}; the reveal is logged.{' '}
          <button type="button" className="desk-link-button" onClick={() => setRevealed(null)}>
            Hide again
          </button>
        </p>
      )}
      {note.state === 'masked' && canReveal && !asking && (
        <button type="button" onClick={() => setAsking(true)} data-testid="reveal-start">
          Reveal…
        </button>
      )}
      {note.state === 'masked' && canReveal && asking && (
        <form className="desk-inline-form" onSubmit={submit} noValidate data-testid="reveal-form">
          <label htmlFor={`${id}-reason`}>Why do you need to see it?</label>
          <input id={`${id}-reason`} value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} data-testid="reveal-reason" {...invalidProps(`${id}-reason-error`, errors.byField.reason)} />
          <button type="submit" className="primary" disabled={fetching} data-testid="reveal-submit">
            Reveal (logged)
          </button>
          <button type="button" onClick={() => setAsking(false)}>
            Cancel
          </button>
          <FieldError id={`${id}-reason-error`} messages={errors.byField.reason} />
          <p className="hint desk-rec-hint">Your name, the time and this reason are written to the reveal log.</p>
        </form>
      )}
      <FormErrors messages={errors.other} error={error} />
    </li>
  );
}

const CONTACT_FIELDS: Array<{ name: keyof ContactDraft; label: string; type?: string; textarea?: boolean }> = [
  { name: 'name', label: 'Name' },
  { name: 'role', label: 'Role (optional)' },
  { name: 'email', label: 'E-mail (optional)', type: 'email' },
  { name: 'phone', label: 'Phone (optional)', type: 'tel' },
  { name: 'sensitiveNote', label: 'Sensitive note (optional)', textarea: true },
];

function AddContactPersonForm({ firmId, organisationId }: { firmId: string; organisationId: string }) {
  const [draft, setDraft] = useState<ContactDraft>(emptyContact);
  const [clientErrors, setClientErrors] = useState<Record<string, string[]>>({});
  const [saved, setSaved] = useState<string | null>(null);
  const [{ data, fetching, error }, add] = useDeskAddContactPersonMutation();
  const server = placeUserErrors(data?.addContactPerson.userErrors, CONTACT_FIELDS.map((f) => f.name));
  const errorsFor = (key: string) => [...(clientErrors[key] ?? []), ...(server.byField[key] ?? [])];

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(null);
    const errors: Record<string, string[]> = draft.name.trim() ? {} : { name: ['Give the name.'] };
    setClientErrors(errors);
    if (Object.keys(errors).length) return;
    const r = await add({ input: contactInput(firmId, organisationId, draft) });
    if (r.data?.addContactPerson.contactPerson) {
      setSaved(r.data.addContactPerson.contactPerson.name);
      setDraft(emptyContact());
    }
  }

  return (
    <form className="desk-subform" onSubmit={submit} noValidate aria-labelledby="add-contact-title" data-testid="add-contact-form">
      <h3 id="add-contact-title">Add a contact person</h3>
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
              {f.label} <CategoryTag category={category} />
            </label>
            {f.textarea ? <textarea rows={2} {...props} /> : <input type={f.type ?? 'text'} {...props} />}
            {category === 'SENSITIVE' && <span className="hint desk-rec-hint">e.g. health or trade-union membership: shown masked; each reveal is logged.</span>}
            <FieldError id={`${id}-error`} messages={messages} />
          </div>
        );
      })}
      <FormErrors messages={server.other} error={error} />
      <button type="submit" className="primary" disabled={fetching} data-testid="contact-add">
        Add contact person
      </button>
      {saved && (
        <p role="status" className="desk-saved" data-testid="contact-saved">
          {saved} added.
        </p>
      )}
    </form>
  );
}
