import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useFirmUpdateMutation, type FirmDetailsQuery, type MeQuery } from '../generated/graphql';
import { can, membershipsWhere } from '../ui/access';
import { normaliseDecimal } from '../ui/format';
import { errorId, FieldError, FormErrors, placeUserErrors } from '../ui/userErrors';
import { DisclosureButton, Form, FormActions, useDisclosure } from '../ui/Form';
import { industryClassification } from '../ui/industry';

type Firm = NonNullable<FirmDetailsQuery['firm']>;
const AREAS = ['firms'];
const SHOWN = ['name', 'municipalityCode', 'industryCode', 'employees', 'expectedVersion', 'organisationId'];

/** Who may correct the register details: an EDITOR (register firms), or the prospect's recording organisation. */
export function editorOrganisations(me: Pick<MeQuery['me'], 'memberships'>, actingFor: string | null, firm: Pick<Firm, 'recordedBy'>) {
  if (firm.recordedBy) return can(me, actingFor, firm.recordedBy.id, 'record') ? [firm.recordedBy.id] : [];
  return membershipsWhere(me, actingFor, 'edit').map((m) => m.organisation.id);
}

/**
 * Correct a firm's register details (DA stamdata / SV registeruppgifter): name, municipality code,
 * industry code and employees, against the version read. Every change lands in the firm's history.
 */
export function FirmEditForm({ firm, me, actingFor }: { firm: Firm; me: Pick<MeQuery['me'], 'memberships'>; actingFor: string | null }) {
  const { t } = useTranslation();
  const organisations = editorOrganisations(me, actingFor, firm);
  const disclosure = useDisclosure();
  const { open, setOpen } = disclosure;
  const [name, setName] = useState(firm.name);
  const [municipalityCode, setMunicipalityCode] = useState(firm.municipality?.officialCode ?? '');
  const [industryCode, setIndustryCode] = useState(firm.industryCode ?? '');
  const [employees, setEmployees] = useState(firm.employees == null ? '' : String(firm.employees));
  const [clientErrors, setClientErrors] = useState<Record<string, string[]>>({});
  const [saved, setSaved] = useState(false);
  const [{ data, error, fetching }, update] = useFirmUpdateMutation();
  if (organisations.length === 0) return null;
  const formId = 'firm-edit';
  const userErrors = data?.updateFirm.userErrors ?? [];
  const placed = placeUserErrors(userErrors, SHOWN, AREAS);
  const at = (field: string) => [...(clientErrors[field] ?? []), ...placed.at(field)];
  // Client checks and server errors alike mark the field and point to their message.
  const invalid = (field: string) => (at(field).length > 0 ? { 'aria-invalid': true as const, 'aria-describedby': errorId(formId, field) } : {});

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const errors: Record<string, string[]> = {};
    if (!name.trim()) errors.name = [t('firms.edit.nameRequired')];
    const count = employees.trim() === '' ? null : normaliseDecimal(employees);
    if (employees.trim() !== '' && (count == null || !/^\d+$/.test(count))) errors.employees = [t('firms.edit.employeesWhole')];
    setClientErrors(errors);
    if (Object.keys(errors).length > 0) {
      document.getElementById(`${formId}-${Object.keys(errors)[0]}`)?.focus();
      return;
    }
    const input = {
      id: firm.id,
      expectedVersion: firm.version,
      organisationId: actingFor && organisations.includes(actingFor) ? actingFor : organisations.length === 1 ? organisations[0] : null,
      ...(name.trim() !== firm.name ? { name: name.trim() } : {}),
      ...(municipalityCode.trim() !== (firm.municipality?.officialCode ?? '') ? { municipalityCode: municipalityCode.trim() } : {}),
      ...(industryCode.trim() !== (firm.industryCode ?? '') ? { industryCode: industryCode.trim() } : {}),
      ...(count != null && Number(count) !== firm.employees ? { employees: Number(count) } : {}),
    };
    const result = await update({ input }, { additionalTypenames: ['Firm', 'FirmChange'] });
    if (result.data?.updateFirm.firm && result.data.updateFirm.userErrors.length === 0) {
      setSaved(true);
      setOpen(false);
    }
  }

  if (!open) {
    return (
      <p>
        {saved && (
          <span role="status" data-testid="firm-edit-saved">
            {t('firms.edit.saved')}{' '}
          </span>
        )}
        <DisclosureButton disclosure={disclosure} testId="firm-edit-open">
          {t('firms.edit.open')}
        </DisclosureButton>
      </p>
    );
  }
  return (
    <Form id={disclosure.panelId} className="firm-edit-form" onSubmit={submit} aria-labelledby={`${formId}-title`} data-testid="firm-edit-form" noValidate>
      <h2 id={`${formId}-title`}>{t('firms.edit.title')}</h2>
      <p className="muted">{t('firms.edit.hint')}</p>
      <FormErrors errors={userErrors} shownKeys={SHOWN} error={error} areas={AREAS} />
      <label htmlFor={`${formId}-name`}>{t('firms.edit.name')}</label>
      <input id={`${formId}-name`} value={name} maxLength={200} onChange={(e) => setName(e.target.value)} data-testid="firm-edit-name" {...invalid('name')} />
      <FieldError formId={formId} field="name" messages={at('name')} />
      <label htmlFor={`${formId}-municipalityCode`}>{t('firms.edit.municipalityCode')}</label>
      <input id={`${formId}-municipalityCode`} value={municipalityCode} maxLength={10} inputMode="numeric" onChange={(e) => setMunicipalityCode(e.target.value)} data-testid="firm-edit-municipality" {...invalid('municipalityCode')} />
      <FieldError formId={formId} field="municipalityCode" messages={at('municipalityCode')} />
      <label htmlFor={`${formId}-industryCode`}>{t('firms.edit.industryCode', { classification: industryClassification(firm.country) })}</label>
      <input id={`${formId}-industryCode`} value={industryCode} maxLength={10} inputMode="numeric" onChange={(e) => setIndustryCode(e.target.value)} data-testid="firm-edit-industry" {...invalid('industryCode')} />
      <FieldError formId={formId} field="industryCode" messages={at('industryCode')} />
      <label htmlFor={`${formId}-employees`}>{t('firms.edit.employees')}</label>
      <input id={`${formId}-employees`} value={employees} inputMode="numeric" onChange={(e) => setEmployees(e.target.value)} data-testid="firm-edit-employees" {...invalid('employees')} />
      <FieldError formId={formId} field="employees" messages={at('employees')} />
      <FieldError formId={formId} field="expectedVersion" messages={placed.at('expectedVersion')} />
      <FieldError formId={formId} field="organisationId" messages={placed.at('organisationId')} />
      <FormActions pending={fetching} submitLabel={t('firms.edit.submit')} submitTestId="firm-edit-submit" onCancel={disclosure.hide} cancelLabel={t('firms.edit.cancel')} />
    </Form>
  );
}
