import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useDeskCreateProspectMutation, useDeskLinkFirmIdentifierMutation, useDeskProspectQuery, type Country } from '../generated/graphql';
import { formatIdentifier } from '../ui/firmSearch';
import { errorId, FieldError, FormErrors, invalidProps, placeUserErrors } from '../ui/userErrors';
import { areaHref, navigate } from '../routing';
import type { RecordAs } from './recordAs';
import { DisclosureButton, Form, FormActions, useDisclosure } from '../ui/Form';

const AREAS = ['desk'];
const FIRM_TYPES = { additionalTypenames: ['Firm', 'Touchpoint'] };
export const deskHref = (firmId: string) => areaHref('desk', ['firm', firmId]);

/**
 * A prospect (DA iværksætteremne, SV prospekt): a would-be entrepreneur without CVR /
 * organisationsnummer yet, recorded by the consultant's organisation so the journey can start now.
 */
export function CreateProspectForm({ recordAs }: { recordAs: RecordAs }) {
  const { t } = useTranslation();
  const disclosure = useDisclosure();
  const { open } = disclosure;
  const [name, setName] = useState('');
  const [country, setCountry] = useState<Country>('DK');
  const [local, setLocal] = useState<string[]>([]);
  const [{ data, error, fetching }, create] = useDeskCreateProspectMutation();
  const formId = 'create-prospect';
  const shown = ['name', 'country', 'recordedByOrganisationId'];
  const userErrors = data?.createFirm.userErrors ?? [];
  const placed = placeUserErrors(userErrors, shown, AREAS);
  // The client's own check first (worded here): a prospect needs at least a name.
  const nameErrors = [...local, ...placed.at('name')];
  if (!recordAs.organisationId) return null;
  if (!open) {
    return (
      <DisclosureButton disclosure={disclosure} testId="new-prospect">
        {t('desk.prospect.open')}
      </DisclosureButton>
    );
  }
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) {
      setLocal([t('desk.prospect.giveName')]);
      return;
    }
    setLocal([]);
    const result = await create({ input: { name: name.trim(), country, recordedByOrganisationId: recordAs.organisationId } }, FIRM_TYPES);
    const firm = result.data?.createFirm.firm;
    if (firm && result.data?.createFirm.userErrors.length === 0) navigate({ page: 'area', area: 'desk', parts: ['firm', firm.id], params: {} });
  }
  const recorder = recordAs.options.find((o) => o.id === recordAs.organisationId)?.name ?? '';
  return (
    <Form id={disclosure.panelId} className="card" onSubmit={submit} aria-labelledby={`${formId}-title`} data-testid="create-prospect-form" noValidate>
      <h2 id={`${formId}-title`}>{t('desk.prospect.title')}</h2>
      <p className="hint">{t('desk.prospect.hint', { organisation: recorder })}</p>
      <FormErrors messages={local.length ? [t('desk.prospect.checkName')] : []} errors={userErrors} shownKeys={shown} error={error} areas={AREAS} />
      <label htmlFor={`${formId}-name`}>{t('desk.prospect.name')}</label>
      <input id={`${formId}-name`} value={name} onChange={(e) => setName(e.target.value)} data-testid="prospect-name" {...invalidProps(errorId(formId, 'name'), nameErrors)} />
      <FieldError formId={formId} field="name" messages={nameErrors} />
      <label htmlFor={`${formId}-country`}>{t('desk.prospect.country')}</label>
      <select id={`${formId}-country`} value={country} onChange={(e) => setCountry(e.target.value as Country)} data-testid="prospect-country" {...placed.props('country', formId)}>
        <option value="DK">{t('desk.prospect.DK')}</option>
        <option value="SE">{t('desk.prospect.SE')}</option>
      </select>
      <FieldError formId={formId} field="country" messages={placed.at('country')} />
      <FieldError formId={formId} field="recordedByOrganisationId" messages={placed.at('recordedByOrganisationId')} />
      <FormActions pending={fetching} submitLabel={t('desk.prospect.submit')} pendingLabel={t('desk.saving')} submitTestId="create-prospect-submit" onCancel={disclosure.hide} cancelLabel={t('desk.cancel')} />
    </Form>
  );
}

/** What linking did: the prospect became a register firm, or was merged into the firm that had the identifier already. */
export type LinkOutcome = { kind: 'registered'; identifier: string } | { kind: 'merged'; into: { id: string; name: string }; identifier: string };

export function linkOutcome(firm: { status: string; cvr?: string | null; organisationsnummer?: string | null; mergedInto?: { id: string; name: string; cvr?: string | null; organisationsnummer?: string | null } | null }): LinkOutcome | null {
  if (firm.status === 'MERGED' && firm.mergedInto) return { kind: 'merged', into: { id: firm.mergedInto.id, name: firm.mergedInto.name }, identifier: formatIdentifier(firm.mergedInto) ?? '' };
  if (firm.status === 'REGISTERED') return { kind: 'registered', identifier: formatIdentifier(firm) ?? '' };
  return null;
}

/** Link a prospect to its CVR / organisationsnummer; if that firm is registered already, the prospect merges into it (and we say so). */
export function LinkIdentifierForm({ firmId, status, mergedInto }: { firmId: string; status: string; mergedInto?: { id: string; name: string } | null }) {
  const { t } = useTranslation();
  // Decided once: the page's own query refetches after linking (status MERGED / REGISTERED), and the
  // outcome must stay on screen rather than vanish with the form.
  const [startedAsProspect] = useState(status === 'PROSPECT');
  const [{ data: read }] = useDeskProspectQuery({ variables: { id: firmId }, pause: !startedAsProspect });
  const prospect = read?.firm;
  const [identifier, setIdentifier] = useState('');
  const [{ data, error, fetching }, link] = useDeskLinkFirmIdentifierMutation();
  const [outcome, setOutcome] = useState<LinkOutcome | null>(null);
  if (outcome) return <LinkOutcomeNotice outcome={outcome} />;
  if (!startedAsProspect) {
    return status === 'MERGED' && mergedInto ? (
      <p className="desk-hidden" role="note" data-testid="merged-notice">
        {t('desk.link.wasMerged', { name: mergedInto.name })} <a href={deskHref(mergedInto.id)}>{t('desk.link.openMerged', { name: mergedInto.name })}</a>
      </p>
    ) : null;
  }
  if (!prospect || prospect.status !== 'PROSPECT') return null;
  const field = prospect.country === 'SE' ? 'organisationsnummer' : 'cvr';
  const formId = 'link-identifier';
  const shown = [field, 'firmId'];
  const userErrors = data?.linkFirmIdentifier.userErrors ?? [];
  const placed = placeUserErrors(userErrors, shown, AREAS);
  async function submit(event: FormEvent) {
    event.preventDefault();
    const value = identifier.replace(/\s+/g, '');
    const result = await link({ input: { firmId, expectedVersion: prospect!.version, [field]: value } }, FIRM_TYPES);
    const payload = result.data?.linkFirmIdentifier;
    if (payload?.firm && payload.userErrors.length === 0) setOutcome(linkOutcome(payload.firm));
  }
  return (
    <Form className="desk-link-identifier" onSubmit={submit} aria-labelledby={`${formId}-title`} data-testid="link-identifier-form" noValidate>
      <h2 id={`${formId}-title`} className="desk-small">
        {t('desk.link.title')}
      </h2>
      <p className="hint">{t('desk.link.hint')}</p>
      <FormErrors errors={userErrors} shownKeys={shown} error={error} areas={AREAS} />
      <label htmlFor={`${formId}-value`}>{t(field === 'cvr' ? 'desk.link.cvr' : 'desk.link.organisationsnummer')}</label>
      <div className="search-row">
        <input id={`${formId}-value`} value={identifier} inputMode="numeric" onChange={(e) => setIdentifier(e.target.value)} data-testid="link-identifier-value" {...placed.props(field, formId)} />
        <button type="submit" className="primary" disabled={fetching || !identifier.trim()} data-testid="link-identifier-submit">
          {t('desk.link.submit')}
        </button>
      </div>
      <FieldError formId={formId} field={field} messages={placed.at(field)} />
      <FieldError formId={formId} field="firmId" messages={placed.at('firmId')} />
    </Form>
  );
}

export function LinkOutcomeNotice({ outcome }: { outcome: LinkOutcome }) {
  const { t } = useTranslation();
  return (
    <div className="desk-hidden" role="status" data-testid="link-outcome" data-outcome={outcome.kind}>
      {outcome.kind === 'merged' ? (
        <p>
          {t('desk.link.merged', { identifier: outcome.identifier, name: outcome.into.name })}{' '}
          <a href={deskHref(outcome.into.id)} data-testid="merged-into-link">
            {t('desk.link.openMerged', { name: outcome.into.name })}
          </a>
        </p>
      ) : (
        <p>{t('desk.link.registered', { identifier: outcome.identifier })}</p>
      )}
    </div>
  );
}
