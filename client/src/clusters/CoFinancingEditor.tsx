import { parseNumber } from '../ui/format';
import { sharesTotal } from '../ui/shares';
import { FieldError, FormErrors, type UserErrorLike, errorId, placeUserErrors } from '../ui/userErrors';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  useCoFinancingMunicipalitiesQuery,
  useCreateOfficeCoFinancingMutation,
  useUpdateOfficeCoFinancingMutation,
  type CoFinancingDetailsFragment,
  type MemberBenefit,
} from '../generated/graphql';
import { buildCoFinancingInput, coFinancingFormOf, type CoFinancingForm } from './coFinancing';
import { MEMBER_BENEFITS, memberBenefitLabel } from './labels';
import { Form, FormActions } from '../ui/Form';

const emptyForm: CoFinancingForm = {
  title: '',
  modelDescription: '',
  shares: [{ municipalityId: '', sharePercent: '100' }],
  annualAmounts: [{ year: String(new Date().getFullYear() + 1), amount: '' }],
  benefits: [],
  benefitsDescription: '',
};

/** The field keys the form shows errors next to; any other error is listed at the top. */
function shownFields(form: CoFinancingForm): string[] {
  return [
    'title',
    'modelDescription',
    'benefitsDescription',
    'shares',
    ...form.shares.flatMap((_, i) => [`shares.${i}.municipalityId`, `shares.${i}.sharePercent`]),
    ...form.annualAmounts.flatMap((_, i) => [`annualAmounts.${i}.year`, `annualAmounts.${i}.amount`]),
  ];
}

/**
 * Records (officeId) or changes (existing) an office's co-financing: shares per municipality, which the
 * server accepts only when they add up to exactly 100 %, amounts per year, and the member benefits.
 */
export function CoFinancingEditor({ existing, officeId, onDone, panelId }: { existing?: CoFinancingDetailsFragment; officeId?: string; onDone: () => void; panelId?: string }) {
  const { t } = useTranslation();
  const formId = useId();
  const [form, setForm] = useState<CoFinancingForm>(() => (existing ? coFinancingFormOf(existing) : emptyForm));
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const [{ data: municipalities }] = useCoFinancingMunicipalitiesQuery();
  const [updated, update] = useUpdateOfficeCoFinancingMutation();
  const [created, create] = useCreateOfficeCoFinancingMutation();
  const result = existing ? updated : created;
  const userErrors: UserErrorLike[] = (existing ? updated.data?.updateOfficeCoFinancing.userErrors : created.data?.createOfficeCoFinancing.userErrors) ?? [];
  const placed = placeUserErrors(userErrors, shownFields(form));
  const messages = (key: string) => [...(localErrors[key] ? [localErrors[key]] : []), ...placed.at(key)];
  const aria = (key: string) => (messages(key).length ? { 'aria-invalid': true, 'aria-describedby': errorId(formId, key) } : {});
  const set = (patch: Partial<CoFinancingForm>) => setForm((f) => ({ ...f, ...patch }));
  const total = sharesTotal(form.shares.map((s) => parseNumber(s.sharePercent) ?? 0));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const built = buildCoFinancingInput(form);
    setLocalErrors(built.errors ?? {});
    if (!built.input) return;
    const ok = existing
      ? (await update({ input: { id: existing.id, expectedVersion: existing.version, ...built.input } })).data?.updateOfficeCoFinancing.coFinancing
      : (await create({ input: { officeId: officeId!, ...built.input } })).data?.createOfficeCoFinancing.coFinancing;
    if (ok) onDone();
  }

  const toggleBenefit = (b: MemberBenefit) => set({ benefits: form.benefits.includes(b) ? form.benefits.filter((x) => x !== b) : [...form.benefits, b] });

  return (
    <Form id={panelId} className="sub-form" onSubmit={submit} noValidate aria-label={existing ? t('clusters.coFinancing.edit') : t('clusters.coFinancing.record')} data-testid="co-financing-form">
      <FormErrors errors={placed.unplaced} requestError={result.error} />
      <div className="field">
        <label htmlFor={`${formId}-title`}>{t('clusters.coFinancing.title')}</label>
        <input id={`${formId}-title`} value={form.title} onChange={(e) => set({ title: e.target.value })} {...aria('title')} />
        <FieldError formId={formId} field="title" messages={messages('title')} />
      </div>
      <div className="field">
        <label htmlFor={`${formId}-model`}>{t('clusters.coFinancing.model')}</label>
        <input id={`${formId}-model`} value={form.modelDescription} onChange={(e) => set({ modelDescription: e.target.value })} {...aria('modelDescription')} />
        <FieldError formId={formId} field="modelDescription" messages={messages('modelDescription')} />
      </div>

      <fieldset>
        <legend>{t('clusters.coFinancing.shares')}</legend>
        {form.shares.map((row, i) => (
          <div className="row-editor" key={i} data-testid="share-row">
            <div className="field grow">
              <label htmlFor={`${formId}-m${i}`}>
                {t('clusters.coFinancing.municipality')}<span className="visually-hidden"> {i + 1}</span>
              </label>
              <select
                id={`${formId}-m${i}`}
                value={row.municipalityId}
                onChange={(e) => set({ shares: form.shares.map((r, j) => (j === i ? { ...r, municipalityId: e.target.value } : r)) })}
                {...aria(`shares.${i}.municipalityId`)}
              >
                <option value="">{t('clusters.coFinancing.choose')}</option>
                {(municipalities?.organisations.edges ?? []).map(({ node }) => (
                  <option key={node.id} value={node.id}>
                    {node.name}
                  </option>
                ))}
              </select>
              <FieldError formId={formId} field={`shares.${i}.municipalityId`} messages={messages(`shares.${i}.municipalityId`)} />
            </div>
            <div className="field">
              <label htmlFor={`${formId}-s${i}`}>
                {t('clusters.coFinancing.share')}<span className="visually-hidden"> {t('clusters.coFinancing.shareOf', { n: i + 1 })}</span>
              </label>
              <input
                id={`${formId}-s${i}`}
                inputMode="decimal"
                value={row.sharePercent}
                data-testid={`share-${i}`}
                onChange={(e) => set({ shares: form.shares.map((r, j) => (j === i ? { ...r, sharePercent: e.target.value } : r)) })}
                {...aria(`shares.${i}.sharePercent`)}
              />
              <FieldError formId={formId} field={`shares.${i}.sharePercent`} messages={messages(`shares.${i}.sharePercent`)} />
            </div>
            {form.shares.length > 1 && (
              <button type="button" className="remove" aria-label={t('clusters.coFinancing.removeMunicipality', { n: i + 1 })} onClick={() => set({ shares: form.shares.filter((_, j) => j !== i) })}>
                {t('clusters.remove')}
              </button>
            )}
          </div>
        ))}
        <p className={total.ok ? 'share-total ok' : 'share-total error'} aria-live="polite" data-testid="share-form-total">
          {total.text}
        </p>
        <FieldError formId={formId} field="shares" messages={messages('shares')} />
        <button type="button" onClick={() => set({ shares: [...form.shares, { municipalityId: '', sharePercent: '' }] })}>
          {t('clusters.coFinancing.addMunicipality')}
        </button>
      </fieldset>

      <fieldset>
        <legend>{t('clusters.coFinancing.amounts')}</legend>
        {form.annualAmounts.map((row, i) => (
          <div className="row-editor" key={i}>
            <div className="field">
              <label htmlFor={`${formId}-y${i}`}>
                {t('clusters.coFinancing.year')}<span className="visually-hidden"> {i + 1}</span>
              </label>
              <input
                id={`${formId}-y${i}`}
                inputMode="numeric"
                value={row.year}
                onChange={(e) => set({ annualAmounts: form.annualAmounts.map((r, j) => (j === i ? { ...r, year: e.target.value } : r)) })}
                {...aria(`annualAmounts.${i}.year`)}
              />
              <FieldError formId={formId} field={`annualAmounts.${i}.year`} messages={messages(`annualAmounts.${i}.year`)} />
            </div>
            <div className="field">
              <label htmlFor={`${formId}-a${i}`}>
                {t('clusters.coFinancing.amount')}<span className="visually-hidden"> {t('clusters.coFinancing.amountFor', { n: i + 1 })}</span>
              </label>
              <input
                id={`${formId}-a${i}`}
                inputMode="numeric"
                value={row.amount}
                onChange={(e) => set({ annualAmounts: form.annualAmounts.map((r, j) => (j === i ? { ...r, amount: e.target.value } : r)) })}
                {...aria(`annualAmounts.${i}.amount`)}
              />
              <FieldError formId={formId} field={`annualAmounts.${i}.amount`} messages={messages(`annualAmounts.${i}.amount`)} />
            </div>
            <button type="button" className="remove" aria-label={t('clusters.coFinancing.removeYear', { n: i + 1 })} onClick={() => set({ annualAmounts: form.annualAmounts.filter((_, j) => j !== i) })}>
              {t('clusters.remove')}
            </button>
          </div>
        ))}
        <button type="button" onClick={() => set({ annualAmounts: [...form.annualAmounts, { year: '', amount: '' }] })}>
          {t('clusters.coFinancing.addYear')}
        </button>
      </fieldset>

      <fieldset>
        <legend>{t('clusters.coFinancing.benefits')}</legend>
        {MEMBER_BENEFITS.map(([value]) => (
          <label key={value} className="check">
            <input type="checkbox" checked={form.benefits.includes(value as MemberBenefit)} onChange={() => toggleBenefit(value as MemberBenefit)} /> {memberBenefitLabel(value)}
          </label>
        ))}
        <div className="field">
          <label htmlFor={`${formId}-benefits`}>{t('clusters.coFinancing.benefitsWords')}</label>
          <textarea id={`${formId}-benefits`} rows={2} value={form.benefitsDescription} onChange={(e) => set({ benefitsDescription: e.target.value })} {...aria('benefitsDescription')} />
          <FieldError formId={formId} field="benefitsDescription" messages={messages('benefitsDescription')} />
        </div>
      </fieldset>

      <FormActions pending={result.fetching} submitLabel={t('clusters.coFinancing.save')} pendingLabel={t('clusters.saving')} submitTestId="co-financing-save" onCancel={onDone} cancelLabel={t('clusters.cancel')} cancelTestId="co-financing-cancel" />
    </Form>
  );
}
