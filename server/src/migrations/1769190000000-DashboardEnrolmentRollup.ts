import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rollup for the partner dashboards' programmes panel (issue 10): without it the panel hash-joined the
 * enrolment events of two years against every firm (100,000 for KKR) to filter by the firm's municipality.
 *
 *   dashboard_enrolment_event  one row per programme_enrolment_event with its enrolment's firm and
 *                              programme and the firm's register data (municipality, country, industry
 *                              code, employees) copied in, so the area filter is an index range.
 * The programme's operator, name and capacity are read live from programme (a small table, no copy).
 *
 * Kept current in the writing transaction by triggers (SECURITY DEFINER, as 1769120000000-DashboardRollups):
 *   programme_enrolment_event insert / update / delete: the enrolments' rows are recomputed from scratch;
 *   programme_enrolment update of firm or programme: the same;
 *   firm update of municipality, country, industry code or employees: the copied columns are rewritten.
 * Writers of one firm are serialised with the advisory lock of 1769120000000 (gg_dashboard_lock_firms).
 *
 * Row-level security: ENABLE + FORCE with deny-all policies for the API role; read on the owner's pool.
 */
const TABLE = 'dashboard_enrolment_event';
const COLUMNS = ['event_id', 'enrolment_id', 'firm_id', 'programme_id', 'state', 'recorded_at', 'municipality_id', 'country', 'industry_code', 'employees'];

const select = (where: string) => `
  SELECT ev.id, en.id, en.firm_id, en.programme_id, ev.state, ev.recorded_at, f.municipality_id, f.country, f.industry_code, f.employees
    FROM public.programme_enrolment_event ev JOIN public.programme_enrolment en ON en.id = ev.enrolment_id JOIN public.firm f ON f.id = en.firm_id
   WHERE ${where}`;
const insert = (where: string) => `INSERT INTO public.${TABLE} (${COLUMNS.join(', ')}) ${select(where)}`;

/** The rollup's columns and its whole content computed from scratch (the backfill; the tests' oracle). */
export const ENROLMENT_ROLLUP = { table: TABLE, columns: COLUMNS, fromScratch: select('true') };

const FUNCTIONS = `
CREATE FUNCTION public.gg_dashboard_refresh_enrolments(p_enrolments uuid[]) RETURNS void
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  IF p_enrolments IS NULL OR cardinality(p_enrolments) = 0 THEN RETURN; END IF;
  -- The firms the rows are filed under now and will be (an enrolment moved to another firm).
  PERFORM public.gg_dashboard_lock_firms(ARRAY(SELECT en.firm_id FROM public.programme_enrolment en WHERE en.id = ANY(p_enrolments)
                                               UNION SELECT d.firm_id FROM public.${TABLE} d WHERE d.enrolment_id = ANY(p_enrolments)));
  DELETE FROM public.${TABLE} WHERE enrolment_id = ANY(p_enrolments);
  ${insert('en.id = ANY(p_enrolments)')};
END $$;

CREATE FUNCTION public.gg_dashboard_enrolment_event_changed() RETURNS trigger
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM public.gg_dashboard_refresh_enrolments(ARRAY(SELECT DISTINCT n.enrolment_id FROM new_rows n));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM public.gg_dashboard_refresh_enrolments(ARRAY(SELECT n.enrolment_id FROM new_rows n UNION SELECT o.enrolment_id FROM old_rows o));
  ELSE
    PERFORM public.gg_dashboard_refresh_enrolments(ARRAY(SELECT DISTINCT o.enrolment_id FROM old_rows o));
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION public.gg_dashboard_enrolment_changed() RETURNS trigger
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  PERFORM public.gg_dashboard_refresh_enrolments(ARRAY(SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
                                                        WHERE (n.firm_id, n.programme_id) IS DISTINCT FROM (o.firm_id, o.programme_id)));
  RETURN NULL;
END $$;

CREATE FUNCTION public.gg_dashboard_enrolment_firm_changed() RETURNS trigger
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  PERFORM public.gg_dashboard_lock_firms(ARRAY[NEW.id]);
  UPDATE public.${TABLE} SET municipality_id = NEW.municipality_id, country = NEW.country, industry_code = NEW.industry_code, employees = NEW.employees
   WHERE firm_id = NEW.id;
  RETURN NULL;
END $$;
`;

const TRIGGERS: Array<[string, string, string]> = [
  ['programme_enrolment_event', 'gg_dashboard_enrolment_event_insert', `AFTER INSERT ON public.programme_enrolment_event REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public.gg_dashboard_enrolment_event_changed()`],
  ['programme_enrolment_event', 'gg_dashboard_enrolment_event_update', `AFTER UPDATE ON public.programme_enrolment_event REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public.gg_dashboard_enrolment_event_changed()`],
  ['programme_enrolment_event', 'gg_dashboard_enrolment_event_delete', `AFTER DELETE ON public.programme_enrolment_event REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public.gg_dashboard_enrolment_event_changed()`],
  ['programme_enrolment', 'gg_dashboard_enrolment_update', `AFTER UPDATE ON public.programme_enrolment REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION public.gg_dashboard_enrolment_changed()`],
  ['firm', 'gg_dashboard_enrolment_firm_update', `AFTER UPDATE OF municipality_id, country, industry_code, employees ON public.firm FOR EACH ROW
    WHEN ((OLD.municipality_id, OLD.country, OLD.industry_code, OLD.employees) IS DISTINCT FROM (NEW.municipality_id, NEW.country, NEW.industry_code, NEW.employees))
    EXECUTE FUNCTION public.gg_dashboard_enrolment_firm_changed()`],
];

export class DashboardEnrolmentRollup1769190000000 implements MigrationInterface {
  name = 'DashboardEnrolmentRollup1769190000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE public.${TABLE} (
      event_id uuid NOT NULL, enrolment_id uuid NOT NULL, firm_id uuid NOT NULL, programme_id uuid NOT NULL, state public.programme_enrolment_state NOT NULL,
      recorded_at timestamptz NOT NULL, municipality_id uuid, country public.country NOT NULL, industry_code character varying(6), employees integer,
      CONSTRAINT "PK_dashboard_enrolment_event" PRIMARY KEY (event_id))`);
    // The panel's access paths: the area (municipalities) or the operator's programmes, over a time range.
    await q.query(`CREATE INDEX "IDX_dashboard_enrolment_event_area" ON public.${TABLE} (municipality_id, recorded_at)`);
    await q.query(`CREATE INDEX "IDX_dashboard_enrolment_event_programme" ON public.${TABLE} (programme_id, recorded_at)`);
    // The triggers' lookups: an enrolment's rows, a firm's rows (register changes).
    await q.query(`CREATE INDEX "IDX_dashboard_enrolment_event_enrolment" ON public.${TABLE} (enrolment_id)`);
    await q.query(`CREATE INDEX "IDX_dashboard_enrolment_event_firm" ON public.${TABLE} (firm_id)`);
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
    for (const f of ['gg_dashboard_enrolment_event_changed()', 'gg_dashboard_enrolment_changed()', 'gg_dashboard_enrolment_firm_changed()', 'gg_dashboard_refresh_enrolments(uuid[])']) {
      await q.query(`DROP FUNCTION public.${f}`);
    }
    await q.query(`DROP TABLE public.${TABLE}`);
  }
}
