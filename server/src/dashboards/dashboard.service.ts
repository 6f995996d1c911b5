import { aggregateQuery, runBounded, visibleRowsQuery, visibleRowsStatement } from '../core/aggregates';
import { GraphQLError } from 'graphql';
import { computeKpiActuals } from '../agreements/agreement.kpi';
import { AgreementKpiUnit } from '../agreements/agreement.enums';
import { Capability } from '../core/access';
import { RequestContext, userIdOf } from '../core/context';
import { ErrorCode } from '../core/errors';
import { journeyEntryVisibleSql, loadGrants } from '../journeys/journey.access';
import { OPEN_REFERRAL_STATUSES, PUBLIC_BUSINESS_SUPPORT_KINDS } from '../journeys/journey.enums';
import { OrganisationKind } from '../organisations/organisation.entity';
import {
  DashboardBucket, DashboardDimension, DashboardPanelKind, drillDownStatement, NONE_KEY, PanelDef, panelStatement, PANELS, TOTAL_KEY, TZ,
} from './dashboard.panels';
import {
  Dashboard, DashboardAudience, DashboardDrillDown, DashboardDrillDownInput, DashboardEntry, DashboardInput, DashboardMeasure, DashboardPanel, DashboardPeriod, DashboardRow,
} from './dashboard.types';
import { MIN_FIRMS, suppressBreakdown, SUPPRESSED_DISPLAY } from './suppression';

/**
 * Partner dashboards: org-safe aggregates over the graph. Statements on `ctx.ds` (the request's
 * transaction) run one after the other (never in parallel on one connection); the aggregate panels run on
 * the aggregate pool (core/aggregates.ts), a few at a time.
 */

const badInput = (field: string, message: string) =>
  new GraphQLError(`${field}: ${message}`, { extensions: { code: ErrorCode.BAD_USER_INPUT, fields: [{ field, message }] } });

/** Which area an organisation's dashboard covers, following its role in the graph. */
export interface Audience extends DashboardAudience {
  municipalityIds: string[];
}

const AREA_TEXT: Partial<Record<OrganisationKind, string>> = {
  [OrganisationKind.MUNICIPALITY]: 'the municipality',
  [OrganisationKind.REGIONAL_COUNCIL]: 'the member municipalities of the KKR',
  [OrganisationKind.GROWTH_HOUSE]: 'the municipalities the growth house covers',
  [OrganisationKind.BUSINESS_COUNCIL]: 'the municipality the business council serves',
  [OrganisationKind.REGION]: 'the municipalities of the region / län',
  [OrganisationKind.NATIONAL_AGENCY]: 'the whole country',
  [OrganisationKind.INVESTMENT_PROMOTION_AGENCY]: 'the municipalities it receives delegations for (else the whole country)',
};

export async function loadAudience(ctx: RequestContext, organisationId: string): Promise<Audience> {
  const [row] = await ctx.ds.query(
    `SELECT o.id, o.name, o.kind::text AS kind,
            CASE o.kind
              WHEN 'MUNICIPALITY' THEN ARRAY[o.id]
              WHEN 'REGIONAL_COUNCIL' THEN ARRAY(SELECT r.from_id FROM organisation_relationship r WHERE r.to_id = o.id AND r.kind = 'MEMBER_OF_COUNCIL' AND r.state = 'ACTIVE')
              WHEN 'GROWTH_HOUSE' THEN ARRAY(SELECT r.to_id FROM organisation_relationship r WHERE r.from_id = o.id AND r.kind = 'COVERS' AND r.state = 'ACTIVE')
              WHEN 'BUSINESS_COUNCIL' THEN ARRAY(SELECT r.to_id FROM organisation_relationship r WHERE r.from_id = o.id AND r.kind = 'SERVES' AND r.state = 'ACTIVE')
              WHEN 'REGION' THEN ARRAY(SELECT m.id FROM organisation m WHERE m.kind = 'MUNICIPALITY' AND m.region_id = o.id)
              WHEN 'NATIONAL_AGENCY' THEN ARRAY(SELECT m.id FROM organisation m WHERE m.kind = 'MUNICIPALITY' AND m.country = o.country)
              WHEN 'INVESTMENT_PROMOTION_AGENCY' THEN COALESCE(
                NULLIF(ARRAY(SELECT r.to_id FROM organisation_relationship r WHERE r.from_id = o.id AND r.kind = 'RECEPTION_FOR'), '{}'),
                ARRAY(SELECT m.id FROM organisation m WHERE m.kind = 'MUNICIPALITY' AND m.country = o.country))
              ELSE '{}'::uuid[] END AS area
       FROM organisation o WHERE o.id = $1`,
    [organisationId],
  );
  if (!row) throw badInput('organisationId', 'Organisation not found.');
  const kind = row.kind as OrganisationKind;
  return {
    organisationId: row.id, organisationName: row.name, organisationKind: kind, municipalityIds: row.area ?? [],
    municipalities: (row.area ?? []).length,
    area: AREA_TEXT[kind] ?? 'only the organisation\'s own records (it has no area in the graph)',
  };
}

/** The organisation the dashboard is for: named, the one acted for, or the caller's only one (READ). */
export function dashboardOrganisation(ctx: RequestContext, requested: string | undefined): string {
  const ids = ctx.scope.organisationIds(Capability.READ);
  const chosen = requested ?? ctx.activeOrganisationId ?? (ids.length === 1 ? ids[0] : undefined);
  if (!chosen) throw badInput('organisationId', 'Say which of your organisations the dashboard is for.');
  ctx.scope.requireIn(chosen, Capability.READ);
  return chosen;
}

const dayNumber = (d: string) => Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10)) / 86_400_000;
const dateOf = (n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10);
const MAX_DAYS = 3 * 366;

export interface ResolvedPeriod extends DashboardPeriod {
  params: [string, string, string];
}

export function resolvePeriod(input: Pick<DashboardInput, 'from' | 'to' | 'bucket'>): ResolvedPeriod {
  const valid = (d: string) => /^\d{4}-\d{2}-\d{2}$/.test(d) && dateOf(dayNumber(d)) === d;
  if (!valid(input.from)) throw badInput('from', 'Give a valid date YYYY-MM-DD.');
  if (!valid(input.to)) throw badInput('to', 'Give a valid date YYYY-MM-DD.');
  const from = dayNumber(input.from);
  const to = dayNumber(input.to);
  if (to < from) throw badInput('to', 'The period must end on or after its first day.');
  if (to - from + 1 > MAX_DAYS) throw badInput('to', 'A dashboard period is at most 3 years.');
  const days = to - from + 1;
  const at = (n: number) => `${dateOf(n)} 00:00:00 ${TZ}`;
  return {
    from: input.from, to: input.to, previousFrom: dateOf(from - days), previousTo: dateOf(from - 1), bucket: input.bucket ?? DashboardBucket.MONTH,
    params: [at(from), at(to + 1), at(from - days)],
  };
}

export type Dim = Exclude<DashboardDimension, DashboardDimension.AGREEMENT_KPI>;

function effectiveDimension(def: PanelDef, requested: DashboardDimension | undefined): Dim {
  return (requested && def.dimensions.includes(requested) ? requested : def.defaultDimension) as Dim;
}

const BUCKET_SQL: Record<DashboardBucket, string> = { MONTH: 'month', QUARTER: 'quarter', YEAR: 'year' };

interface RawRow {
  period: 'C' | 'P';
  is_total: boolean;
  key: string | null;
  label: string | null;
  units: number;
  /** Some unit of the cell is another organisation's (else the cell is own-only). */
  has_foreign: boolean;
  events: number;
  own_events: number;
  [measure: string]: unknown;
}

const rowKey = (r: RawRow) => (r.is_total ? TOTAL_KEY : r.key ?? NONE_KEY);

/** Applies the suppression rule to one period's rows of a panel. */
function toRows(def: PanelDef, raw: RawRow[]): { rows: Map<string, DashboardRow>; total: DashboardRow | null } {
  const cells = raw.filter((r) => !r.is_total);
  const totalRaw = raw.find((r) => r.is_total) ?? null;
  const result = suppressBreakdown(
    cells.map((r) => ({ key: rowKey(r), firms: r.units, ownOnly: !r.has_foreign })),
    { firms: totalRaw?.units ?? 0, ownOnly: !totalRaw?.has_foreign },
  );
  const make = (r: RawRow, reason: string | null): DashboardRow => {
    const suppressed = reason !== null;
    return {
      key: rowKey(r),
      label: r.is_total ? 'Total' : r.label ?? '(unknown)',
      suppressed,
      suppression: reason,
      display: suppressed ? SUPPRESSED_DISPLAY : null,
      units: suppressed ? null : r.units,
      events: suppressed ? null : r.events,
      ownEvents: r.own_events,
      ownOnly: !r.has_foreign,
      values: def.measures.map((m) => (suppressed || r[m.key] == null ? null : Number(r[m.key]))),
      previousValues: null,
      previousSuppressed: false,
    };
  };
  const rows = new Map(cells.map((r) => [rowKey(r), make(r, result.cells.get(rowKey(r)) ?? null)]));
  return { rows, total: totalRaw ? make(totalRaw, result.total) : null };
}

function emptyTotal(def: PanelDef): DashboardRow {
  return {
    key: TOTAL_KEY, label: 'Total', suppressed: false, suppression: null, display: null, units: 0, events: 0, ownEvents: 0, ownOnly: true,
    values: def.measures.map(() => 0), previousValues: null, previousSuppressed: false,
  };
}

/** All bucket keys of the period (so a time series has its empty months too). */
function bucketKeys(period: ResolvedPeriod): string[] {
  const keys: string[] = [];
  const step = { MONTH: 1, QUARTER: 3, YEAR: 12 }[period.bucket];
  let y = +period.from.slice(0, 4);
  let m = +period.from.slice(5, 7);
  if (period.bucket === DashboardBucket.QUARTER) m = Math.floor((m - 1) / 3) * 3 + 1;
  if (period.bucket === DashboardBucket.YEAR) m = 1;
  for (;;) {
    const key = `${y}-${String(m).padStart(2, '0')}-01`;
    if (key > period.to) break;
    keys.push(key);
    m += step;
    while (m > 12) { m -= 12; y += 1; }
  }
  return keys;
}

const nextMonth = (d: string) => (d.slice(5, 7) === '12' ? `${+d.slice(0, 4) + 1}-01-01` : `${d.slice(0, 5)}${String(+d.slice(5, 7) + 1).padStart(2, '0')}-01`);

/** The whole months of the days [from, end) (dates, end exclusive) and the partial months at its edges. */
function splitMonths(from: string, end: string): { lo: string; hi: string; edges: Array<[string, string]> } | { lo: null; edges: Array<[string, string]> } {
  const lo = from.endsWith('-01') ? from : nextMonth(from);
  const hi = `${end.slice(0, 8)}01`;
  if (lo >= hi) return { lo: null, edges: [[from, end]] };
  return { lo, hi, edges: [[from, lo] as [string, string], [hi, end] as [string, string]].filter(([a, b]) => a < b) };
}

/**
 * Parameters $7-$12 of a rollup read (dashboard.panels.ts): the whole Copenhagen months of the previous
 * and the current period from the monthly rollups, minus the month split by the period's start (when the
 * period does not start on the 1st, the previous period ends mid-month); the days at the edges from the
 * events themselves.
 */
export function rollupParams(period: ResolvedPeriod): [string, string, string, string, string[], string[]] {
  const end = period.params[1].slice(0, 10);
  const prev = splitMonths(period.previousFrom, period.from);
  const cur = splitMonths(period.from, end);
  const edges = [...prev.edges, ...cur.edges];
  const at = (d: string) => `${d} 00:00:00 ${TZ}`;
  let range: [string, string, string, string];
  if (prev.lo !== null && cur.lo !== null) range = [prev.lo, cur.hi, prev.hi, cur.lo];
  else if (cur.lo !== null) range = [cur.lo, cur.hi, cur.lo, cur.lo];
  else if (prev.lo !== null) range = [prev.lo, prev.hi, prev.hi, prev.hi];
  else range = [period.from, period.from, period.from, period.from];
  return [...range, edges.map(([a]) => at(a)), edges.map(([, b]) => at(b))];
}

/** A panel's statement and parameters: from its rollups where it has them, else from the events. */
export function panelQuery(def: PanelDef, dimension: Dim, audience: Pick<Audience, 'municipalityIds' | 'organisationId'>, period: ResolvedPeriod, fromEvents = false): [string, unknown[]] {
  const params: unknown[] = [audience.municipalityIds, audience.organisationId, ...period.params, BUCKET_SQL[period.bucket]];
  if (!def.rollup || fromEvents) return [panelStatement(def, dimension), params];
  const rolled = rollupParams(period);
  return [panelStatement(def, dimension, true, rolled[4].length > 0), [...params, ...rolled]];
}

async function computePanel(ctx: RequestContext, def: PanelDef, audience: Audience, period: ResolvedPeriod, requested: DashboardDimension | undefined): Promise<DashboardPanel> {
  const dimension = effectiveDimension(def, requested);
  // Figures over other organisations' records: an aggregate on the owner's pool (core/aggregates.ts), suppressed below.
  const raw: RawRow[] = await aggregateQuery(ctx, ...panelQuery(def, dimension, audience, period));
  const current = toRows(def, raw.filter((r) => r.period === 'C'));
  const previous = toRows(def, raw.filter((r) => r.period === 'P'));
  let rows = [...current.rows.values()];
  if (dimension === DashboardDimension.TIME_BUCKET) {
    const zero = (key: string): DashboardRow => ({ ...emptyTotal(def), key, label: key });
    rows = bucketKeys(period).map((k) => current.rows.get(k) ?? zero(k));
  } else {
    for (const r of rows) {
      const p = previous.rows.get(r.key);
      r.previousValues = p ? p.values : def.measures.map(() => 0);
      r.previousSuppressed = p?.suppressed ?? false;
    }
    // Suppressed rows go last, by label: their position among the shown rows would hint at their size.
    rows.sort((a, b) => Number(a.suppressed) - Number(b.suppressed) || (a.suppressed ? 0 : (b.units ?? 0) - (a.units ?? 0)) || a.label.localeCompare(b.label));
  }
  const total = current.total ?? emptyTotal(def);
  const previousTotal = previous.total ?? emptyTotal(def);
  total.previousValues = previousTotal.values;
  total.previousSuppressed = previousTotal.suppressed;
  return {
    kind: def.kind, title: def.title, definition: def.definition, groupBy: dimension, availableGroupings: def.dimensions, unit: def.unit,
    measures: def.measures.map(({ key, label, definition, unit }): DashboardMeasure => ({ key, label, definition, unit })),
    rows, total, previousTotal, drillDown: def.drillDown && ctx.principal?.kind === 'user',
  };
}

const AGREEMENT_MEASURES: DashboardMeasure[] = [
  { key: 'target', label: 'Target', unit: 'COUNT', definition: 'The KPI\'s target in the agreement version in force (else the current draft).' },
  { key: 'actual', label: 'Actual', unit: 'COUNT', definition: 'Computed from recorded work over the KPI\'s own period (agreements area, agreement.kpi.ts).' },
  { key: 'attainmentPercent', label: 'Attained', unit: 'PERCENT', definition: 'Actual in percent of the target.' },
  { key: 'expectedByToday', label: 'Expected by today', unit: 'COUNT', definition: 'Target times the elapsed share of the KPI period (shares and percentages: the target itself).' },
  { key: 'pacePercent', label: 'Pace', unit: 'PERCENT', definition: 'Actual in percent of what is expected by today; rows are sorted worst first.' },
  { key: 'followUpsReported', label: 'Follow-ups reported', unit: 'COUNT', definition: 'Follow-ups recorded for the agreement.' },
  { key: 'followUpsDue', label: 'Follow-ups due', unit: 'COUNT', definition: 'One per full quarter of the agreement period elapsed by today.' },
];

/**
 * KPI attainment of every agreement the organisation is party to (not drafts), with pace and follow-ups.
 * The organisation is a party: it sees these figures in the agreement itself, so they are not suppressed.
 * One statement for the KPIs and follow-ups, plus the agreements area's own computation (one per metric).
 */
async function agreementsPanel(ctx: RequestContext, audience: Audience, period: ResolvedPeriod): Promise<DashboardPanel> {
  const rows: Array<{ agreement_id: string; title: string; kpi: any; reported: number; due: number; elapsed: number }> = await ctx.ds.query(
    `SELECT a.id AS agreement_id, v.title, k.kpi,
            (SELECT count(*)::int FROM service_agreement_follow_up fu WHERE fu.agreement_id = a.id) AS reported,
            GREATEST(0, (EXTRACT(year FROM age(LEAST(current_date, v.period_end + 1), v.period_start)) * 12
                         + EXTRACT(month FROM age(LEAST(current_date, v.period_end + 1), v.period_start)))::int / 3) AS due,
            LEAST(1, GREATEST(0, (current_date - (k.kpi->>'periodStart')::date + 1)::float8
                                 / NULLIF((k.kpi->>'periodEnd')::date - (k.kpi->>'periodStart')::date + 1, 0))) AS elapsed
       FROM service_agreement a
       JOIN service_agreement_party p ON p.agreement_id = a.id AND p.organisation_id = $1
       JOIN service_agreement_version v ON v.agreement_id = a.id AND v.number = COALESCE(a.in_force_version_number, a.current_version_number)
       CROSS JOIN LATERAL jsonb_array_elements(v.kpis) AS k(kpi)
      WHERE a.state IN ('SIGNED', 'ACTIVE', 'EXPIRED')
        AND (k.kpi->>'periodStart')::date <= $3::date AND (k.kpi->>'periodEnd')::date >= $2::date
      ORDER BY a.id, k.kpi->>'key'`,
    [audience.organisationId, period.from, period.to],
  );
  const actuals = await computeKpiActuals(ctx.ds.manager, rows.map((r) => ({ agreementId: r.agreement_id, metric: r.kpi.metric, from: r.kpi.periodStart, to: r.kpi.periodEnd })));
  const out: DashboardRow[] = rows.map((r, i) => {
    const target = Number(r.kpi.target);
    const actual = actuals[i].actual;
    const expected = r.kpi.unit === AgreementKpiUnit.PERCENT ? target : Math.round(target * r.elapsed * 10) / 10;
    const pct = (a: number | null, b: number) => (a == null || !b ? null : Math.round((a / b) * 1000) / 10);
    return {
      key: `${r.agreement_id}:${r.kpi.key}`, label: `${r.title}: ${r.kpi.name}`, suppressed: false, suppression: null, display: null,
      units: null, events: actuals[i].counted, ownEvents: null, ownOnly: true,
      values: [target, actual, pct(actual, target), expected, pct(actual, expected), r.reported, r.due],
      previousValues: null, previousSuppressed: false,
    };
  });
  out.sort((a, b) => (a.values[4] ?? Infinity) - (b.values[4] ?? Infinity) || a.label.localeCompare(b.label));
  const total: DashboardRow = {
    key: TOTAL_KEY, label: 'Total', suppressed: false, suppression: null, display: null, units: null,
    events: out.reduce((s, r) => s + (r.events ?? 0), 0), ownEvents: null, ownOnly: true,
    values: [null, null, null, null, null, null, null], previousValues: null, previousSuppressed: false,
  };
  return {
    kind: DashboardPanelKind.AGREEMENTS, title: 'Agreements: KPI attainment',
    definition: 'Every KPI of the agreements the organisation is party to (signed, active or expired) whose period overlaps the dashboard period; actuals computed from recorded work over each KPI\'s own period, exactly as in the agreement.',
    groupBy: DashboardDimension.AGREEMENT_KPI, availableGroupings: [DashboardDimension.AGREEMENT_KPI], unit: 'firms', measures: AGREEMENT_MEASURES,
    rows: out, total, previousTotal: null, drillDown: false,
  };
}

export async function computeDashboard(ctx: RequestContext, input: DashboardInput): Promise<Dashboard> {
  const period = resolvePeriod(input);
  const orgId = dashboardOrganisation(ctx, input.organisationId);
  const audience = await loadAudience(ctx, orgId);
  const kinds = input.panels?.length ? [...new Set(input.panels)] : Object.values(DashboardPanelKind);
  // The aggregate panels run on the aggregate pool (core/aggregates.ts), PANEL_CONCURRENCY at a time; the
  // agreements panel meanwhile runs its statements one after the other on the request's own transaction.
  const aggregate = kinds.filter((k): k is Exclude<DashboardPanelKind, DashboardPanelKind.AGREEMENTS> => k !== DashboardPanelKind.AGREEMENTS);
  const [agreements, computed] = await settleAll([
    kinds.includes(DashboardPanelKind.AGREEMENTS) ? agreementsPanel(ctx, audience, period) : Promise.resolve(null),
    runBounded(aggregate.map((k) => () => computePanel(ctx, PANELS[k], audience, period, input.groupBy)), PANEL_CONCURRENCY),
  ] as const);
  const byKind = new Map<DashboardPanelKind, DashboardPanel>(aggregate.map((k, i) => [k, computed[i]]));
  if (agreements) byKind.set(DashboardPanelKind.AGREEMENTS, agreements);
  const panels = kinds.map((k) => byKind.get(k)!);
  const { municipalityIds: _, ...publicAudience } = audience;
  return { audience: publicAudience, period, minUnits: MIN_FIRMS, panels, computedAt: new Date() };
}

/** One dashboard's aggregate statements at once: its share of the process's aggregate pool (core/aggregates.ts). */
export const PANEL_CONCURRENCY = 3;

/** Like Promise.all, but throws (the first failure) only once every promise has ended: nothing keeps running behind the answer. */
async function settleAll<T extends readonly unknown[]>(promises: { [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const settled = await Promise.allSettled(promises);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<unknown>).value) as unknown as T;
}

const DRILL_LIMIT = 200;

const DRILL_COLUMNS = ['entry_id', 'entry_kind', 'firm_id', 'owner_id', 'at'];
const DRILL_SHARING = journeyEntryVisibleSql('c.firm_id', 'c.owner_id', { viewers: '$9', publicKinds: '$10', openStatuses: '$11' });

/**
 * The drill-down's statement (core/aggregates.ts visibleRowsStatement): how many entries the cell has ($8 = null:
 * no limit inside), how many of them the caller may see, and the newest DRILL_LIMIT + 1 of those ($12: its
 * organisations; $9-$11: the journey-sharing rule for the dashboard's organisation). Always one row at least,
 * with null entry columns when none is visible.
 */
export function drillDownVisibleStatement(def: PanelDef, dimension: Exclude<DashboardDimension, DashboardDimension.AGREEMENT_KPI>): string {
  return visibleRowsStatement(drillDownQueryShape(def, dimension), 12);
}

function drillDownQueryShape(def: PanelDef, dimension: Exclude<DashboardDimension, DashboardDimension.AGREEMENT_KPI>) {
  return { candidates: drillDownStatement(def, dimension), sharing: DRILL_SHARING, columns: DRILL_COLUMNS, orderBy: 's.at DESC, s.entry_id', limit: DRILL_LIMIT + 1 };
}

/**
 * The entries behind one cell that the caller may see: its own organisations' records, and records of
 * other organisations about a firm on a recorded basis (consent or open referral; journeys' sharing
 * rules, journey.access.ts). Reads of other organisations' entries are written to the access log.
 */
export async function drillDown(ctx: RequestContext, input: DashboardDrillDownInput): Promise<DashboardDrillDown> {
  const period = resolvePeriod(input);
  const orgId = dashboardOrganisation(ctx, input.organisationId);
  if (input.panel === DashboardPanelKind.AGREEMENTS) throw badInput('panel', 'Drill into an agreement\'s KPIs from the agreement itself.');
  const def = PANELS[input.panel];
  if (!def.drillDown) throw badInput('panel', 'This panel has no drill-down.');
  const audience = await loadAudience(ctx, orgId);
  const dimension = effectiveDimension(def, input.groupBy);
  // One statement on the owner's pool (core/aggregates.ts: the cell spans every organisation), but only entries
  // the caller may see leave the database: its own organisations', and others' under the journey-sharing rules
  // for the dashboard's organisation (journeyEntryVisibleSql, the rule of loadGrants). Of the rest it learns
  // only how many there are (in_cell), never which.
  const mine = ctx.scope.organisationIds(Capability.READ);
  // The one exception to "aggregates, never rows", declared in core/aggregates.ts (visibleRowsQuery).
  const { inCell, inSight, rows } = await visibleRowsQuery<{ entry_id: string; entry_kind: string; firm_id: string | null; owner_id: string; at: Date }>(ctx, {
    ...drillDownQueryShape(def, dimension),
    params: [audience.municipalityIds, orgId, ...period.params, BUCKET_SQL[period.bucket], input.rowKey, null, [orgId], [...PUBLIC_BUSINESS_SUPPORT_KINDS], [...OPEN_REFERRAL_STATUSES]],
    own: [...mine],
  });
  const truncated = rows.length > DRILL_LIMIT;
  const list = rows.slice(0, DRILL_LIMIT);
  const foreignFirms = [...new Set(list.filter((r) => !mine.includes(r.owner_id) && r.firm_id).map((r) => r.firm_id!))];
  const grants = await loadGrants(ctx, foreignFirms, [orgId]);
  const visible: Array<(typeof list)[number] & { basis: string; grant?: ReturnType<typeof grantFor> }> = [];
  const grantFor = (r: (typeof list)[number]) => (r.firm_id ? grants.get(r.firm_id)?.find((g) => g.ownerOrganisationId === r.owner_id) : undefined);
  for (const r of list) {
    if (mine.includes(r.owner_id)) visible.push({ ...r, basis: 'OWN' });
    else {
      const g = grantFor(r);
      if (g) visible.push({ ...r, basis: g.basis, grant: g });
    }
  }
  const names: Array<{ id: string; name: string }> = visible.length
    ? await ctx.ds.query(`SELECT id, name FROM firm WHERE id = ANY($1::uuid[]) UNION ALL SELECT id, name FROM organisation WHERE id = ANY($2::uuid[])`, [
      [...new Set(visible.filter((v) => v.firm_id).map((v) => v.firm_id))], [...new Set(visible.map((v) => v.owner_id))],
    ])
    : [];
  const nameOf = new Map(names.map((n) => [n.id, n.name]));
  // No unlogged reads of another organisation's entries (as in the journey).
  const logged = new Map<string, { firmId: string; owner: string; ids: string[]; g: NonNullable<ReturnType<typeof grantFor>> }>();
  for (const v of visible) {
    if (!v.grant || !v.firm_id) continue;
    const k = `${v.firm_id}|${v.owner_id}`;
    const item = logged.get(k) ?? { firmId: v.firm_id, owner: v.owner_id, ids: [], g: v.grant };
    if (v.entry_kind === 'TOUCHPOINT') item.ids.push(v.entry_id);
    logged.set(k, item);
  }
  if (logged.size) {
    await ctx.ds.query(
      `INSERT INTO journey_access_log (viewer_user_id, viewer_organisation_id, firm_id, owner_organisation_id, basis, consent_id, referral_id, touchpoint_ids)
       SELECT $1, $2, x.firm_id, x.owner_id, x.basis::access_basis, x.consent_id, x.referral_id, x.ids
         FROM jsonb_to_recordset($3::jsonb) AS x(firm_id uuid, owner_id uuid, basis text, consent_id uuid, referral_id uuid, ids uuid[])`,
      [userIdOf(ctx), orgId, JSON.stringify([...logged.values()].map((l) => ({
        firm_id: l.firmId, owner_id: l.owner, basis: l.g.basis, consent_id: l.g.consentId, referral_id: l.g.referralId, ids: l.ids,
      })))],
    );
  }
  const entries: DashboardEntry[] = visible.map((v) => ({
    id: v.entry_id, kind: v.entry_kind, firmId: v.firm_id, firmName: v.firm_id ? nameOf.get(v.firm_id) ?? null : null,
    organisationId: v.owner_id, organisationName: nameOf.get(v.owner_id) ?? '', at: v.at, basis: v.basis,
  }));
  return { entries, someHidden: list.length > visible.length || inCell > inSight, truncated };
}
