import { Module, type DynamicModule } from '@nestjs/common';
import { HealthModule, MetricsModule, postgresOptions, StoresModule } from '@wallet-platform/service-kit';
import type { PromotionsConfig } from './promotions.config';

@Module({})
export class PromotionsModule {
  static forRoot(config: PromotionsConfig): DynamicModule {
    return {
      module: PromotionsModule,
      imports: [
        HealthModule,
        MetricsModule,
        StoresModule.forRoot({
          dataSource: postgresOptions('promotions', config.DATABASE_URL, config.DATABASE_POOL_SIZE_MAX, [], []),
          redisUrl: config.REDIS_URL,
          redisConnectionName: `promotions-${config.INSTANCE_ID}`,
        }),
      ],
    };
  }
}
