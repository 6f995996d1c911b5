import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rollups for the partner dashboards' three heaviest panels (issue 10: a whole dashboard at country scale).
 * Without them, growth work, Growth Wheel focus areas and referrals each scanned two years of events
 * (period + comparison), checked every touchpoint for a correction and hashed them against every firm.
 *
 *   dashboard_growth_month  current growth-work touchpoints (GROWTH_MAPPING, GROWTH_PLAN_MILESTONE,
 *                           GROWTH_PARTNERSHIP) counted per firm x Copenhagen month x recording
 *                           organisation x kind, with the firm's register data (municipality, country,
 *                           industry code, employees) copied in, so the area filter is an index range.
 *   dashboard_focus_month   the same for the Growth Wheel focus areas chosen in current growth mappings.
 *   dashboard_referral      one row per referral with its firm's register data, the receiver's kind and
 *                           the first ACCEPTED/DECLINED, FIRST_CONTACT and CLOSED step times.
 *
 * Firm-level rows (not cells): distinct firm counts do not add up across months or cells, and the
 * suppression rule needs them per cell; the referral panel's percentiles need each referral's days.
 * The growth-potential dimensions are read live from the latest assessment (nothing copied).
 *
 * Kept current in the writing transaction by triggers (SECURITY DEFINER, so they see every organisation's
 * rows whatever the writer's row-level scope):
 *   touchpoint insert / update / delete (a correction supersedes an entry): the firms' rows are recomputed
 *     from scratch, so the order of rows inside one statement or a correction of a correction cannot
 *     leave them wrong;
 *   firm update of municipality, country, industry code or employees (register changes, a prospect merged
 *     or identified): the copied columns are rewritten;
 *   referral insert / update, referral_step insert / update / delete: the referrals' rows are recomputed;
 *   organisation update of kind: the receiver kind of its referrals.
 * Writers of one firm are serialised with a transaction-level advisory lock per firm (taken in firm-id
 * order; one lock for the whole rollup when a statement touches more than 32 firms), and every statement
 * after the lock sees what the previous holder committed (READ COMMITTED).
 *
 * Row-level security: owned by nobody the API role acts for - ENABLE + FORCE with policies that let the
 * app role read and write nothing; the panels read them through core/aggregates.ts on the owner's pool.
 */
const TZ = 'Europe/Copenhagen';
const GROWTH_KINDS = `('GROWTH_MAPPING', 'GROWTH_PLAN_MILESTONE', 'GROWTH_PARTNERSHIP')`;
const LOCK_CLASS = 7110_0001; // advisory-lock namespace of the dashboard rollups

export const COLUMNS = {
  dashboard_growth_month: ['firm_id', 'month', 'organisation_id', 'kind', 'events', 'municipality_id', 'country', 'industry_code', 'employees'],
  dashboard_focus_month: ['firm_id', 'month', 'organisation_id', 'focus_area', 'events', 'municipality_id'],
  dashboard_referral: ['referral_id', 'firm_id', 'sender_organisation_id', 'receiver_organisation_id', 'receiver_kind', 'sent_at',
    'ack_at', 'fc_at', 'closed_at', 'municipality_id', 'country', 'industry_code', 'employees'],
};
type RollupTable = keyof typeof COLUMNS;

/** The rows of each rollup for the touchpoints (t) / referrals (r) matching `where`, computed from scratch. */
export const SELECTS: Record<RollupTable, (where: string) => string> = {
  dashboard_growth_month: (where) => `
  SELECT t.firm_id, (date_trunc('month', t.occurred_at AT TIME ZONE '${TZ}'))::date, t.organisation_id, t.kind, count(*)::int,
         f.municipality_id, f.country, f.industry_code, f.employees
    FROM public.touchpoint t JOIN public.firm f ON f.id = t.firm_id
   WHERE ${where} AND t.kind IN ${GROWTH_KINDS} AND NOT EXISTS (SELECT 1 FROM public.touchpoint s WHERE s.supersedes_id = t.id)
   GROUP BY 1, 2, 3, 4, 6, 7, 8, 9`,
  dashboard_focus_month: (where) => `
  SELECT t.firm_id, (date_trunc('month', t.occurred_at AT TIME ZONE '${TZ}'))::date, t.organisation_id, fa.area, count(*)::int, f.municipality_id
    FROM public.touchpoint t JOIN public.firm f ON f.id = t.firm_id CROSS JOIN LATERAL jsonb_array_elements_text(t.details->'focusAreas') AS fa(area)
   WHERE ${where} AND t.kind = 'GROWTH_MAPPING' AND NOT EXISTS (SELECT 1 FROM public.touchpoint s WHERE s.supersedes_id = t.id)
   GROUP BY 1, 2, 3, 4, 6`,
  dashboard_referral: (where) => `
  SELECT r.id, r.firm_id, r.sender_organisation_id, r.receiver_organisation_id, ro.kind::text, r.sent_at,
         st.ack_at, st.fc_at, st.closed_at, f.municipality_id, f.country, f.industry_code, f.employees
    FROM public.referral r JOIN public.firm f ON f.id = r.firm_id JOIN public.organisation ro ON ro.id = r.receiver_organisation_id
    LEFT JOIN LATERAL (SELECT min(s.at) FILTER (WHERE s.status IN ('ACCEPTED', 'DECLINED')) AS ack_at,
                              min(s.at) FILTER (WHERE s.status = 'FIRST_CONTACT') AS fc_at,
                              min(s.at) FILTER (WHERE s.status = 'CLOSED') AS closed_at
                         FROM public.referral_step s WHERE s.referral_id = r.id) st ON true
   WHERE ${where}`,
};
const insert = (table: RollupTable, where: string) => `INSERT INTO public.${table} (${COLUMNS[table].join(', ')}) ${SELECTS[table](where)}`;
const growthRows = (where: string) => insert('dashboard_growth_month', where);
const focusRows = (where: string) => insert('dashboard_focus_month', where);
const referralRows = (where: string) => insert('dashboard_referral', where);

/** Each rollup's columns and its whole content computed from scratch (the migration's backfill; the tests' oracle). */
export const ROLLUPS = (Object.keys(COLUMNS) as RollupTable[]).map((table) => ({ table, columns: COLUMNS[table], fromScratch: SELECTS[table]('true') }));

const FUNCTIONS = `
-- Per firm (exclusive, in firm-id order); a statement touching many firms (seeds, imports) takes the
-- whole rollup instead, as one lock (thousands of advisory locks would exhaust the shared lock table).
CREATE FUNCTION public.gg_dashboard_lock_firms(p_firms uuid[]) RETURNS void LANGUAGE plpgsql VOLATILE AS $$
DECLARE f uuid;
BEGIN
  IF cardinality(p_firms) > 32 THEN
    PERFORM pg_advisory_xact_lock(${LOCK_CLASS}, 0);
    RETURN;
  END IF;
  PERFORM pg_advisory_xact_lock_shared(${LOCK_CLASS}, 0);
  FOR f IN SELECT DISTINCT x FROM unnest(p_firms) x ORDER BY x LOOP
    PERFORM pg_advisory_xact_lock(${LOCK_CLASS}, hashtext(f::text));
  END LOOP;
END $$;

CREATE FUNCTION public.gg_dashboard_refresh_firms(p_firms uuid[]) RETURNS void
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  IF p_firms IS NULL OR cardinality(p_firms) = 0 THEN RETURN; END IF;
  PERFORM public.gg_dashboard_lock_firms(p_firms);
  DELETE FROM public.dashboard_growth_month WHERE firm_id = ANY(p_firms);
  DELETE FROM public.dashboard_focus_month WHERE firm_id = ANY(p_firms);
  ${growthRows('t.firm_id = ANY(p_firms)')};
  ${focusRows('t.firm_id = ANY(p_firms)')};
END $$;

CREATE FUNCTION public.gg_dashboard_refresh_referrals(p_referrals uuid[]) RETURNS void
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  IF p_referrals IS NULL OR cardinality(p_referrals) = 0 THEN RETURN; END IF;
  PERFORM public.gg_dashboard_lock_firms(ARRAY(SELECT r.firm_id FROM public.referral r WHERE r.id = ANY(p_referrals)));
  DELETE FROM public.dashboard_referral WHERE referral_id = ANY(p_referrals);
  ${referralRows('r.id = ANY(p_referrals)')};
END $$;

-- Touchpoints: the firms of growth-work rows, of corrections, and of the entries they supersede.
CREATE FUNCTION public.gg_dashboard_touchpoint_changed() RETURNS trigger
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE firms uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    firms := ARRAY(SELECT n.firm_id FROM new_rows n WHERE n.kind IN ${GROWTH_KINDS} OR n.supersedes_id IS NOT NULL
                   UNION SELECT o.firm_id FROM new_rows n JOIN public.touchpoint o ON o.id = n.supersedes_id);
  ELSIF TG_OP = 'UPDATE' THEN
    -- Only rows whose counted content changed (the append-only guard lets a deleted user's id be nulled, nothing else).
    firms := ARRAY(WITH c AS (SELECT n.firm_id AS n_firm, o.firm_id AS o_firm, n.supersedes_id AS n_sup, o.supersedes_id AS o_sup
                                FROM new_rows n JOIN old_rows o ON o.id = n.id
                               WHERE (n.firm_id, n.organisation_id, n.kind, n.occurred_at, n.details, n.supersedes_id)
                                     IS DISTINCT FROM (o.firm_id, o.organisation_id, o.kind, o.occurred_at, o.details, o.supersedes_id))
                   SELECT c.n_firm FROM c UNION SELECT c.o_firm FROM c
                   UNION SELECT s.firm_id FROM c JOIN public.touchpoint s ON s.id IN (c.n_sup, c.o_sup));
  ELSE
    firms := ARRAY(SELECT o.firm_id FROM old_rows o WHERE o.kind IN ${GROWTH_KINDS} OR o.supersedes_id IS NOT NULL
                   UNION SELECT s.firm_id FROM old_rows o JOIN public.touchpoint s ON s.id = o.supersedes_id);
  END IF;
  PERFORM public.gg_dashboard_refresh_firms(firms);
  RETURN NULL;
END $$;

-- Register changes: the copied firm columns (the rows themselves stay: events are not moved by a merge).
CREATE FUNCTION public.gg_dashboard_firm_changed() RETURNS trigger
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  PERFORM public.gg_dashboard_lock_firms(ARRAY[NEW.id]);
  UPDATE public.dashboard_growth_month SET municipality_id = NEW.municipality_id, country = NEW.country, industry_code = NEW.industry_code, employees = NEW.employees
   WHERE firm_id = NEW.id;
  UPDATE public.dashboard_focus_month SET municipality_id = NEW.municipality_id WHERE firm_id = NEW.id;
  UPDATE public.dashboard_referral SET municipality_id = NEW.municipality_id, country = NEW.country, industry_code = NEW.industry_code, employees = NEW.employees
   WHERE firm_id = NEW.id;
  RETURN NULL;
END $$;

CREATE FUNCTION public.gg_dashboard_referral_changed() RETURNS trigger
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM public.dashboard_referral d USING old_rows o WHERE d.referral_id = o.id;
  ELSE
    PERFORM public.gg_dashboard_refresh_referrals(ARRAY(SELECT n.id FROM new_rows n));
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION public.gg_dashboard_referral_step_changed() RETURNS trigger
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM public.gg_dashboard_refresh_referrals(ARRAY(SELECT DISTINCT n.referral_id FROM new_rows n));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM public.gg_dashboard_refresh_referrals(ARRAY(SELECT n.referral_id FROM new_rows n UNION SELECT o.referral_id FROM old_rows o));
  ELSE
    PERFORM public.gg_dashboard_refresh_referrals(ARRAY(SELECT DISTINCT o.referral_id FROM old_rows o));
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION public.gg_dashboard_organisation_changed() RETURNS trigger
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  UPDATE public.dashboard_referral SET receiver_kind = NEW.kind::text WHERE receiver_organisation_id = NEW.id;
  RETURN NULL;
END $$;
`;

const TRIGGERS = `
CREATE TRIGGER gg_dashboard_touchpoint_insert AFTER INSERT ON public.touchpoint REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION public.gg_dashboard_touchpoint_changed();
CREATE TRIGGER gg_dashboard_touchpoint_update AFTER UPDATE ON public.touchpoint REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION public.gg_dashboard_touchpoint_changed();
CREATE TRIGGER gg_dashboard_touchpoint_delete AFTER DELETE ON public.touchpoint REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION public.gg_dashboard_touchpoint_changed();
CREATE TRIGGER gg_dashboard_firm_update AFTER UPDATE OF municipality_id, country, industry_code, employees ON public.firm FOR EACH ROW
  WHEN ((OLD.municipality_id, OLD.country, OLD.industry_code, OLD.employees) IS DISTINCT FROM (NEW.municipality_id, NEW.country, NEW.industry_code, NEW.employees))
  EXECUTE FUNCTION public.gg_dashboard_firm_changed();
CREATE TRIGGER gg_dashboard_referral_insert AFTER INSERT ON public.referral REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION public.gg_dashboard_referral_changed();
CREATE TRIGGER gg_dashboard_referral_update AFTER UPDATE ON public.referral REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION public.gg_dashboard_referral_changed();
CREATE TRIGGER gg_dashboard_referral_delete AFTER DELETE ON public.referral REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION public.gg_dashboard_referral_changed();
CREATE TRIGGER gg_dashboard_referral_step_insert AFTER INSERT ON public.referral_step REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION public.gg_dashboard_referral_step_changed();
CREATE TRIGGER gg_dashboard_referral_step_update AFTER UPDATE ON public.referral_step REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION public.gg_dashboard_referral_step_changed();
CREATE TRIGGER gg_dashboard_referral_step_delete AFTER DELETE ON public.referral_step REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION public.gg_dashboard_referral_step_changed();
CREATE TRIGGER gg_dashboard_organisation_kind AFTER UPDATE OF kind ON public.organisation FOR EACH ROW
  WHEN (OLD.kind IS DISTINCT FROM NEW.kind) EXECUTE FUNCTION public.gg_dashboard_organisation_changed();
`;

export class DashboardRollups1769120000000 implements MigrationInterface {
  name = 'DashboardRollups1769120000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE public.dashboard_growth_month (
      firm_id uuid NOT NULL, month date NOT NULL, organisation_id uuid NOT NULL, kind public.touchpoint_kind NOT NULL, events integer NOT NULL,
      municipality_id uuid, country public.country NOT NULL, industry_code character varying(6), employees integer,
      CONSTRAINT "PK_dashboard_growth_month" PRIMARY KEY (firm_id, month, organisation_id, kind))`);
    await q.query(`CREATE TABLE public.dashboard_focus_month (
      firm_id uuid NOT NULL, month date NOT NULL, organisation_id uuid NOT NULL, focus_area text NOT NULL, events integer NOT NULL, municipality_id uuid,
      CONSTRAINT "PK_dashboard_focus_month" PRIMARY KEY (firm_id, month, organisation_id, focus_area))`);
    await q.query(`CREATE TABLE public.dashboard_referral (
      referral_id uuid NOT NULL, firm_id uuid NOT NULL, sender_organisation_id uuid NOT NULL, receiver_organisation_id uuid NOT NULL, receiver_kind text NOT NULL,
      sent_at timestamptz NOT NULL, ack_at timestamptz, fc_at timestamptz, closed_at timestamptz,
      municipality_id uuid, country public.country NOT NULL, industry_code character varying(6), employees integer,
      CONSTRAINT "PK_dashboard_referral" PRIMARY KEY (referral_id))`);
    // The panels' access paths: the area (municipalities) or the organisation, over a range of months / days.
    await q.query(`CREATE INDEX "IDX_dashboard_growth_month_area" ON public.dashboard_growth_month (municipality_id, month)`);
    await q.query(`CREATE INDEX "IDX_dashboard_growth_month_org" ON public.dashboard_growth_month (organisation_id, month)`);
    await q.query(`CREATE INDEX "IDX_dashboard_focus_month_area" ON public.dashboard_focus_month (municipality_id, month)`);
    await q.query(`CREATE INDEX "IDX_dashboard_focus_month_org" ON public.dashboard_focus_month (organisation_id, month)`);
    await q.query(`CREATE INDEX "IDX_dashboard_referral_area" ON public.dashboard_referral (municipality_id, sent_at)`);
    await q.query(`CREATE INDEX "IDX_dashboard_referral_sender" ON public.dashboard_referral (sender_organisation_id, sent_at)`);
    await q.query(`CREATE INDEX "IDX_dashboard_referral_receiver" ON public.dashboard_referral (receiver_organisation_id, sent_at)`);
    // Register changes rewrite a firm's rows; receiver kind changes an organisation's.
    await q.query(`CREATE INDEX "IDX_dashboard_referral_firm" ON public.dashboard_referral (firm_id)`);
    for (const t of Object.keys(COLUMNS)) {
      await q.query(`ALTER TABLE public.${t} ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE public.${t} FORCE ROW LEVEL SECURITY`);
      // The owner (migrations, the aggregate pool, the SECURITY DEFINER triggers) reads and writes; the API role nothing.
      await q.query(`CREATE POLICY gg_owner ON public.${t} TO CURRENT_USER USING (true) WITH CHECK (true)`);
      await q.query(`CREATE POLICY gg_read ON public.${t} FOR SELECT USING (false)`);
      await q.query(`CREATE POLICY gg_insert ON public.${t} FOR INSERT WITH CHECK (false)`);
      await q.query(`CREATE POLICY gg_update ON public.${t} FOR UPDATE USING (false) WITH CHECK (false)`);
      await q.query(`CREATE POLICY gg_delete ON public.${t} FOR DELETE USING (false)`);
    }
    await q.query(FUNCTIONS);
    for (const r of ROLLUPS) await q.query(insert(r.table, 'true'));
    await q.query(TRIGGERS);
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const [table, trigger] of [
      ['touchpoint', 'gg_dashboard_touchpoint_insert'], ['touchpoint', 'gg_dashboard_touchpoint_update'], ['touchpoint', 'gg_dashboard_touchpoint_delete'],
      ['firm', 'gg_dashboard_firm_update'], ['referral', 'gg_dashboard_referral_insert'], ['referral', 'gg_dashboard_referral_update'],
      ['referral', 'gg_dashboard_referral_delete'], ['referral_step', 'gg_dashboard_referral_step_insert'], ['referral_step', 'gg_dashboard_referral_step_update'],
      ['referral_step', 'gg_dashboard_referral_step_delete'], ['organisation', 'gg_dashboard_organisation_kind'],
    ]) await q.query(`DROP TRIGGER ${trigger} ON public.${table}`);
    for (const f of ['gg_dashboard_touchpoint_changed()', 'gg_dashboard_firm_changed()', 'gg_dashboard_referral_changed()', 'gg_dashboard_referral_step_changed()',
      'gg_dashboard_organisation_changed()', 'gg_dashboard_refresh_firms(uuid[])', 'gg_dashboard_refresh_referrals(uuid[])', 'gg_dashboard_lock_firms(uuid[])']) {
      await q.query(`DROP FUNCTION public.${f}`);
    }
    for (const t of Object.keys(COLUMNS)) await q.query(`DROP TABLE public.${t}`);
  }
}
