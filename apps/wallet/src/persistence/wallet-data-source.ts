import { DataSource, type DataSourceOptions } from 'typeorm';
import { AccountEntity } from '../accounts/account.entity';
import { LedgerEntryEntity } from '../ledger/ledger-entry.entity';
import { LedgerTransactionEntity } from '../ledger/ledger-transaction.entity';
import { GameSessionEntity } from '../players/game-session.entity';
import { PlayerEntity } from '../players/player.entity';
import { InitialLedgerSchema1732380000000 } from './migrations/1732380000000-initial-ledger-schema';

export const walletEntities = [PlayerEntity, GameSessionEntity, AccountEntity, LedgerTransactionEntity, LedgerEntryEntity];

/** Listed explicitly (no globs): what runs is what the build compiled, in this order. */
export const walletMigrations = [InitialLedgerSchema1732380000000];

export function walletDataSourceOptions(databaseUrl: string, poolSizeMax: number): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities: walletEntities,
    migrations: walletMigrations,
    migrationsTableName: 'schema_migrations',
    // Schema changes only through reviewed migrations, never derived from entities at start-up.
    synchronize: false,
    migrationsRun: false,
    // One transaction per migration; PostgreSQL DDL is transactional.
    migrationsTransactionMode: 'each',
    extra: { max: poolSizeMax, statement_timeout: 10_000, idle_in_transaction_session_timeout: 30_000 },
    applicationName: 'wallet',
  };
}

export function createWalletDataSource(databaseUrl: string, poolSizeMax = 4): DataSource {
  return new DataSource(walletDataSourceOptions(databaseUrl, poolSizeMax));
}
