import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The last periodic balance check of each aggregator (apps/wallet/src/balance-drift), kept so that
 * the back office can show it from any replica: one row per aggregator, replaced by each pass.
 * The figures are in `result` as the pass computed them (decimal strings); `drift_found` says
 * whether any operator and currency had drift, for a quick look without reading the JSON.
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
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE aggregator_balance_checks`);
  }
}
