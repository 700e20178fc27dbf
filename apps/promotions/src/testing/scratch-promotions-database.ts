import { createScratchDatabase, type ScratchDatabase } from '@wallet-platform/service-kit/testing';
import { createPromotionsDataSource, PROMOTIONS_MIGRATIONS_LOCK } from '../persistence/promotions-data-source';

/** A fresh promotions database with every migration applied, for one integration test file. */
export function createScratchPromotionsDatabase(): Promise<ScratchDatabase> {
  return createScratchDatabase({ namePrefix: 'promotions_it', dataSourceOf: (url) => createPromotionsDataSource(url, 4), migrationsLock: PROMOTIONS_MIGRATIONS_LOCK });
}
