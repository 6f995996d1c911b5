import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the partner dashboards' aggregates (server/src/dashboards): each panel reads one kind of
 * recorded event over a period, so the period column is indexed (and for touchpoints, kind first).
 * The touchpoint index carries what the growth-work panel reads, so it can be an index-only scan.
 * Declared on the entities with `synchronize: false` (hand-written, like the journeys' keyset indexes).
 */
export class DashboardIndexes1765500000000 implements MigrationInterface {
  name = 'DashboardIndexes1765500000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "IDX_touchpoint_kind_occurred" ON "touchpoint" ("kind", "occurred_at") INCLUDE ("firm_id", "organisation_id", "id")`);
    await queryRunner.query(`CREATE INDEX "IDX_referral_sent_at" ON "referral" ("sent_at")`);
    await queryRunner.query(`CREATE INDEX "IDX_programme_enrolment_event_recorded_at" ON "programme_enrolment_event" ("recorded_at")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_programme_enrolment_event_recorded_at"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_referral_sent_at"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_touchpoint_kind_occurred"`);
  }
}
