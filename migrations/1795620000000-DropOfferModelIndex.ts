import { MigrationInterface, QueryRunner } from 'typeorm';

export class DropOfferModelIndex1795620000000 implements MigrationInterface {
  name = 'DropOfferModelIndex1795620000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // No query reads offers by GPU model (the in-memory index serves every read by model): the index only cost
    // every publish an entry per new or changed offer.
    await queryRunner.query(`DROP INDEX "public"."ix_offers_gpu_model"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_offers_gpu_model" ON "offers"  ("gpu_model") `);
  }
}
