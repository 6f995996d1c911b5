import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Register data changes are kept: an append-only `firm_change` (who, for which organisation, when - server
 * time - and old -> new per field). The growth-potential level comes from the assessment history alone:
 * firms whose duplicate `firm.growth_potential` column was set and that have no assessment get one (by the
 * growth house covering their municipality, else the municipality, else a prospect's owner), then the
 * column is dropped.
 */
export class FirmRegisterHistory1765300000001 implements MigrationInterface {
  name = 'FirmRegisterHistory1765300000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "firm_change" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "firm_id" uuid NOT NULL, "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "changed_by_user_id" uuid, "changed_by_organisation_id" uuid NOT NULL, "field" character varying(50) NOT NULL, "old_value" character varying(300), "new_value" character varying(300), CONSTRAINT "PK_b6b919e262e78e0b008abd7bdcf" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_firm_change_changed_by_user_id" ON "firm_change" ("changed_by_user_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_firm_change_changed_by_organisation_id" ON "firm_change" ("changed_by_organisation_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_firm_change_firm_at" ON "firm_change" ("firm_id", "changed_at" DESC, "id" DESC)`);
    await queryRunner.query(`ALTER TABLE "firm_change" ADD CONSTRAINT "FK_f96d6a86fc467d32201cd4beee0" FOREIGN KEY ("firm_id") REFERENCES "firm"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "firm_change" ADD CONSTRAINT "FK_0a124597d8e4332a4f5f49dfc60" FOREIGN KEY ("changed_by_user_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "firm_change" ADD CONSTRAINT "FK_3ed668792400811eeed001dd096" FOREIGN KEY ("changed_by_organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    // Append-only like the journey history (append_only_guard from the Journeys migration): the user column may only become NULL.
    await queryRunner.query(`CREATE TRIGGER "firm_change_append_only" BEFORE UPDATE OR DELETE ON "firm_change" FOR EACH ROW EXECUTE FUNCTION append_only_guard('changed_by_user_id')`);
    await queryRunner.query(`CREATE TRIGGER "firm_change_no_truncate" BEFORE TRUNCATE ON "firm_change" FOR EACH STATEMENT EXECUTE FUNCTION append_only_guard()`);

    await queryRunner.query(
      `INSERT INTO growth_potential_assessment (firm_id, organisation_id, level, segment, rationale, assessed_at)
       SELECT f.id,
              COALESCE((SELECT r.from_id FROM organisation_relationship r WHERE r.kind = 'COVERS' AND r.state = 'ACTIVE' AND r.to_id = f.municipality_id ORDER BY r.from_id LIMIT 1),
                       f.municipality_id, f.owner_organisation_id),
              f.growth_potential, (CASE f.growth_potential WHEN 'HIGH' THEN 'GROWTH_FIRM' ELSE 'ESTABLISHED' END)::firm_segment,
              'Taken over from the firm record when the level moved to the assessment history.', f.updated_at
         FROM firm f
        WHERE f.growth_potential IS NOT NULL AND COALESCE(f.municipality_id, f.owner_organisation_id) IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM growth_potential_assessment a WHERE a.firm_id = f.id)`,
    );
    await queryRunner.query(`ALTER TABLE "firm" DROP COLUMN "growth_potential"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "firm" ADD "growth_potential" "public"."growth_potential_level"`);
    await queryRunner.query(
      `UPDATE firm f SET growth_potential = a.level
         FROM (SELECT DISTINCT ON (firm_id) firm_id, level FROM growth_potential_assessment ORDER BY firm_id, assessed_at DESC, id DESC) a
        WHERE a.firm_id = f.id`,
    );
    await queryRunner.query(`DROP TRIGGER "firm_change_no_truncate" ON "firm_change"`);
    await queryRunner.query(`DROP TRIGGER "firm_change_append_only" ON "firm_change"`);
    await queryRunner.query(`DROP TABLE "firm_change"`);
  }
}
