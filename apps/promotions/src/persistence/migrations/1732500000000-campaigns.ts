import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Free-round campaigns, their grants (one per player) and the batches they were sent in. The
 * constraints are the last guard of exactly-once: a player once per campaign, a reference once
 * per platform, a grant in at most one batch.
 */
export class Campaigns1732500000000 implements MigrationInterface {
  name = 'Campaigns1732500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE campaigns (
        id            bigserial PRIMARY KEY,
        reference     varchar(40)  NOT NULL UNIQUE,
        name          varchar(200) NOT NULL,
        provider      varchar(40)  NOT NULL,
        platform_id   varchar(40)  NOT NULL,
        kind          varchar(20)  NOT NULL CHECK (kind IN ('freeRounds', 'freeRoundsByBet')),
        game_id       varchar(32)  NOT NULL,
        currency      varchar(4)   NOT NULL,
        rounds_count  integer      NOT NULL CHECK (rounds_count > 0),
        bet_amount    numeric(18,2) NOT NULL CHECK (bet_amount > 0),
        valid_until   timestamptz  NOT NULL,
        state         varchar(12)  NOT NULL CHECK (state IN ('draft', 'granting', 'completed', 'canceled')),
        next_grant_number integer NOT NULL DEFAULT 1,
        created_by    varchar(60)  NOT NULL,
        created_at    timestamptz  NOT NULL DEFAULT now(),
        updated_at    timestamptz  NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE grant_batches (
        id            bigserial PRIMARY KEY,
        campaign_id   bigint      NOT NULL REFERENCES campaigns (id),
        batch_number  integer     NOT NULL,
        state         varchar(10) NOT NULL CHECK (state IN ('sending', 'unknown', 'granted', 'rejected')),
        grants_count  integer     NOT NULL CHECK (grants_count > 0),
        sends         integer     NOT NULL DEFAULT 0,
        next_send_at  timestamptz NOT NULL DEFAULT now(),
        provider_reference varchar(255),
        provider_code varchar(20),
        last_problem  varchar(500),
        created_at    timestamptz NOT NULL DEFAULT now(),
        updated_at    timestamptz NOT NULL DEFAULT now(),
        UNIQUE (campaign_id, batch_number)
      )`);
    await queryRunner.query(`
      CREATE TABLE campaign_grants (
        campaign_id   bigint       NOT NULL REFERENCES campaigns (id),
        grant_number  integer      NOT NULL,
        platform_id   varchar(40)  NOT NULL,
        player_id     varchar(100) NOT NULL,
        external_reference_id varchar(100) NOT NULL,
        state         varchar(10)  NOT NULL CHECK (state IN ('pending', 'skipped', 'granted', 'rejected', 'unknown', 'played', 'expired', 'canceled')),
        skip_reason   varchar(20),
        batch_id      bigint REFERENCES grant_batches (id),
        provider_code varchar(20),
        provider_message varchar(255),
        provider_reference varchar(255),
        added_by      varchar(60)  NOT NULL,
        added_at      timestamptz  NOT NULL DEFAULT now(),
        decided_at    timestamptz,
        PRIMARY KEY (campaign_id, grant_number),
        UNIQUE (campaign_id, player_id),
        UNIQUE (platform_id, external_reference_id),
        CHECK ((state = 'skipped') = (skip_reason IS NOT NULL)),
        CHECK (state NOT IN ('granted', 'rejected', 'unknown', 'played', 'expired') OR batch_id IS NOT NULL)
      )`);
    await queryRunner.query(`CREATE INDEX campaign_grants_to_plan ON campaign_grants (campaign_id, grant_number) WHERE state = 'pending' AND batch_id IS NULL`);
    await queryRunner.query(`CREATE INDEX campaign_grants_by_batch ON campaign_grants (batch_id)`);
    await queryRunner.query(`CREATE INDEX grant_batches_open ON grant_batches (campaign_id, next_send_at) WHERE state IN ('sending', 'unknown')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE campaign_grants`);
    await queryRunner.query(`DROP TABLE grant_batches`);
    await queryRunner.query(`DROP TABLE campaigns`);
  }
}
