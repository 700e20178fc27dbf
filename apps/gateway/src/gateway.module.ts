import { Module, type DynamicModule } from '@nestjs/common';
import { HealthModule, JsonLogger, MetricsModule } from '@wallet-platform/service-kit';
import { ChoiceGamingController } from './choice-gaming/choice-gaming.controller';
import { CHOICE_GAMING_PLATFORM_DIRECTORY, ChoiceGamingService } from './choice-gaming/choice-gaming.service';
import { PROMOTIONS_CLIENT_OPTIONS, PromotionsClient, type PromotionsClientOptions } from './choice-gaming/promotions-client';
import type { ChoiceGamingPlatformDirectory, GatewayConfig, PlatformDirectory } from './gateway.config';
import { OperatorApiController } from './operator-api/operator-api.controller';
import { AdmissionControl, EventLoopLag } from './admission/admission-control';
import {
  ADMISSION_CONTROL,
  GATEWAY_CLOCK,
  GATEWAY_LOGGER,
  OperatorApiService,
  PLATFORM_DIRECTORY,
  REQUEST_DEADLINE_MS,
  WALLET_CALL_TIME_MIN_MS,
} from './operator-api/operator-api.service';

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
        {
          provide: ADMISSION_CONTROL,
          useValue: new AdmissionControl({
            inFlightMax: config.GATEWAY_IN_FLIGHT_MAX,
            ...(config.GATEWAY_WALLET_WAIT_TARGET_MS === 0
              ? {}
              : { derivedFromThroughput: { inFlightMin: Math.min(config.GATEWAY_IN_FLIGHT_MIN, config.GATEWAY_IN_FLIGHT_MAX), waitTargetMs: config.GATEWAY_WALLET_WAIT_TARGET_MS } }),
            queueMax: config.GATEWAY_QUEUE_MAX,
            // A wait that leaves the wallet less than its minimum is pointless: the budget is capped there.
            queueTimeBudgetMs: Math.max(1, Math.min(config.GATEWAY_QUEUE_TIME_BUDGET_MS, config.WALLET_REPLY_TIMEOUT_MS - WALLET_CALL_TIME_MIN_MS)),
            eventLoopLagMaxMs: config.GATEWAY_EVENT_LOOP_LAG_MAX_MS,
          }, () => performance.now(), ((lag) => () => lag.currentMs)(new EventLoopLag())),
        },
        { provide: REQUEST_DEADLINE_MS, useValue: config.WALLET_REPLY_TIMEOUT_MS },
        OperatorApiService,
        { provide: CHOICE_GAMING_PLATFORM_DIRECTORY, useValue: config.choiceGamingPlatforms },
        { provide: PROMOTIONS_CLIENT_OPTIONS, useValue: promotionsClient },
        PromotionsClient,
        ChoiceGamingService,
      ],
    };
  }
}
