import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The platform's catalog as last synced: game attributes, lobbies, and each sync's outcome. */
export class PlatformCatalog1732420000000 implements MigrationInterface {
  name = 'PlatformCatalog1732420000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE games
        ADD COLUMN vendor varchar(100),
        ADD COLUMN game_type varchar(100),
        ADD COLUMN device_platform varchar(100),
        ADD COLUMN fun_mode boolean NOT NULL DEFAULT false,
        ADD COLUMN campaigns boolean NOT NULL DEFAULT false,
        ADD COLUMN platform_created_on date,
        ADD COLUMN last_seen_in_sync_at timestamptz`);
    await queryRunner.query(`
      CREATE TABLE lobbies (
        platform_id  varchar(40)  NOT NULL,
        lobby_id     varchar(100) NOT NULL,
        vendor       varchar(100) NOT NULL,
        last_seen_in_sync_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (platform_id, lobby_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE catalog_syncs (
        id            bigserial PRIMARY KEY,
        platform_id   varchar(40) NOT NULL,
        operator_id   varchar(20) NOT NULL,
        trigger       varchar(10) NOT NULL CHECK (trigger IN ('schedule', 'request')),
        started_at    timestamptz NOT NULL DEFAULT now(),
        finished_at   timestamptz,
        outcome       varchar(10) CHECK (outcome IN ('ok', 'failed')),
        games_seen    integer,
        games_disabled_by_platform integer,
        lobbies_seen  integer,
        error         varchar(500)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE catalog_syncs`);
    await queryRunner.query(`DROP TABLE lobbies`);
    await queryRunner.query(`ALTER TABLE games DROP COLUMN vendor, DROP COLUMN game_type, DROP COLUMN device_platform, DROP COLUMN fun_mode,
      DROP COLUMN campaigns, DROP COLUMN platform_created_on, DROP COLUMN last_seen_in_sync_at`);
  }
}
