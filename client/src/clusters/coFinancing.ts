import { formatNumber, parseNumber } from '../ui/format';
import { t } from '../ui/i18n';
import type { CreateOfficeCoFinancingInput, MemberBenefit } from '../generated/graphql';

export interface ShareRow {
  municipalityId: string;
  sharePercent: string;
}

export interface AmountRow {
  year: string;
  amount: string;
}

/** The co-financing form as typed. */
export interface CoFinancingForm {
  title: string;
  modelDescription: string;
  shares: ShareRow[];
  annualAmounts: AmountRow[];
  benefits: MemberBenefit[];
  benefitsDescription: string;
}

type Lists = Pick<CreateOfficeCoFinancingInput, 'title' | 'modelDescription' | 'shares' | 'annualAmounts' | 'benefits' | 'benefitsDescription'>;

/**
 * The API fields for the form, or the fields that are not numbers (keyed like the server's user
 * errors, e.g. "shares.2.sharePercent"). Whether the shares add up to 100 % is for the server to say:
 * it refuses with a user error on "shares" that the form shows next to the total.
 */
export function buildCoFinancingInput(form: CoFinancingForm): { input: Lists; errors: null } | { input: null; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const shares = form.shares.map((row, i) => {
    const share = parseNumber(row.sharePercent);
    if (share == null) errors[`shares.${i}.sharePercent`] = t('clusters.coFinancing.enterShare', { whole: formatNumber(15), decimal: formatNumber(33.33) });
    if (!row.municipalityId) errors[`shares.${i}.municipalityId`] = t('clusters.coFinancing.chooseMunicipality');
    return { municipalityId: row.municipalityId, sharePercent: share ?? 0 };
  });
  const annualAmounts = form.annualAmounts.map((row, i) => {
    const year = /^\s*\d{4}\s*$/.test(row.year) ? Number(row.year) : null;
    const amount = /^\s*\d+\s*$/.test(row.amount.replace(/[\s.,]/g, '')) ? Number(row.amount.replace(/[\s.,]/g, '')) : null;
    if (year == null) errors[`annualAmounts.${i}.year`] = t('clusters.coFinancing.enterYear', { year: 2027 });
    if (amount == null) errors[`annualAmounts.${i}.amount`] = t('clusters.coFinancing.enterAmount');
    return { year: year ?? 0, amount: amount ?? 0 };
  });
  if (Object.keys(errors).length) return { input: null, errors };
  return {
    errors: null,
    input: {
      title: form.title.trim(),
      modelDescription: form.modelDescription.trim() || undefined,
      shares,
      annualAmounts,
      benefits: form.benefits,
      benefitsDescription: form.benefitsDescription.trim() || undefined,
    },
  };
}

/** The form for an existing agreement (shares as typed percentages). */
export function coFinancingFormOf(c: {
  title: string;
  modelDescription: string | null;
  benefits: MemberBenefit[];
  benefitsDescription: string | null;
  shares: ReadonlyArray<{ sharePercent: number; municipality: { id: string } | null }>;
  annualAmounts: ReadonlyArray<{ year: number; amount: number }>;
}): CoFinancingForm {
  return {
    title: c.title,
    modelDescription: c.modelDescription ?? '',
    shares: c.shares.map((s) => ({ municipalityId: s.municipality?.id ?? '', sharePercent: String(s.sharePercent) })),
    annualAmounts: c.annualAmounts.map((a) => ({ year: String(a.year), amount: String(a.amount) })),
    benefits: [...c.benefits],
    benefitsDescription: c.benefitsDescription ?? '',
  };
}
