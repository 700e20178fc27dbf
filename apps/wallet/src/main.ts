import 'reflect-metadata';
import type { Kafka } from 'kafkajs';
import { allTopics, Topics, topicName, WalletCommandType, WalletRequesters } from '@wallet-platform/contracts';
import { createKafka, ensureTopics, KafkaCommandServer, parseBrokers } from '@wallet-platform/messaging';
import { bootstrapService, JsonLogger, ReadinessRegistry, requestIdFrom, runWithRequestContext } from '@wallet-platform/service-kit';
import { configureBackOfficeHttp } from './back-office/http/back-office-http';
import { loadWalletConfig, type LoadedWalletConfig } from './wallet.config';
import { serveBackOfficeOpenApi } from './back-office/openapi/back-office-openapi';
import { GamePlayEngine } from './game-play/game-play.engine';
import { walletCommandMetrics } from './wallet-commands.metrics';
import { WalletModule } from './wallet.module';

let kafka: Kafka;

void bootstrapService<LoadedWalletConfig>({
  serviceName: 'wallet',
  loadConfig: loadWalletConfig,
  rootModule: (config) => {
    const logger = new JsonLogger('wallet', config.LOG_LEVEL);
    kafka = createKafka({
      brokers: parseBrokers(config.KAFKA_BROKERS),
      clientId: `wallet-${config.INSTANCE_ID}`,
      log: (level, message, fields) => logger.event(level, 'Kafka', message, fields),
    });
    return WalletModule.forRoot(config, kafka, logger);
  },
  configure: async (app, config, logger) => {
    configureBackOfficeHttp(app, logger);
    serveBackOfficeOpenApi(app);
    await ensureTopics(kafka, config.ENVIRONMENT_NAME, allTopics);
    const groupId = `${config.ENVIRONMENT_NAME}.wallet`;
    const server = new KafkaCommandServer({
      kafka,
      commandTopic: topicName(config.ENVIRONMENT_NAME, Topics.walletCommands),
      groupId,
      replyTopics: new Map(Object.values(WalletRequesters).map((topic) => [topicName(config.ENVIRONMENT_NAME, topic), topic.partitions])),
      partitionsConsumedConcurrently: config.WALLET_PARTITIONS_CONCURRENTLY,
      drainTimeoutMs: config.SHUTDOWN_DRAIN_TIMEOUT_MS,
      log: (level, message, fields) => logger.event(level, 'WalletCommands', message, fields),
      runInContext: (requestId, work) => runWithRequestContext({ requestId: requestIdFrom(requestId) }, work),
      batchHandler: app.get(GamePlayEngine),
      observer: walletCommandMetrics(groupId, new Set(Object.values(WalletCommandType))),
    });
    app.connectMicroservice({ strategy: server }, { inheritAppConfig: true });
    await app.startAllMicroservices();
    app.get(ReadinessRegistry).register({
      name: 'kafka',
      check: async () => {
        if (!server.isRunning) throw new Error('command consumer has not joined its group');
      },
    });
  },
});
