import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tournament and promo wins (awards), recorded before the wallet is asked to pay them, and the
 * free-spin wins attributed to campaigns from the wallet's ledger events. The unique constraints
 * are the last guard of exactly-once: a transaction id once per platform, an external reference
 * once per platform, a ledger event once.
 */
export class Awards1732510000000 implements MigrationInterface {
  name = 'Awards1732510000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE awards (
        id              bigserial PRIMARY KEY,
        platform_id     varchar(40)  NOT NULL,
        operator_id     varchar(20)  NOT NULL,
        kind            varchar(16)  NOT NULL CHECK (kind IN ('tournament-win', 'promo-win')),
        transaction_id  varchar(100) NOT NULL,
        external_reference_id varchar(100),
        player_id       varchar(100) NOT NULL,
        game_id         varchar(6)   NOT NULL,
        amount          numeric(18,2) NOT NULL CHECK (amount > 0),
        currency        varchar(4)   NOT NULL,
        campaign_id     bigint REFERENCES campaigns (id),
        state           varchar(10)  NOT NULL CHECK (state IN ('crediting', 'credited', 'refused')),
        refusal_kind    varchar(40),
        balance_after   numeric(20,2),
        ledger_transaction_id varchar(40),
        credit_attempts integer      NOT NULL DEFAULT 0,
        created_at      timestamptz  NOT NULL DEFAULT now(),
        decided_at      timestamptz,
        UNIQUE (platform_id, transaction_id),
        CHECK ((kind = 'promo-win') = (external_reference_id IS NOT NULL)),
        CHECK ((state = 'refused') = (refusal_kind IS NOT NULL)),
        CHECK ((state = 'credited') = (balance_after IS NOT NULL AND ledger_transaction_id IS NOT NULL))
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX awards_external_reference ON awards (platform_id, external_reference_id) WHERE external_reference_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX awards_crediting ON awards (created_at) WHERE state = 'crediting'`);
    await queryRunner.query(`CREATE INDEX awards_by_campaign ON awards (campaign_id) WHERE campaign_id IS NOT NULL`);
    await queryRunner.query(`
      CREATE TABLE campaign_free_spin_wins (
        ledger_transaction_id varchar(40)  PRIMARY KEY,
        campaign_id     bigint       NOT NULL REFERENCES campaigns (id),
        platform_id     varchar(40)  NOT NULL,
        player_id       varchar(100) NOT NULL,
        transaction_id  varchar(20)  NOT NULL,
        amount          numeric(18,2) NOT NULL,
        currency        varchar(4)   NOT NULL,
        occurred_at     timestamptz  NOT NULL,
        recorded_at     timestamptz  NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX campaign_free_spin_wins_by_campaign ON campaign_free_spin_wins (campaign_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE campaign_free_spin_wins`);
    await queryRunner.query(`DROP TABLE awards`);
  }
}
