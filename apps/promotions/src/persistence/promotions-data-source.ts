import { DataSource, type DataSourceOptions } from 'typeorm';
import { postgresOptions } from '@wallet-platform/service-kit';
import { Campaigns1732500000000 } from './migrations/1732500000000-campaigns';
import { Awards1732510000000 } from './migrations/1732510000000-awards';
import { AggregatorGrantFields1732520000000 } from './migrations/1732520000000-aggregator-grant-fields';

/** Listed explicitly (no globs): what runs is what the build compiled, in this order. */
/** The advisory lock the promotions migrations run under (migrate.ts, scratch databases). */
export const PROMOTIONS_MIGRATIONS_LOCK = 'promotions.migrations';

export const promotionsMigrations = [Campaigns1732500000000, Awards1732510000000, AggregatorGrantFields1732520000000];

export function promotionsDataSourceOptions(databaseUrl: string, poolSizeMax: number): DataSourceOptions {
  return postgresOptions('promotions', databaseUrl, poolSizeMax, [], promotionsMigrations);
}

export function createPromotionsDataSource(databaseUrl: string, poolSizeMax = 4): DataSource {
  return new DataSource(promotionsDataSourceOptions(databaseUrl, poolSizeMax));
}
