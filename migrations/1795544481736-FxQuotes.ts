import { MigrationInterface, QueryRunner } from 'typeorm';

export class FxQuotes1795544481736 implements MigrationInterface {
  name = 'FxQuotes1795544481736';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "fx_quotes" ("id" BIGSERIAL NOT NULL, "asset" text NOT NULL, "usd" numeric NOT NULL, "source" text NOT NULL, "confidence" numeric NOT NULL, "spread" numeric NOT NULL, "sources" jsonb NOT NULL, "publish_time" TIMESTAMP WITH TIME ZONE NOT NULL, "observed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "stale" boolean NOT NULL, "stale_after" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_8af996fca8d5ca873aff496a388" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_fx_quotes_asset_observed_at" ON "fx_quotes"  ("asset", "observed_at") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_fx_quotes_asset_observed_at"`);
    await queryRunner.query(`DROP TABLE "fx_quotes"`);
  }
}
