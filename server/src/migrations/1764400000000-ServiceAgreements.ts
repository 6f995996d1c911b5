import { MigrationInterface, QueryRunner } from "typeorm";

/** Service agreements (issue 4): agreements, parties, versions, signatures, life-cycle history, follow-ups. */
export class ServiceAgreements1764400000000 implements MigrationInterface {
    name = 'ServiceAgreements1764400000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TYPE "public"."service_agreement_kind" AS ENUM('LOCAL_COOPERATION', 'RESULT_CONTRACT', 'OPERATOR_CONTRACT', 'CO_FINANCING')`);
        await queryRunner.query(`CREATE TYPE "public"."service_agreement_state" AS ENUM('DRAFT', 'IN_NEGOTIATION', 'SIGNED', 'ACTIVE', 'EXPIRED', 'TERMINATED')`);
        await queryRunner.query(`CREATE TABLE "service_agreement" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" "public"."service_agreement_kind" NOT NULL, "state" "public"."service_agreement_state" NOT NULL, "current_version_number" integer NOT NULL, "in_force_version_number" integer, "termination_reason" character varying(2000), "state_changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by_organisation_id" uuid NOT NULL, "created_by_user_id" uuid, "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_23c574361e1f14e0e4087330f81" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_service_agreement_created_by_organisation_id" ON "service_agreement"  ("created_by_organisation_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_service_agreement_created_by_user_id" ON "service_agreement"  ("created_by_user_id") `);
        await queryRunner.query(`CREATE TYPE "public"."service_agreement_party_role" AS ENUM('MUNICIPALITY', 'BUSINESS_COUNCIL', 'GROWTH_HOUSE', 'REGIONAL_COUNCIL', 'OPERATOR', 'FUNDER', 'OTHER')`);
        await queryRunner.query(`CREATE TABLE "service_agreement_party" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "agreement_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "role" "public"."service_agreement_party_role" NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_service_agreement_party" UNIQUE ("agreement_id", "organisation_id"), CONSTRAINT "PK_aadd76a51050d0ed327e7274e2c" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_service_agreement_party_organisation_id" ON "service_agreement_party"  ("organisation_id") `);
        await queryRunner.query(`CREATE TYPE "public"."service_agreement_currency" AS ENUM('DKK', 'SEK')`);
        await queryRunner.query(`CREATE TABLE "service_agreement_version" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "agreement_id" uuid NOT NULL, "number" integer NOT NULL, "revision" integer NOT NULL DEFAULT '1', "title" character varying(300) NOT NULL, "period_start" date NOT NULL, "period_end" date NOT NULL, "purpose" text, "target_groups" jsonb NOT NULL DEFAULT '[]', "currency" "public"."service_agreement_currency" NOT NULL, "task_division" jsonb NOT NULL DEFAULT '[]', "economy" jsonb NOT NULL DEFAULT '[]', "kpis" jsonb NOT NULL DEFAULT '[]', "amendment_reason" character varying(2000), "created_by_user_id" uuid, "completed_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "edited_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_service_agreement_version_number" UNIQUE ("agreement_id", "number"), CONSTRAINT "CHK_service_agreement_version_number" CHECK (number >= 1 AND revision >= 1), CONSTRAINT "CHK_service_agreement_version_period" CHECK (period_end >= period_start), CONSTRAINT "PK_8495dbfe458186819d2b16f4f08" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_service_agreement_version_created_by_user_id" ON "service_agreement_version"  ("created_by_user_id") `);
        await queryRunner.query(`CREATE TABLE "service_agreement_signature" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "agreement_id" uuid NOT NULL, "version_id" uuid NOT NULL, "party_organisation_id" uuid NOT NULL, "signed_by_user_id" uuid NOT NULL, "version_number" integer NOT NULL, "revision" integer NOT NULL, "signed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_service_agreement_signature" UNIQUE ("version_id", "party_organisation_id", "revision"), CONSTRAINT "PK_1989d70b738183a560d947ca259" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_service_agreement_signature_agreement_id" ON "service_agreement_signature"  ("agreement_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_service_agreement_signature_party_organisation_id" ON "service_agreement_signature"  ("party_organisation_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_service_agreement_signature_signed_by_user_id" ON "service_agreement_signature"  ("signed_by_user_id") `);
        await queryRunner.query(`CREATE TABLE "service_agreement_transition" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "agreement_id" uuid NOT NULL, "from_state" "public"."service_agreement_state", "to_state" "public"."service_agreement_state" NOT NULL, "reason" character varying(2000), "by_user_id" uuid, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_598701f1ef5cad5d8778fd6ef28" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_service_agreement_transition_agreement_id" ON "service_agreement_transition"  ("agreement_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_service_agreement_transition_by_user_id" ON "service_agreement_transition"  ("by_user_id") `);
        await queryRunner.query(`CREATE TABLE "service_agreement_follow_up" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "agreement_id" uuid NOT NULL, "version_number" integer NOT NULL, "period_start" date NOT NULL, "period_end" date NOT NULL, "comment" text, "entries" jsonb NOT NULL, "reported_by_user_id" uuid NOT NULL, "reported_by_organisation_id" uuid NOT NULL, "reported_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_service_agreement_follow_up_period" CHECK (period_end >= period_start), CONSTRAINT "PK_910607cad431bb2f66c4685a6bc" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_service_agreement_follow_up_agreement_id" ON "service_agreement_follow_up"  ("agreement_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_service_agreement_follow_up_reported_by_user_id" ON "service_agreement_follow_up"  ("reported_by_user_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_service_agreement_follow_up_reported_by_organisation_id" ON "service_agreement_follow_up"  ("reported_by_organisation_id") `);
        await queryRunner.query(`ALTER TABLE "service_agreement" ADD CONSTRAINT "FK_1ef942bf9510a6e2832f9c834a8" FOREIGN KEY ("created_by_organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "service_agreement" ADD CONSTRAINT "FK_f76ff06aa878685b37f19e7e5de" FOREIGN KEY ("created_by_user_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "service_agreement_party" ADD CONSTRAINT "FK_4d893ddd7b1a47313183dd0c4f7" FOREIGN KEY ("agreement_id") REFERENCES "service_agreement"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "service_agreement_party" ADD CONSTRAINT "FK_537c3587fc3236a95da4e375724" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "service_agreement_version" ADD CONSTRAINT "FK_ee2047bef3592a7b6ef8c4f775d" FOREIGN KEY ("agreement_id") REFERENCES "service_agreement"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "service_agreement_version" ADD CONSTRAINT "FK_7c352fe3fbb344de2d27b726e4c" FOREIGN KEY ("created_by_user_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "service_agreement_signature" ADD CONSTRAINT "FK_10bb14888f74c5d1bef728c9a04" FOREIGN KEY ("agreement_id") REFERENCES "service_agreement"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "service_agreement_signature" ADD CONSTRAINT "FK_053d1f86296b1e709f7ba7aae00" FOREIGN KEY ("version_id") REFERENCES "service_agreement_version"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "service_agreement_signature" ADD CONSTRAINT "FK_98428a3143ee3b53f64ac0306d6" FOREIGN KEY ("party_organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "service_agreement_signature" ADD CONSTRAINT "FK_d32b061c50e9f2197c95c6ae010" FOREIGN KEY ("signed_by_user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "service_agreement_transition" ADD CONSTRAINT "FK_af7e0c9e7d6c7fe05ec4f6ae078" FOREIGN KEY ("agreement_id") REFERENCES "service_agreement"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "service_agreement_transition" ADD CONSTRAINT "FK_5f12e851bd9537ac4d0dc6df1f6" FOREIGN KEY ("by_user_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "service_agreement_follow_up" ADD CONSTRAINT "FK_2cc71c0e9ccfefb5090ea8fb561" FOREIGN KEY ("agreement_id") REFERENCES "service_agreement"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "service_agreement_follow_up" ADD CONSTRAINT "FK_be3be90337200fc3f3c296ee762" FOREIGN KEY ("reported_by_user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "service_agreement_follow_up" ADD CONSTRAINT "FK_e46a4a1260e588ed78fdc3f6391" FOREIGN KEY ("reported_by_organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        // Hand-written: signatures, transitions and follow-ups are append-only history.
        await queryRunner.query(`CREATE FUNCTION service_agreement_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              RAISE EXCEPTION '% is append-only: rows are never changed or deleted', TG_TABLE_NAME USING ERRCODE = 'check_violation';
            END $$`);
        for (const table of ['service_agreement_signature', 'service_agreement_transition', 'service_agreement_follow_up']) {
            await queryRunner.query(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION service_agreement_append_only()`);
        }
        // Lists of "my agreements" are keyset-paged newest first.
        await queryRunner.query(`CREATE INDEX "IDX_service_agreement_created" ON "service_agreement" ("created_at" DESC, "id" DESC)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."IDX_service_agreement_created"`);
        for (const table of ['service_agreement_signature', 'service_agreement_transition', 'service_agreement_follow_up']) {
            await queryRunner.query(`DROP TRIGGER ${table}_append_only ON "${table}"`);
        }
        await queryRunner.query(`DROP FUNCTION service_agreement_append_only()`);
        await queryRunner.query(`ALTER TABLE "service_agreement_follow_up" DROP CONSTRAINT "FK_e46a4a1260e588ed78fdc3f6391"`);
        await queryRunner.query(`ALTER TABLE "service_agreement_follow_up" DROP CONSTRAINT "FK_be3be90337200fc3f3c296ee762"`);
        await queryRunner.query(`ALTER TABLE "service_agreement_follow_up" DROP CONSTRAINT "FK_2cc71c0e9ccfefb5090ea8fb561"`);
        await queryRunner.query(`ALTER TABLE "service_agreement_transition" DROP CONSTRAINT "FK_5f12e851bd9537ac4d0dc6df1f6"`);
        await queryRunner.query(`ALTER TABLE "service_agreement_transition" DROP CONSTRAINT "FK_af7e0c9e7d6c7fe05ec4f6ae078"`);
        await queryRunner.query(`ALTER TABLE "service_agreement_signature" DROP CONSTRAINT "FK_d32b061c50e9f2197c95c6ae010"`);
        await queryRunner.query(`ALTER TABLE "service_agreement_signature" DROP CONSTRAINT "FK_98428a3143ee3b53f64ac0306d6"`);
        await queryRunner.query(`ALTER TABLE "service_agreement_signature" DROP CONSTRAINT "FK_053d1f86296b1e709f7ba7aae00"`);
        await queryRunner.query(`ALTER TABLE "service_agreement_signature" DROP CONSTRAINT "FK_10bb14888f74c5d1bef728c9a04"`);
        await queryRunner.query(`ALTER TABLE "service_agreement_version" DROP CONSTRAINT "FK_7c352fe3fbb344de2d27b726e4c"`);
        await queryRunner.query(`ALTER TABLE "service_agreement_version" DROP CONSTRAINT "FK_ee2047bef3592a7b6ef8c4f775d"`);
        await queryRunner.query(`ALTER TABLE "service_agreement_party" DROP CONSTRAINT "FK_537c3587fc3236a95da4e375724"`);
        await queryRunner.query(`ALTER TABLE "service_agreement_party" DROP CONSTRAINT "FK_4d893ddd7b1a47313183dd0c4f7"`);
        await queryRunner.query(`ALTER TABLE "service_agreement" DROP CONSTRAINT "FK_f76ff06aa878685b37f19e7e5de"`);
        await queryRunner.query(`ALTER TABLE "service_agreement" DROP CONSTRAINT "FK_1ef942bf9510a6e2832f9c834a8"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_service_agreement_follow_up_reported_by_organisation_id"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_service_agreement_follow_up_reported_by_user_id"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_service_agreement_follow_up_agreement_id"`);
        await queryRunner.query(`DROP TABLE "service_agreement_follow_up"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_service_agreement_transition_by_user_id"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_service_agreement_transition_agreement_id"`);
        await queryRunner.query(`DROP TABLE "service_agreement_transition"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_service_agreement_signature_signed_by_user_id"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_service_agreement_signature_party_organisation_id"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_service_agreement_signature_agreement_id"`);
        await queryRunner.query(`DROP TABLE "service_agreement_signature"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_service_agreement_version_created_by_user_id"`);
        await queryRunner.query(`DROP TABLE "service_agreement_version"`);
        await queryRunner.query(`DROP TYPE "public"."service_agreement_currency"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_service_agreement_party_organisation_id"`);
        await queryRunner.query(`DROP TABLE "service_agreement_party"`);
        await queryRunner.query(`DROP TYPE "public"."service_agreement_party_role"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_service_agreement_created_by_user_id"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_service_agreement_created_by_organisation_id"`);
        await queryRunner.query(`DROP TABLE "service_agreement"`);
        await queryRunner.query(`DROP TYPE "public"."service_agreement_kind"`);
        await queryRunner.query(`DROP TYPE "public"."service_agreement_state"`);
    }
}
