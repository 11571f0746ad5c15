import { MigrationInterface, QueryRunner } from 'typeorm';

export class Accounts1795544577137 implements MigrationInterface {
  name = 'Accounts1795544577137';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "accounts" ("id" uuid NOT NULL, "name" text NOT NULL, "max_usd_per_hour" numeric, "max_usd_per_job" numeric, "deposit_reference" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5a7a02c20412299d198e097a8fe" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_accounts_deposit_reference" ON "accounts"  ("deposit_reference") `);
    await queryRunner.query(
      `CREATE TABLE "api_keys" ("id" uuid NOT NULL, "account_id" uuid NOT NULL, "name" text NOT NULL, "prefix" text NOT NULL, "hash" text NOT NULL, "scopes" text array NOT NULL, "rate_limit_per_minute" integer, "expires_at" TIMESTAMP WITH TIME ZONE, "last_used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5c8a79801b44bd27b79228e1dad" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_api_keys_account_id" ON "api_keys"  ("account_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_api_keys_hash" ON "api_keys"  ("hash") `);
    await queryRunner.query(
      `CREATE TABLE "deposits" ("signature" text NOT NULL, "account_id" uuid NOT NULL, "amount_base_units" numeric NOT NULL, "amount_usd" numeric NOT NULL, "mint" text NOT NULL, "treasury_owner" text NOT NULL, "binding" text NOT NULL, "slot" bigint NOT NULL, "block_time" TIMESTAMP WITH TIME ZONE, "ledger_transaction_id" uuid NOT NULL, "raw" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_00c9cbf471e542ab5fcc1861a76" PRIMARY KEY ("signature"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_deposits_account_created" ON "deposits"  ("account_id", "created_at") `);
    await queryRunner.query(
      `CREATE TABLE "ledger_transactions" ("id" uuid NOT NULL, "kind" text NOT NULL, "reference" text NOT NULL, "account_id" uuid, "memo" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_633d103c9e415d615aacf9b1929" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_ledger_transactions_account_created" ON "ledger_transactions"  ("account_id", "created_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_ledger_transactions_reference" ON "ledger_transactions"  ("reference") `);
    await queryRunner.query(
      `CREATE TABLE "ledger_entries" ("id" BIGSERIAL NOT NULL, "transaction_id" uuid NOT NULL, "ledger_account" text NOT NULL, "amount" numeric NOT NULL, CONSTRAINT "PK_6efcb84411d3f08b08450ae75d5" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_ledger_entries_transaction_id" ON "ledger_entries"  ("transaction_id") `);
    await queryRunner.query(`CREATE INDEX "ix_ledger_entries_ledger_account" ON "ledger_entries"  ("ledger_account") `);
    await queryRunner.query(
      `CREATE UNLOGGED TABLE "rate_limit_windows" ("bucket" text NOT NULL, "window_start" TIMESTAMP WITH TIME ZONE NOT NULL, "count" integer NOT NULL, CONSTRAINT "PK_ae593e8e73f95b5e7da682a8b7b" PRIMARY KEY ("bucket", "window_start"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "api_keys" ADD CONSTRAINT "fk_api_keys_account_id" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "ledger_entries" ADD CONSTRAINT "fk_ledger_entries_transaction_id" FOREIGN KEY ("transaction_id") REFERENCES "ledger_transactions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // Every ledger transaction's entries must sum to zero, checked at commit (deferred) so a transaction
    // can insert its legs one by one. The service checks the same in code before writing.
    await queryRunner.query(`CREATE FUNCTION "ledger_assert_balanced"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  tx uuid := COALESCE(NEW.transaction_id, OLD.transaction_id);
  total numeric;
BEGIN
  SELECT COALESCE(SUM(amount), 0) INTO total FROM ledger_entries WHERE transaction_id = tx;
  IF total <> 0 THEN
    RAISE EXCEPTION 'ledger transaction % does not balance: its entries sum to %', tx, total USING ERRCODE = '23514';
  END IF;
  RETURN NULL;
END $$`);
    await queryRunner.query(
      `CREATE CONSTRAINT TRIGGER "ledger_entries_balanced" AFTER INSERT OR UPDATE OR DELETE ON "ledger_entries" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "ledger_assert_balanced"()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "ledger_entries_balanced" ON "ledger_entries"`);
    await queryRunner.query(`DROP FUNCTION "ledger_assert_balanced"()`);
    await queryRunner.query(`ALTER TABLE "ledger_entries" DROP CONSTRAINT "fk_ledger_entries_transaction_id"`);
    await queryRunner.query(`ALTER TABLE "api_keys" DROP CONSTRAINT "fk_api_keys_account_id"`);
    await queryRunner.query(`DROP TABLE "rate_limit_windows"`);
    await queryRunner.query(`DROP INDEX "public"."ix_ledger_entries_ledger_account"`);
    await queryRunner.query(`DROP INDEX "public"."ix_ledger_entries_transaction_id"`);
    await queryRunner.query(`DROP TABLE "ledger_entries"`);
    await queryRunner.query(`DROP INDEX "public"."ux_ledger_transactions_reference"`);
    await queryRunner.query(`DROP INDEX "public"."ix_ledger_transactions_account_created"`);
    await queryRunner.query(`DROP TABLE "ledger_transactions"`);
    await queryRunner.query(`DROP INDEX "public"."ix_deposits_account_created"`);
    await queryRunner.query(`DROP TABLE "deposits"`);
    await queryRunner.query(`DROP INDEX "public"."ux_api_keys_hash"`);
    await queryRunner.query(`DROP INDEX "public"."ix_api_keys_account_id"`);
    await queryRunner.query(`DROP TABLE "api_keys"`);
    await queryRunner.query(`DROP INDEX "public"."ux_accounts_deposit_reference"`);
    await queryRunner.query(`DROP TABLE "accounts"`);
  }
}
