import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Agreement KPI actuals over an area (issue 10: the agreements panel of a KKR dashboard) from the dashboard
 * rollups instead of every organisation's touchpoints: GROWTH_MAPPINGS scanned every growth mapping of the
 * country in the KPI window and probed each firm's municipality (~350 ms at 100,000 firms); the jobs metrics
 * read every outcome report (`details->>'measuredOn'` is not indexable).
 *
 *   gg_kpi_growth_actuals(windows, kind, distinct_firms)  whole Copenhagen months of the window from
 *       dashboard_growth_month (index (municipality_id, month)), the partial months at its edges from the
 *       events themselves (as the dashboard panels do); per window the sum of events (or distinct firms)
 *       and the number of entries.
 *   gg_kpi_jobs_actuals(windows, source)  per firm of the area its latest current report of the source
 *       measured in the window, from dashboard_outcome_report (index (municipality_id, measured_on)).
 *
 * The one definition of each metric stays the entries SQL of agreements/agreement.kpi.ts (the drill-down
 * lists it); dashboards/rollups.test.ts proves these functions give the same figure and count after every
 * kind of write, corrections of corrections and moves across month and window edges included.
 *
 * SECURITY DEFINER (the rollups deny the API role everything) and returning one aggregate per window, never
 * rows. They run on the caller's transaction, so a mutation that reads its own KPI figures sees its own
 * uncommitted writes: the rollup triggers ran in that transaction (the owner pool would not see them).
 * Like the `touchpoint_fact` view they replace here, they answer nothing without an organisation scope.
 */
const TZ = 'Europe/Copenhagen';
const WINDOWS = `jsonb_to_recordset(p_windows) AS w(i int, from_date date, to_date date, area uuid[])`;
/** As the touchpoint_fact view: no organisation scope, nothing counted (the window is still answered, with 0). */
const SCOPED = `cardinality(public.gg_org_ids()) > 0`;
const AT = (day: string) => `(${day}::timestamp AT TIME ZONE '${TZ}')`;

/** Exported for the down migration of 1769226000000-KpiWall (which replaced them). */
export const KPI_ACTUALS_1769216000000 = `
CREATE FUNCTION public.gg_kpi_growth_actuals(p_windows jsonb, p_kind text, p_distinct_firms boolean)
  RETURNS TABLE (i int, actual float8, counted int)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  WITH w AS (
    -- Whole months [m_lo, m_hi): from the first month starting on or after from_date to the month holding to_date + 1.
    SELECT w.i, w.from_date, w.to_date, w.area,
           (date_trunc('month', (w.from_date - 1)::timestamp) + interval '1 month')::date AS m_lo,
           date_trunc('month', (w.to_date + 1)::timestamp)::date AS m_hi
      FROM ${WINDOWS}
  ), e AS (
    SELECT w.i, r.firm_id, r.events AS n
      FROM w CROSS JOIN LATERAL (
        SELECT r.firm_id, r.events FROM public.dashboard_growth_month r
         WHERE r.municipality_id = ANY(w.area) AND r.month >= w.m_lo AND r.month < w.m_hi AND r.kind = p_kind::public.touchpoint_kind) r
     WHERE ${SCOPED}
    UNION ALL
    -- The edge days: [from_date, m_lo) and [m_hi, to_date + 1), or the whole window when it holds no whole month.
    SELECT w.i, t.firm_id, 1
      FROM w CROSS JOIN LATERAL (VALUES (w.from_date, LEAST(w.m_lo, w.to_date + 1)), (GREATEST(w.m_hi, w.m_lo), w.to_date + 1)) AS d(lo, hi)
      JOIN public.touchpoint t ON t.kind = p_kind::public.touchpoint_kind AND t.occurred_at >= ${AT('d.lo')} AND t.occurred_at < ${AT('d.hi')}
      JOIN public.firm f ON f.id = t.firm_id
     WHERE ${SCOPED} AND d.lo < d.hi AND f.municipality_id = ANY(w.area)
       AND NOT EXISTS (SELECT 1 FROM public.touchpoint s WHERE s.supersedes_id = t.id)
  )
  SELECT w.i, (CASE WHEN p_distinct_firms THEN count(DISTINCT e.firm_id) ELSE COALESCE(sum(e.n), 0) END)::float8, COALESCE(sum(e.n), 0)::int
    FROM w LEFT JOIN e ON e.i = w.i
   GROUP BY w.i
$$;

CREATE FUNCTION public.gg_kpi_jobs_actuals(p_windows jsonb, p_source text)
  RETURNS TABLE (i int, actual float8, counted int)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT w.i, COALESCE(sum(e.jobs), 0)::float8, count(e.touchpoint_id)::int
    FROM ${WINDOWS}
    LEFT JOIN LATERAL (
      SELECT DISTINCT ON (r.firm_id) r.touchpoint_id, r.jobs
        FROM public.dashboard_outcome_report r
       WHERE r.municipality_id = ANY(w.area) AND r.measured_on >= w.from_date AND r.measured_on <= w.to_date
         AND r.source = p_source AND r.jobs IS NOT NULL AND ${SCOPED}
       ORDER BY r.firm_id, r.measured_on DESC, r.recorded_at DESC, r.touchpoint_id) e ON true
   GROUP BY w.i
$$;
`;

export class KpiActualsFromRollups1769216000000 implements MigrationInterface {
  name = 'KpiActualsFromRollups1769216000000';

  public async up(q: QueryRunner): Promise<void> {
    // One kind of growth work per KPI: without the kind in the index the area's months were read for all three
    // kinds and filtered on the heap (KKR Midtjylland: 2,909 of 5,041 rows kept); with it, an index-only range.
    await q.query(`CREATE INDEX "IDX_dashboard_growth_month_area_kind" ON public.dashboard_growth_month (municipality_id, kind, month) INCLUDE (firm_id, events)`);
    await q.query(KPI_ACTUALS_1769216000000);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION public.gg_kpi_jobs_actuals(jsonb, text), public.gg_kpi_growth_actuals(jsonb, text, boolean)`);
    await q.query(`DROP INDEX public."IDX_dashboard_growth_month_area_kind"`);
  }
}
