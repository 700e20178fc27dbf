import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `wallet_assert(ok, what)`: true, or an error with SQLSTATE WL409 naming what changed. A batch of
 * game play is written by one statement (play-store.ts); its last line asserts that every
 * compare-and-set matched, and an error there undoes the whole statement.
 */
export class WriteAssert1732440000000 implements MigrationInterface {
  name = 'WriteAssert1732440000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION wallet_assert(ok boolean, what text) RETURNS boolean LANGUAGE plpgsql AS $$
      BEGIN
        IF ok IS NOT TRUE THEN RAISE EXCEPTION '% changed under the batch', what USING ERRCODE = 'WL409'; END IF;
        RETURN true;
      END $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION wallet_assert(boolean, text)`);
  }
}
