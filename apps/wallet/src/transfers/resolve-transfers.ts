import 'reflect-metadata';
import { createRedisClient } from '@wallet-platform/service-kit';
import { createWalletDataSource } from '../persistence/wallet-data-source';
import { PLAYER_LOCK_KEY_PREFIX_PROVIDER, PlayerLock } from '../players/player-lock';
import { loadWalletConfig } from '../wallet.config';
import { TransferAggregators } from './transfer-aggregators';
import { TransferResolver } from './transfer-resolver';
import { TransferResolverLoop } from './transfer-resolver-loop';
import { TransferStore } from './transfer-store';

/**
 * The aggregator transfer resolver on its own, outside the wallet service (support, tests):
 * `node -r ./tools/dev/register-paths.js dist/apps/wallet/src/transfers/resolve-transfers.js [--once]`
 * with the wallet's DATABASE_URL, REDIS_URL, ENVIRONMENT_NAME and PLATFORM_REGISTRY (its aggregators). `--once`: one
 * pass over what is due, its counts as one JSON line. Otherwise passes every
 * AGGREGATOR_RESOLVER_INTERVAL_MS until SIGTERM, one JSON line per pass that did something.
 */
async function main(): Promise<void> {
  const config = loadWalletConfig();
  const dataSource = await createWalletDataSource(config.DATABASE_URL, 4).initialize();
  const redis = createRedisClient(config.REDIS_URL, `wallet-resolver-${config.INSTANCE_ID}`);
  const store = new TransferStore(dataSource, new PlayerLock(redis, PLAYER_LOCK_KEY_PREFIX_PROVIDER(config.ENVIRONMENT_NAME).useValue));
  const resolver = new TransferResolver(store, TransferAggregators.fromRegistry(config.platformRegistry), {
    pendingStaleMs: config.AGGREGATOR_PENDING_STALE_MS,
    retryBaseMs: config.AGGREGATOR_RESOLVER_RETRY_BASE_MS,
  });
  const close = async () => {
    await dataSource.destroy();
    redis.disconnect();
  };
  if (process.argv.includes('--once')) {
    const pass = await resolver.resolveDue();
    process.stdout.write(JSON.stringify(pass) + '\n');
    await close();
    return;
  }
  const loop = new TransferResolverLoop(
    resolver,
    Math.max(config.AGGREGATOR_RESOLVER_INTERVAL_MS, 10),
    (pass) => {
      if (pass.looked > 0) process.stdout.write(JSON.stringify(pass) + '\n');
    },
    (error) => process.stderr.write(`resolver pass failed: ${error instanceof Error ? error.message : String(error)}\n`),
  );
  loop.start();
  process.once('SIGTERM', () => {
    void loop.stop().then(close);
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`resolve-transfers failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
