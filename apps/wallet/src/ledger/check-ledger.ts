import 'reflect-metadata';
import { createWalletDataSource } from '../persistence/wallet-data-source';
import { loadWalletConfig } from '../wallet.config';
import { checkLedgerInvariants } from './ledger-invariants';

/**
 * `node -r ./tools/dev/register-paths.js dist/apps/wallet/src/ledger/check-ledger.js`
 * Prints the invariant report as one JSON line; exits 1 if any invariant is broken.
 */
async function main(): Promise<void> {
  const config = loadWalletConfig();
  const dataSource = await createWalletDataSource(config.DATABASE_URL, 1).initialize();
  try {
    const report = await dataSource.transaction('REPEATABLE READ', (manager) => checkLedgerInvariants(manager));
    process.stdout.write(JSON.stringify(report) + '\n');
    process.exitCode = report.ok ? 0 : 1;
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`check-ledger failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
