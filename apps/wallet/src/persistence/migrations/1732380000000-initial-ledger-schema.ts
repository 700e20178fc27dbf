import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Players, game sessions, accounts and the double-entry ledger. Rules that must hold whatever the
 * code does are constraints here: unique idempotency keys, a player balance never below zero,
 * one player account per currency, one house account per purpose.
 */
export class InitialLedgerSchema1732380000000 implements MigrationInterface {
  name = 'InitialLedgerSchema1732380000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE players (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        operator_id   varchar(20)  NOT NULL,
        user_id       varchar(70)  NOT NULL,
        user_name     varchar(255) NOT NULL,
        display_name  varchar(100),
        country       varchar(100) NOT NULL,
        currency      varchar(4)   NOT NULL,
        player_group  varchar(100),
        status        varchar(10)  NOT NULL CHECK (status IN ('active', 'blocked')),
        created_at    timestamptz  NOT NULL DEFAULT now(),
        CONSTRAINT players_operator_user_unique UNIQUE (operator_id, user_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE game_sessions (
        token        varchar(50) PRIMARY KEY CHECK (token ~ '^[A-Za-z0-9]{20,50}$'),
        player_id    uuid        NOT NULL REFERENCES players(id),
        operator_id  varchar(20) NOT NULL,
        game_id      varchar(6)  NOT NULL CHECK (game_id ~ '^[0-9]{1,6}$'),
        expires_at   timestamptz NOT NULL,
        revoked_at   timestamptz,
        created_at   timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX game_sessions_player_idx ON game_sessions (player_id)`);
    await queryRunner.query(`
      CREATE TABLE accounts (
        id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind           varchar(10)   NOT NULL CHECK (kind IN ('player', 'house')),
        operator_id    varchar(20)   NOT NULL,
        currency       varchar(4)    NOT NULL,
        player_id      uuid          REFERENCES players(id),
        house_purpose  varchar(100),
        balance        numeric(18,2),
        version        bigint        NOT NULL DEFAULT 0,
        fence          bigint        NOT NULL DEFAULT 0,
        CONSTRAINT accounts_player_shape CHECK (
          (kind = 'player' AND player_id IS NOT NULL AND house_purpose IS NULL AND balance IS NOT NULL AND balance >= 0)
          OR (kind = 'house' AND player_id IS NULL AND house_purpose IS NOT NULL AND balance IS NULL))
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX accounts_player_currency_unique ON accounts (player_id, currency) WHERE kind = 'player'`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX accounts_house_purpose_unique ON accounts (operator_id, currency, house_purpose) WHERE kind = 'house'`,
    );
    await queryRunner.query(`
      CREATE TABLE ledger_transactions (
        id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        idempotency_key  varchar(200) NOT NULL,
        kind             varchar(30)  NOT NULL,
        currency         varchar(4)   NOT NULL,
        created_at       timestamptz  NOT NULL DEFAULT now(),
        CONSTRAINT ledger_transactions_idempotency_unique UNIQUE (idempotency_key)
      )`);
    await queryRunner.query(`
      CREATE TABLE ledger_entries (
        id              bigserial PRIMARY KEY,
        transaction_id  uuid          NOT NULL REFERENCES ledger_transactions(id),
        account_id      uuid          NOT NULL REFERENCES accounts(id),
        amount          numeric(18,2) NOT NULL CHECK (amount <> 0),
        balance_after   numeric(18,2)
      )`);
    await queryRunner.query(`CREATE INDEX ledger_entries_transaction_idx ON ledger_entries (transaction_id)`);
    await queryRunner.query(`CREATE INDEX ledger_entries_account_idx ON ledger_entries (account_id, id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE ledger_entries`);
    await queryRunner.query(`DROP TABLE ledger_transactions`);
    await queryRunner.query(`DROP TABLE accounts`);
    await queryRunner.query(`DROP TABLE game_sessions`);
    await queryRunner.query(`DROP TABLE players`);
  }
}
