import { wordUserError, type UserErrorLike } from '../ui/userErrors';
import { parseNumber as parseLocaleNumber } from '../ui/format';
import { t } from '../ui/i18n';
import type {
  AgreementContentFragment,
  AgreementContentInput,
  AgreementCurrency,
  AgreementEditableFragment,
  AgreementKind,
  AgreementKpiMetric,
  AgreementKpiUnit,
  AgreementPartyInput,
  AgreementPartyRole,
  OrganisationKind,
} from '../generated/graphql';
import { enumLabel } from '../ui/labels';
import { formatDate } from '../ui/format';

/*
 * The agreement editor's form state and the pure logic around it: from a stored version to the form,
 * from the form to the mutation input (with the local number checks), mapping `userErrors` to fields,
 * and re-applying the user's unsaved changes on top of a newer version after a VERSION_CONFLICT.
 */

export interface PartyRow {
  organisationId: string;
  name: string;
  role: AgreementPartyRole;
}
export interface TaskRow {
  organisationId: string;
  tasks: string;
}
export interface EconomyRow {
  organisationId: string;
  year: string;
  amount: string;
  note: string;
}
export interface KpiRow {
  key: string;
  name: string;
  metric: AgreementKpiMetric;
  target: string;
  /** '' = the metric's own unit (computed metrics) / not chosen yet (EXTERNAL). */
  unit: AgreementKpiUnit | '';
  periodStart: string;
  periodEnd: string;
  description: string;
}

/** Everything the editor edits; numbers are kept as the typed text. */
export interface AgreementForm {
  kind: AgreementKind;
  parties: PartyRow[];
  title: string;
  periodStart: string;
  periodEnd: string;
  purpose: string;
  /** One target group per line. */
  targetGroups: string;
  currency: AgreementCurrency;
  taskDivision: TaskRow[];
  economy: EconomyRow[];
  kpis: KpiRow[];
}

export const KINDS: AgreementKind[] = ['LOCAL_COOPERATION', 'RESULT_CONTRACT', 'OPERATOR_CONTRACT', 'CO_FINANCING'];
export const STATES = ['DRAFT', 'IN_NEGOTIATION', 'SIGNED', 'ACTIVE', 'EXPIRED', 'TERMINATED'] as const;
export const ROLES: AgreementPartyRole[] = ['MUNICIPALITY', 'BUSINESS_COUNCIL', 'GROWTH_HOUSE', 'REGIONAL_COUNCIL', 'OPERATOR', 'FUNDER', 'OTHER'];
export const METRICS: AgreementKpiMetric[] = [
  'GROWTH_MAPPINGS',
  'REFERRALS_TO_PRIVATE_ADVISORS_SHARE',
  'FIRMS_IN_GROWTH_PARTNERSHIPS',
  'JOBS_SELF_REPORTED',
  'JOBS_REGISTER_MEASURED',
  'EXTERNAL',
];
export const UNITS: AgreementKpiUnit[] = ['COUNT', 'PERCENT', 'JOBS', 'AMOUNT', 'SCORE'];

/** The role an organisation of this kind naturally has in an agreement. */
export function defaultRole(kind: OrganisationKind | string): AgreementPartyRole {
  switch (kind) {
    case 'MUNICIPALITY':
    case 'BUSINESS_COUNCIL':
    case 'GROWTH_HOUSE':
    case 'REGIONAL_COUNCIL':
      return kind;
    default:
      return 'OTHER';
  }
}

export function emptyForm(parties: PartyRow[] = [], today = new Date()): AgreementForm {
  const year = today.getFullYear() + 1;
  return {
    kind: 'LOCAL_COOPERATION',
    parties,
    title: '',
    periodStart: `${year}-01-01`,
    periodEnd: `${year}-12-31`,
    purpose: '',
    targetGroups: '',
    currency: 'DKK',
    taskDivision: [],
    economy: [],
    kpis: [],
  };
}

export const emptyKpi = (form: AgreementForm): KpiRow => ({
  key: '',
  name: '',
  metric: 'GROWTH_MAPPINGS',
  target: '',
  unit: '',
  periodStart: form.periodStart,
  periodEnd: form.periodEnd,
  description: '',
});

const num = (n: number) => String(n);

/** The form for an agreement as stored (its newest version and its parties). */
export function formFromAgreement(a: Pick<AgreementEditableFragment, 'kind' | 'parties'> & { currentVersion: AgreementContentFragment }): AgreementForm {
  const v = a.currentVersion;
  return {
    kind: a.kind,
    parties: a.parties.map((p) => ({ organisationId: p.organisation.id, name: p.organisation.name, role: p.role })),
    title: v.title,
    periodStart: v.periodStart,
    periodEnd: v.periodEnd,
    purpose: v.purpose ?? '',
    targetGroups: v.targetGroups.join('\n'),
    currency: v.currency,
    taskDivision: v.taskDivision.map((t) => ({ organisationId: t.organisationId, tasks: t.tasks })),
    economy: v.economy.map((l) => ({ organisationId: l.organisationId, year: num(l.year), amount: num(l.amount), note: l.note ?? '' })),
    kpis: v.kpis.map((k) => ({
      key: k.key,
      name: k.name,
      metric: k.metric,
      target: num(k.target),
      // Computed metrics carry their own unit: leave it implicit so a metric change does not clash.
      unit: k.metric === 'EXTERNAL' ? k.unit : '',
      periodStart: k.periodStart,
      periodEnd: k.periodEnd,
      description: k.description ?? '',
    })),
  };
}

/** A user error (the server's, or one of the form's own checks): `field` is the path, starting with "input". */
export type FormError = UserErrorLike;

/** "1 234,5" / "1234.5" -> 1234.5; null for blank; NaN for anything else. */
export function parseNumber(text: string): number | null {
  if (!text.trim()) return null;
  // The kit reads the user's own forms: "12.500.000" and "12,5" in Danish, "12 500 000" in Swedish.
  const n = parseLocaleNumber(text);
  return n === null ? NaN : n;
}

export const targetGroupList = (text: string) =>
  text
    .split('\n')
    .map((g) => g.trim())
    .filter(Boolean);

/**
 * The mutation input for the form, or the local problems that keep it from being sent (numbers that
 * are not numbers). Everything else (periods, negative amounts, a KPI without a target, parties) is
 * checked by the server and comes back as user errors naming the field.
 */
export function toInput(form: AgreementForm): { content: AgreementContentInput; parties: AgreementPartyInput[]; errors: FormError[] } {
  const errors: FormError[] = [];
  const at = (...path: string[]) => ['input', 'content', ...path];
  const economy = form.economy.map((l, i) => {
    const year = parseNumber(l.year);
    const amount = parseNumber(l.amount);
    if (year === null || Number.isNaN(year) || !Number.isInteger(year)) errors.push({ field: at('economy', `${i}`, 'year'), message: t('agreements.check.year') });
    if (amount === null || Number.isNaN(amount)) errors.push({ field: at('economy', `${i}`, 'amount'), message: t('agreements.check.amount') });
    return { organisationId: l.organisationId, year: year ?? 0, amount: amount ?? 0, note: l.note.trim() || null };
  });
  const kpis = form.kpis.map((k, i) => {
    const target = parseNumber(k.target);
    if (Number.isNaN(target)) errors.push({ field: at('kpis', `${i}`, 'target'), message: t('agreements.check.target') });
    return {
      key: k.key.trim(),
      name: k.name,
      metric: k.metric,
      // A blank target is sent as null: the server answers "A KPI needs a target" on this field.
      target: target === null || Number.isNaN(target) ? null : target,
      unit: k.unit || null,
      periodStart: k.periodStart,
      periodEnd: k.periodEnd,
      description: k.description.trim() || null,
    };
  });
  return {
    errors,
    parties: form.parties.map((p) => ({ organisationId: p.organisationId, role: p.role })),
    content: {
      title: form.title,
      periodStart: form.periodStart,
      periodEnd: form.periodEnd,
      purpose: form.purpose.trim() || null,
      targetGroups: targetGroupList(form.targetGroups),
      currency: form.currency,
      taskDivision: form.taskDivision.map((t) => ({ organisationId: t.organisationId, tasks: t.tasks })),
      economy,
      kpis,
    },
  };
}

/** "input.content.kpis.0.target" style key of an error path (the leading "input" dropped). */
export const pathKey = (field: readonly string[]) => (field[0] === 'input' ? field.slice(1) : field).join('.');

/** Errors by field key; several errors on one field are kept in order. */
export function errorsByField(errors: readonly FormError[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const e of errors) {
    const key = pathKey(e.field);
    map.set(key, [...(map.get(key) ?? []), wordUserError(e, ['agreements'])]);
  }
  return map;
}

/** Every field key the editor shows an input for (the rest of the errors are shown at the top). */
export function formFieldKeys(form: AgreementForm, withParties: boolean): Set<string> {
  const keys = ['kind', 'content.title', 'content.periodStart', 'content.periodEnd', 'content.purpose', 'content.targetGroups', 'content.currency'];
  if (withParties) form.parties.forEach((_, i) => keys.push(`parties.${i}.organisationId`, `parties.${i}.role`));
  form.taskDivision.forEach((_, i) => keys.push(`content.taskDivision.${i}.organisationId`, `content.taskDivision.${i}.tasks`));
  form.economy.forEach((_, i) => ['organisationId', 'year', 'amount', 'note'].forEach((f) => keys.push(`content.economy.${i}.${f}`)));
  form.kpis.forEach((_, i) =>
    ['key', 'name', 'metric', 'target', 'unit', 'periodStart', 'periodEnd', 'description'].forEach((f) => keys.push(`content.kpis.${i}.${f}`)),
  );
  return new Set(keys);
}

// ---------------------------------------------------------------------------------------------------
// Conflict resolution

const SCALARS = ['kind', 'title', 'periodStart', 'periodEnd', 'purpose', 'currency'] as const;
type Scalar = (typeof SCALARS)[number];

const LISTS = {
  parties: (p: PartyRow) => p.organisationId,
  taskDivision: (t: TaskRow) => t.organisationId,
  economy: (l: EconomyRow) => `${l.organisationId}:${l.year.trim()}`,
  kpis: (k: KpiRow) => k.key.trim(),
} as const;
type ListField = keyof typeof LISTS;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export interface MergeResult {
  form: AgreementForm;
  /** Fields both you and the other person changed (differently): your value was kept. Labels for the user. */
  overlaps: string[];
}

/**
 * Re-applies your unsaved changes (`mine`, edited from `base`) on top of `theirs` (the version now on
 * the server). A field you did not touch takes their value; a field you changed keeps yours. Lists are
 * merged item by item (parties and tasks by organisation, economy lines by party and year, KPIs by key;
 * target groups as a set), so additions and removals on both sides survive.
 */
export function reapplyChanges(base: AgreementForm, mine: AgreementForm, theirs: AgreementForm): MergeResult {
  const overlaps: string[] = [];
  const form: AgreementForm = { ...theirs };
  for (const field of SCALARS) {
    if (mine[field] !== base[field]) {
      if (theirs[field] !== base[field] && theirs[field] !== mine[field]) overlaps.push(field);
      (form as Record<Scalar, unknown>)[field] = mine[field];
    }
  }
  form.targetGroups = mergeSet(targetGroupList(base.targetGroups), targetGroupList(mine.targetGroups), targetGroupList(theirs.targetGroups)).join('\n');
  for (const field of Object.keys(LISTS) as ListField[]) {
    const keyOf = LISTS[field] as (x: unknown) => string;
    (form as unknown as Record<ListField, unknown[]>)[field] = mergeKeyed(
      base[field] as unknown[],
      mine[field] as unknown[],
      theirs[field] as unknown[],
      keyOf,
      (key) => overlaps.push(`${field}:${key}`),
    );
  }
  return { form, overlaps };
}

function mergeSet(base: string[], mine: string[], theirs: string[]): string[] {
  const removed = new Set(base.filter((g) => !mine.includes(g)));
  const added = mine.filter((g) => !base.includes(g) && !theirs.includes(g));
  return [...theirs.filter((g) => !removed.has(g)), ...added];
}

function mergeKeyed<T>(base: T[], mine: T[], theirs: T[], keyOf: (x: T) => string, overlap: (key: string) => void): T[] {
  const baseMap = new Map(base.map((x) => [keyOf(x), x]));
  const mineMap = new Map(mine.map((x) => [keyOf(x), x]));
  const theirMap = new Map(theirs.map((x) => [keyOf(x), x]));
  const out: T[] = [];
  for (const item of theirs) {
    const key = keyOf(item);
    const b = baseMap.get(key);
    const m = mineMap.get(key);
    if (b && !m) continue; // I removed it.
    if (m && !same(m, b)) {
      if (b ? !same(item, b) && !same(item, m) : !same(item, m)) overlap(key);
      out.push(m); // I changed (or added) it.
    } else out.push(item);
  }
  for (const item of mine) {
    const key = keyOf(item);
    if (!baseMap.has(key) && !theirMap.has(key)) out.push(item); // I added it.
    else if (baseMap.has(key) && !theirMap.has(key) && !same(item, baseMap.get(key))) {
      overlap(key); // They removed what I changed: keep mine.
      out.push(item);
    }
  }
  return out;
}

/** One row of the side-by-side conflict view. */
export interface ComparisonRow {
  label: string;
  mine: string;
  theirs: string;
  differs: boolean;
}

const unitText = (k: KpiRow) => (k.unit ? ` ${enumLabel('agreements.unitName', k.unit)}` : '');
const periodText = (from: string, to: string) => `${formatDate(from)} – ${formatDate(to)}`;

/** Your unsaved form and the server's current version as labelled rows (for the conflict view). */
export function compareForms(mine: AgreementForm, theirs: AgreementForm, orgName: (id: string) => string): ComparisonRow[] {
  const rows: ComparisonRow[] = [];
  const add = (label: string, a: string, b: string) => rows.push({ label, mine: a, theirs: b, differs: a !== b });
  add(t('agreements.editor.kind'), enumLabel('agreements.kind', mine.kind), enumLabel('agreements.kind', theirs.kind));
  add(t('agreements.field.title'), mine.title, theirs.title);
  add(t('agreements.content.period'), periodText(mine.periodStart, mine.periodEnd), periodText(theirs.periodStart, theirs.periodEnd));
  add(t('agreements.field.purpose'), mine.purpose, theirs.purpose);
  add(t('agreements.field.targetGroups'), targetGroupList(mine.targetGroups).join('; '), targetGroupList(theirs.targetGroups).join('; '));
  add(t('agreements.field.currency'), mine.currency, theirs.currency);
  const parties = (f: AgreementForm) => f.parties.map((p) => `${p.name} (${enumLabel('agreements.role', p.role).toLowerCase()})`).join('; ');
  add(t('agreements.list.colParties'), parties(mine), parties(theirs));
  const keyed = <T>(label: string, a: T[], b: T[], keyOf: (x: T) => string, name: (x: T) => string, show: (x: T) => string) => {
    const keys = [...new Set([...a.map(keyOf), ...b.map(keyOf)])];
    for (const key of keys) {
      const x = a.find((i) => keyOf(i) === key);
      const y = b.find((i) => keyOf(i) === key);
      add(`${label}: ${name((x ?? y)!)}`, x ? show(x) : '—', y ? show(y) : '—');
    }
  };
  keyed(t('agreements.field.tasks'), mine.taskDivision, theirs.taskDivision, LISTS.taskDivision, (t) => orgName(t.organisationId), (t) => t.tasks);
  keyed(
    t('agreements.field.economy'),
    mine.economy,
    theirs.economy,
    LISTS.economy,
    (l) => `${orgName(l.organisationId)} ${l.year}`,
    (l) => `${l.amount}${l.note ? ` (${l.note})` : ''}`,
  );
  keyed(t('agreements.field.kpis'), mine.kpis, theirs.kpis, LISTS.kpis, (k) => k.name || k.key, (k) =>
    t('agreements.conflict.kpiRow', { target: k.target, unit: unitText(k), metric: enumLabel('agreements.metric', k.metric).toLowerCase(), period: periodText(k.periodStart, k.periodEnd) }),
  );
  return rows;
}
