import { MigrationInterface, QueryRunner } from 'typeorm';

export class UsageSettlement1795567663027 implements MigrationInterface {
  name = 'UsageSettlement1795567663027';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "job_attempts" ADD "usage_settled_at" TIMESTAMP WITH TIME ZONE`);
    // Attempts that ended before this column existed were charged when they ended.
    await queryRunner.query(`UPDATE "job_attempts" SET "usage_settled_at" = "finished_at" WHERE "finished_at" IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "ix_job_attempts_unsettled" ON "job_attempts" ("finished_at") WHERE usage_settled_at IS NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_job_attempts_unsettled"`);
    await queryRunner.query(`ALTER TABLE "job_attempts" DROP COLUMN "usage_settled_at"`);
  }
}
