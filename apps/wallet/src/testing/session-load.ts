import 'reflect-metadata';
import { AggregatorUnavailableError } from '@wallet-platform/aggregator-client';
import { parsePlatformRegistry } from '@wallet-platform/platform-registry';
import { createRedisClient } from '@wallet-platform/service-kit';
import { AggregatorSessionService, SessionEndedError } from '../aggregator-sessions/aggregator-session.service';
import { SessionEndReason } from '../aggregator-sessions/aggregator-session-state';
import { AggregatorSessionStore } from '../aggregator-sessions/aggregator-session.store';
import { AggregatorCatalogStore } from '../catalog/aggregator-catalog.store';
import { StaleWriterError } from '../ledger/ledger-posting';
import { createWalletDataSource } from '../persistence/wallet-data-source';
import { PLAYER_LOCK_KEY_PREFIX_PROVIDER, PlayerBusyError, PlayerLock } from '../players/player-lock';
import { TransferAggregators } from '../transfers/transfer-aggregators';
import { TransferSender } from '../transfers/transfer-sender';
import { TransferInFlightError, TransferStore } from '../transfers/transfer-store';

/**
 * Test support: a process that launches and ends aggregator sessions, to be killed with SIGKILL in
 * the middle (aggregator-sessions-killed.e2e-spec.ts). For each player of LOAD_PLAYER_IDS,
 * LOAD_SESSIONS sessions one after another at aggregator `zg` (an amount policy of LOAD_LAUNCH_AMOUNT when set),
 * keyed `<LOAD_KEY_PREFIX>-<player index>-<n>`: each is launched (the same key again while a
 * transfer is in transit or the aggregator failed), then ended (again until its money is back).
 * Started again, it replays the same keys and goes on. Prints `done` at the end.
 */
async function main(): Promise<void> {
  const env = (name: string): string => {
    const value = process.env[name];
    if (!value) throw new Error(`${name} is required`);
    return value;
  };
  const dataSource = await createWalletDataSource(env('DATABASE_URL'), 8).initialize();
  const redis = createRedisClient(env('REDIS_URL'), 'session-load');
  const parsed = parsePlatformRegistry(env('PLATFORM_REGISTRY'));
  if (!parsed.ok) throw new Error(`PLATFORM_REGISTRY: ${parsed.problems.join('; ')}`);
  // The registry's entry does not carry the launch policy yet: LOAD_LAUNCH_AMOUNT sets an amount policy.
  const launchAmount = process.env['LOAD_LAUNCH_AMOUNT'];
  const registered = TransferAggregators.fromRegistry(parsed.registry);
  const aggregators =
    launchAmount === undefined ? registered : new TransferAggregators(registered.all().map((aggregator) => ({ ...aggregator, launch: { kind: 'amount' as const, amount: launchAmount } })));
  const transfers = new TransferStore(dataSource, new PlayerLock(redis, PLAYER_LOCK_KEY_PREFIX_PROVIDER(env('ENVIRONMENT_NAME')).useValue));
  const sessions = new AggregatorSessionStore(dataSource);
  const service = new AggregatorSessionService(sessions, new AggregatorCatalogStore(dataSource), transfers, new TransferSender(transfers, aggregators), aggregators);
  const playerIds = env('LOAD_PLAYER_IDS').split(',');
  const count = Number(env('LOAD_SESSIONS'));
  const pause = () => new Promise((resolve) => setTimeout(resolve, 25));
  // What passes: the resolver settles a transfer in transit; a killed process's player lock expires; the aggregator answers again.
  const passes = (error: unknown) =>
    error instanceof TransferInFlightError || error instanceof PlayerBusyError || error instanceof StaleWriterError || error instanceof AggregatorUnavailableError;
  await Promise.all(
    playerIds.map(async (playerId, index) => {
      for (let n = 0; n < count; n++) {
        const idempotencyKey = `${env('LOAD_KEY_PREFIX')}-${index}-${n}`;
        for (;;) {
          try {
            const outcome = await service.launch({ playerId, aggregatorId: 'zg', gameId: 'pg_00001', idempotencyKey, isMobile: false, lang: 'en' });
            if (outcome.kind === 'launched' || outcome.kind === 'deposit-voided') break;
          } catch (error) {
            if (error instanceof SessionEndedError) break;
            if (!passes(error)) throw error;
          }
          await pause();
        }
        for (;;) {
          const session = await sessions.byKey(playerIdOperator, idempotencyKey);
          if (!session) throw new Error(`no session for ${idempotencyKey}`);
          try {
            if ((await service.end(session, SessionEndReason.BackOffice)).kind === 'ended') break;
          } catch (error) {
            if (!passes(error)) throw error;
          }
          await pause();
        }
      }
    }),
  );
  process.stdout.write('done\n');
  await dataSource.destroy();
  redis.disconnect();
}

/** The seeded players' operator (aggregator-sessions-killed.e2e-spec.ts). */
const playerIdOperator = 'op1';

main().catch((error: unknown) => {
  process.stderr.write(`session-load failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(2);
});
