import { MigrationInterface, QueryRunner } from 'typeorm';

export class OfferSnapshotExpiry1795610000000 implements MigrationInterface {
  name = 'OfferSnapshotExpiry1795610000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Every offer of one publish shares its publish time and expiry: they are kept once per network, beside the
    // snapshot's version, instead of on every row. An offer listed again unchanged then has only columns rewritten
    // that no index covers, so PostgreSQL updates it in place on its page (a HOT update) when the page has room:
    // the fill factor leaves that room on the pages written from now on.
    await queryRunner.query(`ALTER TABLE "networks" ADD "snapshot_published_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "networks" ADD "snapshot_expires_at" TIMESTAMP WITH TIME ZONE`);
    // A publish rewrote every row of its network with the same times, so the latest ones are the snapshot's.
    // Offers of a network without a row in networks have no expiry any more: they read as expired (and a boot
    // removes them anyway, as it removes every network that is not configured).
    await queryRunner.query(
      `UPDATE "networks" n SET "snapshot_published_at" = o.published_at, "snapshot_expires_at" = o.expires_at
       FROM (SELECT network, max(published_at) AS published_at, max(expires_at) AS expires_at FROM "offers" GROUP BY network) o
       WHERE n.id = o.network`,
    );
    await queryRunner.query(`DROP INDEX "public"."ix_offers_expires_at"`);
    await queryRunner.query(`ALTER TABLE "offers" DROP COLUMN "published_at"`);
    await queryRunner.query(`ALTER TABLE "offers" DROP COLUMN "expires_at"`);
    await queryRunner.query(`ALTER TABLE "offers" SET (fillfactor = 50)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "offers" RESET (fillfactor)`);
    await queryRunner.query(`ALTER TABLE "offers" ADD "published_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "offers" ADD "expires_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(
      `UPDATE "offers" o SET "published_at" = n.snapshot_published_at, "expires_at" = n.snapshot_expires_at
       FROM "networks" n WHERE n.id = o.network`,
    );
    // Offers without a snapshot expiry were not live: nothing would ever have served them.
    await queryRunner.query(`DELETE FROM "offers" WHERE "published_at" IS NULL OR "expires_at" IS NULL`);
    await queryRunner.query(`ALTER TABLE "offers" ALTER COLUMN "published_at" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "offers" ALTER COLUMN "expires_at" SET NOT NULL`);
    await queryRunner.query(`CREATE INDEX "ix_offers_expires_at" ON "offers"  ("expires_at") `);
    await queryRunner.query(`ALTER TABLE "networks" DROP COLUMN "snapshot_expires_at"`);
    await queryRunner.query(`ALTER TABLE "networks" DROP COLUMN "snapshot_published_at"`);
  }
}
