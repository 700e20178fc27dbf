import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reconciliation against a transfer-wallet aggregator's `playerDailyReport`:
 * - `aggregator_transfer_facts`: each of the wallet's aggregator transfers, from its
 *   `aggregator-transfer.changed` ledger events (opened, then posted or voided), with the
 *   aggregator balance read before the call;
 * - `reconciliation_runs.source`: which report a run compared against (`business-report`, the
 *   platforms' own, for every run before this migration; `aggregator`). The scheduled-once index and
 *   the day index now include it, so a platform and an aggregator of the same id never collide.
 */
export class AggregatorReconciliation1733090000000 implements MigrationInterface {
  name = 'AggregatorReconciliation1733090000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE aggregator_transfer_facts (
        transfer_id      varchar(36)    PRIMARY KEY,
        aggregator_id    varchar(64)    NOT NULL,
        operator_id      varchar(20)    NOT NULL,
        player_id        varchar(100)   NOT NULL,
        username         varchar(30)    NOT NULL,
        direction        varchar(8)     NOT NULL CHECK (direction IN ('deposit', 'withdraw')),
        amount           numeric(18,2)  NOT NULL CHECK (amount > 0),
        currency         varchar(4)     NOT NULL,
        state            varchar(8)     NOT NULL CHECK (state IN ('pending', 'posted', 'voided')),
        balance_before   varchar(60),
        balance_read_at  timestamptz,
        changed_at       timestamptz    NOT NULL,
        event_id         varchar(64)    NOT NULL,
        CHECK ((balance_before IS NULL) = (balance_read_at IS NULL))
      )`);
    await queryRunner.query(`CREATE INDEX aggregator_transfer_facts_player_idx ON aggregator_transfer_facts (aggregator_id, operator_id, player_id, balance_read_at)`);
    await queryRunner.query(`CREATE INDEX aggregator_transfer_facts_read_idx ON aggregator_transfer_facts (aggregator_id, operator_id, balance_read_at)`);
    await queryRunner.query(`ALTER TABLE reconciliation_runs ADD COLUMN source varchar(20) NOT NULL DEFAULT 'business-report' CHECK (source IN ('business-report', 'aggregator'))`);
    await queryRunner.query(`DROP INDEX reconciliation_runs_scheduled_once`);
    await queryRunner.query(`
      CREATE UNIQUE INDEX reconciliation_runs_scheduled_once ON reconciliation_runs (source, platform_id, operator_id, day)
        WHERE trigger = 'schedule' AND status <> 'failed'`);
    await queryRunner.query(`DROP INDEX reconciliation_runs_day_idx`);
    await queryRunner.query(`CREATE INDEX reconciliation_runs_day_idx ON reconciliation_runs (source, platform_id, operator_id, day, ran_at DESC)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX reconciliation_runs_day_idx`);
    await queryRunner.query(`CREATE INDEX reconciliation_runs_day_idx ON reconciliation_runs (platform_id, operator_id, day, ran_at DESC)`);
    await queryRunner.query(`DROP INDEX reconciliation_runs_scheduled_once`);
    await queryRunner.query(`DELETE FROM reconciliation_runs WHERE source = 'aggregator'`);
    await queryRunner.query(`
      CREATE UNIQUE INDEX reconciliation_runs_scheduled_once ON reconciliation_runs (platform_id, operator_id, day)
        WHERE trigger = 'schedule' AND status <> 'failed'`);
    await queryRunner.query(`ALTER TABLE reconciliation_runs DROP COLUMN source`);
    await queryRunner.query(`DROP TABLE aggregator_transfer_facts`);
  }
}
