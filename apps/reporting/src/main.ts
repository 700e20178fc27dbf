import 'reflect-metadata';
import type { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { allTopics } from '@wallet-platform/contracts';
import { createKafka, ensureTopics, parseBrokers } from '@wallet-platform/messaging';
import { API_BODY_DEPTH_MAX, bootstrapService, JsonLogger, ReadinessRegistry, runMigrationsExclusively, jsonBodyReader } from '@wallet-platform/service-kit';
import { LedgerEventsConsumer } from './ledger-intake/ledger-events.consumer';
import { GgrPublisher } from './report-topics/ggr-publisher';
import { provisionReportTopics, withTopicProvisioningRetries } from './report-topics/provision-report-topics';
import { serveReportsOpenApi } from './reports-api/reports-openapi';
import { REPORTING_MIGRATIONS_LOCK } from './persistence/reporting-data-source';
import { loadReportingConfig, type LoadedReportingConfig } from './reporting.config';
import { ReportingModule } from './reporting.module';

let kafka: Kafka;
/** The reports API takes small bodies only (a reconciliation request). */
const REPORTS_API_BODY_BYTES_MAX = 4 * 1024;

void bootstrapService<LoadedReportingConfig>({
  serviceName: 'reporting',
  loadConfig: loadReportingConfig,
  rootModule: (config) => {
    const logger = new JsonLogger('reporting', config.LOG_LEVEL);
    kafka = createKafka({
      brokers: parseBrokers(config.KAFKA_BROKERS),
      clientId: `reporting-${config.INSTANCE_ID}`,
      log: (level, message, fields) => logger.event(level, 'Kafka', message, fields),
    });
    return ReportingModule.forRoot(config, kafka, logger);
  },
  configure: async (app, config) => {
    // The reporting database belongs to this service alone, so it applies its own migrations
    // before consuming (under an advisory lock: replicas may start together). The consumer starts
    // with the application, after this.
    await runMigrationsExclusively(app.get(DataSource), REPORTING_MIGRATIONS_LOCK);
    app.use('/reports/v1', jsonBodyReader({ bytesMax: REPORTS_API_BODY_BYTES_MAX, depthMax: API_BODY_DEPTH_MAX }));
    serveReportsOpenApi(app);
    await withTopicProvisioningRetries(() => ensureTopics(kafka, config.ENVIRONMENT_NAME, allTopics));
    await withTopicProvisioningRetries(() => provisionReportTopics(kafka, config.ENVIRONMENT_NAME));
    const consumer = app.get(LedgerEventsConsumer);
    const publisher = app.get(GgrPublisher);
    consumer.onChunkCommitted((outcome) => {
      if (outcome.changedDays.length > 0 || outcome.changedPromotionDays.length > 0) publisher.nudge();
    });
    app.get(ReadinessRegistry).register({
      name: 'kafka',
      check: async () => {
        if (!consumer.hasJoinedGroup) throw new Error('ledger-events consumer has not joined its group');
      },
    });
  },
});
