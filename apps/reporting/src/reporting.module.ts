import { Module, type DynamicModule } from '@nestjs/common';
import { HealthModule, MetricsModule, postgresOptions, StoresModule } from '@wallet-platform/service-kit';
import type { ReportingConfig } from './reporting.config';

@Module({})
export class ReportingModule {
  static forRoot(config: ReportingConfig): DynamicModule {
    return {
      module: ReportingModule,
      imports: [
        HealthModule,
        MetricsModule,
        StoresModule.forRoot({
          dataSource: postgresOptions('reporting', config.DATABASE_URL, config.DATABASE_POOL_SIZE_MAX, [], []),
          redisUrl: config.REDIS_URL,
          redisConnectionName: `reporting-${config.INSTANCE_ID}`,
        }),
      ],
    };
  }
}
