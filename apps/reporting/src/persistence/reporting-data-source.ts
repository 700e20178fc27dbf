import { DataSource, type DataSourceOptions } from 'typeorm';
import { postgresOptions } from '@wallet-platform/service-kit';
import { LedgerAggregates1733050000000 } from './migrations/1733050000000-ledger-aggregates';
import { GgrRowsToPublish1733060000000 } from './migrations/1733060000000-ggr-rows-to-publish';
import { PromotionCreditTotals1733070000000 } from './migrations/1733070000000-promotion-credit-totals';
import { ReconciliationRuns1733080000000 } from './migrations/1733080000000-reconciliation-runs';
import { AggregatorReconciliation1733090000000 } from './migrations/1733090000000-aggregator-reconciliation';

/** Listed explicitly (no globs): what runs is what the build compiled, in this order. */
export const reportingMigrations = [LedgerAggregates1733050000000, GgrRowsToPublish1733060000000, PromotionCreditTotals1733070000000, ReconciliationRuns1733080000000, AggregatorReconciliation1733090000000];

/** Name of the advisory lock under which migrations run (replicas may start at once). */
export const REPORTING_MIGRATIONS_LOCK = 'reporting.migrations';

export function reportingDataSourceOptions(databaseUrl: string, poolSizeMax: number): DataSourceOptions {
  return postgresOptions('reporting', databaseUrl, poolSizeMax, [], reportingMigrations);
}

export function createReportingDataSource(databaseUrl: string, poolSizeMax = 4): DataSource {
  return new DataSource(reportingDataSourceOptions(databaseUrl, poolSizeMax));
}
