import { parseNumber } from '../ui/format';
import type { CreateProgrammeInput, GrowthPotentialLevel, ProgrammeKind, SizeClass } from '../generated/graphql';

export interface FundingRow {
  funderName: string;
  sharePercent: string;
  amount: string;
}

export interface KpiRow {
  metric: string;
  target: string;
  unit: string;
}

/** The create-programme form as typed (strings), before it becomes the API input. */
export interface ProgrammeForm {
  operatorOrganisationId: string;
  kind: ProgrammeKind;
  name: string;
  description: string;
  startsOn: string;
  endsOn: string;
  capacity: string;
  growthPotentialLevels: GrowthPotentialLevel[];
  regionIds: string[];
  sizeClasses: SizeClass[];
  /** Comma- or space-separated industry code prefixes, e.g. "62, 4120". */
  industryCodePrefixes: string;
  fundingSources: FundingRow[];
  kpis: KpiRow[];
}

export const emptyProgrammeForm = (operatorOrganisationId: string): ProgrammeForm => ({
  operatorOrganisationId,
  kind: 'ACCELERATOR',
  name: '',
  description: '',
  startsOn: '',
  endsOn: '',
  capacity: '',
  growthPotentialLevels: [],
  regionIds: [],
  sizeClasses: [],
  industryCodePrefixes: '',
  fundingSources: [{ funderName: '', sharePercent: '100', amount: '' }],
  kpis: [],
});

/**
 * The API input for the form, or the fields that are not numbers where numbers are needed (keyed like
 * the server's user errors, e.g. "fundingSources.1.sharePercent"). Everything else (shares adding up to
 * 100 %, dates, required names) is left to the server, which names the field.
 */
export function buildCreateProgrammeInput(form: ProgrammeForm): { input: CreateProgrammeInput; errors: null } | { input: null; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const capacity = /^\s*\d+\s*$/.test(form.capacity) ? Number(form.capacity) : null;
  if (capacity == null) errors.capacity = 'Enter the number of firms (a whole number).';
  const fundingSources = form.fundingSources.map((row, i) => {
    const share = parseNumber(row.sharePercent);
    if (share == null) errors[`fundingSources.${i}.sharePercent`] = 'Enter the share in percent, e.g. 50 or 33.33.';
    const amount = row.amount.trim() ? parseNumber(row.amount) : null;
    if (row.amount.trim() && (amount == null || !Number.isInteger(amount))) errors[`fundingSources.${i}.amount`] = 'Enter a whole amount, or leave it empty.';
    return { ...(row.funderName.trim() ? { funderName: row.funderName.trim() } : {}), sharePercent: share ?? 0, ...(amount != null ? { amount } : {}) };
  });
  const kpis = form.kpis.map((k, i) => {
    const target = parseNumber(k.target);
    if (target == null) errors[`kpis.${i}.target`] = 'Enter the target as a number.';
    return { metric: k.metric.trim(), target: target ?? 0, unit: k.unit.trim() };
  });
  if (Object.keys(errors).length) return { input: null, errors };
  const prefixes = form.industryCodePrefixes.split(/[\s,;]+/).filter(Boolean);
  return {
    errors: null,
    input: {
      ...(form.operatorOrganisationId ? { operatorOrganisationId: form.operatorOrganisationId } : {}),
      kind: form.kind,
      name: form.name.trim(),
      ...(form.description.trim() ? { description: form.description.trim() } : {}),
      startsOn: form.startsOn,
      endsOn: form.endsOn,
      capacity: capacity!,
      eligibility: {
        growthPotentialLevels: form.growthPotentialLevels,
        regionIds: form.regionIds,
        sizeClasses: form.sizeClasses,
        industryCodePrefixes: prefixes,
      },
      fundingSources,
      kpis,
    },
  };
}
