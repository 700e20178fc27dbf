import 'reflect-metadata';
import { raw } from 'express';
import { allTopics, Topics, topicName } from '@wallet-platform/contracts';
import { createKafka, ensureTopics, parseBrokers, RequestReplyClient } from '@wallet-platform/messaging';
import { REQUEST_BODY_BYTES_MAX as CHOICE_GAMING_BODY_BYTES_MAX } from '@wallet-platform/choice-gaming-api';
import { REQUEST_BODY_BYTES_MAX } from '@wallet-platform/operator-api';
import { bootstrapService, createRedisClient, JsonLogger } from '@wallet-platform/service-kit';
import { loadGatewayConfig } from './gateway.config';
import { GatewayModule } from './gateway.module';

const REPLY_LEASE_TTL_MS = 15_000;
const REPLY_PATH_START_TIMEOUT_MS = 30_000;

void bootstrapService({
  serviceName: 'gateway',
  loadConfig: loadGatewayConfig,
  rootModule: (config) => {
    const logger = new JsonLogger('gateway', config.LOG_LEVEL);
    const kafka = createKafka({
      brokers: parseBrokers(config.KAFKA_BROKERS),
      clientId: `gateway-${config.INSTANCE_ID}`,
      log: (level, message, fields) => logger.event(level, 'Kafka', message, fields),
    });
    const redis = createRedisClient(config.REDIS_URL, `gateway-${config.INSTANCE_ID}`);
    const client = new RequestReplyClient(
      kafka,
      redis,
      {
        requestTopic: topicName(config.ENVIRONMENT_NAME, Topics.walletCommands),
        replyTopic: topicName(config.ENVIRONMENT_NAME, Topics.gatewayReplies),
        replyPartitionCount: Topics.gatewayReplies.partitions,
        leaseKeyPrefix: `${config.ENVIRONMENT_NAME}:gateway:reply-partition`,
        leaseTtlMs: REPLY_LEASE_TTL_MS,
        instanceId: config.INSTANCE_ID,
        consumerGroupPrefix: `${config.ENVIRONMENT_NAME}.gateway-replies`,
        pendingRequestsMax: config.WALLET_PENDING_REQUESTS_MAX,
        startTimeoutMs: REPLY_PATH_START_TIMEOUT_MS,
      },
      (reason) => logger.event('error', 'ReplyPath', 'reply path lost: not ready until it is reopened', { reason }),
      (partition) => logger.event('warn', 'ReplyPath', 'reply path reopened', { partition }),
    );
    return GatewayModule.forRoot(config, client, redis, () => ensureTopics(kafka, config.ENVIRONMENT_NAME, allTopics));
  },
  configure: (app) => {
    // The Operator API needs the body as raw bytes: lossless parsing and an exact echo.
    app.use('/operator-api', raw({ type: () => true, limit: REQUEST_BODY_BYTES_MAX }));
    // Choice Gaming signs the raw bytes (Hash header): they are hashed before anything parses them.
    app.use('/choice-gaming', raw({ type: () => true, limit: CHOICE_GAMING_BODY_BYTES_MAX }));
  },
});
