import { MigrationInterface, QueryRunner } from 'typeorm';

export class Nodes1795544391845 implements MigrationInterface {
  name = 'Nodes1795544391845';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "node_enrolment_codes" ("id" uuid NOT NULL, "code_hash" text NOT NULL, "note" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "used_by" text, CONSTRAINT "PK_0657eaba5982d1a00692a39c5f1" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "ix_node_enrolment_codes_code_hash" ON "node_enrolment_codes"  ("code_hash") `);
    await queryRunner.query(
      `CREATE TABLE "node_challenges" ("id" uuid NOT NULL, "node_id" text NOT NULL, "nonce" text NOT NULL, "rounds" integer NOT NULL, "memory_mb" integer NOT NULL, "issued_at" TIMESTAMP WITH TIME ZONE NOT NULL, "deadline" TIMESTAMP WITH TIME ZONE NOT NULL, "state" text NOT NULL, "answered_at" TIMESTAMP WITH TIME ZONE, "measurement" jsonb, "reason" text, CONSTRAINT "PK_6150a2819873f354c6bb3374e08" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_node_challenges_state_deadline" ON "node_challenges"  ("state", "deadline") `);
    await queryRunner.query(`CREATE INDEX "ix_node_challenges_node_id_issued_at" ON "node_challenges"  ("node_id", "issued_at") `);
    await queryRunner.query(
      `CREATE TABLE "node_lease_logs" ("id" BIGSERIAL NOT NULL, "lease_id" text NOT NULL, "line" text NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_0c0580620e9e26c728e795f14b6" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_node_lease_logs_lease_id_id" ON "node_lease_logs"  ("lease_id", "id") `);
    await queryRunner.query(
      `CREATE TABLE "node_leases" ("id" text NOT NULL, "idempotency_key" text NOT NULL, "node_id" text NOT NULL, "offer_id" text NOT NULL, "gpus" integer NOT NULL, "gpu_indexes" jsonb NOT NULL, "job" jsonb NOT NULL, "price_amount" numeric NOT NULL, "price_asset" text NOT NULL, "state" text NOT NULL, "cancel_requested" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE, "assigned_at" TIMESTAMP WITH TIME ZONE, "started_at" TIMESTAMP WITH TIME ZONE, "finished_at" TIMESTAMP WITH TIME ZONE, "exit_code" integer, "message" text, CONSTRAINT "PK_2fd2a65f9fa8c32797186bed7c1" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_node_leases_state_expires_at" ON "node_leases"  ("state", "expires_at") `);
    await queryRunner.query(`CREATE INDEX "ix_node_leases_node_id_state" ON "node_leases"  ("node_id", "state") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "ix_node_leases_idempotency_key" ON "node_leases"  ("idempotency_key") `);
    await queryRunner.query(
      `CREATE TABLE "node_nonces" ("node_id" text NOT NULL, "nonce" text NOT NULL, "seen_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_ba36754bfb45b427c1bc1ed2e8e" PRIMARY KEY ("node_id", "nonce"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_node_nonces_seen_at" ON "node_nonces"  ("seen_at") `);
    await queryRunner.query(
      `CREATE TABLE "nodes" ("id" text NOT NULL, "name" text, "executor" text NOT NULL, "agent_version" text NOT NULL, "inventory" jsonb NOT NULL, "reported_inventory" jsonb NOT NULL, "price_amount" numeric NOT NULL, "price_asset" text NOT NULL, "payout_wallet" text NOT NULL, "registered_at" TIMESTAMP WITH TIME ZONE NOT NULL, "first_heartbeat_at" TIMESTAMP WITH TIME ZONE, "last_heartbeat_at" TIMESTAMP WITH TIME ZONE, "heartbeat_count" integer NOT NULL DEFAULT '0', "flag_reason" text, "blocked_reason" text, "verified_at" TIMESTAMP WITH TIME ZONE, "verification_kind" text, "verification_note" text, "challenges_passed" integer NOT NULL DEFAULT '0', "challenges_failed" integer NOT NULL DEFAULT '0', "consecutive_failures" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_682d6427523a0fa43d062ea03ee" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_nodes_last_heartbeat_at" ON "nodes"  ("last_heartbeat_at") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_nodes_last_heartbeat_at"`);
    await queryRunner.query(`DROP TABLE "nodes"`);
    await queryRunner.query(`DROP INDEX "public"."ix_node_nonces_seen_at"`);
    await queryRunner.query(`DROP TABLE "node_nonces"`);
    await queryRunner.query(`DROP INDEX "public"."ix_node_leases_idempotency_key"`);
    await queryRunner.query(`DROP INDEX "public"."ix_node_leases_node_id_state"`);
    await queryRunner.query(`DROP INDEX "public"."ix_node_leases_state_expires_at"`);
    await queryRunner.query(`DROP TABLE "node_leases"`);
    await queryRunner.query(`DROP INDEX "public"."ix_node_lease_logs_lease_id_id"`);
    await queryRunner.query(`DROP TABLE "node_lease_logs"`);
    await queryRunner.query(`DROP INDEX "public"."ix_node_challenges_node_id_issued_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_node_challenges_state_deadline"`);
    await queryRunner.query(`DROP TABLE "node_challenges"`);
    await queryRunner.query(`DROP INDEX "public"."ix_node_enrolment_codes_code_hash"`);
    await queryRunner.query(`DROP TABLE "node_enrolment_codes"`);
  }
}
