import { t } from '../ui/i18n';
import type { AddContactPersonInput, DeskContactPersonFragment, PersonalDataCategory } from '../generated/graphql';

/**
 * The category of each contact-person field, as the API declares them (ContactPerson.fieldCategories).
 * The add form needs them before any person exists; a list shows the API's own (see `categoryOf`).
 */
export const CONTACT_FIELD_CATEGORIES: Record<string, PersonalDataCategory> = {
  name: 'ORDINARY',
  role: 'ORDINARY',
  email: 'CONTACT',
  phone: 'CONTACT',
  sensitiveNote: 'SENSITIVE',
};

/** "Ordinary personal data", "Contact details", "Sensitive: ..." in the user's language (desk/messages.ts). */
export const categoryLabel = (category: PersonalDataCategory) => t(`desk.contacts.category.${category}`);

/** A field's category: the API's for this person when it names the field, else the known one. */
export function categoryOf(person: Pick<DeskContactPersonFragment, 'fieldCategories'> | null, field: string): PersonalDataCategory {
  return person?.fieldCategories.find((f) => f.field === field)?.category ?? CONTACT_FIELD_CATEGORIES[field] ?? 'SENSITIVE';
}

export const MASK = '••••••••';

/**
 * How the sensitive note is shown: the revealed text (from a reveal of this person), the mask while the
 * API withholds it, or that nothing is recorded. A value is never shown while the API marks it masked
 * unless it came from a reveal.
 */
export function sensitiveDisplay(
  note: DeskContactPersonFragment['sensitiveNote'],
  revealed: string | null | undefined,
): { state: 'revealed' | 'masked' | 'absent'; text: string } {
  if (!note.present) return { state: 'absent', text: 'None recorded' };
  if (revealed != null) return { state: 'revealed', text: revealed };
  if (!note.masked && note.value != null) return { state: 'revealed', text: note.value };
  return { state: 'masked', text: MASK };
}

export interface ContactDraft {
  name: string;
  role: string;
  email: string;
  phone: string;
  sensitiveNote: string;
}

export const emptyContact = (): ContactDraft => ({ name: '', role: '', email: '', phone: '', sensitiveNote: '' });

/** The addContactPerson input: trimmed, empty optional fields left out (null). */
export function contactInput(firmId: string, organisationId: string, d: ContactDraft): AddContactPersonInput {
  const opt = (s: string) => s.trim() || null;
  return { firmId, organisationId, name: d.name.trim(), role: opt(d.role), email: opt(d.email), phone: opt(d.phone), sensitiveNote: opt(d.sensitiveNote) };
}
