import 'reflect-metadata';
import { runMigrationsExclusively } from '@wallet-platform/service-kit';
import { createWalletDataSource, WALLET_MIGRATIONS_LOCK } from './persistence/wallet-data-source';
import { loadWalletConfig } from './wallet.config';

/** `node dist/apps/wallet/src/migrate.js`: applies pending migrations once, then exits. */
async function migrate(): Promise<void> {
  const config = loadWalletConfig();
  const dataSource = await createWalletDataSource(config.DATABASE_URL).initialize();
  try {
    const applied = await runMigrationsExclusively(dataSource, WALLET_MIGRATIONS_LOCK);
    process.stdout.write(JSON.stringify({ service: 'wallet', migrationsApplied: applied }) + '\n');
  } finally {
    await dataSource.destroy();
  }
}

migrate().catch((error: unknown) => {
  process.stderr.write(`wallet migrations failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
