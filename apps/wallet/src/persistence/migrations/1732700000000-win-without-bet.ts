import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A WIN on a round where no BET was applied is still paid (the platform owes it: free rounds,
 * vendor-side promotions), but recorded as such: the Operator API's signature does not cover the
 * data, so a forged WIN on a made-up round looks exactly like this (docs/security.md). The partial
 * index answers "has this round an applied BET?" for the batch's read without scanning the round.
 */
export class WinWithoutBet1732700000000 implements MigrationInterface {
  name = 'WinWithoutBet1732700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE game_transactions ADD COLUMN win_without_bet boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE game_transactions ADD CONSTRAINT game_transactions_win_without_bet_is_a_win CHECK (NOT win_without_bet OR type = 'WIN')`);
    await queryRunner.query(`
      CREATE INDEX game_transactions_round_bets_idx ON game_transactions (platform_id, operator_id, round_id)
       WHERE type = 'BET' AND ledger_transaction_id IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX game_transactions_round_bets_idx`);
    await queryRunner.query(`ALTER TABLE game_transactions DROP COLUMN win_without_bet`);
  }
}
