import { DataSource, type DataSourceOptions } from 'typeorm';
import { postgresOptions } from '@wallet-platform/service-kit';
import { GameSessionEntity } from '../players/game-session.entity';
import { PlayerEntity } from '../players/player.entity';
import { InitialLedgerSchema1732380000000 } from './migrations/1732380000000-initial-ledger-schema';
import { GameTransactions1732390000000 } from './migrations/1732390000000-game-transactions';
import { SessionReplacement1732400000000 } from './migrations/1732400000000-session-replacement';
import { CashierOperations1732410000000 } from './migrations/1732410000000-cashier-operations';
import { PlatformCatalog1732420000000 } from './migrations/1732420000000-platform-catalog';
import { TransactionContext1732430000000 } from './migrations/1732430000000-transaction-context';
import { WriteAssert1732440000000 } from './migrations/1732440000000-write-assert';
import { PromotionCredits1732450000000 } from './migrations/1732450000000-promotion-credits';
import { AggregatorTransfers1732600000000 } from './migrations/1732600000000-aggregator-transfers';
import { WinWithoutBet1732700000000 } from './migrations/1732700000000-win-without-bet';
import { AggregatorCatalog1732810000000 } from './migrations/1732810000000-aggregator-catalog';
import { AggregatorBalanceChecks1732820000000 } from './migrations/1732820000000-aggregator-balance-checks';
import { AggregatorSessions1732830000000 } from './migrations/1732830000000-aggregator-sessions';

/** The ORM maps only what the cold paths read through it; the ledger's tables are written by hand-written SQL. */
/** The advisory lock the wallet's migrations run under (migrate.ts, scratch databases). */
export const WALLET_MIGRATIONS_LOCK = 'wallet.migrations';

export const walletEntities = [PlayerEntity, GameSessionEntity];

/** Listed explicitly (no globs): what runs is what the build compiled, in this order. */
export const walletMigrations = [InitialLedgerSchema1732380000000, GameTransactions1732390000000, SessionReplacement1732400000000, CashierOperations1732410000000, PlatformCatalog1732420000000, TransactionContext1732430000000, WriteAssert1732440000000, PromotionCredits1732450000000, AggregatorTransfers1732600000000, WinWithoutBet1732700000000, AggregatorCatalog1732810000000, AggregatorBalanceChecks1732820000000, AggregatorSessions1732830000000];

export function walletDataSourceOptions(databaseUrl: string, poolSizeMax: number): DataSourceOptions {
  return postgresOptions('wallet', databaseUrl, poolSizeMax, walletEntities, walletMigrations);
}

export function createWalletDataSource(databaseUrl: string, poolSizeMax = 4): DataSource {
  return new DataSource(walletDataSourceOptions(databaseUrl, poolSizeMax));
}
