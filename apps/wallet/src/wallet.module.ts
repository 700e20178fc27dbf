import { Module, type DynamicModule } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { HealthModule, MetricsModule, JsonLogger, StoresModule, parseBackOfficeApiKeys } from '@wallet-platform/service-kit';
import { AggregatorSessionsModule } from './aggregator-sessions/aggregator-sessions.module';
import { AggregatorHistoryModule } from './back-office/aggregator-history/aggregator-history.module';
import { BackOfficeModule } from './back-office/back-office.module';
import { BalanceHandler } from './balance/balance.handler';
import { BalanceDriftModule } from './balance-drift/balance-drift.module';
import { CatalogModule } from './catalog/catalog.module';
import { GamePlayHandler } from './game-play/game-play.handler';
import { ENGINE_LOG, GamePlayEngine } from './game-play/game-play.engine';
import { GamePlayService } from './game-play/game-play.service';
import { OUTBOX_ENVIRONMENT_NAME, OUTBOX_KAFKA, OUTBOX_LOGGER, OutboxRelay } from './outbox/outbox-relay';
import { walletDataSourceOptions } from './persistence/wallet-data-source';
import { platformApisOf } from '@wallet-platform/platform-registry';
import { AuthenticateHandler } from './players/authenticate.handler';
import { PlayerDirectory } from './players/player-directory';
import { PlayerFactsHandler } from './players/player-facts.handler';
import { RegenerateSessionHandler } from './players/regenerate-session.handler';
import { PLAYER_LOCK_KEY_PREFIX, PLAYER_LOCK_KEY_PREFIX_PROVIDER, PlayerLock } from './players/player-lock';
import { TransferAggregators } from './transfers/transfer-aggregators';
import { TransfersModule } from './transfers/transfers.module';
import type { LoadedWalletConfig } from './wallet.config';

@Module({})
export class WalletModule {
  static forRoot(config: LoadedWalletConfig, kafka: Kafka, logger: JsonLogger): DynamicModule {
    const aggregators = TransferAggregators.fromRegistry(config.platformRegistry);
    const backOffice = BackOfficeModule.forRoot(parseBackOfficeApiKeys(config.BACK_OFFICE_API_KEYS), platformApisOf(config.platformRegistry));
    return {
      module: WalletModule,
      // Global so that feature modules (back office) share the lock key prefix and stores.
      global: true,
      imports: [
        HealthModule,
        MetricsModule,
        StoresModule.forRoot({
          dataSource: walletDataSourceOptions(config.DATABASE_URL, config.DATABASE_POOL_SIZE_MAX),
          redisUrl: config.REDIS_URL,
          redisConnectionName: `wallet-${config.INSTANCE_ID}`,
        }),
        backOffice,
        CatalogModule.forRoot(backOffice, { syncIntervalMinutes: config.CATALOG_SYNC_INTERVAL_MINUTES, environmentName: config.ENVIRONMENT_NAME, logger, aggregators }),
        AggregatorHistoryModule.forRoot(backOffice, { aggregators }),
        BalanceDriftModule.forRoot(backOffice, { aggregators, intervalMs: config.AGGREGATOR_BALANCE_CHECK_INTERVAL_MS, environmentName: config.ENVIRONMENT_NAME, logger }),
        TransfersModule.forRoot(backOffice, {
          aggregators,
          resolverIntervalMs: config.AGGREGATOR_RESOLVER_INTERVAL_MS,
          resolver: { pendingStaleMs: config.AGGREGATOR_PENDING_STALE_MS, retryBaseMs: config.AGGREGATOR_RESOLVER_RETRY_BASE_MS },
          logger,
        }),
        AggregatorSessionsModule.forRoot(backOffice, {
          aggregators,
          sweepIntervalMs: config.AGGREGATOR_SESSION_SWEEP_INTERVAL_MS,
          idleLimitMs: config.AGGREGATOR_SESSION_IDLE_LIMIT_MS,
          logger,
        }),
      ],
      controllers: [AuthenticateHandler, BalanceHandler, GamePlayHandler, RegenerateSessionHandler, PlayerFactsHandler],
      providers: [
        PlayerDirectory,
        PLAYER_LOCK_KEY_PREFIX_PROVIDER(config.ENVIRONMENT_NAME),
        PlayerLock,
        GamePlayService,
        GamePlayEngine,
        { provide: ENGINE_LOG, useValue: (level: 'error' | 'warn' | 'info' | 'debug', message: string, fields?: Record<string, unknown>) => logger.event(level, 'GamePlayEngine', message, fields) },
        { provide: OUTBOX_KAFKA, useValue: kafka },
        { provide: OUTBOX_ENVIRONMENT_NAME, useValue: config.ENVIRONMENT_NAME },
        { provide: OUTBOX_LOGGER, useValue: logger },
        OutboxRelay,
      ],
      exports: [PLAYER_LOCK_KEY_PREFIX],
    };
  }
}
