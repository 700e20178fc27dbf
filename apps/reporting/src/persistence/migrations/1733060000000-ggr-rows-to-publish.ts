import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The daily GGR rows whose figures changed and are not yet republished on the compacted topic:
 * written in the same transaction as the figures (an outbox of keys), so a crash between the
 * commit and the publish only delays the message, never loses it.
 */
export class GgrRowsToPublish1733060000000 implements MigrationInterface {
  name = 'GgrRowsToPublish1733060000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE ggr_rows_to_publish (
        day          date         NOT NULL,
        operator_id  varchar(20)  NOT NULL,
        platform_id  varchar(40)  NOT NULL,
        vendor       varchar(100) NOT NULL,
        currency     varchar(4)   NOT NULL,
        changed_at   timestamptz  NOT NULL DEFAULT now(),
        PRIMARY KEY (day, operator_id, platform_id, vendor, currency)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE ggr_rows_to_publish`);
  }
}
