import { EntityManager } from 'typeorm';
import { AgreementKpi, ServiceAgreement } from './agreement.entity';
import { journeyEntryVisibleSql } from '../journeys/journey.access';
import { OPEN_REFERRAL_STATUSES, PUBLIC_BUSINESS_SUPPORT_KINDS } from '../journeys/journey.enums';
import { AgreementKpiActualSource, AgreementKpiMetric, isComputedMetric } from './agreement.enums';

/**
 * KPI actuals computed from recorded work: the touchpoints of firms' journeys (journeys area, tables
 * `touchpoint`, `referral`, counted through the RLS migration's content-free views `touchpoint_fact`,
 * `referral_fact`, `firm_area`: an area figure counts every organisation's entries). Never typed in. Only current entries count: an entry that a correction
 * superseded (`touchpoint.supersedes_id` points at it) is left out, the correction counts instead.
 *
 * Each metric is defined once, as the SQL that lists the entries it counts (`entries`); the drill-down lists
 * it, so it shows exactly what was counted. The area metrics' figures are read from the dashboard rollups
 * instead (`rollup`: SECURITY DEFINER functions of migration 1769216000000 over dashboard_growth_month /
 * dashboard_outcome_report, aggregates only, on the caller's transaction so its own writes count):
 * dashboards/rollups.test.ts proves they equal the aggregate over `entries` and the drill-down's entries
 * after every kind of write. Dates are calendar days in Danish/Swedish time (Europe/Copenhagen = Europe/Stockholm).
 */

/** What a metric is computed over for one agreement. */
export interface AgreementScope {
  agreementId: string;
  /** The parties (their organisation ids). */
  partyIds: string[];
  /** Municipalities of the agreement: municipality parties, plus the member municipalities of a KKR party. */
  areaMunicipalityIds: string[];
}

export interface KpiRequest {
  agreementId: string;
  metric: AgreementKpiMetric;
  /** First day counted (YYYY-MM-DD). */
  from: string;
  /** Last day counted, inclusive. */
  to: string;
}

export interface KpiActual {
  actual: number | null;
  source: AgreementKpiActualSource;
  /** Number of entries the figure is based on. */
  counted: number | null;
  /** Why there is no figure, if there is none. */
  note: string | null;
}

export const TZ = 'Europe/Copenhagen';

/** The window columns every ENTRIES query may use: w.from_date, w.to_date, w.area (uuid[]), w.parties (uuid[]). */
const IN_WINDOW = (col: string) =>
  `${col} >= (w.from_date::timestamp AT TIME ZONE '${TZ}') AND ${col} < ((w.to_date + 1)::timestamp AT TIME ZONE '${TZ}')`;
const CURRENT = `NOT EXISTS (SELECT 1 FROM touchpoint_fact sup WHERE sup.supersedes_id = t.id)`;

/**
 * Per computed metric: the counted entries (one row per touchpoint: id, firm_id, organisation_id,
 * occurred_at, value) and how they aggregate. `area` metrics need the agreement to have municipalities.
 */
const METRICS: Record<Exclude<AgreementKpiMetric, AgreementKpiMetric.EXTERNAL>, { entries: string; aggregate: string; needs: 'area' | 'parties'; rollup?: string }> = {
  [AgreementKpiMetric.GROWTH_MAPPINGS]: {
    needs: 'area',
    entries: `SELECT t.id, t.firm_id, t.organisation_id, t.occurred_at, 1::float8 AS value
                FROM touchpoint_fact t JOIN firm_area f ON f.id = t.firm_id
               WHERE t.kind = 'GROWTH_MAPPING' AND f.municipality_id = ANY(w.area) AND ${IN_WINDOW('t.occurred_at')} AND ${CURRENT}`,
    aggregate: `count(e.id)::float8`,
    rollup: `SELECT * FROM gg_kpi_growth_actuals($1::jsonb, 'GROWTH_MAPPING', false)`,
  },
  [AgreementKpiMetric.FIRMS_IN_GROWTH_PARTNERSHIPS]: {
    needs: 'area',
    entries: `SELECT t.id, t.firm_id, t.organisation_id, t.occurred_at, 1::float8 AS value
                FROM touchpoint_fact t JOIN firm_area f ON f.id = t.firm_id
               WHERE t.kind = 'GROWTH_PARTNERSHIP' AND f.municipality_id = ANY(w.area) AND ${IN_WINDOW('t.occurred_at')} AND ${CURRENT}`,
    aggregate: `count(DISTINCT e.firm_id)::float8`,
    rollup: `SELECT * FROM gg_kpi_growth_actuals($1::jsonb, 'GROWTH_PARTNERSHIP', true)`,
  },
  [AgreementKpiMetric.REFERRALS_TO_PRIVATE_ADVISORS_SHARE]: {
    needs: 'parties',
    // value 1 = went to a private advisor; the share is the mean of value, in percent.
    entries: `SELECT t.id, t.firm_id, t.organisation_id, t.occurred_at,
                     CASE WHEN ro.kind = 'PRIVATE_ADVISOR' THEN 1 ELSE 0 END::float8 AS value
                FROM touchpoint_fact t JOIN referral_fact r ON r.id = t.referral_id JOIN organisation ro ON ro.id = r.receiver_organisation_id
               WHERE t.kind = 'REFERRAL' AND t.organisation_id = ANY(w.parties) AND ${IN_WINDOW('t.occurred_at')} AND ${CURRENT}`,
    aggregate: `CASE WHEN count(e.id) = 0 THEN NULL ELSE round(100.0 * sum(e.value)::numeric / count(e.id), 2)::float8 END`,
  },
  [AgreementKpiMetric.JOBS_SELF_REPORTED]: {
    needs: 'area', entries: jobsEntries('SELF_REPORTED'), aggregate: `COALESCE(sum(e.value), 0)::float8`,
    rollup: `SELECT * FROM gg_kpi_jobs_actuals($1::jsonb, 'SELF_REPORTED')`,
  },
  [AgreementKpiMetric.JOBS_REGISTER_MEASURED]: {
    needs: 'area', entries: jobsEntries('REGISTER_MEASURED'), aggregate: `COALESCE(sum(e.value), 0)::float8`,
    rollup: `SELECT * FROM gg_kpi_jobs_actuals($1::jsonb, 'REGISTER_MEASURED')`,
  },
};

/**
 * Jobs: per firm of the area, its latest current outcome report of the given source whose figures are
 * for a day in the window (details.measuredOn), and the jobs in it; the KPI is their sum. Self-reported
 * and register-measured figures are never mixed.
 */
function jobsEntries(source: 'SELF_REPORTED' | 'REGISTER_MEASURED') {
  return `SELECT DISTINCT ON (t.firm_id) t.id, t.firm_id, t.organisation_id, t.occurred_at, (t.details->>'jobs')::float8 AS value
            FROM touchpoint_fact t JOIN firm_area f ON f.id = t.firm_id
           WHERE t.kind = 'OUTCOME_REPORT' AND t.details->>'source' = '${source}' AND t.details->>'jobs' IS NOT NULL
             AND f.municipality_id = ANY(w.area)
             AND (t.details->>'measuredOn')::date BETWEEN w.from_date AND w.to_date AND ${CURRENT}
           ORDER BY t.firm_id, (t.details->>'measuredOn')::date DESC, t.recorded_at DESC, t.id`;
}

const WINDOWS = `jsonb_to_recordset($1::jsonb) AS w(i int, from_date date, to_date date, area uuid[], parties uuid[])`;

/**
 * Parties and area municipalities of agreements: one statement for any number of agreements. Only parties
 * that have accepted the agreement count (`accepted_at`: the creator, a confirmed participation or a
 * signature): naming an organisation as a party in a self-made draft opens none of its data. A KKR party's
 * area is its member municipalities through ACTIVE (confirmed by both sides) relationships only.
 */
export async function loadAgreementScopes(em: EntityManager, agreementIds: readonly string[]): Promise<Map<string, AgreementScope>> {
  const rows: Array<{ agreement_id: string; parties: string[]; area: string[] | null }> = await em.query(
    `SELECT p.agreement_id,
            array_agg(DISTINCT p.organisation_id) AS parties,
            array_remove(array_agg(DISTINCT o.id) FILTER (WHERE o.kind = 'MUNICIPALITY')
              || COALESCE(array_agg(DISTINCT m.from_id) FILTER (WHERE m.from_id IS NOT NULL), '{}'), NULL) AS area
       FROM service_agreement_party p
       JOIN organisation o ON o.id = p.organisation_id
       LEFT JOIN organisation_relationship m
              ON o.kind = 'REGIONAL_COUNCIL' AND m.to_id = o.id AND m.kind = 'MEMBER_OF_COUNCIL' AND m.state = 'ACTIVE'
      WHERE p.agreement_id = ANY($1::uuid[]) AND p.accepted_at IS NOT NULL
      GROUP BY p.agreement_id`,
    [[...agreementIds]],
  );
  const out = new Map<string, AgreementScope>();
  for (const id of agreementIds) out.set(id, { agreementId: id, partyIds: [], areaMunicipalityIds: [] });
  for (const r of rows) out.set(r.agreement_id, { agreementId: r.agreement_id, partyIds: r.parties, areaMunicipalityIds: [...new Set(r.area ?? [])] });
  return out;
}

const notComputable = (note: string): KpiActual => ({ actual: null, source: AgreementKpiActualSource.NOT_COMPUTABLE, counted: null, note });

/**
 * Computes many KPI actuals: one statement for the agreements' scopes, plus one per metric involved
 * (whatever the number of KPIs or agreements). Used by the attainment query, follow-ups and the loader.
 * `fromEntries` aggregates the entries SQL itself instead of the rollups (the tests' oracle).
 */
export async function computeKpiActuals(em: EntityManager, requests: readonly KpiRequest[], opts: { fromEntries?: boolean } = {}): Promise<KpiActual[]> {
  const results: KpiActual[] = requests.map(() => notComputable('not computed'));
  const computable = requests.map((r, i) => ({ r, i })).filter(({ r }) => isComputedMetric(r.metric));
  requests.forEach((r, i) => {
    if (!isComputedMetric(r.metric)) results[i] = { actual: null, source: AgreementKpiActualSource.NOT_REPORTED, counted: null, note: 'External metric: reported in follow-ups.' };
  });
  if (!computable.length) return results;
  const scopes = await loadAgreementScopes(em, [...new Set(computable.map(({ r }) => r.agreementId))]);
  const byMetric = new Map<AgreementKpiMetric, Array<{ r: KpiRequest; i: number }>>();
  for (const c of computable) {
    const def = METRICS[c.r.metric as keyof typeof METRICS];
    const scope = scopes.get(c.r.agreementId);
    if (!scope) continue;
    if (def.needs === 'area' && !scope.areaMunicipalityIds.length) {
      results[c.i] = notComputable('The agreement has no municipality (nor KKR) among its parties, so there is no area to count firms in.');
      continue;
    }
    byMetric.set(c.r.metric, [...(byMetric.get(c.r.metric) ?? []), c]);
  }
  for (const [metric, items] of byMetric) {
    const def = METRICS[metric as keyof typeof METRICS];
    const windows = items.map(({ r, i }) => {
      const s = scopes.get(r.agreementId)!;
      return { i, from_date: r.from, to_date: r.to, area: s.areaMunicipalityIds, parties: s.partyIds };
    });
    const rows: Array<{ i: number; actual: number | null; counted: number }> = await em.query(
      def.rollup && !opts.fromEntries
        ? def.rollup
        : `SELECT w.i, ${def.aggregate} AS actual, count(e.id)::int AS counted
             FROM ${WINDOWS} LEFT JOIN LATERAL (${def.entries}) e ON true
            GROUP BY w.i`,
      [JSON.stringify(windows)],
    );
    for (const row of rows) {
      results[row.i] = { actual: row.actual == null ? null : Number(row.actual), source: AgreementKpiActualSource.COMPUTED, counted: row.counted, note: row.actual == null ? 'Nothing recorded in the period.' : null };
    }
  }
  return results;
}

/** The actual of one KPI of an agreement over the KPI's own period. */
export async function computeKpiActual(em: EntityManager, kpi: AgreementKpi, agreement: Pick<ServiceAgreement, 'id'>): Promise<KpiActual> {
  return (await computeKpiActuals(em, [{ agreementId: agreement.id, metric: kpi.metric, from: kpi.periodStart, to: kpi.periodEnd }]))[0];
}

/** One counted entry, for the drill-down. */
export interface CountedEntryRow {
  id: string;
  firm_id: string;
  organisation_id: string;
  occurred_at: Date;
  value: number;
  firm_status: string;
  firm_name: string;
  cvr: string | null;
  organisationsnummer: string | null;
  owner_organisation_id: string | null;
  summary: string | null;
}

/** Entries the caller may not see, counted per recording organisation (no firm, no date, no kind beyond the metric). */
export interface HiddenEntryCount {
  organisation_id: string;
  n: number;
}

/**
 * A page of the entries a KPI counted that the caller may see under the journey-sharing rules (own
 * entries, consent, open referral: `journeyEntryVisibleSql`), newest first (keyset: occurred_at DESC,
 * id DESC); and the others only as counts per recording organisation. Whatever the agreement's state.
 */
export async function listCountedEntries(
  em: EntityManager,
  request: KpiRequest,
  viewerIds: readonly string[],
  first: number,
  after: [string, string] | null,
): Promise<{ rows: CountedEntryRow[]; hidden: HiddenEntryCount[]; scope: AgreementScope | undefined }> {
  const def = METRICS[request.metric as keyof typeof METRICS];
  const scope = (await loadAgreementScopes(em, [request.agreementId])).get(request.agreementId);
  if (!def || !scope || (def.needs === 'area' && !scope.areaMunicipalityIds.length)) return { rows: [], hidden: [], scope };
  const windows = [{ i: 0, from_date: request.from, to_date: request.to, area: scope.areaMunicipalityIds, parties: scope.partyIds }];
  const visible = journeyEntryVisibleSql('e.firm_id', 'e.organisation_id', { viewers: '$2', publicKinds: '$3', openStatuses: '$4' });
  const sharing = [[...viewerIds], [...PUBLIC_BUSINESS_SUPPORT_KINDS], [...OPEN_REFERRAL_STATUSES]];
  const rows: CountedEntryRow[] = await em.query(
    `SELECT e.id, e.firm_id, e.organisation_id, e.occurred_at, e.value,
            f.status::text AS firm_status, f.name AS firm_name, f.cvr, f.organisationsnummer, f.owner_organisation_id, tp.summary
       FROM ${WINDOWS} CROSS JOIN LATERAL (${def.entries}) e
       JOIN firm f ON f.id = e.firm_id JOIN touchpoint tp ON tp.id = e.id
      WHERE ${visible}
        AND ($5::timestamptz IS NULL OR (e.occurred_at, e.id) < ($5::timestamptz, $6::uuid))
      ORDER BY e.occurred_at DESC, e.id DESC
      LIMIT $7`,
    [JSON.stringify(windows), ...sharing, after?.[0] ?? null, after?.[1] ?? null, first + 1],
  );
  const hidden: HiddenEntryCount[] = await em.query(
    `SELECT e.organisation_id, count(*)::int AS n
       FROM ${WINDOWS} CROSS JOIN LATERAL (${def.entries}) e
      WHERE NOT (${visible})
      GROUP BY e.organisation_id ORDER BY e.organisation_id`,
    [JSON.stringify(windows), ...sharing],
  );
  return { rows, hidden, scope };
}
