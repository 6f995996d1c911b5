import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Cross-organisation consent for two kinds of rows that change what other organisations' data counts in:
 * - agreement parties accept an agreement (`accepted_at`): before that none of their work flows into its KPIs;
 *   existing parties have accepted when they created the agreement or signed any version of it;
 * - relationships are PROPOSED by one side and ACTIVE only once the other side confirms; existing ones are ACTIVE.
 */
export class AgreementAcceptanceAndRelationshipConsent1765300000000 implements MigrationInterface {
  name = 'AgreementAcceptanceAndRelationshipConsent1765300000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "service_agreement_party" ADD "accepted_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "service_agreement_party" ADD "accepted_by_user_id" uuid`);
    await queryRunner.query(`CREATE INDEX "IDX_service_agreement_party_accepted_by_user_id" ON "service_agreement_party" ("accepted_by_user_id") `);
    await queryRunner.query(`ALTER TABLE "service_agreement_party" ADD CONSTRAINT "FK_e1a35f9d1178ea72b6b940b006f" FOREIGN KEY ("accepted_by_user_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(
      `UPDATE service_agreement_party p SET accepted_at = a.created_at, accepted_by_user_id = a.created_by_user_id
         FROM service_agreement a WHERE a.id = p.agreement_id AND a.created_by_organisation_id = p.organisation_id`,
    );
    await queryRunner.query(
      `UPDATE service_agreement_party p SET accepted_at = s.signed_at, accepted_by_user_id = s.signed_by_user_id
         FROM (SELECT DISTINCT ON (agreement_id, party_organisation_id) agreement_id, party_organisation_id, signed_at, signed_by_user_id
                 FROM service_agreement_signature ORDER BY agreement_id, party_organisation_id, signed_at) s
        WHERE s.agreement_id = p.agreement_id AND s.party_organisation_id = p.organisation_id AND p.accepted_at IS NULL`,
    );

    await queryRunner.query(`CREATE TYPE "public"."relationship_state" AS ENUM('PROPOSED', 'ACTIVE', 'DECLINED')`);
    // Existing edges are in force; new ones start as proposals.
    await queryRunner.query(`ALTER TABLE "organisation_relationship" ADD "state" "public"."relationship_state" NOT NULL DEFAULT 'ACTIVE'`);
    await queryRunner.query(`ALTER TABLE "organisation_relationship" ALTER COLUMN "state" SET DEFAULT 'PROPOSED'`);
    await queryRunner.query(`ALTER TABLE "organisation_relationship" ADD "proposed_by_organisation_id" uuid`);
    await queryRunner.query(`UPDATE "organisation_relationship" SET "proposed_by_organisation_id" = "from_id"`);
    await queryRunner.query(`ALTER TABLE "organisation_relationship" ALTER COLUMN "proposed_by_organisation_id" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "organisation_relationship" ADD "proposed_by_user_id" uuid`);
    await queryRunner.query(`ALTER TABLE "organisation_relationship" ADD "decided_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "organisation_relationship" ADD "decided_by_user_id" uuid`);
    await queryRunner.query(`CREATE INDEX "IDX_relationship_proposed_by_organisation_id" ON "organisation_relationship" ("proposed_by_organisation_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_relationship_proposed_by_user_id" ON "organisation_relationship" ("proposed_by_user_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_relationship_decided_by_user_id" ON "organisation_relationship" ("decided_by_user_id") `);
    await queryRunner.query(`ALTER TABLE "organisation_relationship" ADD CONSTRAINT "FK_1e9ff8559720ce3a835d0c1a5ec" FOREIGN KEY ("proposed_by_organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "organisation_relationship" ADD CONSTRAINT "FK_bd88d782488b98671fce82066fa" FOREIGN KEY ("proposed_by_user_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "organisation_relationship" ADD CONSTRAINT "FK_ee1edffda42be2255bda174bce6" FOREIGN KEY ("decided_by_user_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "organisation_relationship" DROP CONSTRAINT "FK_ee1edffda42be2255bda174bce6"`);
    await queryRunner.query(`ALTER TABLE "organisation_relationship" DROP CONSTRAINT "FK_bd88d782488b98671fce82066fa"`);
    await queryRunner.query(`ALTER TABLE "organisation_relationship" DROP CONSTRAINT "FK_1e9ff8559720ce3a835d0c1a5ec"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_relationship_decided_by_user_id"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_relationship_proposed_by_user_id"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_relationship_proposed_by_organisation_id"`);
    await queryRunner.query(`DELETE FROM "organisation_relationship" WHERE "state" <> 'ACTIVE'`);
    await queryRunner.query(`ALTER TABLE "organisation_relationship" DROP COLUMN "decided_by_user_id"`);
    await queryRunner.query(`ALTER TABLE "organisation_relationship" DROP COLUMN "decided_at"`);
    await queryRunner.query(`ALTER TABLE "organisation_relationship" DROP COLUMN "proposed_by_user_id"`);
    await queryRunner.query(`ALTER TABLE "organisation_relationship" DROP COLUMN "proposed_by_organisation_id"`);
    await queryRunner.query(`ALTER TABLE "organisation_relationship" DROP COLUMN "state"`);
    await queryRunner.query(`DROP TYPE "public"."relationship_state"`);
    await queryRunner.query(`ALTER TABLE "service_agreement_party" DROP CONSTRAINT "FK_e1a35f9d1178ea72b6b940b006f"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_service_agreement_party_accepted_by_user_id"`);
    await queryRunner.query(`ALTER TABLE "service_agreement_party" DROP COLUMN "accepted_by_user_id"`);
    await queryRunner.query(`ALTER TABLE "service_agreement_party" DROP COLUMN "accepted_at"`);
  }
}
