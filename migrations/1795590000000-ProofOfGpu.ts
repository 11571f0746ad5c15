import { MigrationInterface, QueryRunner } from 'typeorm';

export class ProofOfGpu1795590000000 implements MigrationInterface {
  name = 'ProofOfGpu1795590000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // The proof-of-GPU challenge: a commit (Merkle roots) then an opening (rows), against the inventory it tests.
    await queryRunner.query(`ALTER TABLE "node_challenges" ADD "profile" text NOT NULL DEFAULT 'gpu'`);
    await queryRunner.query(`ALTER TABLE "node_challenges" ADD "size" integer NOT NULL DEFAULT 0`);
    await queryRunner.query(`ALTER TABLE "node_challenges" ADD "inventory" jsonb NOT NULL DEFAULT '[]'`);
    await queryRunner.query(`ALTER TABLE "node_challenges" ADD "commitment" jsonb`);
    await queryRunner.query(`ALTER TABLE "node_challenges" ADD "opening" jsonb`);
    await queryRunner.query(`ALTER TABLE "node_challenges" ADD "prover" text`);
    await queryRunner.query(`ALTER TABLE "node_challenges" ADD "committed_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "node_challenges" ADD "open_deadline" TIMESTAMP WITH TIME ZONE`);
    // Demo agents are marked, so only they get CPU-sized challenges; re-challenges come at random times.
    await queryRunner.query(`ALTER TABLE "nodes" ADD "simulated" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "nodes" ADD "next_challenge_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "node_enrolment_codes" ADD "simulated" boolean NOT NULL DEFAULT false`);
    // A pass of the retired self-reported probe proves nothing: every node must pass the proof of GPU again
    // (not undone by down(): the old verification is not worth restoring), and unanswered old challenges close.
    await queryRunner.query(`UPDATE "node_challenges" SET "state" = 'superseded', "reason" = 'replaced by the proof of GPU' WHERE "state" = 'open'`);
    await queryRunner.query(
      `UPDATE "nodes" SET "verified_at" = NULL, "verification_note" = 'verified by the retired self-reported probe: must pass the proof of GPU' WHERE "verified_at" IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "node_enrolment_codes" DROP COLUMN "simulated"`);
    await queryRunner.query(`ALTER TABLE "nodes" DROP COLUMN "next_challenge_at"`);
    await queryRunner.query(`ALTER TABLE "nodes" DROP COLUMN "simulated"`);
    await queryRunner.query(`ALTER TABLE "node_challenges" DROP COLUMN "open_deadline"`);
    await queryRunner.query(`ALTER TABLE "node_challenges" DROP COLUMN "committed_at"`);
    await queryRunner.query(`ALTER TABLE "node_challenges" DROP COLUMN "prover"`);
    await queryRunner.query(`ALTER TABLE "node_challenges" DROP COLUMN "opening"`);
    await queryRunner.query(`ALTER TABLE "node_challenges" DROP COLUMN "commitment"`);
    await queryRunner.query(`ALTER TABLE "node_challenges" DROP COLUMN "inventory"`);
    await queryRunner.query(`ALTER TABLE "node_challenges" DROP COLUMN "size"`);
    await queryRunner.query(`ALTER TABLE "node_challenges" DROP COLUMN "profile"`);
  }
}
