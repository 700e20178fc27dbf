import 'reflect-metadata';
import { allTopics } from '@wallet-platform/contracts';
import { createKafka, ensureTopics, kafkaClusterCheck, parseBrokers } from '@wallet-platform/messaging';
import { bootstrapService, ReadinessRegistry } from '@wallet-platform/service-kit';
import { loadReportingConfig, type ReportingConfig } from './reporting.config';
import { ReportingModule } from './reporting.module';

void bootstrapService<ReportingConfig>({
  serviceName: 'reporting',
  loadConfig: loadReportingConfig,
  rootModule: (config) => ReportingModule.forRoot(config),
  configure: async (app, config, logger) => {
    const kafka = createKafka({
      brokers: parseBrokers(config.KAFKA_BROKERS),
      clientId: `reporting-${config.INSTANCE_ID}`,
      log: (level, message, fields) => logger.event(level, 'Kafka', message, fields),
    });
    await ensureTopics(kafka, config.ENVIRONMENT_NAME, allTopics);
    const kafkaCheck = kafkaClusterCheck(kafka);
    app.get(ReadinessRegistry).register(kafkaCheck);
    process.once('beforeExit', () => void kafkaCheck.close());
  },
});
