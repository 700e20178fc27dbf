import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Session regeneration (a lobby game switch): a session revoked because a new token replaced it
 * remembers that token, so a retry of the same switch answers the same new token instead of
 * minting a second live one. Each new token replaces at most one session, and only a revoked
 * session can have been replaced.
 */
export class SessionReplacement1732400000000 implements MigrationInterface {
  name = 'SessionReplacement1732400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE game_sessions
        ADD COLUMN replaced_by_token varchar(50) REFERENCES game_sessions(token),
        ADD CONSTRAINT game_sessions_replaced_by_unique UNIQUE (replaced_by_token),
        ADD CONSTRAINT game_sessions_replaced_is_revoked CHECK (replaced_by_token IS NULL OR revoked_at IS NOT NULL),
        ADD CONSTRAINT game_sessions_not_replaced_by_itself CHECK (replaced_by_token IS NULL OR replaced_by_token <> token)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE game_sessions DROP COLUMN replaced_by_token`);
  }
}
