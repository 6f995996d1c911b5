import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rollup for the partner dashboards' outcomes panel (issue 10): without it the panel read every
 * OUTCOME_REPORT touchpoint of the country (`details.measuredOn` is in JSON, not indexable), checked each
 * for a correction and hash-joined them against every firm to filter by the firm's municipality.
 *
 *   dashboard_outcome_report  one row per CURRENT outcome report (not superseded by a correction) with the
 *                             figures it filters and sums on as columns (measured_on, source, jobs, revenue,
 *                             export, currency) and the firm's register data (municipality, country, industry
 *                             code, employees) copied in, so the area / organisation filter over the period
 *                             is an index range.
 * One row per report, not the latest per firm: which report is a firm's latest depends on the dashboard's
 * period (measured_on in the period or the previous one) and on its filter (outside the area only the
 * organisation's own reports count), so the panel still picks it (DISTINCT ON) - over a few rows per firm.
 * Figures that are not valid numbers / dates are stored as NULL (a write never fails because of the
 * dashboard); a report without a valid measuredOn is not stored (it is never in a period).
 *
 * Kept current in the writing transaction by triggers (SECURITY DEFINER, as 1769120000000-DashboardRollups):
 *   touchpoint insert / update / delete: the rows of the firms of outcome reports, of corrections and of
 *     the entries they supersede are recomputed from scratch (a correction of a correction, any row order);
 *   firm update of municipality, country, industry code or employees: the copied columns are rewritten.
 * Writers of one firm are serialised with the advisory lock of 1769120000000 (gg_dashboard_lock_firms).
 *
 * Row-level security: ENABLE + FORCE with deny-all policies for the API role; read on the aggregate pool.
 */
const TABLE = 'dashboard_outcome_report';
const COLUMNS = ['touchpoint_id', 'firm_id', 'organisation_id', 'recorded_at', 'measured_on', 'source', 'jobs', 'revenue', 'export_revenue', 'currency',
  'municipality_id', 'country', 'industry_code', 'employees'];

const num = (key: string) => `CASE WHEN pg_input_is_valid(t.details->>'${key}', 'float8') THEN (t.details->>'${key}')::float8 END`;
const select = (where: string) => `
  SELECT t.id, t.firm_id, t.organisation_id, t.recorded_at, (t.details->>'measuredOn')::date, t.details->>'source',
         ${num('jobs')}, ${num('revenue')}, ${num('exportRevenue')}, t.details->>'currency',
         f.municipality_id, f.country, f.industry_code, f.employees
    FROM public.touchpoint t JOIN public.firm f ON f.id = t.firm_id
   WHERE ${where} AND t.kind = 'OUTCOME_REPORT' AND pg_input_is_valid(t.details->>'measuredOn', 'date')
     AND NOT EXISTS (SELECT 1 FROM public.touchpoint s WHERE s.supersedes_id = t.id)`;
const insert = (where: string) => `INSERT INTO public.${TABLE} (${COLUMNS.join(', ')}) ${select(where)}`;

/** The rollup's columns and its whole content computed from scratch (the backfill; the tests' oracle). */
export const OUTCOME_ROLLUP = { table: TABLE, columns: COLUMNS, fromScratch: select('true') };

const FUNCTIONS = `
CREATE FUNCTION public.gg_dashboard_refresh_outcomes(p_firms uuid[]) RETURNS void
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  IF p_firms IS NULL OR cardinality(p_firms) = 0 THEN RETURN; END IF;
  PERFORM public.gg_dashboard_lock_firms(p_firms);
  DELETE FROM public.${TABLE} WHERE firm_id = ANY(p_firms);
  ${insert('t.firm_id = ANY(p_firms)')};
END $$;

-- Touchpoints: the firms of outcome reports, of corrections, and of the entries they supersede (a correction
-- may change the kind; the firm of an entry never changes, the append-only guard forbids it).
CREATE FUNCTION public.gg_dashboard_outcome_touchpoint_changed() RETURNS trigger
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE firms uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    firms := ARRAY(SELECT n.firm_id FROM new_rows n WHERE n.kind = 'OUTCOME_REPORT' OR n.supersedes_id IS NOT NULL
                   UNION SELECT o.firm_id FROM new_rows n JOIN public.touchpoint o ON o.id = n.supersedes_id);
  ELSIF TG_OP = 'UPDATE' THEN
    firms := ARRAY(WITH c AS (SELECT n.firm_id AS n_firm, o.firm_id AS o_firm, n.supersedes_id AS n_sup, o.supersedes_id AS o_sup
                                FROM new_rows n JOIN old_rows o ON o.id = n.id
                               WHERE (n.firm_id, n.organisation_id, n.kind, n.recorded_at, n.details, n.supersedes_id)
                                     IS DISTINCT FROM (o.firm_id, o.organisation_id, o.kind, o.recorded_at, o.details, o.supersedes_id))
                   SELECT c.n_firm FROM c UNION SELECT c.o_firm FROM c
                   UNION SELECT s.firm_id FROM c JOIN public.touchpoint s ON s.id IN (c.n_sup, c.o_sup));
  ELSE
    firms := ARRAY(SELECT o.firm_id FROM old_rows o WHERE o.kind = 'OUTCOME_REPORT' OR o.supersedes_id IS NOT NULL
                   UNION SELECT s.firm_id FROM old_rows o JOIN public.touchpoint s ON s.id = o.supersedes_id);
  END IF;
  PERFORM public.gg_dashboard_refresh_outcomes(firms);
  RETURN NULL;
END $$;

CREATE FUNCTION public.gg_dashboard_outcome_firm_changed() RETURNS trigger
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  PERFORM public.gg_dashboard_lock_firms(ARRAY[NEW.id]);
  UPDATE public.${TABLE} SET municipality_id = NEW.municipality_id, country = NEW.country, industry_code = NEW.industry_code, employees = NEW.employees
   WHERE firm_id = NEW.id;
  RETURN NULL;
END $$;
`;

const TRIGGERS: Array<[string, string, string]> = [
  ['touchpoint', 'gg_dashboard_outcome_touchpoint_insert', `AFTER INSERT ON public.touchpoint REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public.gg_dashboard_outcome_touchpoint_changed()`],
  ['touchpoint', 'gg_dashboard_outcome_touchpoint_update', `AFTER UPDATE ON public.touchpoint REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public.gg_dashboard_outcome_touchpoint_changed()`],
  ['touchpoint', 'gg_dashboard_outcome_touchpoint_delete', `AFTER DELETE ON public.touchpoint REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public.gg_dashboard_outcome_touchpoint_changed()`],
  ['firm', 'gg_dashboard_outcome_firm_update', `AFTER UPDATE OF municipality_id, country, industry_code, employees ON public.firm FOR EACH ROW
    WHEN ((OLD.municipality_id, OLD.country, OLD.industry_code, OLD.employees) IS DISTINCT FROM (NEW.municipality_id, NEW.country, NEW.industry_code, NEW.employees))
    EXECUTE FUNCTION public.gg_dashboard_outcome_firm_changed()`],
];

export class DashboardOutcomeRollup1769200000000 implements MigrationInterface {
  name = 'DashboardOutcomeRollup1769200000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE public.${TABLE} (
      touchpoint_id uuid NOT NULL, firm_id uuid NOT NULL, organisation_id uuid NOT NULL, recorded_at timestamptz NOT NULL, measured_on date NOT NULL,
      source text, jobs float8, revenue float8, export_revenue float8, currency text,
      municipality_id uuid, country public.country NOT NULL, industry_code character varying(6), employees integer,
      CONSTRAINT "PK_dashboard_outcome_report" PRIMARY KEY (touchpoint_id))`);
    // The panel's access paths: the area (municipalities) or the organisation's own reports, over a range of days.
    await q.query(`CREATE INDEX "IDX_dashboard_outcome_report_area" ON public.${TABLE} (municipality_id, measured_on)`);
    await q.query(`CREATE INDEX "IDX_dashboard_outcome_report_org" ON public.${TABLE} (organisation_id, measured_on)`);
    // The triggers' lookup: a firm's rows (recompute, register changes).
    await q.query(`CREATE INDEX "IDX_dashboard_outcome_report_firm" ON public.${TABLE} (firm_id)`);
    await q.query(`ALTER TABLE public.${TABLE} ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE public.${TABLE} FORCE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY gg_owner ON public.${TABLE} TO CURRENT_USER USING (true) WITH CHECK (true)`);
    await q.query(`CREATE POLICY gg_read ON public.${TABLE} FOR SELECT USING (false)`);
    await q.query(`CREATE POLICY gg_insert ON public.${TABLE} FOR INSERT WITH CHECK (false)`);
    await q.query(`CREATE POLICY gg_update ON public.${TABLE} FOR UPDATE USING (false) WITH CHECK (false)`);
    await q.query(`CREATE POLICY gg_delete ON public.${TABLE} FOR DELETE USING (false)`);
    await q.query(FUNCTIONS);
    await q.query(insert('true'));
    for (const [, name, body] of TRIGGERS) await q.query(`CREATE TRIGGER ${name} ${body}`);
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const [table, name] of TRIGGERS) await q.query(`DROP TRIGGER ${name} ON public.${table}`);
    for (const f of ['gg_dashboard_outcome_touchpoint_changed()', 'gg_dashboard_outcome_firm_changed()', 'gg_dashboard_refresh_outcomes(uuid[])']) {
      await q.query(`DROP FUNCTION public.${f}`);
    }
    await q.query(`DROP TABLE public.${TABLE}`);
  }
}
