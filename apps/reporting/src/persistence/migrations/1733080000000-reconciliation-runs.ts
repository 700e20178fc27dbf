import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reconciliation runs: our figures of a platform and a UTC day against the platform's business
 * report. Every run is kept (a re-run on request adds a row; the latest of a day is its status).
 * The scheduler runs each platform's closed day once: at most one completed scheduled run per
 * platform, operator and day (a failed one, e.g. the platform did not answer, is retried).
 * `result` is the topic message, as published; `published_at` makes the table the topic's outbox.
 */
export class ReconciliationRuns1733080000000 implements MigrationInterface {
  name = 'ReconciliationRuns1733080000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE reconciliation_runs (
        run_id        uuid          PRIMARY KEY,
        platform_id   varchar(40)   NOT NULL,
        operator_id   varchar(20)   NOT NULL,
        day           date          NOT NULL,
        trigger       varchar(10)   NOT NULL CHECK (trigger IN ('schedule', 'request')),
        status        varchar(10)   NOT NULL CHECK (status IN ('matched', 'mismatched', 'failed')),
        result        jsonb,
        error         varchar(500),
        ran_at        timestamptz   NOT NULL DEFAULT now(),
        published_at  timestamptz,
        CHECK ((status = 'failed') = (result IS NULL)),
        CHECK (status <> 'failed' OR error IS NOT NULL)
      )`);
    await queryRunner.query(`CREATE INDEX reconciliation_runs_day_idx ON reconciliation_runs (platform_id, operator_id, day, ran_at DESC)`);
    await queryRunner.query(`
      CREATE UNIQUE INDEX reconciliation_runs_scheduled_once ON reconciliation_runs (platform_id, operator_id, day)
        WHERE trigger = 'schedule' AND status <> 'failed'`);
    await queryRunner.query(`CREATE INDEX reconciliation_runs_unpublished_idx ON reconciliation_runs (ran_at) WHERE published_at IS NULL AND status <> 'failed'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE reconciliation_runs`);
  }
}
