import { formatAmount, formatNumber, parseNumber } from '../ui/format';
import { t } from '../ui/i18n';
import type { CreateProgrammeInput, GrowthPotentialLevel, ProgrammeDetailsQuery, ProgrammeKind, SizeClass, UpdateProgrammeInput } from '../generated/graphql';

export interface FundingRow {
  funderName: string;
  /** Set when the funder is an organisation in the graph (kept as it is on edit). */
  funderOrganisationId?: string;
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
  if (capacity == null) errors.capacity = t('programmes.form.err.capacity');
  const fundingSources = form.fundingSources.map((row, i) => {
    const share = parseNumber(row.sharePercent);
    if (share == null) errors[`fundingSources.${i}.sharePercent`] = t('programmes.form.err.share');
    const amount = row.amount.trim() ? parseNumber(row.amount) : null;
    if (row.amount.trim() && (amount == null || !Number.isInteger(amount))) errors[`fundingSources.${i}.amount`] = t('programmes.form.err.amount');
    const funder = row.funderOrganisationId ? { funderOrganisationId: row.funderOrganisationId } : row.funderName.trim() ? { funderName: row.funderName.trim() } : {};
    return { ...funder, sharePercent: share ?? 0, ...(amount != null ? { amount } : {}) };
  });
  const kpis = form.kpis.map((k, i) => {
    const target = parseNumber(k.target);
    if (target == null) errors[`kpis.${i}.target`] = t('programmes.form.err.target');
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

type Programme = NonNullable<ProgrammeDetailsQuery['programme']>;

/** The form for editing a programme: numbers shown in the user's own format (the parser reads them back). */
export function programmeToForm(p: Programme): ProgrammeForm {
  return {
    operatorOrganisationId: p.operator.id,
    kind: p.kind,
    name: p.name,
    description: p.description ?? '',
    startsOn: p.startsOn,
    endsOn: p.endsOn,
    capacity: String(p.capacity),
    growthPotentialLevels: [...p.eligibility.growthPotentialLevels],
    regionIds: p.eligibility.regions.map((r) => r.id),
    sizeClasses: [...p.eligibility.sizeClasses],
    industryCodePrefixes: p.eligibility.industryCodePrefixes.join(', '),
    fundingSources: p.fundingSources.map((f) => ({
      funderName: f.funder?.name ?? f.funderName ?? '',
      ...(f.funder ? { funderOrganisationId: f.funder.id } : {}),
      sharePercent: formatNumber(f.sharePercent),
      amount: f.amount != null ? formatAmount(f.amount) : '',
    })),
    kpis: p.kpis.map((k) => ({ metric: k.metric, target: formatNumber(k.target), unit: k.unit })),
  };
}

/** The update input: the same checks as creating; kind and operator cannot change. */
export function buildUpdateProgrammeInput(form: ProgrammeForm, id: string, expectedVersion: number): { input: UpdateProgrammeInput; errors: null } | { input: null; errors: Record<string, string> } {
  const built = buildCreateProgrammeInput(form);
  if (built.errors) return built;
  const { kind: _kind, operatorOrganisationId: _operator, description, ...rest } = built.input;
  return { errors: null, input: { ...rest, description: description ?? '', id, expectedVersion } };
}
