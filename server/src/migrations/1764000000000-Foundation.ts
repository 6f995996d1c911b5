import { MigrationInterface, QueryRunner } from "typeorm";

export class Foundation1764000000000 implements MigrationInterface {
    name = 'Foundation1764000000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TYPE "public"."organisation_kind" AS ENUM('GROWTH_HOUSE', 'MUNICIPALITY', 'BUSINESS_COUNCIL', 'REGION', 'REGIONAL_COUNCIL', 'NATIONAL_AGENCY', 'INVESTMENT_PROMOTION_AGENCY', 'CLUSTER', 'CLUSTER_OFFICE', 'NETWORK', 'KNOWLEDGE_INSTITUTION', 'PRIVATE_ADVISOR', 'CAPITAL_PROVIDER')`);
        await queryRunner.query(`CREATE TYPE "public"."country" AS ENUM('DK', 'SE')`);
        await queryRunner.query(`CREATE TABLE "organisation" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" "public"."organisation_kind" NOT NULL, "name" character varying(200) NOT NULL, "country" "public"."country" NOT NULL, "official_code" character varying(10), "region_id" uuid, "description" character varying(2000), "website" character varying(300), "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c725ae234ef1b74cce43d2d00c1" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_organisation_region_id" ON "organisation"  ("region_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_organisation_official_code" ON "organisation"  ("country", "kind", "official_code") WHERE official_code IS NOT NULL`);
        await queryRunner.query(`CREATE TYPE "public"."firm_status" AS ENUM('REGISTERED', 'PROSPECT', 'MERGED')`);
        await queryRunner.query(`CREATE TYPE "public"."growth_potential_level" AS ENUM('LOW', 'MEDIUM', 'HIGH')`);
        await queryRunner.query(`CREATE TABLE "firm" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "status" "public"."firm_status" NOT NULL, "country" "public"."country" NOT NULL, "cvr" character(8), "organisationsnummer" character(10), "name" character varying(200) NOT NULL, "industry_code" character varying(6), "municipality_id" uuid, "employees" integer, "founded_on" date, "growth_potential" "public"."growth_potential_level", "owner_organisation_id" uuid, "merged_into_id" uuid, "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_firm_prospect_has_owner" CHECK (status <> 'PROSPECT' OR owner_organisation_id IS NOT NULL), CONSTRAINT "CHK_firm_registered_has_identifier" CHECK (status <> 'REGISTERED' OR cvr IS NOT NULL OR organisationsnummer IS NOT NULL), CONSTRAINT "CHK_firm_identifier_matches_country" CHECK ((country = 'DK' AND organisationsnummer IS NULL) OR (country = 'SE' AND cvr IS NULL)), CONSTRAINT "PK_b6e197d72a2ef8bd97a7cbc686e" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_firm_owner_organisation_id" ON "firm"  ("owner_organisation_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_firm_organisationsnummer" ON "firm"  ("organisationsnummer") WHERE organisationsnummer IS NOT NULL`);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_firm_cvr" ON "firm"  ("cvr") WHERE cvr IS NOT NULL`);
        await queryRunner.query(`CREATE TABLE "app_user" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" character varying(320) NOT NULL, "display_name" character varying(200) NOT NULL, "password_hash" character varying(300) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_22a5c4a3d9b2fb8e4e73fc4ada1" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_user_email" ON "app_user"  ("email") `);
        await queryRunner.query(`CREATE TABLE "api_key" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "name" character varying(100) NOT NULL, "prefix" character varying(16) NOT NULL, "key_hash" character(64) NOT NULL, "created_by_user_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_b1bd840641b8acbaad89c3d8d11" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_api_key_organisation_id" ON "api_key"  ("organisation_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_api_key_hash" ON "api_key"  ("key_hash") `);
        await queryRunner.query(`CREATE TYPE "public"."membership_role" AS ENUM('ADMIN', 'EDITOR', 'CONSULTANT', 'VIEWER')`);
        await queryRunner.query(`CREATE TABLE "membership" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "role" "public"."membership_role" NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_membership_user_organisation" UNIQUE ("user_id", "organisation_id"), CONSTRAINT "PK_83c1afebef3059472e7c37e8de8" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_membership_organisation_id" ON "membership"  ("organisation_id") `);
        await queryRunner.query(`CREATE TABLE "session" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_f55da76ac1c3ac420f444d2ff11" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_session_user_id" ON "session"  ("user_id") `);
        await queryRunner.query(`CREATE TYPE "public"."relationship_kind" AS ENUM('COVERS', 'SERVES', 'MEMBER_OF_COUNCIL', 'LOCATED_IN', 'OFFICE_OF', 'HOSTED_BY', 'MEMBER_OF', 'RECEPTION_FOR', 'COOPERATES_WITH', 'FUNDS', 'OPERATES')`);
        await queryRunner.query(`CREATE TABLE "organisation_relationship" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" "public"."relationship_kind" NOT NULL, "from_id" uuid NOT NULL, "to_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_relationship" UNIQUE ("kind", "from_id", "to_id"), CONSTRAINT "PK_b6137bb7902f808de3df04e2e90" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_relationship_from_id" ON "organisation_relationship"  ("from_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_relationship_to_id" ON "organisation_relationship"  ("to_id") `);
        await queryRunner.query(`ALTER TABLE "organisation" ADD CONSTRAINT "FK_baf378a702da51ca448b9f76340" FOREIGN KEY ("region_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "firm" ADD CONSTRAINT "FK_626746e7d546726aee80dcc935b" FOREIGN KEY ("municipality_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "firm" ADD CONSTRAINT "FK_8616ff6fa98d4b1c1d957aa3803" FOREIGN KEY ("owner_organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "firm" ADD CONSTRAINT "FK_80b04eb6e404a23b486c6af2072" FOREIGN KEY ("merged_into_id") REFERENCES "firm"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "api_key" ADD CONSTRAINT "FK_656bf45bf240ad0a5aced63ae53" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "api_key" ADD CONSTRAINT "FK_bc384f746acb69e6648c136803b" FOREIGN KEY ("created_by_user_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "membership" ADD CONSTRAINT "FK_e9c72e8d29784031c96f5c6af8d" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "membership" ADD CONSTRAINT "FK_be659e88cd5ed71eef6d4122aac" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "session" ADD CONSTRAINT "FK_30e98e8746699fb9af235410aff" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "organisation_relationship" ADD CONSTRAINT "FK_4f5de625292fec3c1d69ab51c5a" FOREIGN KEY ("from_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "organisation_relationship" ADD CONSTRAINT "FK_5b69f15e3d60b7f830e4a3e57f5" FOREIGN KEY ("to_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        // Hand-written: expression indexes for prefix search and keyset pagination, and identifier immutability.
        await queryRunner.query(`CREATE INDEX "IDX_firm_name_prefix" ON "firm" (lower("name") text_pattern_ops, "id")`);
        await queryRunner.query(`CREATE INDEX "IDX_firm_municipality_name" ON "firm" ("municipality_id", lower("name"), "id")`);
        await queryRunner.query(`CREATE INDEX "IDX_organisation_name" ON "organisation" (lower("name"), "id")`);
        await queryRunner.query(`CREATE FUNCTION firm_identifiers_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF (OLD.cvr IS NOT NULL AND NEW.cvr IS DISTINCT FROM OLD.cvr)
                 OR (OLD.organisationsnummer IS NOT NULL AND NEW.organisationsnummer IS DISTINCT FROM OLD.organisationsnummer) THEN
                RAISE EXCEPTION 'firm identifiers are immutable once set' USING ERRCODE = 'check_violation';
              END IF;
              RETURN NEW;
            END $$`);
        await queryRunner.query(`CREATE TRIGGER firm_identifiers_immutable BEFORE UPDATE OF cvr, organisationsnummer ON "firm"
            FOR EACH ROW EXECUTE FUNCTION firm_identifiers_immutable()`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER firm_identifiers_immutable ON "firm"`);
        await queryRunner.query(`DROP FUNCTION firm_identifiers_immutable()`);
        await queryRunner.query(`DROP INDEX "IDX_organisation_name"`);
        await queryRunner.query(`DROP INDEX "IDX_firm_municipality_name"`);
        await queryRunner.query(`DROP INDEX "IDX_firm_name_prefix"`);
        await queryRunner.query(`ALTER TABLE "organisation_relationship" DROP CONSTRAINT "FK_5b69f15e3d60b7f830e4a3e57f5"`);
        await queryRunner.query(`ALTER TABLE "organisation_relationship" DROP CONSTRAINT "FK_4f5de625292fec3c1d69ab51c5a"`);
        await queryRunner.query(`ALTER TABLE "session" DROP CONSTRAINT "FK_30e98e8746699fb9af235410aff"`);
        await queryRunner.query(`ALTER TABLE "membership" DROP CONSTRAINT "FK_be659e88cd5ed71eef6d4122aac"`);
        await queryRunner.query(`ALTER TABLE "membership" DROP CONSTRAINT "FK_e9c72e8d29784031c96f5c6af8d"`);
        await queryRunner.query(`ALTER TABLE "api_key" DROP CONSTRAINT "FK_bc384f746acb69e6648c136803b"`);
        await queryRunner.query(`ALTER TABLE "api_key" DROP CONSTRAINT "FK_656bf45bf240ad0a5aced63ae53"`);
        await queryRunner.query(`ALTER TABLE "firm" DROP CONSTRAINT "FK_80b04eb6e404a23b486c6af2072"`);
        await queryRunner.query(`ALTER TABLE "firm" DROP CONSTRAINT "FK_8616ff6fa98d4b1c1d957aa3803"`);
        await queryRunner.query(`ALTER TABLE "firm" DROP CONSTRAINT "FK_626746e7d546726aee80dcc935b"`);
        await queryRunner.query(`ALTER TABLE "organisation" DROP CONSTRAINT "FK_baf378a702da51ca448b9f76340"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_relationship_to_id"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_relationship_from_id"`);
        await queryRunner.query(`DROP TABLE "organisation_relationship"`);
        await queryRunner.query(`DROP TYPE "public"."relationship_kind"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_session_user_id"`);
        await queryRunner.query(`DROP TABLE "session"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_membership_organisation_id"`);
        await queryRunner.query(`DROP TABLE "membership"`);
        await queryRunner.query(`DROP TYPE "public"."membership_role"`);
        await queryRunner.query(`DROP INDEX "public"."UQ_api_key_hash"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_api_key_organisation_id"`);
        await queryRunner.query(`DROP TABLE "api_key"`);
        await queryRunner.query(`DROP INDEX "public"."UQ_user_email"`);
        await queryRunner.query(`DROP TABLE "app_user"`);
        await queryRunner.query(`DROP INDEX "public"."UQ_firm_cvr"`);
        await queryRunner.query(`DROP INDEX "public"."UQ_firm_organisationsnummer"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_firm_owner_organisation_id"`);
        await queryRunner.query(`DROP TABLE "firm"`);
        await queryRunner.query(`DROP TYPE "public"."growth_potential_level"`);
        await queryRunner.query(`DROP TYPE "public"."firm_status"`);
        await queryRunner.query(`DROP INDEX "public"."UQ_organisation_official_code"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_organisation_region_id"`);
        await queryRunner.query(`DROP TABLE "organisation"`);
        await queryRunner.query(`DROP TYPE "public"."country"`);
        await queryRunner.query(`DROP TYPE "public"."organisation_kind"`);
    }

}
