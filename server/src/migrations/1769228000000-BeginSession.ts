import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The sign-in check and the caller's scope as ONE PL/pgSQL call (issue 12). Authentication used to send a
 * CTE with four set_config subqueries over the session lookup, inlined literals and all, which PostgreSQL
 * parsed and planned on every request (1.1-1.5 ms with BEGIN). A PL/pgSQL function keeps its statements'
 * plans per connection, and the call itself plans in microseconds.
 *
 * SECURITY INVOKER (no SET clause, so the set_config calls with is_local = true last until the end of the
 * request's transaction): it reads the session only through gg_session_memberships (SECURITY DEFINER, STABLE:
 * writes nothing). Which roles carry READ / RECORD / ADMINISTER comes from the app (`p_read` ...), as before;
 * the app still recomputes the scope from the returned rows and corrects it when it differs (RequestDb.rescope).
 * Returns the memberships with the values set_config stored, or one row of NULLs (and empty values) when
 * the session is not valid - the shape of beginWithLookupStatement.
 */
export class BeginSession1769228000000 implements MigrationInterface {
  name = 'BeginSession1769228000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE OR REPLACE FUNCTION public.gg_begin_session(p_session uuid, p_user uuid, p_active uuid, p_read text[], p_write text[], p_admin text[])
  RETURNS TABLE (organisation_id uuid, role text, set_org_ids text, set_write_org_ids text, set_admin_org_ids text, set_user_id text)
  LANGUAGE plpgsql VOLATILE AS $$
#variable_conflict use_column
DECLARE
  v_orgs uuid[];
  v_roles text[];
  v_read text;
  v_write text;
  v_admin text;
  v_user text;
BEGIN
  SELECT array_agg(l.organisation_id), array_agg(l.role) INTO v_orgs, v_roles FROM public.gg_session_memberships(p_session, p_user) l;
  IF v_orgs IS NOT NULL THEN
    SELECT string_agg(o::text, ',') FILTER (WHERE r = ANY(p_read) AND (p_active IS NULL OR o = p_active)),
           string_agg(o::text, ',') FILTER (WHERE r = ANY(p_write) AND (p_active IS NULL OR o = p_active)),
           string_agg(o::text, ',') FILTER (WHERE r = ANY(p_admin) AND (p_active IS NULL OR o = p_active))
      INTO v_read, v_write, v_admin
      FROM unnest(v_orgs, v_roles) AS m(o, r);
    v_user := p_user::text;
  END IF;
  set_org_ids := set_config('app.org_ids', coalesce(v_read, ''), true);
  set_write_org_ids := set_config('app.write_org_ids', coalesce(v_write, ''), true);
  set_admin_org_ids := set_config('app.admin_org_ids', coalesce(v_admin, ''), true);
  set_user_id := set_config('app.user_id', coalesce(v_user, ''), true);
  IF v_orgs IS NULL THEN
    organisation_id := NULL;
    role := NULL;
    RETURN NEXT;
    RETURN;
  END IF;
  FOR i IN 1 .. cardinality(v_orgs) LOOP
    organisation_id := v_orgs[i];
    role := v_roles[i];
    RETURN NEXT;
  END LOOP;
END
$$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION IF EXISTS public.gg_begin_session(uuid, uuid, uuid, text[], text[], text[])`);
  }
}
