import { Module, type DynamicModule } from '@nestjs/common';
import { HealthModule, MetricsModule, type JsonLogger } from '@wallet-platform/service-kit';
import { ChoiceGamingController } from './choice-gaming/choice-gaming.controller';
import { CHOICE_GAMING_PLATFORM_DIRECTORY, ChoiceGamingService } from './choice-gaming/choice-gaming.service';
import type { ChoiceGamingPlatformDirectory, GatewayConfig, PlatformDirectory } from './gateway.config';
import { OperatorApiController } from './operator-api/operator-api.controller';
import { GATEWAY_CLOCK, GATEWAY_LOGGER, OperatorApiService, PLATFORM_DIRECTORY } from './operator-api/operator-api.service';

/** The gateway holds no database: it authenticates platforms and speaks to the wallet over Kafka. */
@Module({})
export class GatewayModule {
  static forRoot(
    config: GatewayConfig & { platforms: PlatformDirectory; choiceGamingPlatforms: ChoiceGamingPlatformDirectory },
    walletClient: DynamicModule,
    logger: JsonLogger,
  ): DynamicModule {
    return {
      module: GatewayModule,
      imports: [HealthModule, MetricsModule, walletClient],
      controllers: [OperatorApiController, ChoiceGamingController],
      providers: [
        { provide: PLATFORM_DIRECTORY, useValue: config.platforms },
        { provide: GATEWAY_LOGGER, useValue: logger },
        { provide: GATEWAY_CLOCK, useValue: () => new Date() },
        OperatorApiService,
        { provide: CHOICE_GAMING_PLATFORM_DIRECTORY, useValue: config.choiceGamingPlatforms },
        ChoiceGamingService,
      ],
    };
  }
}
