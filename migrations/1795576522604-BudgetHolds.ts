import { MigrationInterface, QueryRunner } from 'typeorm';

export class BudgetHolds1795576522604 implements MigrationInterface {
  name = 'BudgetHolds1795576522604';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // What an account's unfinished jobs hold of its balance and of its USD/hour limit, kept with each job
    // and summed on the account, so intake checks and reserves in one guarded update.
    await queryRunner.query(`ALTER TABLE "accounts" ADD "held_usd" numeric NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "accounts" ADD "held_usd_per_hour" numeric NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "jobs" ADD "held_usd" numeric NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "jobs" ADD "held_usd_per_hour" numeric NOT NULL DEFAULT '0'`);
    // Jobs accepted before holds existed hold nothing: their accounts start at zero.
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "jobs" DROP COLUMN "held_usd_per_hour"`);
    await queryRunner.query(`ALTER TABLE "jobs" DROP COLUMN "held_usd"`);
    await queryRunner.query(`ALTER TABLE "accounts" DROP COLUMN "held_usd_per_hour"`);
    await queryRunner.query(`ALTER TABLE "accounts" DROP COLUMN "held_usd"`);
  }
}
