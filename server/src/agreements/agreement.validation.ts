import { EntityManager } from 'typeorm';
import { userError, UserError, UserErrorCode } from '../core/errors';
import { Organisation, OrganisationKind } from '../organisations/organisation.entity';
import { AgreementEconomyLine, AgreementKpi, AgreementTask } from './agreement.entity';
import { AgreementCurrency, AgreementKpiMetric, AgreementKpiUnit, AgreementPartyRole, METRIC_UNIT } from './agreement.enums';
import { AgreementContentInput, AgreementPartyInput } from './agreement.inputs';

/** The validated, normalised content of a version (what is stored and compared). */
export interface AgreementContent {
  title: string;
  periodStart: string;
  periodEnd: string;
  purpose: string | null;
  targetGroups: string[];
  currency: AgreementCurrency;
  taskDivision: AgreementTask[];
  economy: AgreementEconomyLine[];
  kpis: AgreementKpi[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A real calendar date written YYYY-MM-DD. */
export function isIsoDate(s: string | null | undefined): s is string {
  if (!s || !DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Checks a period, pushing errors that name the field; true when both ends are valid and in order. */
export function checkPeriod(errors: UserError[], start: string, end: string, path: string[] = [], names = ['periodStart', 'periodEnd']): boolean {
  let ok = true;
  if (!isIsoDate(start)) {
    errors.push(userError([...path, names[0]], 'Give a date as YYYY-MM-DD.'));
    ok = false;
  }
  if (!isIsoDate(end)) {
    errors.push(userError([...path, names[1]], 'Give a date as YYYY-MM-DD.'));
    ok = false;
  }
  if (ok && end < start) {
    errors.push(userError([...path, names[1]], `The period ends (${end}) before it starts (${start}).`));
    ok = false;
  }
  return ok;
}

/** Which organisation kinds a role needs (roles not listed fit any organisation). */
const ROLE_KIND: Partial<Record<AgreementPartyRole, OrganisationKind>> = {
  [AgreementPartyRole.MUNICIPALITY]: OrganisationKind.MUNICIPALITY,
  [AgreementPartyRole.BUSINESS_COUNCIL]: OrganisationKind.BUSINESS_COUNCIL,
  [AgreementPartyRole.GROWTH_HOUSE]: OrganisationKind.GROWTH_HOUSE,
  [AgreementPartyRole.REGIONAL_COUNCIL]: OrganisationKind.REGIONAL_COUNCIL,
};

/**
 * Checks a list of parties: at least two, no duplicates, every organisation exists, roles fit the
 * organisation's kind, and the caller edits for at least one of them (`editableOrgIds`).
 */
export async function checkParties(
  em: EntityManager,
  parties: AgreementPartyInput[],
  editableOrgIds: readonly string[],
  errors: UserError[],
  field = 'parties',
): Promise<Map<string, Organisation>> {
  const ids = [...new Set(parties.map((p) => p.organisationId))];
  const orgs = ids.length ? await em.getRepository(Organisation).createQueryBuilder('o').where('o.id = ANY(:ids)', { ids }).getMany() : [];
  const byId = new Map(orgs.map((o) => [o.id, o]));
  if (parties.length < 2) errors.push(userError(field, 'An agreement needs at least two parties.', UserErrorCode.REQUIRED));
  const seen = new Set<string>();
  parties.forEach((p, i) => {
    const org = byId.get(p.organisationId);
    if (seen.has(p.organisationId)) errors.push(userError([field, `${i}`, 'organisationId'], 'This organisation is listed twice.', UserErrorCode.DUPLICATE));
    seen.add(p.organisationId);
    if (!org) {
      errors.push(userError([field, `${i}`, 'organisationId'], 'No organisation with this id.', UserErrorCode.NOT_FOUND));
      return;
    }
    const kind = ROLE_KIND[p.role];
    if (kind && org.kind !== kind) errors.push(userError([field, `${i}`, 'role'], `${org.name} is not a ${kind.toLowerCase().replace(/_/g, ' ')}; it cannot have the role ${p.role}.`));
  });
  if (parties.length >= 2 && byId.size > 0 && !parties.some((p) => editableOrgIds.includes(p.organisationId))) {
    errors.push(userError(field, 'One of the parties must be an organisation where you are editor or admin.', UserErrorCode.NOT_ALLOWED));
  }
  return byId;
}

const KPI_KEY = /^[a-z0-9][a-z0-9-]{0,39}$/;
const round2 = (n: number) => Math.round(n * 100) / 100;

/** Validates and normalises a version's content against the agreement's parties. Errors name the field under `path`. */
export function checkContent(input: AgreementContentInput, partyIds: readonly string[], errors: UserError[], path: string[] = ['content']): AgreementContent {
  const f = (...rest: string[]) => [...path, ...rest];
  const title = input.title.trim();
  if (!title) errors.push(userError(f('title'), 'Give the agreement a title.', UserErrorCode.REQUIRED));
  const periodOk = checkPeriod(errors, input.periodStart, input.periodEnd, path);
  const startYear = periodOk ? Number(input.periodStart.slice(0, 4)) : null;
  const endYear = periodOk ? Number(input.periodEnd.slice(0, 4)) : null;
  const isParty = (id: string) => partyIds.includes(id);

  const targetGroups = input.targetGroups.map((g) => g.trim()).filter(Boolean);

  const taskDivision: AgreementTask[] = [];
  const taskOrgs = new Set<string>();
  input.taskDivision.forEach((t, i) => {
    if (!isParty(t.organisationId)) errors.push(userError(f('taskDivision', `${i}`, 'organisationId'), 'Tasks can only be given to parties of the agreement.', UserErrorCode.NOT_FOUND));
    else if (taskOrgs.has(t.organisationId)) errors.push(userError(f('taskDivision', `${i}`, 'organisationId'), 'This party has tasks listed already.', UserErrorCode.DUPLICATE));
    taskOrgs.add(t.organisationId);
    if (!t.tasks.trim()) errors.push(userError(f('taskDivision', `${i}`, 'tasks'), 'Describe the tasks.', UserErrorCode.REQUIRED));
    taskDivision.push({ organisationId: t.organisationId, tasks: t.tasks.trim() });
  });

  const economy: AgreementEconomyLine[] = [];
  const lineKeys = new Set<string>();
  input.economy.forEach((l, i) => {
    const at = (x: string) => f('economy', `${i}`, x);
    if (!isParty(l.organisationId)) errors.push(userError(at('organisationId'), 'Only parties of the agreement contribute to its economy.', UserErrorCode.NOT_FOUND));
    if (!Number.isFinite(l.amount) || l.amount < 0) errors.push(userError(at('amount'), 'Amounts cannot be negative.'));
    else if (l.amount > 1e12) errors.push(userError(at('amount'), 'This amount is not plausible.'));
    if (!Number.isInteger(l.year) || (startYear != null && (l.year < startYear || l.year > endYear!))) {
      errors.push(userError(at('year'), startYear != null ? `The year must lie in the agreement period (${startYear}-${endYear}).` : 'Give a year.'));
    }
    const key = `${l.organisationId}/${l.year}`;
    if (lineKeys.has(key)) errors.push(userError(at('year'), 'This party has an amount for this year already.', UserErrorCode.DUPLICATE));
    lineKeys.add(key);
    economy.push({ organisationId: l.organisationId, year: l.year, amount: round2(l.amount), note: l.note?.trim() || null });
  });

  const kpis: AgreementKpi[] = [];
  const kpiKeys = new Set<string>();
  input.kpis.forEach((k, i) => {
    const at = (x: string) => f('kpis', `${i}`, x);
    const key = k.key.trim();
    if (!KPI_KEY.test(key)) errors.push(userError(at('key'), 'Use lower-case letters, digits and dashes (at most 40).'));
    else if (kpiKeys.has(key)) errors.push(userError(at('key'), 'Two KPIs have this key.', UserErrorCode.DUPLICATE));
    kpiKeys.add(key);
    if (!k.name.trim()) errors.push(userError(at('name'), 'Name the KPI.', UserErrorCode.REQUIRED));
    let unit: AgreementKpiUnit | null = k.unit ?? null;
    if (k.metric === AgreementKpiMetric.EXTERNAL) {
      if (!unit) errors.push(userError(at('unit'), 'Say in which unit an external KPI is measured.', UserErrorCode.REQUIRED));
    } else {
      const natural = METRIC_UNIT[k.metric];
      if (unit && unit !== natural) errors.push(userError(at('unit'), `${k.metric} is measured in ${natural}.`));
      unit = natural;
    }
    if (k.target == null) errors.push(userError(at('target'), 'A KPI needs a target.', UserErrorCode.REQUIRED));
    else if (!Number.isFinite(k.target) || k.target < 0) errors.push(userError(at('target'), 'A target cannot be negative.'));
    else if (unit === AgreementKpiUnit.PERCENT && k.target > 100) errors.push(userError(at('target'), 'A percentage target cannot exceed 100.'));
    if (checkPeriod(errors, k.periodStart, k.periodEnd, f('kpis', `${i}`)) && periodOk) {
      if (k.periodStart < input.periodStart || k.periodEnd > input.periodEnd) {
        errors.push(userError(at('periodEnd'), `The KPI period must lie within the agreement period (${input.periodStart} - ${input.periodEnd}).`));
      }
    }
    kpis.push({
      key,
      name: k.name.trim(),
      metric: k.metric,
      target: k.target == null ? 0 : round2(k.target),
      unit: unit ?? AgreementKpiUnit.COUNT,
      periodStart: k.periodStart,
      periodEnd: k.periodEnd,
      description: k.description?.trim() || null,
    });
  });

  return {
    title,
    periodStart: input.periodStart,
    periodEnd: input.periodEnd,
    purpose: input.purpose?.trim() || null,
    targetGroups,
    currency: input.currency,
    taskDivision,
    economy,
    kpis,
  };
}

/** The stored content of a version, in the same shape (for comparison and copying). */
export function contentOf(v: AgreementContent): AgreementContent {
  return {
    title: v.title,
    periodStart: v.periodStart,
    periodEnd: v.periodEnd,
    purpose: v.purpose,
    targetGroups: v.targetGroups,
    currency: v.currency,
    taskDivision: v.taskDivision,
    economy: v.economy,
    kpis: v.kpis,
  };
}

export const sameContent = (a: AgreementContent, b: AgreementContent) => stableJson(contentOf(a)) === stableJson(contentOf(b));

/** JSON with sorted object keys, so equal content gives equal text. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]])) : v,
  );
}
