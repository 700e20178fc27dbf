import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The periodic balance check of each aggregator (apps/wallet/src/balance-drift):
 * - `aggregator_balance_checks`: the last result, kept so that the back office can show it from any
 *   replica: one row per aggregator, replaced by each pass. The figures are in `result` as the pass
 *   computed them (decimal strings); `drift_found` says whether any operator and currency had drift.
 * - `aggregator_play_checkpoints`: per player there, the sum of their game play in the history
 *   entries received before `play_before_cutoff`, so that a pass reads the history from that time
 *   on instead of from the start (a player's whole history grows without bound).
 */
export class AggregatorBalanceChecks1732820000000 implements MigrationInterface {
  name = 'AggregatorBalanceChecks1732820000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE aggregator_balance_checks (
        aggregator_id  varchar(64)  PRIMARY KEY CHECK (aggregator_id ~ '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$'),
        checked_at     timestamptz  NOT NULL,
        drift_found    boolean      NOT NULL,
        result         jsonb        NOT NULL CHECK (jsonb_typeof(result) = 'object')
      )`);
    await queryRunner.query(`
      CREATE TABLE aggregator_play_checkpoints (
        aggregator_id        varchar(64)    NOT NULL,
        player_id            uuid           NOT NULL REFERENCES players(id),
        aggregator_username  varchar(30)    NOT NULL CHECK (aggregator_username ~ '^[a-z0-9]{4,30}$'),
        currency             varchar(4)     NOT NULL,
        play_before          numeric(40,18) NOT NULL,
        play_before_cutoff   timestamptz    NOT NULL,
        updated_at           timestamptz    NOT NULL DEFAULT now(),
        PRIMARY KEY (aggregator_id, player_id, aggregator_username, currency)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE aggregator_play_checkpoints`);
    await queryRunner.query(`DROP TABLE aggregator_balance_checks`);
  }
}
