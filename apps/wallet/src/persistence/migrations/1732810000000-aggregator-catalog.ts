import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The transfer-wallet aggregators' catalog as last synced: their providers and games (category,
 * logo, provider), our own on/off switch per game, and each sync's outcome. Apart from `games`:
 * those are the Operator API platforms' games (ids of 1-6 digits, played through the seamless
 * wallet); an aggregator's game ids are its own text ids and its games are played on its balance.
 *
 * A sync never deletes and never touches `enabled_by_operator`: a game or provider the aggregator
 * stops listing keeps its row with `listed_by_aggregator = false` and `gone_since` set, and comes
 * back as it was (our switch included) if it is listed again.
 */
export class AggregatorCatalog1732810000000 implements MigrationInterface {
  name = 'AggregatorCatalog1732810000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE aggregator_providers (
        aggregator_id         varchar(64)   NOT NULL CHECK (aggregator_id ~ '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$'),
        provider_id           varchar(128)  NOT NULL,
        name                  varchar(255)  NOT NULL,
        logo_url              varchar(4096),
        active                boolean       NOT NULL,
        online                boolean       NOT NULL,
        -- [{"id": "slot", "label": "Slot"}, ...] as the aggregator lists them
        categories            jsonb         NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(categories) = 'array'),
        listed_by_aggregator  boolean       NOT NULL DEFAULT true,
        gone_since            timestamptz,
        last_seen_in_sync_at  timestamptz   NOT NULL,
        updated_at            timestamptz   NOT NULL DEFAULT now(),
        PRIMARY KEY (aggregator_id, provider_id),
        CONSTRAINT aggregator_providers_gone_shape CHECK (listed_by_aggregator = (gone_since IS NULL))
      )`);
    await queryRunner.query(`
      CREATE TABLE aggregator_games (
        aggregator_id         varchar(64)   NOT NULL CHECK (aggregator_id ~ '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$'),
        game_id               varchar(128)  NOT NULL,
        name                  varchar(255)  NOT NULL,
        logo_url              varchar(4096),
        category_id           varchar(128)  NOT NULL,
        category_label        varchar(255)  NOT NULL,
        -- the provider whose id is the game id's prefix before "_", when the aggregator lists it (docs/aggregator.md)
        provider_id           varchar(128),
        listed_by_aggregator  boolean       NOT NULL DEFAULT true,
        gone_since            timestamptz,
        -- our switch: false and the game is not launched, whatever the aggregator says
        enabled_by_operator   boolean       NOT NULL DEFAULT true,
        first_seen_in_sync_at timestamptz   NOT NULL,
        last_seen_in_sync_at  timestamptz   NOT NULL,
        updated_at            timestamptz   NOT NULL DEFAULT now(),
        PRIMARY KEY (aggregator_id, game_id),
        CONSTRAINT aggregator_games_gone_shape CHECK (listed_by_aggregator = (gone_since IS NULL))
      )`);
    await queryRunner.query(`CREATE INDEX aggregator_games_provider_idx ON aggregator_games (aggregator_id, provider_id)`);
    await queryRunner.query(`
      CREATE TABLE aggregator_catalog_syncs (
        id                bigserial     PRIMARY KEY,
        aggregator_id     varchar(64)   NOT NULL,
        trigger           varchar(10)   NOT NULL CHECK (trigger IN ('schedule', 'request')),
        started_at        timestamptz   NOT NULL DEFAULT now(),
        finished_at       timestamptz,
        outcome           varchar(10)   CHECK (outcome IN ('ok', 'failed')),
        games_seen        integer,
        games_gone        integer,
        providers_seen    integer,
        error             varchar(500)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE aggregator_catalog_syncs`);
    await queryRunner.query(`DROP TABLE aggregator_games`);
    await queryRunner.query(`DROP TABLE aggregator_providers`);
  }
}
