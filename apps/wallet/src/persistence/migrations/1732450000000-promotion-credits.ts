import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tournament and promotion prizes the wallet paid (or refused for good): the stored outcome of
 * each award, unique per platform, operator and award id, so a retry answers what the first did.
 */
export class PromotionCredits1732450000000 implements MigrationInterface {
  name = 'PromotionCredits1732450000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE promotion_credits (
        id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        platform_id           varchar(40)   NOT NULL,
        operator_id           varchar(20)   NOT NULL,
        award_id              varchar(100)  NOT NULL CHECK (award_id ~ '^[A-Za-z0-9:._-]{1,100}$'),
        user_id               varchar(70)   NOT NULL,
        player_id             uuid          NOT NULL REFERENCES players(id),
        kind                  varchar(20)   NOT NULL CHECK (kind IN ('TOURNAMENT_WIN', 'PROMO_WIN')),
        amount                numeric(18,2) NOT NULL CHECK (amount > 0),
        currency              varchar(4)    NOT NULL,
        campaign_code         varchar(255),
        status                varchar(8)    NOT NULL CHECK (status IN ('OK', 'ERROR')),
        error_kind            varchar(30),
        balance_after         numeric(18,2),
        ledger_transaction_id uuid REFERENCES ledger_transactions(id),
        created_at            timestamptz   NOT NULL DEFAULT now(),
        CONSTRAINT promotion_credits_award_unique UNIQUE (platform_id, operator_id, award_id),
        CONSTRAINT promotion_credits_outcome CHECK ((status = 'OK' AND ledger_transaction_id IS NOT NULL) OR (status = 'ERROR' AND error_kind IS NOT NULL))
      )`);
    await queryRunner.query(`CREATE INDEX promotion_credits_player_idx ON promotion_credits (player_id, created_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE promotion_credits`);
  }
}
