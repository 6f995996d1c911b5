import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An index for every access path (issue 12):
 * - `firm.merged_into_id`: the journey page looks up the prospects merged into a firm; without an index
 *   every journey page scanned the firm table. Partial: only merged prospects have it.
 * - `api_key.created_by_user_id`: a foreign key without an index (deleting a user scanned api_key).
 * - Name order in the "C" collation: under the database's C.UTF-8 collation an index on
 *   `lower(name) text_pattern_ops` serves the prefix filter but not `ORDER BY lower(name)`, so a one-letter
 *   prefix sorted every match. `lower(name) COLLATE "C"` serves both the prefix range and the order (and
 *   orders exactly as C.UTF-8 does: by code point). The municipality firm pages use the same expression,
 *   so firm search and municipality pages share one keyset order.
 */
export class AccessPathIndexes1765400000000 implements MigrationInterface {
  name = 'AccessPathIndexes1765400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "IDX_firm_merged_into_id" ON "firm" ("merged_into_id") WHERE merged_into_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "IDX_api_key_created_by_user_id" ON "api_key" ("created_by_user_id") `);
    await queryRunner.query(`DROP INDEX "IDX_firm_name_prefix"`);
    await queryRunner.query(`CREATE INDEX "IDX_firm_name_prefix" ON "firm" ((lower("name") COLLATE "C"), "id")`);
    await queryRunner.query(`DROP INDEX "IDX_firm_municipality_name"`);
    await queryRunner.query(`CREATE INDEX "IDX_firm_municipality_name" ON "firm" ("municipality_id", (lower("name") COLLATE "C"), "id")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_firm_municipality_name"`);
    await queryRunner.query(`CREATE INDEX "IDX_firm_municipality_name" ON "firm" ("municipality_id", lower("name"), "id")`);
    await queryRunner.query(`DROP INDEX "IDX_firm_name_prefix"`);
    await queryRunner.query(`CREATE INDEX "IDX_firm_name_prefix" ON "firm" (lower("name") text_pattern_ops, "id")`);
    await queryRunner.query(`DROP INDEX "public"."IDX_api_key_created_by_user_id"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_firm_merged_into_id"`);
  }
}
