import { MigrationInterface, QueryRunner } from 'typeorm';

export class OfferContentHash1795600000000 implements MigrationInterface {
  name = 'OfferContentHash1795600000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // A digest of what a sync wrote for the offer apart from its times and provenance: an offer listed again
    // unchanged only has those rewritten. Rows from before (NULL) count as changed once.
    await queryRunner.query(`ALTER TABLE "offers" ADD "content_hash" text`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "offers" DROP COLUMN "content_hash"`);
  }
}
