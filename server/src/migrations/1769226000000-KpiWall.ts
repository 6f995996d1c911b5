import { MigrationInterface, QueryRunner } from 'typeorm';
import { KPI_ACTUALS_1769216000000 } from './1769216000000-KpiActualsFromRollups';

/**
 * The KPI functions as a wall (issue 10, "left alone" of the last session): the agreement KPI actuals took
 * their area and window from the caller, so any scoped app-role session could ask for any municipality's
 * unsuppressed counts; and `touchpoint_fact` / `referral_fact` / `firm_area` let the app role read every
 * organisation's entry ids, firms and figures.
 *
 * Now every KPI function takes agreement ids and derives what it counts itself, as
 * agreements/agreement.kpi.ts loadAgreementScopes does: the accepted parties, and the area of the
 * municipality parties plus the member municipalities of a KKR party (ACTIVE relationships). A window of an
 * agreement the caller's scope (`app.org_ids`, set per request transaction: core/rls.ts) is no party to
 * gets no row at all - not a zero.
 *
 *   gg_kpi_growth_actuals(windows, kind, distinct_firms)  GROWTH_MAPPINGS / FIRMS_IN_GROWTH_PARTNERSHIPS
 *       from dashboard_growth_month plus the edge days (as 1769216000000).
 *   gg_kpi_jobs_actuals(windows, source)  the jobs metrics from dashboard_outcome_report (as 1769216000000).
 *   gg_kpi_referral_share(windows)  REFERRALS_TO_PRIVATE_ADVISORS_SHARE (it read the fact views).
 *   gg_kpi_entries(agreement, metric, from, to)  the entries a metric counts (id, firm, recording
 *       organisation, time, value): each metric's one definition, which the drill-down lists and the tests
 *       aggregate as the oracle of the three above. Content-free, as the views were, but only for a party and
 *       only over its agreement's area (or parties).
 *   windows = jsonb [{ i, agreement_id, from_date, to_date }]; dates are Danish/Swedish calendar days.
 *
 * The fact views are dropped, not revoked: prepareAppRole (core/rls.ts) GRANTs SELECT on all tables and
 * views to the app role at every start, which would hand a REVOKE back.
 *
 * The row-rule helpers that take an organisation list from their caller (gg_agreement_party,
 * gg_network_party, gg_co_financing_party, gg_delegation_party, gg_inquiry_role) answer only for the
 * organisations of that list that are also in the caller's scope: called directly with another
 * organisation's id they said whether it was party to an agreement, a network, a delegation or an inquiry.
 * The policies pass the caller's own scope (O or W, W and the admin list within O), so they are unchanged.
 *
 * Every function here has `SET search_path` and names its tables with their schema.
 */
const TZ = 'Europe/Copenhagen';
const AT = (day: string) => `(${day}::timestamp AT TIME ZONE '${TZ}')`;
const PATH = `SET search_path = pg_catalog, pg_temp`;
const WINDOWS = `jsonb_to_recordset(p_windows) AS w(i int, agreement_id uuid, from_date date, to_date date)`;
const AGREEMENTS = `ARRAY(SELECT DISTINCT (x->>'agreement_id')::uuid FROM jsonb_array_elements(p_windows) x WHERE x->>'agreement_id' IS NOT NULL)`;
const IN_WINDOW = (col: string, from: string, to: string) => `${col} >= ${AT(from)} AND ${col} < ${AT(`(${to} + 1)`)}`;
const CURRENT = `NOT EXISTS (SELECT 1 FROM public.touchpoint sup WHERE sup.supersedes_id = t.id)`;

/**
 * The caller's agreements among p_agreements, with their accepted parties and area. Only for the other
 * functions here (not executable by the app role). The caller is a party when its scope holds any party of
 * the agreement (the agreement's read rule): an invited party sees the figures of the accepted ones' area.
 */
const SCOPES = `
CREATE FUNCTION public.gg_kpi_scopes(p_agreements uuid[])
  RETURNS TABLE (agreement_id uuid, parties uuid[], area uuid[])
  -- A request asks for a few agreements: the default estimate (1000 rows) made the referral share hash every referral.
  LANGUAGE sql STABLE SECURITY DEFINER ${PATH} ROWS 10 AS $$
  SELECT a.id,
         COALESCE(array_agg(DISTINCT p.organisation_id) FILTER (WHERE p.organisation_id IS NOT NULL), '{}'),
         array_remove(COALESCE(array_agg(DISTINCT o.id) FILTER (WHERE o.kind = 'MUNICIPALITY'), '{}')
           || COALESCE(array_agg(DISTINCT m.from_id) FILTER (WHERE m.from_id IS NOT NULL), '{}'), NULL)
    FROM unnest(p_agreements) AS a(id)
    LEFT JOIN public.service_agreement_party p ON p.agreement_id = a.id AND p.accepted_at IS NOT NULL
    LEFT JOIN public.organisation o ON o.id = p.organisation_id
    LEFT JOIN public.organisation_relationship m
           ON o.kind = 'REGIONAL_COUNCIL' AND m.to_id = o.id AND m.kind = 'MEMBER_OF_COUNCIL' AND m.state = 'ACTIVE'
   WHERE EXISTS (SELECT 1 FROM public.service_agreement_party c WHERE c.agreement_id = a.id AND c.organisation_id = ANY(public.gg_org_ids()))
   GROUP BY a.id
$$;
REVOKE EXECUTE ON FUNCTION public.gg_kpi_scopes(uuid[]) FROM PUBLIC;
`;

/** The caller's windows with their agreement's parties and area (an inner join: other agreements drop out). */
const SCOPED_WINDOWS = `SELECT w.i, w.from_date, w.to_date, s.area, s.parties
      FROM ${WINDOWS} JOIN public.gg_kpi_scopes(${AGREEMENTS}) s ON s.agreement_id = w.agreement_id`;

const ACTUALS = `
CREATE FUNCTION public.gg_kpi_growth_actuals(p_windows jsonb, p_kind text, p_distinct_firms boolean)
  RETURNS TABLE (i int, actual float8, counted int)
  LANGUAGE sql STABLE SECURITY DEFINER ${PATH} AS $$
  WITH w AS (
    -- Whole months [m_lo, m_hi): from the first month starting on or after from_date to the month holding to_date + 1.
    SELECT w.*, (date_trunc('month', (w.from_date - 1)::timestamp) + interval '1 month')::date AS m_lo,
           date_trunc('month', (w.to_date + 1)::timestamp)::date AS m_hi
      FROM (${SCOPED_WINDOWS}) w
  ), e AS (
    SELECT w.i, r.firm_id, r.events AS n
      FROM w CROSS JOIN LATERAL (
        SELECT r.firm_id, r.events FROM public.dashboard_growth_month r
         WHERE r.municipality_id = ANY(w.area) AND r.month >= w.m_lo AND r.month < w.m_hi AND r.kind = p_kind::public.touchpoint_kind) r
    UNION ALL
    -- The edge days: [from_date, m_lo) and [m_hi, to_date + 1), or the whole window when it holds no whole month.
    SELECT w.i, t.firm_id, 1
      FROM w CROSS JOIN LATERAL (VALUES (w.from_date, LEAST(w.m_lo, w.to_date + 1)), (GREATEST(w.m_hi, w.m_lo), w.to_date + 1)) AS d(lo, hi)
      JOIN public.touchpoint t ON t.kind = p_kind::public.touchpoint_kind AND t.occurred_at >= ${AT('d.lo')} AND t.occurred_at < ${AT('d.hi')}
      JOIN public.firm f ON f.id = t.firm_id
     WHERE d.lo < d.hi AND f.municipality_id = ANY(w.area) AND ${CURRENT}
  )
  SELECT w.i, (CASE WHEN p_distinct_firms THEN count(DISTINCT e.firm_id) ELSE COALESCE(sum(e.n), 0) END)::float8, COALESCE(sum(e.n), 0)::int
    FROM w LEFT JOIN e ON e.i = w.i
   GROUP BY w.i
$$;

CREATE FUNCTION public.gg_kpi_jobs_actuals(p_windows jsonb, p_source text)
  RETURNS TABLE (i int, actual float8, counted int)
  LANGUAGE sql STABLE SECURITY DEFINER ${PATH} AS $$
  SELECT w.i, COALESCE(sum(e.jobs), 0)::float8, count(e.touchpoint_id)::int
    FROM (${SCOPED_WINDOWS}) w
    LEFT JOIN LATERAL (
      SELECT DISTINCT ON (r.firm_id) r.touchpoint_id, r.jobs
        FROM public.dashboard_outcome_report r
       WHERE r.municipality_id = ANY(w.area) AND r.measured_on >= w.from_date AND r.measured_on <= w.to_date
         AND r.source = p_source AND r.jobs IS NOT NULL
       ORDER BY r.firm_id, r.measured_on DESC, r.recorded_at DESC, r.touchpoint_id) e ON true
   GROUP BY w.i
$$;

-- value 1 = the referral went to a private advisor; the share is the mean of value, in percent (none: NULL).
CREATE FUNCTION public.gg_kpi_referral_share(p_windows jsonb)
  RETURNS TABLE (i int, actual float8, counted int)
  LANGUAGE sql STABLE SECURITY DEFINER ${PATH} AS $$
  SELECT w.i, CASE WHEN count(e.id) = 0 THEN NULL ELSE round(100.0 * sum(e.value)::numeric / count(e.id), 2)::float8 END, count(e.id)::int
    FROM (${SCOPED_WINDOWS}) w
    LEFT JOIN LATERAL (
      SELECT t.id, CASE WHEN ro.kind = 'PRIVATE_ADVISOR' THEN 1 ELSE 0 END AS value
        FROM public.touchpoint t JOIN public.referral r ON r.id = t.referral_id JOIN public.organisation ro ON ro.id = r.receiver_organisation_id
       WHERE t.kind = 'REFERRAL' AND t.organisation_id = ANY(w.parties) AND ${IN_WINDOW('t.occurred_at', 'w.from_date', 'w.to_date')} AND ${CURRENT}) e ON true
   GROUP BY w.i
$$;
`;

/** The entries of each metric over (a = area, p = parties, lo, hi): the same definitions as agreement.kpi.ts had over the views. */
const GROWTH_ENTRIES = (kind: string) => `
      SELECT t.id, t.firm_id, t.organisation_id, t.occurred_at, 1::float8
        FROM public.touchpoint t JOIN public.firm f ON f.id = t.firm_id
       WHERE t.kind = '${kind}' AND f.municipality_id = ANY(s.area) AND ${IN_WINDOW('t.occurred_at', 'p_from', 'p_to')} AND ${CURRENT}`;
/** Invalid figures written by raw SQL are not counted, as the rollup stores them (1769200000000); the old definition errored. */
const MEASURED_ON = `CASE WHEN pg_input_is_valid(t.details->>'measuredOn', 'date') THEN (t.details->>'measuredOn')::date END`;
const JOBS_ENTRIES = (source: string) => `
      SELECT DISTINCT ON (t.firm_id) t.id, t.firm_id, t.organisation_id, t.occurred_at, (CASE WHEN pg_input_is_valid(t.details->>'jobs', 'float8') THEN (t.details->>'jobs')::float8 END)
        FROM public.touchpoint t JOIN public.firm f ON f.id = t.firm_id
       WHERE t.kind = 'OUTCOME_REPORT' AND t.details->>'source' = '${source}' AND pg_input_is_valid(t.details->>'jobs', 'float8')
         AND f.municipality_id = ANY(s.area)
         AND ${MEASURED_ON} BETWEEN p_from AND p_to AND ${CURRENT}
       ORDER BY t.firm_id, ${MEASURED_ON} DESC, t.recorded_at DESC, t.id`;

const ENTRIES = `
CREATE FUNCTION public.gg_kpi_entries(p_agreement uuid, p_metric text, p_from date, p_to date)
  RETURNS TABLE (id uuid, firm_id uuid, organisation_id uuid, occurred_at timestamptz, value float8)
  LANGUAGE plpgsql STABLE SECURITY DEFINER ${PATH} AS $$
DECLARE s record;
BEGIN
  SELECT sc.parties, sc.area INTO s FROM public.gg_kpi_scopes(ARRAY[p_agreement]) sc;
  IF NOT FOUND OR p_from IS NULL OR p_to IS NULL THEN RETURN; END IF;
  IF p_metric = 'GROWTH_MAPPINGS' THEN RETURN QUERY ${GROWTH_ENTRIES('GROWTH_MAPPING')};
  ELSIF p_metric = 'FIRMS_IN_GROWTH_PARTNERSHIPS' THEN RETURN QUERY ${GROWTH_ENTRIES('GROWTH_PARTNERSHIP')};
  ELSIF p_metric = 'REFERRALS_TO_PRIVATE_ADVISORS_SHARE' THEN RETURN QUERY
      SELECT t.id, t.firm_id, t.organisation_id, t.occurred_at, CASE WHEN ro.kind = 'PRIVATE_ADVISOR' THEN 1 ELSE 0 END::float8
        FROM public.touchpoint t JOIN public.referral r ON r.id = t.referral_id JOIN public.organisation ro ON ro.id = r.receiver_organisation_id
       WHERE t.kind = 'REFERRAL' AND t.organisation_id = ANY(s.parties) AND ${IN_WINDOW('t.occurred_at', 'p_from', 'p_to')} AND ${CURRENT};
  ELSIF p_metric = 'JOBS_SELF_REPORTED' THEN RETURN QUERY ${JOBS_ENTRIES('SELF_REPORTED')};
  ELSIF p_metric = 'JOBS_REGISTER_MEASURED' THEN RETURN QUERY ${JOBS_ENTRIES('REGISTER_MEASURED')};
  END IF;
END $$;
`;

/** Column `col` is one of p_orgs and in the caller's scope (the list the policies pass is the scope itself). */
const MINE = (col: string) => `(${col} = ANY(p_orgs) AND ${col} = ANY(public.gg_org_ids()))`;

const PARTY_FUNCTIONS = `
CREATE OR REPLACE FUNCTION public.gg_agreement_party(p_agreement uuid, p_orgs uuid[]) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER ${PATH} AS $$
  SELECT EXISTS (SELECT 1 FROM public.service_agreement_party p WHERE p.agreement_id = p_agreement AND ${MINE('p.organisation_id')})
      OR (EXISTS (SELECT 1 FROM public.service_agreement a WHERE a.id = p_agreement AND ${MINE('a.created_by_organisation_id')})
          AND NOT EXISTS (SELECT 1 FROM public.service_agreement_party p WHERE p.agreement_id = p_agreement))
$$;
CREATE OR REPLACE FUNCTION public.gg_network_party(p_network uuid, p_orgs uuid[]) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER ${PATH} AS $$
  SELECT EXISTS (SELECT 1 FROM public.network n WHERE n.id = p_network
     AND (${MINE('n.owner_organisation_id')} OR ${MINE('n.secretariat_organisation_id')}))
$$;
CREATE OR REPLACE FUNCTION public.gg_co_financing_party(p_cofin uuid, p_orgs uuid[]) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER ${PATH} AS $$
  SELECT EXISTS (SELECT 1 FROM public.office_co_financing c WHERE c.id = p_cofin AND ${MINE('c.cluster_organisation_id')})
      OR EXISTS (SELECT 1 FROM public.office_co_financing_share s WHERE s.co_financing_id = p_cofin AND ${MINE('s.municipality_id')})
$$;
CREATE OR REPLACE FUNCTION public.gg_delegation_party(p_delegation uuid, p_orgs uuid[]) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER ${PATH} AS $$
  SELECT EXISTS (SELECT 1 FROM public.delegation d WHERE d.id = p_delegation AND ${MINE('d.reception_organisation_id')})
      OR EXISTS (SELECT 1 FROM public.delegation_host h WHERE h.delegation_id = p_delegation AND ${MINE('h.municipality_id')})
$$;
CREATE OR REPLACE FUNCTION public.gg_inquiry_role(p_inquiry uuid, p_orgs uuid[]) RETURNS text
  LANGUAGE sql STABLE SECURITY DEFINER ${PATH} AS $$
  SELECT CASE
    WHEN ${MINE('i.received_from_organisation_id')} OR ${MINE('i.coordinator_organisation_id')} THEN 'AGENCY'
    WHEN EXISTS (SELECT 1 FROM public.establishment_inquiry_municipality g WHERE g.inquiry_id = i.id AND ${MINE('g.municipality_id')}) THEN 'HANDLER'
    WHEN i.coordinator_organisation_id IN (SELECT o.region_id FROM public.organisation o WHERE ${MINE('o.id')} AND o.region_id IS NOT NULL) THEN 'OBSERVER'
  END
  FROM public.establishment_inquiry i WHERE i.id = p_inquiry
$$;
`;

/** As 1769210000000 / 1769000000000 left them (down). */
const PARTY_FUNCTIONS_BEFORE = PARTY_FUNCTIONS
  .replace(/\(([a-z]\.[a-z_]+) = ANY\(p_orgs\) AND \1 = ANY\(public\.gg_org_ids\(\)\)\)/g, '$1 = ANY(p_orgs)')
  .split(PATH).join('');

const VIEWS_BEFORE = `
CREATE OR REPLACE VIEW public.touchpoint_fact AS
  SELECT t.id, t.firm_id, t.organisation_id, t.kind, t.occurred_at, t.recorded_at, t.supersedes_id, t.referral_id,
         jsonb_strip_nulls(jsonb_build_object('source', t.details->'source', 'jobs', t.details->'jobs', 'measuredOn', t.details->'measuredOn')) AS details
    FROM public.touchpoint t WHERE cardinality(public.gg_org_ids()) > 0;
CREATE OR REPLACE VIEW public.referral_fact AS
  SELECT r.id, r.firm_id, r.sender_organisation_id, r.receiver_organisation_id FROM public.referral r WHERE cardinality(public.gg_org_ids()) > 0;
CREATE OR REPLACE VIEW public.firm_area AS
  SELECT f.id, f.municipality_id FROM public.firm f;
`;

export class KpiWall1769226000000 implements MigrationInterface {
  name = 'KpiWall1769226000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION public.gg_kpi_jobs_actuals(jsonb, text), public.gg_kpi_growth_actuals(jsonb, text, boolean)`);
    await q.query(SCOPES);
    // The referral share reads a party's REFERRAL touchpoints of a window: the (organisation_id, occurred_at) index
    // fetched every touchpoint of the party from the heap to test its kind (~82,000 a year for a growth house at
    // 100,000 firms, 1,394 of them referrals). Partial: only referral rows are written to it (576 kB at 100,000 firms).
    await q.query(`CREATE INDEX "IDX_touchpoint_referral_org_occurred" ON public.touchpoint (organisation_id, occurred_at) INCLUDE (referral_id, id) WHERE kind = 'REFERRAL'`);
    await q.query(ACTUALS);
    await q.query(ENTRIES);
    await q.query(PARTY_FUNCTIONS);
    await q.query(`DROP VIEW public.touchpoint_fact, public.referral_fact, public.firm_area`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX public."IDX_touchpoint_referral_org_occurred"`);
    await q.query(VIEWS_BEFORE);
    await q.query(PARTY_FUNCTIONS_BEFORE);
    await q.query(`DROP FUNCTION public.gg_kpi_entries(uuid, text, date, date), public.gg_kpi_referral_share(jsonb),
      public.gg_kpi_jobs_actuals(jsonb, text), public.gg_kpi_growth_actuals(jsonb, text, boolean), public.gg_kpi_scopes(uuid[])`);
    // The area-taking functions of 1769216000000.
    await q.query(KPI_ACTUALS_1769216000000);
  }
}
