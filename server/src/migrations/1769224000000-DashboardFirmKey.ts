import { MigrationInterface, QueryRunner } from 'typeorm';
import { COLUMNS, SELECTS } from './1769120000000-DashboardRollups';

/**
 * A compact firm key in the growth-work and focus-area rollups (issue 10: the national dashboard). The
 * national panels count distinct firms over ~31,000 / ~55,000 firm-month rows of two years; hashing and
 * sorting those on the 16-byte uuid was most of their cost. `firm_key` (bigint, by value) stands for the
 * firm inside one rollup table: all rows of a firm carry the same key, and no two firms share one.
 *
 * Kept that way by construction: the refresh (gg_dashboard_refresh_firms, in the writing transaction, under
 * the per-firm lock) always deletes and rewrites ALL rows of a firm, and gives the firm one fresh number from
 * a sequence (never handed out twice) for all of them. Register changes update rows in place (key kept).
 * So a key is not stable across refreshes - it is only ever counted, never stored elsewhere or shown.
 * firm_id stays (the KPI functions and the drill-down read it; the proofs compare it).
 */
const SEQ = 'public.dashboard_firm_key';
const TABLES = ['dashboard_growth_month', 'dashboard_focus_month'] as const;

/** Rows of `table` for the firms matching `where`, each firm with one new key. */
const insertWithKey = (table: (typeof TABLES)[number], where: string) => {
  const cols = COLUMNS[table].join(', ');
  return `WITH s (${cols}) AS (${SELECTS[table](where)}),
  k AS (SELECT d.firm_id, nextval('${SEQ}') AS firm_key FROM (SELECT DISTINCT s.firm_id FROM s) d)
  INSERT INTO public.${table} (${cols}, firm_key) SELECT s.*, k.firm_key FROM s JOIN k ON k.firm_id = s.firm_id`;
};
const insertPlain = (table: (typeof TABLES)[number], where: string) => `INSERT INTO public.${table} (${COLUMNS[table].join(', ')}) ${SELECTS[table](where)}`;

const refresh = (insert: typeof insertPlain) => `
CREATE OR REPLACE FUNCTION public.gg_dashboard_refresh_firms(p_firms uuid[]) RETURNS void
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  IF p_firms IS NULL OR cardinality(p_firms) = 0 THEN RETURN; END IF;
  PERFORM public.gg_dashboard_lock_firms(p_firms);
  DELETE FROM public.dashboard_growth_month WHERE firm_id = ANY(p_firms);
  DELETE FROM public.dashboard_focus_month WHERE firm_id = ANY(p_firms);
  ${insert('dashboard_growth_month', 't.firm_id = ANY(p_firms)')};
  ${insert('dashboard_focus_month', 't.firm_id = ANY(p_firms)')};
END $$`;

export class DashboardFirmKey1769224000000 implements MigrationInterface {
  name = 'DashboardFirmKey1769224000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SEQUENCE ${SEQ} AS bigint`);
    // Backfill: one key per firm (the same in both tables, which nothing relies on).
    await q.query(`CREATE TEMPORARY TABLE gg_firm_key AS
      SELECT d.firm_id, nextval('${SEQ}') AS firm_key FROM (SELECT firm_id FROM public.dashboard_growth_month UNION SELECT firm_id FROM public.dashboard_focus_month) d`);
    for (const t of TABLES) {
      await q.query(`ALTER TABLE public.${t} ADD COLUMN firm_key bigint`);
      await q.query(`UPDATE public.${t} r SET firm_key = k.firm_key FROM gg_firm_key k WHERE k.firm_id = r.firm_id`);
      await q.query(`ALTER TABLE public.${t} ALTER COLUMN firm_key SET NOT NULL`);
      // The UPDATE left a dead copy of every row: rewrite the table (the national panels scan it whole), in area order.
      await q.query(`CLUSTER public.${t} USING "IDX_${t}_area"`);
    }
    await q.query(`DROP TABLE gg_firm_key`);
    await q.query(refresh(insertWithKey));
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(refresh(insertPlain));
    for (const t of TABLES) await q.query(`ALTER TABLE public.${t} DROP COLUMN firm_key`);
    await q.query(`DROP SEQUENCE ${SEQ}`);
  }
}
