import { createScratchDatabase, type ScratchDatabase } from '@wallet-platform/service-kit/testing';
import { createReportingDataSource, REPORTING_MIGRATIONS_LOCK } from '../persistence/reporting-data-source';

export type ScratchReportingDatabase = ScratchDatabase;

/** A fresh reporting database with every migration applied, for one integration test. */
export function createScratchReportingDatabase(): Promise<ScratchReportingDatabase> {
  return createScratchDatabase({ namePrefix: 'reporting_it', dataSourceOf: (url) => createReportingDataSource(url, 4), migrationsLock: REPORTING_MIGRATIONS_LOCK });
}
