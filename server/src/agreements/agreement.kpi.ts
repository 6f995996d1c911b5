import { EntityManager } from 'typeorm';
import { AgreementKpi, ServiceAgreement } from './agreement.entity';
import { journeyEntryVisibleSql } from '../journeys/journey.access';
import { OPEN_REFERRAL_STATUSES, PUBLIC_BUSINESS_SUPPORT_KINDS } from '../journeys/journey.enums';
import { AgreementKpiActualSource, AgreementKpiMetric, isComputedMetric } from './agreement.enums';

/**
 * KPI actuals computed from recorded work: the touchpoints of firms' journeys (journeys area, tables
 * `touchpoint`, `referral`: an area figure counts every organisation's entries). Never typed in. Only current
 * entries count: an entry that a correction superseded (`touchpoint.supersedes_id` points at it) is left out,
 * the correction counts instead.
 *
 * All of it is read through SECURITY DEFINER functions (migration 1769226000000-KpiWall) that take agreement
 * ids, derive the area and parties themselves and answer only a caller whose scope is a party to the
 * agreement (no row at all otherwise): the app role reads no other organisation's entries directly.
 * Each metric is defined once, as the entries it counts (`gg_kpi_entries(agreement, metric, from, to)`); the
 * drill-down lists them, so it shows exactly what was counted. The figures come from faster functions over
 * the dashboard rollups (`gg_kpi_growth_actuals`, `gg_kpi_jobs_actuals`, on the caller's transaction so its
 * own writes count) and over the referral touchpoints (`gg_kpi_referral_share`): dashboards/rollups.test.ts
 * and agreements/agreement.kpi-wall.test.ts prove they equal the aggregate over the entries and the
 * drill-down's entries. Dates are calendar days in Danish/Swedish time (Europe/Copenhagen = Europe/Stockholm).
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

/**
 * Per computed metric: how its entries (e.id, e.value) aggregate, and the function computing the same figure
 * for many windows ($1: [{ i, agreement_id, from_date, to_date }]). `area` metrics need the agreement to have municipalities.
 */
const METRICS: Record<Exclude<AgreementKpiMetric, AgreementKpiMetric.EXTERNAL>, { aggregate: string; needs: 'area' | 'parties'; actuals: string }> = {
  [AgreementKpiMetric.GROWTH_MAPPINGS]: {
    needs: 'area', aggregate: `count(e.id)::float8`,
    actuals: `SELECT * FROM gg_kpi_growth_actuals($1::jsonb, 'GROWTH_MAPPING', false)`,
  },
  [AgreementKpiMetric.FIRMS_IN_GROWTH_PARTNERSHIPS]: {
    needs: 'area', aggregate: `count(DISTINCT e.firm_id)::float8`,
    actuals: `SELECT * FROM gg_kpi_growth_actuals($1::jsonb, 'GROWTH_PARTNERSHIP', true)`,
  },
  [AgreementKpiMetric.REFERRALS_TO_PRIVATE_ADVISORS_SHARE]: {
    // value 1 = went to a private advisor; the share is the mean of value, in percent.
    needs: 'parties', aggregate: `CASE WHEN count(e.id) = 0 THEN NULL ELSE round(100.0 * sum(e.value)::numeric / count(e.id), 2)::float8 END`,
    actuals: `SELECT * FROM gg_kpi_referral_share($1::jsonb)`,
  },
  [AgreementKpiMetric.JOBS_SELF_REPORTED]: {
    needs: 'area', aggregate: `COALESCE(sum(e.value), 0)::float8`,
    actuals: `SELECT * FROM gg_kpi_jobs_actuals($1::jsonb, 'SELF_REPORTED')`,
  },
  [AgreementKpiMetric.JOBS_REGISTER_MEASURED]: {
    needs: 'area', aggregate: `COALESCE(sum(e.value), 0)::float8`,
    actuals: `SELECT * FROM gg_kpi_jobs_actuals($1::jsonb, 'REGISTER_MEASURED')`,
  },
};

const WINDOWS = `jsonb_to_recordset($1::jsonb) AS w(i int, agreement_id uuid, from_date date, to_date date)`;
/** The counted entries of window w (columns id, firm_id, organisation_id, occurred_at, value). */
const ENTRIES = (metric: AgreementKpiMetric) => {
  if (!(metric in METRICS)) throw new Error(`Not a computed metric: ${metric}`);
  return `gg_kpi_entries(w.agreement_id, '${metric}', w.from_date, w.to_date)`;
};

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
 * `fromEntries` aggregates the metric's entries instead (the tests' oracle). A window of an agreement the
 * caller is no party to gets no row from the functions and stays "not computed".
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
    // No party visible: not the caller's agreement (the functions would answer nothing either).
    if (!scope.partyIds.length) {
      results[c.i] = notComputable('Not an agreement of yours.');
      continue;
    }
    if (def.needs === 'area' && !scope.areaMunicipalityIds.length) {
      results[c.i] = notComputable('The agreement has no municipality (nor KKR) among its parties, so there is no area to count firms in.');
      continue;
    }
    byMetric.set(c.r.metric, [...(byMetric.get(c.r.metric) ?? []), c]);
  }
  for (const [metric, items] of byMetric) {
    const def = METRICS[metric as keyof typeof METRICS];
    const windows = items.map(({ r, i }) => ({ i, agreement_id: r.agreementId, from_date: r.from, to_date: r.to }));
    const rows: Array<{ i: number; actual: number | null; counted: number }> = await em.query(
      !opts.fromEntries
        ? def.actuals
        : `SELECT w.i, ${def.aggregate} AS actual, count(e.id)::int AS counted
             FROM ${WINDOWS} LEFT JOIN LATERAL ${ENTRIES(metric)} e ON true
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
  const windows = [{ i: 0, agreement_id: request.agreementId, from_date: request.from, to_date: request.to }];
  const visible = journeyEntryVisibleSql('e.firm_id', 'e.organisation_id', { viewers: '$2', publicKinds: '$3', openStatuses: '$4' });
  const sharing = [[...viewerIds], [...PUBLIC_BUSINESS_SUPPORT_KINDS], [...OPEN_REFERRAL_STATUSES]];
  const rows: CountedEntryRow[] = await em.query(
    `SELECT e.id, e.firm_id, e.organisation_id, e.occurred_at, e.value,
            f.status::text AS firm_status, f.name AS firm_name, f.cvr, f.organisationsnummer, f.owner_organisation_id, tp.summary
       FROM ${WINDOWS} CROSS JOIN LATERAL ${ENTRIES(request.metric)} e
       JOIN firm f ON f.id = e.firm_id JOIN touchpoint tp ON tp.id = e.id
      WHERE ${visible}
        AND ($5::timestamptz IS NULL OR (e.occurred_at, e.id) < ($5::timestamptz, $6::uuid))
      ORDER BY e.occurred_at DESC, e.id DESC
      LIMIT $7`,
    [JSON.stringify(windows), ...sharing, after?.[0] ?? null, after?.[1] ?? null, first + 1],
  );
  const hidden: HiddenEntryCount[] = await em.query(
    `SELECT e.organisation_id, count(*)::int AS n
       FROM ${WINDOWS} CROSS JOIN LATERAL ${ENTRIES(request.metric)} e
      WHERE NOT (${visible})
      GROUP BY e.organisation_id ORDER BY e.organisation_id`,
    [JSON.stringify(windows), ...sharing],
  );
  return { rows, hidden, scope };
}
