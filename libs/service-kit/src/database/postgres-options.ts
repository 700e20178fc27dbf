import type { DataSourceOptions } from 'typeorm';

type EntityList = NonNullable<DataSourceOptions['entities']>;
type MigrationList = NonNullable<DataSourceOptions['migrations']>;

/**
 * TypeORM options shared by every service: migrations listed explicitly (no globs: what runs is
 * what the build compiled), never `synchronize`, bounded pool and statement time.
 */
export function postgresOptions(service: string, databaseUrl: string, poolSizeMax: number, entities: EntityList, migrations: MigrationList): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities,
    migrations,
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    extra: { max: poolSizeMax, statement_timeout: 10_000, idle_in_transaction_session_timeout: 30_000 },
    applicationName: service,
  };
}
