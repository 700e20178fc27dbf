import 'reflect-metadata';
import { parsePlatformRegistry, type PlatformRegistry } from '@wallet-platform/platform-registry';
import { createRedisClient } from '@wallet-platform/service-kit';
import { createWalletDataSource } from '../persistence/wallet-data-source';
import { PLAYER_LOCK_KEY_PREFIX_PROVIDER, PlayerBusyError, PlayerLock } from '../players/player-lock';
import { TransferAggregators } from '../transfers/transfer-aggregators';
import { TransferSender } from '../transfers/transfer-sender';
import { TransferDirection } from '../transfers/transfer-state';
import { TransferInFlightError, TransferStore } from '../transfers/transfer-store';

/**
 * Test support: a process that makes transfers, to be killed with SIGKILL in the middle
 * (transfers-sender-killed.e2e-spec.ts). For each player of LOAD_PLAYER_IDS, LOAD_TRANSFERS
 * transfers one after another, alternating a deposit of 10.00 and a withdraw of 4.00, keyed
 * `<LOAD_KEY_PREFIX>-<player index>-<n>`: started again, it replays the same keys (a stored
 * transfer answers, nothing is resent) and goes on. A transfer still open blocks the player's next
 * one until the resolver settles it, and a player lock left by the killed process holds it until the
 * lock expires (a caller of the API gets 503 player_busy and retries the same way). Prints `done`
 * when every transfer was made.
 */
async function main(): Promise<void> {
  const env = (name: string): string => {
    const value = process.env[name];
    if (!value) throw new Error(`${name} is required`);
    return value;
  };
  const dataSource = await createWalletDataSource(env('DATABASE_URL'), 8).initialize();
  const redis = createRedisClient(env('REDIS_URL'), 'transfer-load');
  const store = new TransferStore(dataSource, new PlayerLock(redis, PLAYER_LOCK_KEY_PREFIX_PROVIDER(env('ENVIRONMENT_NAME')).useValue));
  const sender = new TransferSender(store, TransferAggregators.fromRegistry(registryOf(env('PLATFORM_REGISTRY'))));
  const playerIds = env('LOAD_PLAYER_IDS').split(',');
  const transfers = Number(env('LOAD_TRANSFERS'));
  await Promise.all(
    playerIds.map(async (playerId, index) => {
      for (let n = 0; n < transfers; n++) {
        const request = {
          aggregatorId: 'zg',
          playerId,
          direction: n % 2 === 0 ? TransferDirection.Deposit : TransferDirection.Withdraw,
          amount: n % 2 === 0 ? '10.00' : '4.00',
          idempotencyKey: `${env('LOAD_KEY_PREFIX')}-${index}-${n}`,
        };
        for (;;) {
          try {
            await sender.transfer(request);
            break;
          } catch (error) {
            // Both pass: the resolver settles the open transfer; a killed process's player lock expires (PLAYER_LOCK_TTL_MS).
            if (!(error instanceof TransferInFlightError) && !(error instanceof PlayerBusyError)) throw error;
            await new Promise((resolve) => setTimeout(resolve, 25));
          }
        }
      }
    }),
  );
  process.stdout.write('done\n');
  await dataSource.destroy();
  redis.disconnect();
}

main().catch((error: unknown) => {
  process.stderr.write(`transfer-load failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(2);
});

function registryOf(text: string): PlatformRegistry {
  const parsed = parsePlatformRegistry(text);
  if (!parsed.ok) throw new Error(`PLATFORM_REGISTRY: ${parsed.problems.join('; ')}`);
  return parsed.registry;
}
