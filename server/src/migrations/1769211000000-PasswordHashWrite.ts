import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `app_user.password_hash` is not writable by the app role either (migration 1769110000000 fenced reading):
 * UPDATE on app_user is granted per column, all but the hash. A password change goes through
 * `gg_set_own_password_hash(user, hash)` (SECURITY DEFINER, the owner's), which writes only the row of the
 * request's signed-in user (`app.user_id`, as the policies read it) and says whether it did.
 *
 * `gg_fence_secret_columns(role)` now fences both privileges and grants the function to the role; the owner
 * calls it here and on every start after prepareAppRole's blanket GRANT (core/rls.ts).
 */
const FENCE = (update: boolean) => `CREATE OR REPLACE FUNCTION public.gg_fence_secret_columns(p_role name) RETURNS void LANGUAGE plpgsql AS $$
  DECLARE cols text;
  BEGIN
    SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum) INTO cols
      FROM pg_attribute a
     WHERE a.attrelid = 'public.app_user'::regclass AND a.attnum > 0 AND NOT a.attisdropped AND a.attname <> 'password_hash';
    -- Revoking the table privilege drops the column grants too; then grant every column but the hash.
    EXECUTE format('REVOKE SELECT ON public.app_user FROM %I', p_role);
    EXECUTE format('GRANT SELECT (%s) ON public.app_user TO %I', cols, p_role);${
      update
        ? `
    EXECUTE format('REVOKE UPDATE ON public.app_user FROM %I', p_role);
    EXECUTE format('GRANT UPDATE (%s) ON public.app_user TO %I', cols, p_role);
    EXECUTE format('GRANT EXECUTE ON FUNCTION public.gg_set_own_password_hash(uuid, text) TO %I', p_role);`
        : ''
    }
  END $$`;

export class PasswordHashWrite1769211000000 implements MigrationInterface {
  name = 'PasswordHashWrite1769211000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE OR REPLACE FUNCTION public.gg_set_own_password_hash(p_user uuid, p_hash text) RETURNS boolean
      LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
      DECLARE n int;
      BEGIN
        IF p_user IS NULL OR p_user IS DISTINCT FROM public.gg_user_id() OR coalesce(p_hash, '') = '' THEN RETURN false; END IF;
        UPDATE public.app_user SET password_hash = p_hash WHERE id = p_user;
        GET DIAGNOSTICS n = ROW_COUNT;
        RETURN n = 1;
      END $$`);
    // Only the roles gg_fence_secret_columns grants it to.
    await q.query(`REVOKE EXECUTE ON FUNCTION public.gg_set_own_password_hash(uuid, text) FROM PUBLIC`);
    await q.query(FENCE(true));
    await q.query(`REVOKE EXECUTE ON FUNCTION public.gg_fence_secret_columns(name) FROM PUBLIC`);
    await q.query(`DO $$ BEGIN
      IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'growth_graph_app') THEN PERFORM public.gg_fence_secret_columns('growth_graph_app'); END IF;
    END $$`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(FENCE(false));
    await q.query(`DO $$ BEGIN
      IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'growth_graph_app') THEN GRANT UPDATE ON public.app_user TO growth_graph_app; END IF;
    END $$`);
    await q.query(`DROP FUNCTION IF EXISTS public.gg_set_own_password_hash(uuid, text)`);
  }
}
