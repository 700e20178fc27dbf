import { Module, type DynamicModule } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { Kafka } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { PlatformApiClient, type BusinessReportRow } from '@wallet-platform/platform-client';
import type { JsonLogger } from '@wallet-platform/service-kit';
import type { ReportsApiKey } from '../reports-api/reports-api-keys';
import { REPORTS_API_KEYS, ReportsApiAuthGuard } from '../reports-api/reports-api-keys';
import type { ReconciliationTolerance } from './reconcile-business-report';
import type { ReconciledPlatform } from './reconciliation-platforms';
import { ReconciliationController } from './reconciliation.controller';
import { RECONCILIATION_ENVIRONMENT_NAME, RECONCILIATION_KAFKA, ReconciliationPublisher } from './reconciliation.publisher';
import { registerReconciliationMetrics } from './reconciliation.metrics';
import { RECONCILIATION_SCHEDULE, ReconciliationScheduler, type ReconciliationSchedule } from './reconciliation.scheduler';
import {
  AGGREGATOR_REPORT_SOURCE,
  BUSINESS_REPORT_SOURCE,
  RECONCILED_AGGREGATORS,
  RECONCILED_PLATFORMS,
  RECONCILIATION_LOGGER,
  RECONCILIATION_TOLERANCE,
  ReconciliationService,
  type BusinessReportSource,
} from './reconciliation.service';
import { AggregatorDailyReports, type AggregatorReportSource } from './aggregator-daily-reports';
import type { ReconciledAggregator } from './reconciliation-aggregators';

export interface ReconciliationOptions {
  readonly kafka: Kafka;
  readonly environmentName: string;
  readonly platforms: readonly ReconciledPlatform[];
  readonly tolerance: ReconciliationTolerance;
  readonly schedule: ReconciliationSchedule;
  readonly apiKeys: readonly ReportsApiKey[];
  readonly logger: JsonLogger;
  /** Defaults to the platforms' own API through our platform client. */
  readonly source?: BusinessReportSource;
  /** The aggregators whose playerDailyReport is reconciled (none by default). */
  readonly aggregators?: readonly ReconciledAggregator[];
  /** Defaults to the aggregators' own API through our aggregator client. */
  readonly aggregatorSource?: AggregatorReportSource;
}

/** The platform client per configured platform, made once. */
export class PlatformBusinessReports implements BusinessReportSource {
  private readonly clients = new Map<string, PlatformApiClient>();

  businessReport(platform: ReconciledPlatform, day: string): Promise<readonly BusinessReportRow[]> {
    const key = `${platform.platformId}|${platform.operatorId}`;
    let client = this.clients.get(key);
    if (!client) {
      client = new PlatformApiClient({ platformId: platform.platformId, apiBaseUrl: platform.apiBaseUrl, operatorId: platform.operatorId, secretKey: platform.secretKey.reveal() });
      this.clients.set(key, client);
    }
    return client.businessReport(day);
  }
}

const RECONCILIATION_METRICS = Symbol('RECONCILIATION_METRICS');

@Module({})
export class ReconciliationModule {
  static forRoot(options: ReconciliationOptions): DynamicModule {
    return {
      module: ReconciliationModule,
      controllers: [ReconciliationController],
      providers: [
        { provide: RECONCILIATION_KAFKA, useValue: options.kafka },
        { provide: RECONCILIATION_ENVIRONMENT_NAME, useValue: options.environmentName },
        { provide: RECONCILED_PLATFORMS, useValue: options.platforms },
        { provide: RECONCILIATION_TOLERANCE, useValue: options.tolerance },
        { provide: RECONCILIATION_SCHEDULE, useValue: options.schedule },
        { provide: RECONCILIATION_LOGGER, useValue: options.logger },
        { provide: BUSINESS_REPORT_SOURCE, useValue: options.source ?? new PlatformBusinessReports() },
        { provide: RECONCILED_AGGREGATORS, useValue: options.aggregators ?? [] },
        { provide: AGGREGATOR_REPORT_SOURCE, useValue: options.aggregatorSource ?? new AggregatorDailyReports() },
        { provide: REPORTS_API_KEYS, useValue: options.apiKeys },
        ReportsApiAuthGuard,
        ReconciliationPublisher,
        ReconciliationService,
        ReconciliationScheduler,
        {
          provide: RECONCILIATION_METRICS,
          inject: [getDataSourceToken()],
          useFactory: (dataSource: DataSource) => {
            registerReconciliationMetrics(dataSource, options.platforms);
            return true;
          },
        },
      ],
      exports: [ReconciliationService, ReconciliationScheduler, ReconciliationPublisher],
    };
  }
}
