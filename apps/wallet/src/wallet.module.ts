import { Module, type DynamicModule } from '@nestjs/common';
import { HealthModule, StoresModule } from '@wallet-platform/service-kit';
import { BalanceHandler } from './balance/balance.handler';
import { walletDataSourceOptions } from './persistence/wallet-data-source';
import { PlayerDirectory } from './players/player-directory';
import type { WalletConfig } from './wallet.config';

@Module({})
export class WalletModule {
  static forRoot(config: WalletConfig): DynamicModule {
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
      controllers: [BalanceHandler],
      providers: [PlayerDirectory],
    };
  }
}
