import { MigrationInterface, QueryRunner } from 'typeorm';

export class Pool1795543832933 implements MigrationInterface {
  name = 'Pool1795543832933';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "health_samples" ("id" BIGSERIAL NOT NULL, "network" text NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "score" numeric(5,4) NOT NULL, "state" text NOT NULL, "reason" text, "parts" jsonb NOT NULL, CONSTRAINT "PK_72e80ceb458e541299245c44368" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_health_samples_network_at" ON "health_samples"  ("network", "at") `);
    await queryRunner.query(
      `CREATE TABLE "networks" ("id" text NOT NULL, "display_name" text NOT NULL, "plugin_version" text NOT NULL, "simulated" boolean NOT NULL DEFAULT false, "last_sync_started_at" TIMESTAMP WITH TIME ZONE, "last_sync_finished_at" TIMESTAMP WITH TIME ZONE, "last_sync_ok" boolean, "last_sync_duration_ms" integer, "last_sync_offers" integer NOT NULL DEFAULT '0', "last_sync_quarantined" integer NOT NULL DEFAULT '0', "last_error" text, "last_good_sync_at" TIMESTAMP WITH TIME ZONE, "snapshot_version" bigint NOT NULL DEFAULT '0', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_61b1ee921bf79550d9d4742b9f7" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "offers" ("network" text NOT NULL, "offer_id" text NOT NULL, "provider_id" text NOT NULL, "provider_name" text, "region" text, "country" text, "provider_attributes" jsonb, "gpu_label" text NOT NULL, "gpu_model" text NOT NULL, "gpu_count" integer NOT NULL, "gpu_vram_gb" numeric NOT NULL, "fixed_count" boolean NOT NULL DEFAULT false, "cpu" numeric, "memory_gb" numeric, "disk_gb" numeric, "native_price" jsonb NOT NULL, "price_kind" text NOT NULL, "usd_per_gpu_hour" numeric NOT NULL, "usd_per_hour" numeric NOT NULL, "provenance" jsonb NOT NULL, "signals" jsonb NOT NULL, "observed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "published_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "raw" jsonb, CONSTRAINT "PK_e30901d5d28819638755ea934d3" PRIMARY KEY ("network", "offer_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_offers_expires_at" ON "offers"  ("expires_at") `);
    await queryRunner.query(`CREATE INDEX "ix_offers_gpu_model" ON "offers"  ("gpu_model") `);
    await queryRunner.query(
      `CREATE TABLE "price_aggregates" ("id" BIGSERIAL NOT NULL, "network" text NOT NULL, "gpu_model" text NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "min_usd" numeric NOT NULL, "median_usd" numeric NOT NULL, "max_usd" numeric NOT NULL, "offers" integer NOT NULL, "gpus" integer NOT NULL, CONSTRAINT "PK_761e1854f773798bff8e08c09b5" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_price_aggregates_model_at" ON "price_aggregates"  ("gpu_model", "at") `);
    await queryRunner.query(
      `CREATE TABLE "quarantined_records" ("id" BIGSERIAL NOT NULL, "network" text NOT NULL, "sync_run_id" bigint, "reason" text NOT NULL, "raw" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c424c2212e5bf98dae1df5da894" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_quarantined_network_created" ON "quarantined_records"  ("network", "created_at") `);
    await queryRunner.query(
      `CREATE TABLE "sync_runs" ("id" BIGSERIAL NOT NULL, "network" text NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "finished_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ok" boolean NOT NULL, "offers" integer NOT NULL DEFAULT '0', "quarantined" integer NOT NULL DEFAULT '0', "duration_ms" integer NOT NULL, "error" text, CONSTRAINT "PK_adf13fff41a683b3b991fb90b11" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_sync_runs_network_started" ON "sync_runs"  ("network", "started_at") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_sync_runs_network_started"`);
    await queryRunner.query(`DROP TABLE "sync_runs"`);
    await queryRunner.query(`DROP INDEX "public"."ix_quarantined_network_created"`);
    await queryRunner.query(`DROP TABLE "quarantined_records"`);
    await queryRunner.query(`DROP INDEX "public"."ix_price_aggregates_model_at"`);
    await queryRunner.query(`DROP TABLE "price_aggregates"`);
    await queryRunner.query(`DROP INDEX "public"."ix_offers_gpu_model"`);
    await queryRunner.query(`DROP INDEX "public"."ix_offers_expires_at"`);
    await queryRunner.query(`DROP TABLE "offers"`);
    await queryRunner.query(`DROP TABLE "networks"`);
    await queryRunner.query(`DROP INDEX "public"."ix_health_samples_network_at"`);
    await queryRunner.query(`DROP TABLE "health_samples"`);
  }
}
