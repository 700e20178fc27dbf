import 'reflect-metadata';
import type { Kafka } from 'kafkajs';
import { allTopics, PromotionsRequesters, Topics, topicName } from '@wallet-platform/contracts';
import { createKafka, ensureTopics, KafkaCommandServer, kafkaClusterCheck, parseBrokers } from '@wallet-platform/messaging';
import { API_BODY_DEPTH_MAX, bootstrapService, createRedisClient, JsonLogger, ReadinessRegistry, requestIdFrom, runWithRequestContext, jsonBodyReader, BackOfficeErrorFilter } from '@wallet-platform/service-kit';
import { WalletClientModule } from '@wallet-platform/wallet-client';
import { servePromotionsOpenApi } from './back-office/openapi/promotions-openapi';
import { PLAYERS_PER_ADD_MAX, PLAYER_ID_LENGTH_MAX } from './campaigns/domain/campaign-limits';
import { loadPromotionsConfig, type LoadedPromotionsConfig } from './promotions.config';
import { PromotionsModule } from './promotions.module';

/** Largest back-office body: a list of PLAYERS_PER_ADD_MAX ids of PLAYER_ID_LENGTH_MAX, quoted, with room for escapes. */
const BACK_OFFICE_BODY_BYTES_MAX = PLAYERS_PER_ADD_MAX * (PLAYER_ID_LENGTH_MAX + 4) + 16 * 1024;

let kafka: Kafka;

void bootstrapService<LoadedPromotionsConfig>({
  serviceName: 'promotions',
  loadConfig: loadPromotionsConfig,
  rootModule: (config) => {
    const logger = new JsonLogger('promotions', config.LOG_LEVEL);
    kafka = createKafka({
      brokers: parseBrokers(config.KAFKA_BROKERS),
      clientId: `promotions-${config.INSTANCE_ID}`,
      log: (level, message, fields) => logger.event(level, 'Kafka', message, fields),
    });
    const walletClient = WalletClientModule.forRoot({
      requester: 'promotions',
      kafka,
      redis: createRedisClient(config.REDIS_URL, `promotions-replies-${config.INSTANCE_ID}`),
      environmentName: config.ENVIRONMENT_NAME,
      instanceId: config.INSTANCE_ID,
      replyTimeoutMs: config.WALLET_REPLY_TIMEOUT_MS,
      pendingRequestsMax: config.WALLET_PENDING_REQUESTS_MAX,
      log: (level, message, fields) => logger.event(level, 'ReplyPath', message, fields),
    });
    return PromotionsModule.forRoot(config, kafka, walletClient, logger);
  },
  configure: async (app, config, logger) => {
    app.use('/back-office', jsonBodyReader({ bytesMax: BACK_OFFICE_BODY_BYTES_MAX, depthMax: API_BODY_DEPTH_MAX }));
    app.useGlobalFilters(new BackOfficeErrorFilter(logger));
    servePromotionsOpenApi(app);
    await ensureTopics(kafka, config.ENVIRONMENT_NAME, allTopics);
    const kafkaCheck = kafkaClusterCheck(kafka);
    app.get(ReadinessRegistry).register(kafkaCheck);
    process.once('beforeExit', () => void kafkaCheck.close());
    // Awards from the gateway: replies only to the gateways' own topic (an allow-list).
    const server = new KafkaCommandServer({
      kafka,
      commandTopic: topicName(config.ENVIRONMENT_NAME, Topics.promotionsCommands),
      groupId: `${config.ENVIRONMENT_NAME}.promotions`,
      replyTopics: new Map(Object.values(PromotionsRequesters).map((topic) => [topicName(config.ENVIRONMENT_NAME, topic), topic.partitions])),
      partitionsConsumedConcurrently: config.PROMOTIONS_PARTITIONS_CONCURRENTLY,
      drainTimeoutMs: config.SHUTDOWN_DRAIN_TIMEOUT_MS,
      log: (level, message, fields) => logger.event(level, 'PromotionsCommands', message, fields),
      runInContext: (requestId, work) => runWithRequestContext({ requestId: requestIdFrom(requestId) }, work),
    });
    app.connectMicroservice({ strategy: server }, { inheritAppConfig: true });
    await app.startAllMicroservices();
    app.get(ReadinessRegistry).register({
      name: 'kafka-commands',
      check: async () => {
        if (!server.isRunning) throw new Error('promotions command consumer has not joined its group');
      },
    });
  },
});
