import { Module, type DynamicModule } from '@nestjs/common';
import { HealthModule, JsonLogger, MetricsModule, StoresModule } from '@wallet-platform/service-kit';
import { parseBackOfficeApiKeys } from './back-office/auth/back-office-api-keys';
import { CampaignsModule } from './campaigns/campaigns.module';
import { UnwiredPlayerFacts } from './campaigns/domain/player-facts.port';
import { parseFreeRoundsProviders } from './campaigns/providers/free-rounds-providers-config';
import { promotionsDataSourceOptions } from './persistence/promotions-data-source';
import type { PromotionsConfig } from './promotions.config';

@Module({})
export class PromotionsModule {
  static forRoot(config: PromotionsConfig, logger: JsonLogger = new JsonLogger('promotions', config.LOG_LEVEL)): DynamicModule {
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
        CampaignsModule.forRoot({
          apiKeys: parseBackOfficeApiKeys(config.BACK_OFFICE_API_KEYS),
          providers: parseFreeRoundsProviders(config.CHOICE_GAMING_SERVICE_APIS),
          // The lead wires the wallet's player facts here.
          playerFacts: new UnwiredPlayerFacts(),
          logger,
          resumeOnStart: true,
        }),
      ],
    };
  }
}
