import 'reflect-metadata';
import { allTopics } from '@wallet-platform/contracts';
import { createKafka, ensureTopics, kafkaClusterCheck, parseBrokers } from '@wallet-platform/messaging';
import { bootstrapService, ReadinessRegistry } from '@wallet-platform/service-kit';
import { loadPromotionsConfig, type PromotionsConfig } from './promotions.config';
import { PromotionsModule } from './promotions.module';

void bootstrapService<PromotionsConfig>({
  serviceName: 'promotions',
  loadConfig: loadPromotionsConfig,
  rootModule: (config) => PromotionsModule.forRoot(config),
  configure: async (app, config, logger) => {
    const kafka = createKafka({
      brokers: parseBrokers(config.KAFKA_BROKERS),
      clientId: `promotions-${config.INSTANCE_ID}`,
      log: (level, message, fields) => logger.event(level, 'Kafka', message, fields),
    });
    await ensureTopics(kafka, config.ENVIRONMENT_NAME, allTopics);
    const kafkaCheck = kafkaClusterCheck(kafka);
    app.get(ReadinessRegistry).register(kafkaCheck);
    process.once('beforeExit', () => void kafkaCheck.close());
  },
});
