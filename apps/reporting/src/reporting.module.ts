import { Module, type DynamicModule } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { HealthModule, MetricsModule, StoresModule, type JsonLogger } from '@wallet-platform/service-kit';
import { LedgerIntakeModule } from './ledger-intake/ledger-intake.module';
import { parseReportsApiKeys } from './reports-api/reports-api-keys';
import { ReportsApiModule } from './reports-api/reports-api.module';
import { ReportTopicsModule } from './report-topics/report-topics.module';
import { reconciledAggregatorsFrom } from './reconciliation/reconciliation-aggregators';
import { reconciledPlatformApisOf } from '@wallet-platform/platform-registry';
import { ReconciliationModule } from './reconciliation/reconciliation.module';
import { reportingDataSourceOptions } from './persistence/reporting-data-source';
import type { LoadedReportingConfig } from './reporting.config';

@Module({})
export class ReportingModule {
  static forRoot(config: LoadedReportingConfig, kafka: Kafka, logger: JsonLogger): DynamicModule {
    const apiKeys = parseReportsApiKeys(config.BACK_OFFICE_API_KEYS);
    return {
      module: ReportingModule,
      imports: [
        HealthModule,
        MetricsModule,
        StoresModule.forRoot({
          dataSource: reportingDataSourceOptions(config.DATABASE_URL, config.DATABASE_POOL_SIZE_MAX),
          redisUrl: config.REDIS_URL,
          redisConnectionName: `reporting-${config.INSTANCE_ID}`,
        }),
        LedgerIntakeModule.forRoot(kafka, { environmentName: config.ENVIRONMENT_NAME, partitionsConcurrently: config.REPORTING_PARTITIONS_CONCURRENTLY }, logger),
        ReportTopicsModule.forRoot(kafka, config.ENVIRONMENT_NAME, logger),
        ReportsApiModule.forRoot(apiKeys),
        ReconciliationModule.forRoot({
          kafka,
          environmentName: config.ENVIRONMENT_NAME,
          platforms: reconciledPlatformApisOf(config.platformRegistry),
          aggregators: reconciledAggregatorsFrom(config.platformRegistry),
          tolerance: { amountMinor: BigInt(config.RECONCILIATION_TOLERANCE_AMOUNT.replace('.', '')), count: BigInt(config.RECONCILIATION_TOLERANCE_COUNT) },
          schedule: {
            enabled: config.RECONCILIATION_SCHEDULE === 'on',
            delayMinutes: config.RECONCILIATION_DELAY_MINUTES,
            lookbackDays: config.RECONCILIATION_LOOKBACK_DAYS,
            tickMs: config.RECONCILIATION_TICK_MS,
          },
          apiKeys,
          logger,
        }),
      ],
    };
  }
}
