import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the game platforms do to the ledger: their transactions (the idempotency record of every
 * BET/WIN/REFUND, applied, refused or canceled), rounds, the game catalog's on/off switch,
 * responsible-gambling limits with their daily totals, and the transactional outbox.
 */
export class GameTransactions1732390000000 implements MigrationInterface {
  name = 'GameTransactions1732390000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // A lobby launch is not bound to one game.
    await queryRunner.query(`ALTER TABLE game_sessions ALTER COLUMN game_id DROP NOT NULL`);

    await queryRunner.query(`
      CREATE TABLE game_transactions (
        id                      uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        platform_id             varchar(40)  NOT NULL,
        operator_id             varchar(20)  NOT NULL,
        transaction_id          varchar(20)  NOT NULL CHECK (transaction_id ~ '^[0-9]{1,20}$'),
        user_id                 varchar(70)  NOT NULL,
        player_id               uuid         REFERENCES players(id),
        -- null on a cancel mark: a cancel arrived for a transaction we had not seen.
        type                    varchar(6)   CHECK (type IN ('BET', 'WIN', 'REFUND')),
        amount                  numeric(18,2) CHECK (amount >= 0),
        currency                varchar(4),
        game_id                 varchar(6),
        round_id                varchar(20),
        round_finished          boolean,
        rake                    numeric(18,4),
        reason                  varchar(32),
        platform_created_at     varchar(19),
        status                  varchar(8)   NOT NULL CHECK (status IN ('OK', 'ERROR', 'CANCELED')),
        error_kind              varchar(30),
        balance_after           numeric(18,2),
        ledger_transaction_id   uuid REFERENCES ledger_transactions(id),
        cancel_ledger_transaction_id uuid REFERENCES ledger_transactions(id),
        created_at              timestamptz  NOT NULL DEFAULT now(),
        canceled_at             timestamptz,
        CONSTRAINT game_transactions_idempotency_unique UNIQUE (platform_id, operator_id, transaction_id),
        CONSTRAINT game_transactions_shape CHECK (
          (type IS NULL AND status = 'CANCELED' AND amount IS NULL)
          OR (type IS NOT NULL AND amount IS NOT NULL AND currency IS NOT NULL AND game_id IS NOT NULL AND round_id IS NOT NULL)),
        CONSTRAINT game_transactions_applied_has_ledger CHECK (status <> 'OK' OR ledger_transaction_id IS NOT NULL),
        CONSTRAINT game_transactions_error_has_kind CHECK (status <> 'ERROR' OR error_kind IS NOT NULL)
      )`);
    await queryRunner.query(`CREATE INDEX game_transactions_player_idx ON game_transactions (player_id, created_at)`);

    await queryRunner.query(`
      CREATE TABLE game_rounds (
        platform_id   varchar(40)   NOT NULL,
        operator_id   varchar(20)   NOT NULL,
        round_id      varchar(20)   NOT NULL,
        player_id     uuid          NOT NULL REFERENCES players(id),
        game_id       varchar(6)    NOT NULL,
        currency      varchar(4)    NOT NULL,
        status        varchar(8)    NOT NULL CHECK (status IN ('open', 'finished')),
        bet_total     numeric(18,2) NOT NULL DEFAULT 0,
        win_total     numeric(18,2) NOT NULL DEFAULT 0,
        refund_total  numeric(18,2) NOT NULL DEFAULT 0,
        created_at    timestamptz   NOT NULL DEFAULT now(),
        finished_at   timestamptz,
        PRIMARY KEY (platform_id, operator_id, round_id)
      )`);

    await queryRunner.query(`
      CREATE TABLE games (
        platform_id   varchar(40) NOT NULL,
        game_id       varchar(6)  NOT NULL CHECK (game_id ~ '^[0-9]{1,6}$'),
        title         varchar(255),
        -- What the platform's catalog says, and our own switch; a game is playable if both allow.
        enabled_by_platform  boolean NOT NULL DEFAULT true,
        enabled_by_operator  boolean NOT NULL DEFAULT true,
        updated_at    timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (platform_id, game_id)
      )`);

    await queryRunner.query(`
      CREATE TABLE player_limits (
        player_id          uuid PRIMARY KEY REFERENCES players(id),
        daily_wager_limit  numeric(18,2) CHECK (daily_wager_limit >= 0),
        daily_loss_limit   numeric(18,2) CHECK (daily_loss_limit >= 0),
        updated_at         timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE player_daily_totals (
        player_id  uuid          NOT NULL REFERENCES players(id),
        day        date          NOT NULL,
        currency   varchar(4)    NOT NULL,
        wagered    numeric(18,2) NOT NULL DEFAULT 0,
        -- bets minus wins minus refunds; negative when the player is ahead.
        net_loss   numeric(18,2) NOT NULL DEFAULT 0,
        PRIMARY KEY (player_id, day, currency)
      )`);

    await queryRunner.query(`
      CREATE TABLE outbox_events (
        id            bigserial PRIMARY KEY,
        event_id      uuid        NOT NULL UNIQUE DEFAULT gen_random_uuid(),
        topic         varchar(100) NOT NULL,
        partition_key varchar(100) NOT NULL,
        event_type    varchar(60)  NOT NULL,
        payload       jsonb        NOT NULL,
        created_at    timestamptz  NOT NULL DEFAULT now(),
        published_at  timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX outbox_events_unpublished_idx ON outbox_events (id) WHERE published_at IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE outbox_events`);
    await queryRunner.query(`DROP TABLE player_daily_totals`);
    await queryRunner.query(`DROP TABLE player_limits`);
    await queryRunner.query(`DROP TABLE games`);
    await queryRunner.query(`DROP TABLE game_rounds`);
    await queryRunner.query(`DROP TABLE game_transactions`);
    await queryRunner.query(`ALTER TABLE game_sessions ALTER COLUMN game_id SET NOT NULL`);
  }
}
