import { MigrationInterface, QueryRunner } from 'typeorm';

export class StatusSeen1795576951373 implements MigrationInterface {
  name = 'StatusSeen1795576951373';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // When the network last answered a placement's status: a placement unanswered for long is taken as lost.
    await queryRunner.query(`ALTER TABLE "job_attempts" ADD "status_seen_at" TIMESTAMP WITH TIME ZONE`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "job_attempts" DROP COLUMN "status_seen_at"`);
  }
}
