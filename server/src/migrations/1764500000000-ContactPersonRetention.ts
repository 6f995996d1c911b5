import { MigrationInterface, QueryRunner } from 'typeorm';

/** Retention of contact persons' personal data: a date after which it is anonymised, and when that happened. */
export class ContactPersonRetention1764500000000 implements MigrationInterface {
  name = 'ContactPersonRetention1764500000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "contact_person" ADD "retain_until" date`);
    await queryRunner.query(`UPDATE "contact_person" SET "retain_until" = (created_at AT TIME ZONE 'Europe/Copenhagen')::date + interval '3 years'`);
    await queryRunner.query(`ALTER TABLE "contact_person" ALTER COLUMN "retain_until" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "contact_person" ADD "anonymised_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`CREATE INDEX "IDX_contact_person_retain_until" ON "contact_person" ("retain_until") WHERE anonymised_at IS NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_contact_person_retain_until"`);
    await queryRunner.query(`ALTER TABLE "contact_person" DROP COLUMN "anonymised_at"`);
    await queryRunner.query(`ALTER TABLE "contact_person" DROP COLUMN "retain_until"`);
  }
}
