import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * State that several API processes must share, so that they behave as one: idempotency keys of
 * mutations, rate-limit and sign-in counters, and when each scheduled job last ran. These tables have
 * no entities; core/idempotency.ts, core/rate-limit.ts and core/jobs.ts use them with plain SQL.
 */
export class SharedProcessState1765200000000 implements MigrationInterface {
  name = 'SharedProcessState1765200000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // One row per (caller, mutation, key): claimed inside the mutation's own transaction, so it exists
    // exactly when the mutation's writes do. `response` is filled in right after the commit.
    await queryRunner.query(`
      CREATE TABLE "idempotency_key" (
        "principal" text NOT NULL,
        "operation" text NOT NULL,
        "key" text NOT NULL,
        "fingerprint" text NOT NULL,
        "response" jsonb,
        "withheld" boolean NOT NULL DEFAULT false,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "PK_idempotency_key" PRIMARY KEY ("principal", "operation", "key")
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_idempotency_key_expires_at" ON "idempotency_key" ("expires_at")`);
    // Fixed-window counters. UNLOGGED: written on every request, so no WAL; after a crash of PostgreSQL
    // the counters start from zero, which is harmless for limits measured in minutes.
    await queryRunner.query(`
      CREATE UNLOGGED TABLE "rate_limit_counter" (
        "key" text NOT NULL,
        "hits" integer NOT NULL,
        "window_ends_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "PK_rate_limit_counter" PRIMARY KEY ("key")
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_rate_limit_counter_window_ends_at" ON "rate_limit_counter" ("window_ends_at")`);
    await queryRunner.query(`
      CREATE TABLE "scheduled_job" (
        "name" text NOT NULL,
        "last_started_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "last_finished_at" TIMESTAMP WITH TIME ZONE,
        "runs" integer NOT NULL DEFAULT 0,
        CONSTRAINT "PK_scheduled_job" PRIMARY KEY ("name")
      )`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "scheduled_job"`);
    await queryRunner.query(`DROP TABLE "rate_limit_counter"`);
    await queryRunner.query(`DROP TABLE "idempotency_key"`);
  }
}
