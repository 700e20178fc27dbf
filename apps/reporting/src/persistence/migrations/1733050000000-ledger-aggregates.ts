import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The reporting database: which ledger events were applied, the game transactions they reported
 * (so that a cancel reverses the figures of the day the original belongs to), and the daily
 * aggregates. Money is NUMERIC(18,2) like the ledger (rake NUMERIC(18,4)); counts are bigint.
 * GGR is a generated column: its definition lives here once (see docs/reporting.md).
 */
export class LedgerAggregates1733050000000 implements MigrationInterface {
  name = 'LedgerAggregates1733050000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE processed_ledger_events (
        event_id    varchar(64) PRIMARY KEY,
        applied_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE rejected_ledger_events (
        event_id     varchar(64) PRIMARY KEY,
        reason       varchar(300) NOT NULL,
        payload      varchar(4000) NOT NULL,
        rejected_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE reported_game_transactions (
        platform_id       varchar(40)  NOT NULL,
        operator_id       varchar(20)  NOT NULL,
        transaction_id    varchar(20)  NOT NULL,
        user_id           varchar(100) NOT NULL,
        day               date         NOT NULL,
        vendor            varchar(100) NOT NULL,
        game_id           varchar(20)  NOT NULL,
        currency          varchar(4)   NOT NULL,
        transaction_type  varchar(6)   NOT NULL CHECK (transaction_type IN ('BET', 'WIN', 'REFUND')),
        payout_kind       varchar(10)  CHECK (payout_kind IN ('regular', 'free-spin', 'jackpot')),
        amount            numeric(18,2) NOT NULL CHECK (amount >= 0),
        rake              numeric(18,4),
        applied_event_id  varchar(64)  NOT NULL,
        canceled_event_id varchar(64),
        PRIMARY KEY (platform_id, operator_id, transaction_id),
        CHECK ((transaction_type = 'WIN') = (payout_kind IS NOT NULL))
      )`);
    await queryRunner.query(`
      CREATE TABLE daily_game_totals (
        day                   date          NOT NULL,
        operator_id           varchar(20)   NOT NULL,
        platform_id           varchar(40)   NOT NULL,
        vendor                varchar(100)  NOT NULL,
        game_id               varchar(20)   NOT NULL,
        currency              varchar(4)    NOT NULL,
        bets_sum              numeric(18,2) NOT NULL DEFAULT 0,
        bets_count            bigint        NOT NULL DEFAULT 0,
        wins_sum              numeric(18,2) NOT NULL DEFAULT 0,
        wins_count            bigint        NOT NULL DEFAULT 0,
        freespin_wins_sum     numeric(18,2) NOT NULL DEFAULT 0,
        freespin_wins_count   bigint        NOT NULL DEFAULT 0,
        jackpot_wins_sum      numeric(18,2) NOT NULL DEFAULT 0,
        jackpot_wins_count    bigint        NOT NULL DEFAULT 0,
        refunds_sum           numeric(18,2) NOT NULL DEFAULT 0,
        refunds_count         bigint        NOT NULL DEFAULT 0,
        canceled_bets_sum     numeric(18,2) NOT NULL DEFAULT 0,
        canceled_bets_count   bigint        NOT NULL DEFAULT 0,
        canceled_wins_sum     numeric(18,2) NOT NULL DEFAULT 0,
        canceled_wins_count   bigint        NOT NULL DEFAULT 0,
        canceled_refunds_sum  numeric(18,2) NOT NULL DEFAULT 0,
        canceled_refunds_count bigint       NOT NULL DEFAULT 0,
        rake_sum              numeric(18,4) NOT NULL DEFAULT 0,
        ggr                   numeric(18,2) GENERATED ALWAYS AS (bets_sum - refunds_sum - wins_sum - freespin_wins_sum - jackpot_wins_sum) STORED,
        updated_at            timestamptz   NOT NULL DEFAULT now(),
        PRIMARY KEY (day, operator_id, platform_id, vendor, game_id, currency),
        CHECK (bets_count >= 0 AND wins_count >= 0 AND freespin_wins_count >= 0 AND jackpot_wins_count >= 0 AND refunds_count >= 0),
        CHECK (canceled_bets_count >= 0 AND canceled_wins_count >= 0 AND canceled_refunds_count >= 0)
      )`);
    await queryRunner.query(`
      CREATE TABLE player_daily_totals (
        day            date          NOT NULL,
        operator_id    varchar(20)   NOT NULL,
        platform_id    varchar(40)   NOT NULL,
        user_id        varchar(100)  NOT NULL,
        currency       varchar(4)    NOT NULL,
        bets_sum       numeric(18,2) NOT NULL DEFAULT 0,
        bets_count     bigint        NOT NULL DEFAULT 0,
        wins_sum       numeric(18,2) NOT NULL DEFAULT 0,
        wins_count     bigint        NOT NULL DEFAULT 0,
        refunds_sum    numeric(18,2) NOT NULL DEFAULT 0,
        refunds_count  bigint        NOT NULL DEFAULT 0,
        ggr            numeric(18,2) GENERATED ALWAYS AS (bets_sum - refunds_sum - wins_sum) STORED,
        updated_at     timestamptz   NOT NULL DEFAULT now(),
        PRIMARY KEY (day, operator_id, platform_id, user_id, currency),
        CHECK (bets_count >= 0 AND wins_count >= 0 AND refunds_count >= 0)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE player_daily_totals`);
    await queryRunner.query(`DROP TABLE daily_game_totals`);
    await queryRunner.query(`DROP TABLE reported_game_transactions`);
    await queryRunner.query(`DROP TABLE rejected_ledger_events`);
    await queryRunner.query(`DROP TABLE processed_ledger_events`);
  }
}
