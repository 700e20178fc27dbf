import { Module, type DynamicModule } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { HealthModule, JsonLogger, StoresModule } from '@wallet-platform/service-kit';
import { BalanceHandler } from './balance/balance.handler';
import { GamePlayHandler } from './game-play/game-play.handler';
import { GamePlayService } from './game-play/game-play.service';
import { OUTBOX_ENVIRONMENT_NAME, OUTBOX_KAFKA, OUTBOX_LOGGER, OutboxRelay } from './outbox/outbox-relay';
import { walletDataSourceOptions } from './persistence/wallet-data-source';
import { AuthenticateHandler } from './players/authenticate.handler';
import { PlayerDirectory } from './players/player-directory';
import { PLAYER_LOCK_KEY_PREFIX, PlayerLock } from './players/player-lock';
import type { WalletConfig } from './wallet.config';

@Module({})
export class WalletModule {
  static forRoot(config: WalletConfig, kafka: Kafka, logger: JsonLogger): DynamicModule {
    return {
      module: WalletModule,
      imports: [
        HealthModule,
        StoresModule.forRoot({
          dataSource: walletDataSourceOptions(config.DATABASE_URL, config.DATABASE_POOL_SIZE_MAX),
          redisUrl: config.REDIS_URL,
          redisConnectionName: `wallet-${config.INSTANCE_ID}`,
        }),
      ],
      controllers: [AuthenticateHandler, BalanceHandler, GamePlayHandler],
      providers: [
        PlayerDirectory,
        { provide: PLAYER_LOCK_KEY_PREFIX, useValue: `${config.ENVIRONMENT_NAME}:wallet:player-lock` },
        PlayerLock,
        GamePlayService,
        { provide: OUTBOX_KAFKA, useValue: kafka },
        { provide: OUTBOX_ENVIRONMENT_NAME, useValue: config.ENVIRONMENT_NAME },
        { provide: OUTBOX_LOGGER, useValue: logger },
        OutboxRelay,
      ],
    };
  }
}
