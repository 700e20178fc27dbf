import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the platform tells about a transaction beyond the money, kept with it: the hand-history
 * reference, the promotion campaign of a free-spin win and the ticket id. Nullable and without
 * defaults, so the change is instant on a table of any size.
 */
export class TransactionContext1732430000000 implements MigrationInterface {
  name = 'TransactionContext1732430000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE game_transactions
        ADD COLUMN history_id    varchar(255),
        ADD COLUMN campaign_code varchar(255),
        ADD COLUMN ticket_id     varchar(20) CHECK (ticket_id ~ '^[0-9]{1,20}$')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE game_transactions DROP COLUMN history_id, DROP COLUMN campaign_code, DROP COLUMN ticket_id`);
  }
}
