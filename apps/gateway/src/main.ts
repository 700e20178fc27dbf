import 'reflect-metadata';
import { createKafka, parseBrokers } from '@wallet-platform/messaging';
import { REQUEST_BODY_BYTES_MAX as CHOICE_GAMING_BODY_BYTES_MAX } from '@wallet-platform/choice-gaming-api';
import { bootstrapService, createRedisClient, JsonLogger } from '@wallet-platform/service-kit';
import { WalletClientModule } from '@wallet-platform/wallet-client';
import { loadGatewayConfig } from './gateway.config';
import { GatewayModule } from './gateway.module';
import { boundedRawBody } from './http/bounded-raw-body';
import { serveOperatorApiInFrontOfExpress } from './operator-api/operator-api.http-listener';
import { OperatorApiService } from './operator-api/operator-api.service';

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
    const walletClient = WalletClientModule.forRoot({
      requester: 'gateway',
      kafka,
      redis,
      environmentName: config.ENVIRONMENT_NAME,
      instanceId: config.INSTANCE_ID,
      replyTimeoutMs: config.WALLET_REPLY_TIMEOUT_MS,
      pendingRequestsMax: config.WALLET_PENDING_REQUESTS_MAX,
      log: (level, message, fields) => logger.event(level, 'ReplyPath', message, fields),
    });
    return GatewayModule.forRoot(config, walletClient, logger, {
      kafka,
      redis: createRedisClient(config.REDIS_URL, `gateway-promotions-${config.INSTANCE_ID}`),
      environmentName: config.ENVIRONMENT_NAME,
      instanceId: config.INSTANCE_ID,
      replyTimeoutMs: config.PROMOTIONS_REPLY_TIMEOUT_MS,
      pendingRequestsMax: config.PROMOTIONS_PENDING_REQUESTS_MAX,
      log: (level, message, fields) => logger.event(level, 'PromotionsReplyPath', message, fields),
    });
  },
  configure: (app, _config, logger) => {
    // The Operator API's commands, on Node's own HTTP server in front of Express (the hot path).
    serveOperatorApiInFrontOfExpress(app.getHttpServer(), app.get(OperatorApiService), logger);
    // Choice Gaming signs the raw bytes (Hash header): they are hashed before anything parses them.
    // Over its limit, likewise not read and answered in the envelope (choice-gaming.controller.ts).
    app.use('/choice-gaming', boundedRawBody(CHOICE_GAMING_BODY_BYTES_MAX));
  },
});
