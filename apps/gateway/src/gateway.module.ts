import { Module, type DynamicModule } from '@nestjs/common';
import type Redis from 'ioredis';
import type { RequestReplyClient } from '@wallet-platform/messaging';
import { HealthModule, MetricsModule } from '@wallet-platform/service-kit';
import { ChoiceGamingController } from './choice-gaming/choice-gaming.controller';
import { CHOICE_GAMING_PLATFORM_DIRECTORY, ChoiceGamingService } from './choice-gaming/choice-gaming.service';
import type { ChoiceGamingPlatformDirectory, GatewayConfig, PlatformDirectory } from './gateway.config';
import { OperatorApiController } from './operator-api/operator-api.controller';
import { OperatorApiService, PLATFORM_DIRECTORY } from './operator-api/operator-api.service';
import { ENSURE_TOPICS, GATEWAY_REDIS, ReplyPathLifecycle } from './wallet-client/reply-path.lifecycle';
import { REQUEST_REPLY_CLIENT, WALLET_REPLY_TIMEOUT_MS, WalletClient } from './wallet-client/wallet-client';

/** The gateway holds no database: it authenticates platforms and speaks to the wallet over Kafka. */
@Module({})
export class GatewayModule {
  static forRoot(
    config: GatewayConfig & { platforms: PlatformDirectory; choiceGamingPlatforms: ChoiceGamingPlatformDirectory },
    requestReplyClient: RequestReplyClient,
    redis: Redis,
    ensureTopics: () => Promise<void>,
  ): DynamicModule {
    return {
      module: GatewayModule,
      imports: [HealthModule, MetricsModule],
      controllers: [OperatorApiController, ChoiceGamingController],
      providers: [
        { provide: PLATFORM_DIRECTORY, useValue: config.platforms },
        { provide: REQUEST_REPLY_CLIENT, useValue: requestReplyClient },
        { provide: GATEWAY_REDIS, useValue: redis },
        { provide: ENSURE_TOPICS, useValue: ensureTopics },
        ReplyPathLifecycle,
        { provide: WALLET_REPLY_TIMEOUT_MS, useValue: config.WALLET_REPLY_TIMEOUT_MS },
        WalletClient,
        OperatorApiService,
        { provide: CHOICE_GAMING_PLATFORM_DIRECTORY, useValue: config.choiceGamingPlatforms },
        ChoiceGamingService,
      ],
    };
  }
}
