import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useUpdateOrganisationMutation } from '../generated/graphql';
import { FieldError, FormErrors, hasVersionConflict, placeUserErrors } from '../ui/userErrors';
import { Form, FormActions } from '../ui/Form';

const AREAS = ['organisations'];
const FIELDS = ['name', 'description', 'website'];

export interface EditableProfile {
  id: string;
  version: number;
  name: string;
  description?: string | null;
  website?: string | null;
}

/**
 * What the API lets an admin change in the profile: name, description, website. The edit names the
 * version it started from: a newer one on the server is a conflict (shown), never a lost update.
 */
export function ProfileEditForm({ org, onDone }: { org: EditableProfile; onDone: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState(org.name);
  const [description, setDescription] = useState(org.description ?? '');
  const [website, setWebsite] = useState(org.website ?? '');
  const [{ data, error, fetching }, update] = useUpdateOrganisationMutation();
  const formId = 'edit-profile';
  const errors = data?.updateOrganisation.userErrors ?? [];
  const placed = placeUserErrors(errors, FIELDS, AREAS);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const r = await update({
      input: { id: org.id, expectedVersion: org.version, name: name.trim(), description: description.trim() || null, website: website.trim() || null },
    });
    if (r.data?.updateOrganisation.organisation && r.data.updateOrganisation.userErrors.length === 0) onDone(true);
  }

  return (
    <Form className="card admin-form" onSubmit={submit} aria-labelledby={`${formId}-title`} noValidate data-testid="edit-profile-form">
      <h2 id={`${formId}-title`}>{t('organisations.profile.editTitle')}</h2>
      <FormErrors errors={errors} shownKeys={hasVersionConflict(errors) ? [] : FIELDS} error={error} areas={AREAS} testId="edit-profile-errors" />
      <label htmlFor={`${formId}-name`}>{t('organisations.profile.name')}</label>
      <input id={`${formId}-name`} data-testid="edit-profile-name" value={name} maxLength={200} onChange={(e) => setName(e.target.value)} {...placed.props('name', formId)} />
      <FieldError formId={formId} field="name" messages={placed.at('name')} />
      <label htmlFor={`${formId}-description`}>{t('organisations.profile.description')}</label>
      <textarea
        id={`${formId}-description`}
        data-testid="edit-profile-description"
        rows={4}
        maxLength={2000}
        value={description}
        onChange={(e) => setDescription(e.target.value)}
        {...placed.props('description', formId)}
      />
      <FieldError formId={formId} field="description" messages={placed.at('description')} />
      <label htmlFor={`${formId}-website`}>{t('organisations.profile.website')}</label>
      <input
        id={`${formId}-website`}
        type="url"
        data-testid="edit-profile-website"
        placeholder={t('organisations.profile.websiteHint')}
        value={website}
        onChange={(e) => setWebsite(e.target.value)}
        {...placed.props('website', formId)}
      />
      <FieldError formId={formId} field="website" messages={placed.at('website')} />
      <FormActions pending={fetching} submitLabel={t('organisations.profile.save')} pendingLabel={t('organisations.profile.saving')} submitTestId="edit-profile-save" onCancel={() => onDone(false)} cancelLabel={t('organisations.profile.cancel')} />
    </Form>
  );
}
