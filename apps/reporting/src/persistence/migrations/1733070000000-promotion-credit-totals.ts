import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tournament and promotion prizes (the wallet's promotion credits): each one reported once (by its
 * award id, the wallet's idempotency key), and their figures per UTC day × operator × platform ×
 * vendor × currency × campaign, apart from the game figures: a prize is no game win and is not in
 * the GGR (docs/reporting.md). A prize without a campaign has campaign_code ''.
 */
export class PromotionCreditTotals1733070000000 implements MigrationInterface {
  name = 'PromotionCreditTotals1733070000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE reported_promotion_credits (
        platform_id       varchar(40)   NOT NULL,
        operator_id       varchar(20)   NOT NULL,
        award_id          varchar(100)  NOT NULL,
        user_id           varchar(100)  NOT NULL,
        day               date          NOT NULL,
        vendor            varchar(100)  NOT NULL,
        currency          varchar(4)    NOT NULL,
        kind              varchar(20)   NOT NULL CHECK (kind IN ('TOURNAMENT_WIN', 'PROMO_WIN')),
        campaign_code     varchar(255)  NOT NULL,
        amount            numeric(18,2) NOT NULL CHECK (amount > 0),
        applied_event_id  varchar(64)   NOT NULL,
        PRIMARY KEY (platform_id, operator_id, award_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE daily_promotion_totals (
        day                    date          NOT NULL,
        operator_id            varchar(20)   NOT NULL,
        platform_id            varchar(40)   NOT NULL,
        vendor                 varchar(100)  NOT NULL,
        currency               varchar(4)    NOT NULL,
        campaign_code          varchar(255)  NOT NULL,
        tournament_wins_sum    numeric(18,2) NOT NULL DEFAULT 0,
        tournament_wins_count  bigint        NOT NULL DEFAULT 0,
        promo_wins_sum         numeric(18,2) NOT NULL DEFAULT 0,
        promo_wins_count       bigint        NOT NULL DEFAULT 0,
        updated_at             timestamptz   NOT NULL DEFAULT now(),
        PRIMARY KEY (day, operator_id, platform_id, vendor, currency, campaign_code),
        CHECK (tournament_wins_count >= 0 AND promo_wins_count >= 0)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE daily_promotion_totals`);
    await queryRunner.query(`DROP TABLE reported_promotion_credits`);
  }
}
