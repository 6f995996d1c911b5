import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Journeys: touchpoints (append-only), growth-plan milestones, growth-potential assessments, referrals and
 * their steps, consents, the journey access log, contact persons and their reveal log.
 */
export class Journeys1764100000000 implements MigrationInterface {
    name = 'Journeys1764100000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TYPE "public"."referral_status" AS ENUM('SENT', 'ACCEPTED', 'DECLINED', 'FIRST_CONTACT', 'CLOSED')`);
        await queryRunner.query(`CREATE TABLE "referral" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "firm_id" uuid NOT NULL, "sender_organisation_id" uuid NOT NULL, "receiver_organisation_id" uuid NOT NULL, "status" "public"."referral_status" NOT NULL, "reason" character varying(2000) NOT NULL, "sent_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "status_changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a2d3e935a6591168066defec5ad" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_referral_firm_id" ON "referral"  ("firm_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_referral_sender_organisation_id" ON "referral"  ("sender_organisation_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_referral_receiver_organisation_id" ON "referral"  ("receiver_organisation_id") `);
        await queryRunner.query(`CREATE TABLE "referral_step" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "referral_id" uuid NOT NULL, "status" "public"."referral_status" NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "by_user_id" uuid, "by_organisation_id" uuid NOT NULL, "note" character varying(2000), CONSTRAINT "PK_42c314d5e42836e5ca8547f666c" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_referral_step_referral_id" ON "referral_step"  ("referral_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_referral_step_by_user_id" ON "referral_step"  ("by_user_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_referral_step_by_organisation_id" ON "referral_step"  ("by_organisation_id") `);
        await queryRunner.query(`CREATE TYPE "public"."consent_scope" AS ENUM('NAMED_ORGANISATIONS', 'ALL_PUBLIC_BUSINESS_SUPPORT')`);
        await queryRunner.query(`CREATE TABLE "firm_consent" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "firm_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "scope" "public"."consent_scope" NOT NULL, "purpose" character varying(1000) NOT NULL, "valid_until" TIMESTAMP WITH TIME ZONE NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "recorded_by_user_id" uuid, "withdrawn_at" TIMESTAMP WITH TIME ZONE, "withdrawn_by_user_id" uuid, CONSTRAINT "PK_bd14e584903adcb4788cf5c0de1" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_firm_consent_organisation_id" ON "firm_consent"  ("organisation_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_firm_consent_recorded_by_user_id" ON "firm_consent"  ("recorded_by_user_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_firm_consent_withdrawn_by_user_id" ON "firm_consent"  ("withdrawn_by_user_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_firm_consent_firm_organisation" ON "firm_consent"  ("firm_id", "organisation_id") `);
        await queryRunner.query(`CREATE TABLE "firm_consent_recipient" ("consent_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, CONSTRAINT "PK_0dc625acdb9bec0bcde04be2d72" PRIMARY KEY ("consent_id", "organisation_id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_firm_consent_recipient_organisation_id" ON "firm_consent_recipient"  ("organisation_id") `);
        await queryRunner.query(`CREATE TYPE "public"."access_basis" AS ENUM('CONSENT', 'REFERRAL')`);
        await queryRunner.query(`CREATE TABLE "journey_access_log" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "viewer_user_id" uuid, "viewer_organisation_id" uuid NOT NULL, "firm_id" uuid NOT NULL, "owner_organisation_id" uuid NOT NULL, "basis" "public"."access_basis" NOT NULL, "consent_id" uuid, "referral_id" uuid, "touchpoint_ids" uuid array NOT NULL, CONSTRAINT "PK_958a26dae504ff27f14e1818a53" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_journey_access_log_viewer_user_id" ON "journey_access_log"  ("viewer_user_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_journey_access_log_viewer_organisation_id" ON "journey_access_log"  ("viewer_organisation_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_journey_access_log_firm_id" ON "journey_access_log"  ("firm_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_journey_access_log_consent_id" ON "journey_access_log"  ("consent_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_journey_access_log_referral_id" ON "journey_access_log"  ("referral_id") `);
        await queryRunner.query(`CREATE TABLE "contact_person" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "firm_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "name" character varying(200) NOT NULL, "role" character varying(200), "email" character varying(320), "phone" character varying(50), "sensitive_note" character varying(2000), "created_by_user_id" uuid, "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_12d9c34f76290c4e2ad2aa5e33f" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_contact_person_firm_id" ON "contact_person"  ("firm_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_contact_person_organisation_id" ON "contact_person"  ("organisation_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_contact_person_created_by_user_id" ON "contact_person"  ("created_by_user_id") `);
        await queryRunner.query(`CREATE TABLE "contact_person_reveal_log" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "contact_person_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "user_id" uuid, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "reason" character varying(500) NOT NULL, "fields" character varying(50) array NOT NULL, CONSTRAINT "PK_27de7408a69d048b1ba6809e093" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_contact_person_reveal_log_contact_person_id" ON "contact_person_reveal_log"  ("contact_person_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_contact_person_reveal_log_organisation_id" ON "contact_person_reveal_log"  ("organisation_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_contact_person_reveal_log_user_id" ON "contact_person_reveal_log"  ("user_id") `);
        await queryRunner.query(`CREATE TYPE "public"."milestone_status" AS ENUM('PLANNED', 'IN_PROGRESS', 'DONE', 'CANCELLED')`);
        await queryRunner.query(`CREATE TABLE "growth_plan_milestone" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "firm_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "title" character varying(300) NOT NULL, "owner_name" character varying(200) NOT NULL, "due_on" date NOT NULL, "status" "public"."milestone_status" NOT NULL, "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_87f166ab421225d3abbf84fdf82" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_growth_plan_milestone_firm_id" ON "growth_plan_milestone"  ("firm_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_growth_plan_milestone_organisation_id" ON "growth_plan_milestone"  ("organisation_id") `);
        await queryRunner.query(`CREATE TYPE "public"."touchpoint_kind" AS ENUM('FIRST_CONTACT', 'GROWTH_MAPPING', 'GROWTH_PLAN_MILESTONE', 'GROWTH_PARTNERSHIP', 'REFERRAL', 'PROGRAMME_ENROLMENT', 'NETWORK_PARTICIPATION', 'CLUSTER_PARTICIPATION', 'EVENT_ATTENDANCE', 'DELEGATION_OR_INQUIRY', 'OUTCOME_REPORT', 'NOTE')`);
        await queryRunner.query(`CREATE TABLE "touchpoint" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "firm_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "recorded_by_user_id" uuid, "kind" "public"."touchpoint_kind" NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "supersedes_id" uuid, "correction_reason" character varying(1000), "summary" character varying(2000), "details" jsonb NOT NULL, "referral_id" uuid, "milestone_id" uuid, CONSTRAINT "CHK_touchpoint_recorded_after_occurred" CHECK (occurred_at <= recorded_at + interval '5 minutes'), CONSTRAINT "PK_6300fcbd2118e516bd624a54c2f" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_touchpoint_recorded_by_user_id" ON "touchpoint"  ("recorded_by_user_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_touchpoint_milestone_id" ON "touchpoint"  ("milestone_id") WHERE milestone_id IS NOT NULL`);
        await queryRunner.query(`CREATE INDEX "IDX_touchpoint_referral_id" ON "touchpoint"  ("referral_id") WHERE referral_id IS NOT NULL`);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_touchpoint_supersedes_id" ON "touchpoint"  ("supersedes_id") WHERE supersedes_id IS NOT NULL`);
        await queryRunner.query(`CREATE TYPE "public"."firm_segment" AS ENUM('ENTREPRENEUR', 'ESTABLISHED', 'GROWTH_FIRM', 'SCALE_UP')`);
        await queryRunner.query(`CREATE TABLE "growth_potential_assessment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "firm_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "level" "public"."growth_potential_level" NOT NULL, "segment" "public"."firm_segment" NOT NULL, "rationale" character varying(2000), "assessed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "assessed_by_user_id" uuid, CONSTRAINT "PK_c24578d3094a7ba6195a0366cf3" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_growth_potential_assessment_organisation_id" ON "growth_potential_assessment"  ("organisation_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_growth_potential_assessment_assessed_by_user_id" ON "growth_potential_assessment"  ("assessed_by_user_id") `);
        await queryRunner.query(`ALTER TABLE "referral" ADD CONSTRAINT "FK_b8f84e53785188311ca965569d0" FOREIGN KEY ("firm_id") REFERENCES "firm"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "referral" ADD CONSTRAINT "FK_1453fa382988cac81581725b25d" FOREIGN KEY ("sender_organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "referral" ADD CONSTRAINT "FK_fedea179603cc7e7d1fa9d7b4cd" FOREIGN KEY ("receiver_organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "referral_step" ADD CONSTRAINT "FK_7c636efb885743e54b87b2bb324" FOREIGN KEY ("referral_id") REFERENCES "referral"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "referral_step" ADD CONSTRAINT "FK_c61ce1951e4ad7c4208098ba1eb" FOREIGN KEY ("by_user_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "referral_step" ADD CONSTRAINT "FK_58e1fa7b600b1629008d48c6c6a" FOREIGN KEY ("by_organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "firm_consent" ADD CONSTRAINT "FK_aaaf30075215ef0e1dc3ed695fc" FOREIGN KEY ("firm_id") REFERENCES "firm"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "firm_consent" ADD CONSTRAINT "FK_74f99558a74b6b2ba7b24ea21ad" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "firm_consent" ADD CONSTRAINT "FK_09fa807fa7d939d9af439523d58" FOREIGN KEY ("recorded_by_user_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "firm_consent" ADD CONSTRAINT "FK_4e4a18204d4fe46d28d63b171e3" FOREIGN KEY ("withdrawn_by_user_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "firm_consent_recipient" ADD CONSTRAINT "FK_372c084e747dd7cb02ae89f6047" FOREIGN KEY ("consent_id") REFERENCES "firm_consent"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "firm_consent_recipient" ADD CONSTRAINT "FK_7e46adaf8322008a47faca18d2c" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "journey_access_log" ADD CONSTRAINT "FK_94fbcef6f137eb7a2827f53824c" FOREIGN KEY ("viewer_user_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "journey_access_log" ADD CONSTRAINT "FK_891fb1757f1113d00090d7581fe" FOREIGN KEY ("viewer_organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "journey_access_log" ADD CONSTRAINT "FK_2c787b462dbce15f834d63d757b" FOREIGN KEY ("firm_id") REFERENCES "firm"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "journey_access_log" ADD CONSTRAINT "FK_0365c649cd78b03a7418823c5a7" FOREIGN KEY ("owner_organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "journey_access_log" ADD CONSTRAINT "FK_ede94f2a675bd5ac05ee4b11dec" FOREIGN KEY ("consent_id") REFERENCES "firm_consent"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "journey_access_log" ADD CONSTRAINT "FK_bf7aba8fec76bca1e4ab3740a59" FOREIGN KEY ("referral_id") REFERENCES "referral"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "contact_person" ADD CONSTRAINT "FK_d85b2e9d6e21b5317348b4654ae" FOREIGN KEY ("firm_id") REFERENCES "firm"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "contact_person" ADD CONSTRAINT "FK_b8e2ceef86801bcb40917da102c" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "contact_person" ADD CONSTRAINT "FK_dfe51c358f3b5ca1bc3122b06e4" FOREIGN KEY ("created_by_user_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "contact_person_reveal_log" ADD CONSTRAINT "FK_ac01676a142b9523cc01a49eca9" FOREIGN KEY ("contact_person_id") REFERENCES "contact_person"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "contact_person_reveal_log" ADD CONSTRAINT "FK_b9a57f1a8e7e4a3ef488e0d874c" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "contact_person_reveal_log" ADD CONSTRAINT "FK_856e44e8cb517a55ada137bb4e3" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "growth_plan_milestone" ADD CONSTRAINT "FK_cff9357e551cfae8ff4555e6fb1" FOREIGN KEY ("firm_id") REFERENCES "firm"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "growth_plan_milestone" ADD CONSTRAINT "FK_497e745a20be130424094a1d988" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "touchpoint" ADD CONSTRAINT "FK_f5f28ab47c6aaa029ec904ece5b" FOREIGN KEY ("firm_id") REFERENCES "firm"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "touchpoint" ADD CONSTRAINT "FK_a713af18f4f8c239e4a170cba01" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "touchpoint" ADD CONSTRAINT "FK_d3824f60215c1e1bba7757d9b35" FOREIGN KEY ("recorded_by_user_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "touchpoint" ADD CONSTRAINT "FK_ea70ad5f88510c9d2ef901d7649" FOREIGN KEY ("supersedes_id") REFERENCES "touchpoint"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "touchpoint" ADD CONSTRAINT "FK_e6ae926301c115a54600001e812" FOREIGN KEY ("referral_id") REFERENCES "referral"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "touchpoint" ADD CONSTRAINT "FK_5f0445f7aa06e66028c925defbc" FOREIGN KEY ("milestone_id") REFERENCES "growth_plan_milestone"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "growth_potential_assessment" ADD CONSTRAINT "FK_7f959dd3a772b743393fef5cb5b" FOREIGN KEY ("firm_id") REFERENCES "firm"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "growth_potential_assessment" ADD CONSTRAINT "FK_59b3fc37387b9a8a8c79041f534" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "growth_potential_assessment" ADD CONSTRAINT "FK_7b4abce56ee6784b6b7b188689a" FOREIGN KEY ("assessed_by_user_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);

        // Hand-written: indexes for the journey page, the worklist, the inbox and the access log (keyset order).
        await queryRunner.query(`CREATE INDEX "IDX_touchpoint_firm_occurred" ON "touchpoint" ("firm_id", "occurred_at" DESC, "id" DESC)`);
        await queryRunner.query(`CREATE INDEX "IDX_touchpoint_organisation_occurred" ON "touchpoint" ("organisation_id", "occurred_at" DESC, "firm_id")`);
        await queryRunner.query(`CREATE INDEX "IDX_growth_plan_milestone_due" ON "growth_plan_milestone" ("organisation_id", "due_on", "id") WHERE status IN ('PLANNED', 'IN_PROGRESS')`);
        await queryRunner.query(`CREATE INDEX "IDX_referral_receiver_inbox" ON "referral" ("receiver_organisation_id", "sent_at", "id") WHERE status IN ('SENT', 'ACCEPTED', 'FIRST_CONTACT')`);
        await queryRunner.query(`CREATE INDEX "IDX_journey_access_log_owner_at" ON "journey_access_log" ("owner_organisation_id", "at" DESC, "id" DESC)`);
        await queryRunner.query(`CREATE INDEX "IDX_growth_potential_assessment_firm" ON "growth_potential_assessment" ("firm_id", "assessed_at" DESC, "id" DESC)`);
        // For counting (KPIs): the journey without the entries that were corrected by a later one.
        await queryRunner.query(`CREATE VIEW "current_touchpoint" AS
            SELECT t.* FROM "touchpoint" t WHERE NOT EXISTS (SELECT 1 FROM "touchpoint" c WHERE c.supersedes_id = t.id)`);
        // Append-only history, enforced by the database: UPDATE of content and DELETE/TRUNCATE are refused.
        // The trigger arguments name user-reference columns that may only change to NULL (ON DELETE SET NULL when a user is erased).
        await queryRunner.query(`CREATE FUNCTION append_only_guard() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE old_row jsonb; new_row jsonb; col text;
            BEGIN
              IF TG_OP <> 'UPDATE' THEN
                RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'restrict_violation';
              END IF;
              old_row := to_jsonb(OLD);
              new_row := to_jsonb(NEW);
              IF TG_NARGS > 0 THEN
                FOREACH col IN ARRAY TG_ARGV LOOP
                  IF new_row -> col = 'null'::jsonb THEN
                    old_row := old_row - col;
                    new_row := new_row - col;
                  END IF;
                END LOOP;
              END IF;
              IF new_row IS DISTINCT FROM old_row THEN
                RAISE EXCEPTION '% is append-only: UPDATE refused', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
              END IF;
              RETURN NEW;
            END $$`);
        for (const [table, userColumns] of [
          ['touchpoint', ['recorded_by_user_id']],
          ['referral_step', ['by_user_id']],
          ['journey_access_log', ['viewer_user_id']],
          ['contact_person_reveal_log', ['user_id']],
          ['growth_potential_assessment', ['assessed_by_user_id']],
          ['firm_consent_recipient', []],
        ] as const) {
            const args = userColumns.map((c) => `'${c}'`).join(', ');
            await queryRunner.query(`CREATE TRIGGER "${table}_append_only" BEFORE UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION append_only_guard(${args})`);
            await queryRunner.query(`CREATE TRIGGER "${table}_no_truncate" BEFORE TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION append_only_guard()`);
        }
        // A referral's content is fixed; only its status moves (its steps are the append-only history).
        // A consent's content is fixed; it can only be withdrawn, once.
        await queryRunner.query(`CREATE FUNCTION referral_guard() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF TG_OP <> 'UPDATE' THEN
                RAISE EXCEPTION 'referral rows are never deleted: % refused', TG_OP USING ERRCODE = 'restrict_violation';
              END IF;
              IF (NEW.firm_id, NEW.sender_organisation_id, NEW.receiver_organisation_id, NEW.reason, NEW.sent_at)
                   IS DISTINCT FROM (OLD.firm_id, OLD.sender_organisation_id, OLD.receiver_organisation_id, OLD.reason, OLD.sent_at) THEN
                RAISE EXCEPTION 'referral content is immutable' USING ERRCODE = 'restrict_violation';
              END IF;
              RETURN NEW;
            END $$`);
        await queryRunner.query(`CREATE FUNCTION firm_consent_guard() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF TG_OP <> 'UPDATE' THEN
                RAISE EXCEPTION 'firm_consent rows are never deleted: % refused', TG_OP USING ERRCODE = 'restrict_violation';
              END IF;
              IF (NEW.firm_id, NEW.organisation_id, NEW.scope, NEW.purpose, NEW.valid_until, NEW.recorded_at)
                   IS DISTINCT FROM (OLD.firm_id, OLD.organisation_id, OLD.scope, OLD.purpose, OLD.valid_until, OLD.recorded_at)
                 OR (OLD.withdrawn_at IS NOT NULL AND NEW.withdrawn_at IS DISTINCT FROM OLD.withdrawn_at) THEN
                RAISE EXCEPTION 'a consent can only be withdrawn (once)' USING ERRCODE = 'restrict_violation';
              END IF;
              RETURN NEW;
            END $$`);
        await queryRunner.query(`CREATE TRIGGER "referral_guard" BEFORE UPDATE OR DELETE ON "referral" FOR EACH ROW EXECUTE FUNCTION referral_guard()`);
        await queryRunner.query(`CREATE TRIGGER "firm_consent_guard" BEFORE UPDATE OR DELETE ON "firm_consent" FOR EACH ROW EXECUTE FUNCTION firm_consent_guard()`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER "firm_consent_guard" ON "firm_consent"`);
        await queryRunner.query(`DROP TRIGGER "referral_guard" ON "referral"`);
        await queryRunner.query(`DROP FUNCTION firm_consent_guard()`);
        await queryRunner.query(`DROP FUNCTION referral_guard()`);
        for (const table of ['touchpoint', 'referral_step', 'journey_access_log', 'contact_person_reveal_log', 'growth_potential_assessment', 'firm_consent_recipient']) {
            await queryRunner.query(`DROP TRIGGER "${table}_no_truncate" ON "${table}"`);
            await queryRunner.query(`DROP TRIGGER "${table}_append_only" ON "${table}"`);
        }
        await queryRunner.query(`DROP FUNCTION append_only_guard()`);
        await queryRunner.query(`DROP VIEW "current_touchpoint"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_growth_potential_assessment_firm"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_journey_access_log_owner_at"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_referral_receiver_inbox"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_growth_plan_milestone_due"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_touchpoint_organisation_occurred"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_touchpoint_firm_occurred"`);
        await queryRunner.query(`ALTER TABLE "growth_potential_assessment" DROP CONSTRAINT "FK_7b4abce56ee6784b6b7b188689a"`);
        await queryRunner.query(`ALTER TABLE "growth_potential_assessment" DROP CONSTRAINT "FK_59b3fc37387b9a8a8c79041f534"`);
        await queryRunner.query(`ALTER TABLE "growth_potential_assessment" DROP CONSTRAINT "FK_7f959dd3a772b743393fef5cb5b"`);
        await queryRunner.query(`ALTER TABLE "touchpoint" DROP CONSTRAINT "FK_5f0445f7aa06e66028c925defbc"`);
        await queryRunner.query(`ALTER TABLE "touchpoint" DROP CONSTRAINT "FK_e6ae926301c115a54600001e812"`);
        await queryRunner.query(`ALTER TABLE "touchpoint" DROP CONSTRAINT "FK_ea70ad5f88510c9d2ef901d7649"`);
        await queryRunner.query(`ALTER TABLE "touchpoint" DROP CONSTRAINT "FK_d3824f60215c1e1bba7757d9b35"`);
        await queryRunner.query(`ALTER TABLE "touchpoint" DROP CONSTRAINT "FK_a713af18f4f8c239e4a170cba01"`);
        await queryRunner.query(`ALTER TABLE "touchpoint" DROP CONSTRAINT "FK_f5f28ab47c6aaa029ec904ece5b"`);
        await queryRunner.query(`ALTER TABLE "growth_plan_milestone" DROP CONSTRAINT "FK_497e745a20be130424094a1d988"`);
        await queryRunner.query(`ALTER TABLE "growth_plan_milestone" DROP CONSTRAINT "FK_cff9357e551cfae8ff4555e6fb1"`);
        await queryRunner.query(`ALTER TABLE "contact_person_reveal_log" DROP CONSTRAINT "FK_856e44e8cb517a55ada137bb4e3"`);
        await queryRunner.query(`ALTER TABLE "contact_person_reveal_log" DROP CONSTRAINT "FK_b9a57f1a8e7e4a3ef488e0d874c"`);
        await queryRunner.query(`ALTER TABLE "contact_person_reveal_log" DROP CONSTRAINT "FK_ac01676a142b9523cc01a49eca9"`);
        await queryRunner.query(`ALTER TABLE "contact_person" DROP CONSTRAINT "FK_dfe51c358f3b5ca1bc3122b06e4"`);
        await queryRunner.query(`ALTER TABLE "contact_person" DROP CONSTRAINT "FK_b8e2ceef86801bcb40917da102c"`);
        await queryRunner.query(`ALTER TABLE "contact_person" DROP CONSTRAINT "FK_d85b2e9d6e21b5317348b4654ae"`);
        await queryRunner.query(`ALTER TABLE "journey_access_log" DROP CONSTRAINT "FK_bf7aba8fec76bca1e4ab3740a59"`);
        await queryRunner.query(`ALTER TABLE "journey_access_log" DROP CONSTRAINT "FK_ede94f2a675bd5ac05ee4b11dec"`);
        await queryRunner.query(`ALTER TABLE "journey_access_log" DROP CONSTRAINT "FK_0365c649cd78b03a7418823c5a7"`);
        await queryRunner.query(`ALTER TABLE "journey_access_log" DROP CONSTRAINT "FK_2c787b462dbce15f834d63d757b"`);
        await queryRunner.query(`ALTER TABLE "journey_access_log" DROP CONSTRAINT "FK_891fb1757f1113d00090d7581fe"`);
        await queryRunner.query(`ALTER TABLE "journey_access_log" DROP CONSTRAINT "FK_94fbcef6f137eb7a2827f53824c"`);
        await queryRunner.query(`ALTER TABLE "firm_consent_recipient" DROP CONSTRAINT "FK_7e46adaf8322008a47faca18d2c"`);
        await queryRunner.query(`ALTER TABLE "firm_consent_recipient" DROP CONSTRAINT "FK_372c084e747dd7cb02ae89f6047"`);
        await queryRunner.query(`ALTER TABLE "firm_consent" DROP CONSTRAINT "FK_4e4a18204d4fe46d28d63b171e3"`);
        await queryRunner.query(`ALTER TABLE "firm_consent" DROP CONSTRAINT "FK_09fa807fa7d939d9af439523d58"`);
        await queryRunner.query(`ALTER TABLE "firm_consent" DROP CONSTRAINT "FK_74f99558a74b6b2ba7b24ea21ad"`);
        await queryRunner.query(`ALTER TABLE "firm_consent" DROP CONSTRAINT "FK_aaaf30075215ef0e1dc3ed695fc"`);
        await queryRunner.query(`ALTER TABLE "referral_step" DROP CONSTRAINT "FK_58e1fa7b600b1629008d48c6c6a"`);
        await queryRunner.query(`ALTER TABLE "referral_step" DROP CONSTRAINT "FK_c61ce1951e4ad7c4208098ba1eb"`);
        await queryRunner.query(`ALTER TABLE "referral_step" DROP CONSTRAINT "FK_7c636efb885743e54b87b2bb324"`);
        await queryRunner.query(`ALTER TABLE "referral" DROP CONSTRAINT "FK_fedea179603cc7e7d1fa9d7b4cd"`);
        await queryRunner.query(`ALTER TABLE "referral" DROP CONSTRAINT "FK_1453fa382988cac81581725b25d"`);
        await queryRunner.query(`ALTER TABLE "referral" DROP CONSTRAINT "FK_b8f84e53785188311ca965569d0"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_growth_potential_assessment_assessed_by_user_id"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_growth_potential_assessment_organisation_id"`);
        await queryRunner.query(`DROP TABLE "growth_potential_assessment"`);
        await queryRunner.query(`DROP TYPE "public"."firm_segment"`);
        await queryRunner.query(`DROP INDEX "public"."UQ_touchpoint_supersedes_id"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_touchpoint_referral_id"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_touchpoint_milestone_id"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_touchpoint_recorded_by_user_id"`);
        await queryRunner.query(`DROP TABLE "touchpoint"`);
        await queryRunner.query(`DROP TYPE "public"."touchpoint_kind"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_growth_plan_milestone_organisation_id"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_growth_plan_milestone_firm_id"`);
        await queryRunner.query(`DROP TABLE "growth_plan_milestone"`);
        await queryRunner.query(`DROP TYPE "public"."milestone_status"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_contact_person_reveal_log_user_id"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_contact_person_reveal_log_organisation_id"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_contact_person_reveal_log_contact_person_id"`);
        await queryRunner.query(`DROP TABLE "contact_person_reveal_log"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_contact_person_created_by_user_id"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_contact_person_organisation_id"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_contact_person_firm_id"`);
        await queryRunner.query(`DROP TABLE "contact_person"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_journey_access_log_referral_id"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_journey_access_log_consent_id"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_journey_access_log_firm_id"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_journey_access_log_viewer_organisation_id"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_journey_access_log_viewer_user_id"`);
        await queryRunner.query(`DROP TABLE "journey_access_log"`);
        await queryRunner.query(`DROP TYPE "public"."access_basis"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_firm_consent_recipient_organisation_id"`);
        await queryRunner.query(`DROP TABLE "firm_consent_recipient"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_firm_consent_firm_organisation"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_firm_consent_withdrawn_by_user_id"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_firm_consent_recorded_by_user_id"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_firm_consent_organisation_id"`);
        await queryRunner.query(`DROP TABLE "firm_consent"`);
        await queryRunner.query(`DROP TYPE "public"."consent_scope"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_referral_step_by_organisation_id"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_referral_step_by_user_id"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_referral_step_referral_id"`);
        await queryRunner.query(`DROP TABLE "referral_step"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_referral_receiver_organisation_id"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_referral_sender_organisation_id"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_referral_firm_id"`);
        await queryRunner.query(`DROP TABLE "referral"`);
        await queryRunner.query(`DROP TYPE "public"."referral_status"`);
    }

}
