import { MigrationInterface, QueryRunner } from 'typeorm';

export class Jobs1795544635330 implements MigrationInterface {
  name = 'Jobs1795544635330';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "job_attempts" ("id" uuid NOT NULL, "job_id" uuid NOT NULL, "n" integer NOT NULL, "network" text NOT NULL, "offer_id" text NOT NULL, "provider_id" text NOT NULL, "region" text, "gpu_model" text NOT NULL, "decision" jsonb NOT NULL, "offer_snapshot" jsonb NOT NULL, "placement" jsonb, "state" text NOT NULL, "quoted_usd_per_hour" numeric NOT NULL, "usd_per_hour" numeric NOT NULL, "native_price" jsonb, "submitted_at" TIMESTAMP WITH TIME ZONE NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE, "finished_at" TIMESTAMP WITH TIME ZONE, "reached_running" boolean NOT NULL DEFAULT false, "outcome" text, "error" jsonb, "cost_usd" numeric NOT NULL DEFAULT '0', CONSTRAINT "PK_61deab46f06c9ab9d5585b28423" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_job_attempts_network_submitted" ON "job_attempts"  ("network", "submitted_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_job_attempts_job_n" ON "job_attempts"  ("job_id", "n") `);
    await queryRunner.query(
      `CREATE TABLE "job_events" ("id" BIGSERIAL NOT NULL, "job_id" uuid NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "type" text NOT NULL, "from_state" text, "to_state" text, "reason" text NOT NULL, "data" jsonb, CONSTRAINT "PK_77f0d06e95eed355f7a38f6093b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_job_events_job_id" ON "job_events"  ("job_id", "id") `);
    await queryRunner.query(
      `CREATE TABLE "jobs" ("id" uuid NOT NULL, "account_id" text NOT NULL, "idempotency_key" text, "request_hash" text NOT NULL, "spec" jsonb NOT NULL, "routing" jsonb NOT NULL, "warnings" jsonb NOT NULL, "state" text NOT NULL, "state_reason" text, "attempts" integer NOT NULL DEFAULT '0', "max_attempts" integer NOT NULL, "deadline_at" TIMESTAMP WITH TIME ZONE NOT NULL, "next_run_at" TIMESTAMP WITH TIME ZONE NOT NULL, "claimed_until" TIMESTAMP WITH TIME ZONE, "current_attempt_id" uuid, "cancel_requested" boolean NOT NULL DEFAULT false, "cost_usd" numeric NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_cf0a6c42b72fcc7f7c237def345" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_jobs_account_created" ON "jobs"  ("account_id", "created_at") `);
    await queryRunner.query(`CREATE INDEX "ix_jobs_state_next_run" ON "jobs"  ("state", "next_run_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_jobs_account_idempotency_key" ON "jobs"  ("account_id", "idempotency_key") `);
    await queryRunner.query(
      `CREATE TABLE "routing_blocks" ("id" BIGSERIAL NOT NULL, "scope" text NOT NULL, "network" text NOT NULL, "key" text NOT NULL, "reason" text NOT NULL, "until" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f9de7b1b3412f3a08d8d1c6be1f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_routing_blocks_until" ON "routing_blocks"  ("until") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_routing_blocks_until"`);
    await queryRunner.query(`DROP TABLE "routing_blocks"`);
    await queryRunner.query(`DROP INDEX "public"."ux_jobs_account_idempotency_key"`);
    await queryRunner.query(`DROP INDEX "public"."ix_jobs_state_next_run"`);
    await queryRunner.query(`DROP INDEX "public"."ix_jobs_account_created"`);
    await queryRunner.query(`DROP TABLE "jobs"`);
    await queryRunner.query(`DROP INDEX "public"."ix_job_events_job_id"`);
    await queryRunner.query(`DROP TABLE "job_events"`);
    await queryRunner.query(`DROP INDEX "public"."ux_job_attempts_job_n"`);
    await queryRunner.query(`DROP INDEX "public"."ix_job_attempts_network_submitted"`);
    await queryRunner.query(`DROP TABLE "job_attempts"`);
  }
}
