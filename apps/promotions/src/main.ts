import 'reflect-metadata';
import { json } from 'express';
import { allTopics } from '@wallet-platform/contracts';
import { createKafka, ensureTopics, kafkaClusterCheck, parseBrokers } from '@wallet-platform/messaging';
import { bootstrapService, JsonLogger, ReadinessRegistry } from '@wallet-platform/service-kit';
import { BackOfficeErrorFilter } from './back-office/http/back-office-error.filter';
import { servePromotionsOpenApi } from './back-office/openapi/promotions-openapi';
import { PLAYERS_PER_ADD_MAX, PLAYER_ID_LENGTH_MAX } from './campaigns/domain/campaign-limits';
import { loadPromotionsConfig, type PromotionsConfig } from './promotions.config';
import { PromotionsModule } from './promotions.module';

/** Largest back-office body: a list of PLAYERS_PER_ADD_MAX ids of PLAYER_ID_LENGTH_MAX, quoted, with room for escapes. */
const BACK_OFFICE_BODY_BYTES_MAX = PLAYERS_PER_ADD_MAX * (PLAYER_ID_LENGTH_MAX + 4) + 16 * 1024;

void bootstrapService<PromotionsConfig>({
  serviceName: 'promotions',
  loadConfig: loadPromotionsConfig,
  rootModule: (config) => PromotionsModule.forRoot(config, new JsonLogger('promotions', config.LOG_LEVEL)),
  configure: async (app, config, logger) => {
    app.use('/back-office', json({ limit: BACK_OFFICE_BODY_BYTES_MAX, strict: true }));
    app.useGlobalFilters(new BackOfficeErrorFilter(logger));
    servePromotionsOpenApi(app);
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
