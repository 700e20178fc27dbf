import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Deposits, withdrawals and manual adjustments made by the casino's staff through the back
 * office. The caller's idempotency key is unique per operator: a retried request finds its result.
 */
export class CashierOperations1732410000000 implements MigrationInterface {
  name = 'CashierOperations1732410000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE cashier_operations (
        id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        operator_id            varchar(20)   NOT NULL,
        idempotency_key        varchar(100)  NOT NULL,
        player_id              uuid          NOT NULL REFERENCES players(id),
        kind                   varchar(12)   NOT NULL CHECK (kind IN ('deposit', 'withdrawal', 'adjustment')),
        -- signed: what the player's balance changed by
        amount                 numeric(18,2) NOT NULL CHECK (amount <> 0),
        currency               varchar(4)    NOT NULL,
        reason                 varchar(500)  NOT NULL,
        performed_by           varchar(60)   NOT NULL,
        ledger_transaction_id  uuid          NOT NULL REFERENCES ledger_transactions(id),
        balance_after          numeric(18,2) NOT NULL,
        created_at             timestamptz   NOT NULL DEFAULT now(),
        CONSTRAINT cashier_operations_idempotency_unique UNIQUE (operator_id, idempotency_key),
        CONSTRAINT cashier_operations_sign CHECK (
          (kind = 'deposit' AND amount > 0) OR (kind = 'withdrawal' AND amount < 0) OR kind = 'adjustment')
      )`);
    await queryRunner.query(`CREATE INDEX cashier_operations_player_idx ON cashier_operations (player_id, created_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE cashier_operations`);
  }
}
