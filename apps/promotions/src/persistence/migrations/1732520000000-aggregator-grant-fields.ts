import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The aggregator's free rounds keep longer provider fields than Choice Gaming's: its error codes
 * are words (`AGENT_PROVIDER_NOT_FOUND` is 24 characters), and a grant's reference holds both the
 * aggregator's freeGameId and freeGameCode (up to 128 characters each), which cancelFreeRound needs.
 */
export class AggregatorGrantFields1732520000000 implements MigrationInterface {
  name = 'AggregatorGrantFields1732520000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE grant_batches ALTER COLUMN provider_code TYPE varchar(64), ALTER COLUMN provider_reference TYPE varchar(300)`);
    await queryRunner.query(`ALTER TABLE campaign_grants ALTER COLUMN provider_code TYPE varchar(64), ALTER COLUMN provider_reference TYPE varchar(300)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE campaign_grants ALTER COLUMN provider_code TYPE varchar(20), ALTER COLUMN provider_reference TYPE varchar(255)`);
    await queryRunner.query(`ALTER TABLE grant_batches ALTER COLUMN provider_code TYPE varchar(20), ALTER COLUMN provider_reference TYPE varchar(255)`);
  }
}
