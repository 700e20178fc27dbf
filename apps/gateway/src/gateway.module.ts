import { Module, type DynamicModule } from '@nestjs/common';
import { HealthModule, JsonLogger, MetricsModule } from '@wallet-platform/service-kit';
import { ChoiceGamingController } from './choice-gaming/choice-gaming.controller';
import { CHOICE_GAMING_PLATFORM_DIRECTORY, ChoiceGamingService } from './choice-gaming/choice-gaming.service';
import { PROMOTIONS_CLIENT_OPTIONS, PromotionsClient, type PromotionsClientOptions } from './choice-gaming/promotions-client';
import type { ChoiceGamingPlatformDirectory, GatewayConfig, PlatformDirectory } from './gateway.config';
import { OperatorApiController } from './operator-api/operator-api.controller';
import { GATEWAY_CLOCK, GATEWAY_LOGGER, OperatorApiService, PLATFORM_DIRECTORY } from './operator-api/operator-api.service';

/** The gateway holds no database: it authenticates platforms and speaks to the wallet (and, for prizes, the promotions service) over Kafka. */
@Module({})
export class GatewayModule {
  static forRoot(
    config: GatewayConfig & { platforms: PlatformDirectory; choiceGamingPlatforms: ChoiceGamingPlatformDirectory },
    walletClient: DynamicModule,
    logger: JsonLogger,
    promotionsClient: PromotionsClientOptions,
  ): DynamicModule {
    return {
      module: GatewayModule,
      imports: [HealthModule, MetricsModule, walletClient],
      controllers: [OperatorApiController, ChoiceGamingController],
      providers: [
        { provide: JsonLogger, useValue: logger },
        { provide: PLATFORM_DIRECTORY, useValue: config.platforms },
        { provide: GATEWAY_LOGGER, useValue: logger },
        { provide: GATEWAY_CLOCK, useValue: () => new Date() },
        OperatorApiService,
        { provide: CHOICE_GAMING_PLATFORM_DIRECTORY, useValue: config.choiceGamingPlatforms },
        { provide: PROMOTIONS_CLIENT_OPTIONS, useValue: promotionsClient },
        PromotionsClient,
        ChoiceGamingService,
      ],
    };
  }
}
