import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `app_user.password_hash` is not readable by the app role: SELECT on app_user is granted per column, all
 * but the hash. Sign-in reads the hash only through `gg_sign_in_lookup(email)` (SECURITY DEFINER, the
 * owner's, RowLevelSecurity migration), which returns one user's id and hash for the e-mail being signed in.
 *
 * `gg_fence_secret_columns(role)` applies the column grants. The owner calls it here for the default app role
 * and again on every start after the blanket table GRANT of `prepareAppRole` (core/rls.ts), which would
 * otherwise hand back table-wide SELECT; columns added to app_user later are granted by that same call.
 */
export class PasswordHashPrivilege1769110000000 implements MigrationInterface {
  name = 'PasswordHashPrivilege1769110000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE OR REPLACE FUNCTION public.gg_fence_secret_columns(p_role name) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE cols text;
      BEGIN
        SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum) INTO cols
          FROM pg_attribute a
         WHERE a.attrelid = 'public.app_user'::regclass AND a.attnum > 0 AND NOT a.attisdropped AND a.attname <> 'password_hash';
        -- Revoking the table privilege drops the column grants too; then grant every column but the hash.
        EXECUTE format('REVOKE SELECT ON public.app_user FROM %I', p_role);
        EXECUTE format('GRANT SELECT (%s) ON public.app_user TO %I', cols, p_role);
      END $$`);
    // The owner's maintenance tool, not the app's.
    await q.query(`REVOKE EXECUTE ON FUNCTION public.gg_fence_secret_columns(name) FROM PUBLIC`);
    await q.query(`DO $$ BEGIN
      IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'growth_graph_app') THEN PERFORM public.gg_fence_secret_columns('growth_graph_app'); END IF;
    END $$`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DO $$ BEGIN
      IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'growth_graph_app') THEN GRANT SELECT ON public.app_user TO growth_graph_app; END IF;
    END $$`);
    await q.query(`DROP FUNCTION IF EXISTS public.gg_fence_secret_columns(name)`);
  }
}
