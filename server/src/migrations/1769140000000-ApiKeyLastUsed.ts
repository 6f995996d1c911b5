import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When an API key was last used. Authentication already reads the key's row through the SECURITY DEFINER
 * lookup (the app role cannot read api_key without a scope), so the same call records the use: in the
 * same statement, no extra round trip, and at most once a minute per key (a read of a key used within the
 * minute writes nothing). Recording never fails or blocks the request: a row locked by a concurrent
 * request is skipped (it is being stamped anyway) and any error in the update is swallowed.
 */
export class ApiKeyLastUsed1769140000000 implements MigrationInterface {
  name = 'ApiKeyLastUsed1769140000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "api_key" ADD "last_used_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION public.gg_api_key_lookup(p_hash text)
  RETURNS TABLE (id uuid, organisation_id uuid) LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
#variable_conflict use_column
DECLARE
  k record;
BEGIN
  SELECT a.id, a.organisation_id, a.last_used_at INTO k FROM public.api_key a WHERE a.key_hash = p_hash AND a.revoked_at IS NULL;
  IF NOT FOUND THEN RETURN; END IF;
  IF k.last_used_at IS NULL OR k.last_used_at < now() - interval '1 minute' THEN
    BEGIN
      UPDATE public.api_key a SET last_used_at = now()
       WHERE a.id = (SELECT b.id FROM public.api_key b
                      WHERE b.id = k.id AND (b.last_used_at IS NULL OR b.last_used_at < now() - interval '1 minute')
                      FOR UPDATE SKIP LOCKED);
    EXCEPTION WHEN OTHERS THEN
      NULL; -- the use is a hint for admins; the request must not fail for it
    END;
  END IF;
  id := k.id;
  organisation_id := k.organisation_id;
  RETURN NEXT;
END
$$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE OR REPLACE FUNCTION public.gg_api_key_lookup(p_hash text)
  RETURNS TABLE (id uuid, organisation_id uuid) LANGUAGE sql STABLE SECURITY DEFINER AS $$
  SELECT k.id, k.organisation_id FROM public.api_key k WHERE k.key_hash = p_hash AND k.revoked_at IS NULL
$$`);
    await queryRunner.query(`ALTER TABLE "api_key" DROP COLUMN "last_used_at"`);
  }
}
