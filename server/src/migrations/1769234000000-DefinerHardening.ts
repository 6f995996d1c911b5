import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * SECURITY DEFINER functions are callable only by whom they serve.
 *
 * 1. The dashboard rollup refresh and trigger functions run as the owner and write the rollups of every
 *    organisation; only their triggers (and the owner) call them. PostgreSQL checks EXECUTE on a trigger
 *    function when the trigger is created, not when it fires, so app-role writes still refresh the rollups
 *    (core/definer.test.ts proves it). The default EXECUTE to PUBLIC let the app role call them directly.
 * 2. The definer functions that had no SET search_path (created before the later ones pinned it) get one, so a
 *    caller's search_path (a schema or pg_temp object that shadows a table or operator) cannot redirect them.
 *    The rollup functions had `pg_catalog, public`: without pg_temp named, PostgreSQL searches the session's
 *    temporary schema FIRST, so a temp table of the writing session could shadow a rollup table. pg_temp goes last.
 *
 * The other definer functions stay executable: the policies call the party checks as the querying role, the
 * app calls the sign-in / API-key lookups, gg_begin_session (SECURITY INVOKER) calls gg_session_memberships,
 * and the KPI service calls gg_kpi_*. core/definer.test.ts holds that allow-list.
 */
const TRIGGER_ONLY = [
  'gg_dashboard_refresh_firms(uuid[])',
  'gg_dashboard_refresh_referrals(uuid[])',
  'gg_dashboard_refresh_enrolments(uuid[])',
  'gg_dashboard_refresh_outcomes(uuid[])',
  'gg_dashboard_touchpoint_changed()',
  'gg_dashboard_firm_changed()',
  'gg_dashboard_referral_changed()',
  'gg_dashboard_referral_step_changed()',
  'gg_dashboard_organisation_changed()',
  'gg_dashboard_enrolment_event_changed()',
  'gg_dashboard_enrolment_changed()',
  'gg_dashboard_enrolment_firm_changed()',
  'gg_dashboard_outcome_touchpoint_changed()',
  'gg_dashboard_outcome_firm_changed()',
];

const UNPINNED = ['gg_agreement_has_parties(uuid)', 'gg_journey_shared(uuid, uuid)', 'gg_session_memberships(uuid, uuid)', 'gg_sign_in_lookup(text)'];

/** Also from the app role itself, should anyone have granted it (roles are cluster-wide: it may not exist yet). */
const revokeFromAppRole = (fn: string) => `DO $$ BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'growth_graph_app') THEN
    REVOKE EXECUTE ON FUNCTION public.${fn} FROM growth_graph_app;
  END IF; END $$`;

export class DefinerHardening1769234000000 implements MigrationInterface {
  name = 'DefinerHardening1769234000000';

  public async up(q: QueryRunner): Promise<void> {
    for (const fn of TRIGGER_ONLY) {
      await q.query(`REVOKE EXECUTE ON FUNCTION public.${fn} FROM PUBLIC`);
      await q.query(revokeFromAppRole(fn));
    }
    for (const fn of [...UNPINNED, ...TRIGGER_ONLY]) await q.query(`ALTER FUNCTION public.${fn} SET search_path = pg_catalog, public, pg_temp`);
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const fn of UNPINNED) await q.query(`ALTER FUNCTION public.${fn} RESET search_path`);
    for (const fn of TRIGGER_ONLY) {
      await q.query(`ALTER FUNCTION public.${fn} SET search_path = pg_catalog, public`);
      await q.query(`GRANT EXECUTE ON FUNCTION public.${fn} TO PUBLIC`);
    }
  }
}
