import { Module, type DynamicModule } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { HealthModule, JsonLogger, MetricsModule, StoresModule, parseBackOfficeApiKeys } from '@wallet-platform/service-kit';
import { WalletClient } from '@wallet-platform/wallet-client';
import { AwardsModule } from './awards/awards.module';
import { CampaignsModule } from './campaigns/campaigns.module';
import { FreeSpinWinsModule } from './free-spin-wins/free-spin-wins.module';
import { aggregatorFreeRoundsSettingsOf, freeRoundsProvidersOf } from './campaigns/providers/free-rounds-providers-config';
import { choiceGamingOperatorsOf } from '@wallet-platform/platform-registry';
import { promotionsDataSourceOptions } from './persistence/promotions-data-source';
import type { LoadedPromotionsConfig } from './promotions.config';
import { WalletPlayerFacts } from './wallet/wallet-player-facts';

@Module({})
export class PromotionsModule {
  /** `walletClient`: WalletClientModule.forRoot with requester 'promotions', over the same `kafka` (main.ts builds both). */
  static forRoot(config: LoadedPromotionsConfig, kafka: Kafka, walletClient: DynamicModule, logger: JsonLogger = new JsonLogger('promotions', config.LOG_LEVEL)): DynamicModule {
    const aggregators = aggregatorFreeRoundsSettingsOf(config.platformRegistry);
    // Player facts are asked of the wallet under the platform's operator: Choice Gaming platforms and free-round aggregators alike.
    const operators = new Map([...choiceGamingOperatorsOf(config.platformRegistry), ...aggregators.map((aggregator) => [aggregator.aggregatorId, aggregator.operatorId] as const)]);
    return {
      module: PromotionsModule,
      imports: [
        HealthModule,
        MetricsModule,
        StoresModule.forRoot({
          dataSource: promotionsDataSourceOptions(config.DATABASE_URL, config.DATABASE_POOL_SIZE_MAX),
          redisUrl: config.REDIS_URL,
          redisConnectionName: `promotions-${config.INSTANCE_ID}`,
        }),
        walletClient,
        CampaignsModule.forRoot({
          apiKeys: parseBackOfficeApiKeys(config.BACK_OFFICE_API_KEYS),
          providers: freeRoundsProvidersOf(config.platformRegistry),
          aggregators,
          imports: [walletClient],
          playerFacts: { inject: [WalletClient], useFactory: (wallet: WalletClient) => new WalletPlayerFacts(wallet, operators) },
          logger,
          resumeOnStart: true,
        }),
        AwardsModule.forRoot({ walletClient, logger, recovery: true }),
        FreeSpinWinsModule.forRoot({ kafka, environmentName: config.ENVIRONMENT_NAME, logger }),
      ],
    };
  }
}
