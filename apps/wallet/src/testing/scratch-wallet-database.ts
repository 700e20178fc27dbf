import { createScratchDatabase, type ScratchDatabase } from '@wallet-platform/service-kit/testing';
import { createWalletDataSource, WALLET_MIGRATIONS_LOCK } from '../persistence/wallet-data-source';

/** A fresh wallet database with every migration applied, for one integration test file. */
export function createScratchWalletDatabase(): Promise<ScratchDatabase> {
  return createScratchDatabase({ namePrefix: 'wallet_it', dataSourceOf: (url) => createWalletDataSource(url, 4), migrationsLock: WALLET_MIGRATIONS_LOCK });
}
