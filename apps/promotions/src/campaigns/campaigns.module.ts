import { Module, type DynamicModule, type InjectionToken, type OnApplicationBootstrap, type OnApplicationShutdown, Inject } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { type JsonLogger, type BackOfficeApiKey, BACK_OFFICE_API_KEYS, BackOfficeAuthGuard } from '@wallet-platform/service-kit';
import { CampaignsService } from './campaigns.service';
import type { FreeRoundsProviders } from './domain/free-rounds-provider.port';
import type { PlayerFactsPort } from './domain/player-facts.port';
import { CampaignGrantRunner } from './grant-run/campaign-grant-runner';
import { registerGrantMetrics } from './grant-metrics';
import type { GrantRunOptions } from './grant-run/grant-run';
import { CampaignsController } from './http/campaigns.controller';
import type { AggregatorFreeRoundsOptions, AggregatorFreeRoundsSettings } from './providers/aggregator-free-rounds.provider';
import { withAggregatorProviders } from './providers/free-rounds-providers-config';

export interface CampaignsModuleOptions {
  readonly apiKeys: readonly BackOfficeApiKey[];
  readonly providers: FreeRoundsProviders;
  /** The aggregators that grant `aggregator` campaigns (from the registry in the service; none when left out). */
  readonly aggregators?: readonly AggregatorFreeRoundsSettings[];
  readonly aggregatorOptions?: AggregatorFreeRoundsOptions;
  /** The facts port itself (tests), or how to build it from providers of `imports` (the wallet's client). */
  readonly playerFacts: PlayerFactsPort | PlayerFactsFactory;
  readonly imports?: readonly DynamicModule[];
  readonly logger: Pick<JsonLogger, 'event'>;
  readonly grantRun?: GrantRunOptions;
  /** Resume campaigns left `granting` when the service starts (on in the service; tests choose). */
  readonly resumeOnStart: boolean;
}

export interface PlayerFactsFactory {
  readonly inject: readonly InjectionToken[];
  readonly useFactory: (...dependencies: never[]) => PlayerFactsPort;
}

const PLAYER_FACTS = Symbol('PLAYER_FACTS');
const GRANT_METRICS = Symbol('GRANT_METRICS');

function isFactory(value: PlayerFactsPort | PlayerFactsFactory): value is PlayerFactsFactory {
  return 'useFactory' in value;
}

class CampaignsLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(CampaignGrantRunner) private readonly runner: CampaignGrantRunner,
    private readonly resumeOnStart: boolean,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.resumeOnStart) await this.runner.resumeInterrupted();
  }

  async onApplicationShutdown(): Promise<void> {
    // A run stopped here resumes at the next start: each batch is stored before it is sent.
  }
}

@Module({})
export class CampaignsModule {
  static forRoot(options: CampaignsModuleOptions): DynamicModule {
    return {
      module: CampaignsModule,
      imports: [...(options.imports ?? [])],
      controllers: [CampaignsController],
      providers: [
        isFactory(options.playerFacts)
          ? { provide: PLAYER_FACTS, inject: [...options.playerFacts.inject], useFactory: options.playerFacts.useFactory }
          : { provide: PLAYER_FACTS, useValue: options.playerFacts },
        { provide: BACK_OFFICE_API_KEYS, useValue: options.apiKeys },
        BackOfficeAuthGuard,
        {
          provide: CampaignsService,
          inject: [getDataSourceToken(), PLAYER_FACTS],
          useFactory: (dataSource: DataSource, playerFacts: PlayerFactsPort) => 
            new CampaignsService(dataSource, playerFacts, withAggregatorProviders(options.providers, options.aggregators ?? [], playerFacts, options.aggregatorOptions)),
        },
        { provide: CampaignGrantRunner, inject: [CampaignsService], useFactory: (service: CampaignsService) => new CampaignGrantRunner(service, options.logger, options.grantRun) },
        {
          provide: GRANT_METRICS,
          inject: [getDataSourceToken()],
          useFactory: (dataSource: DataSource) => {
            registerGrantMetrics(dataSource);
            return true;
          },
        },
        { provide: CampaignsLifecycle, inject: [CampaignGrantRunner], useFactory: (runner: CampaignGrantRunner) => new CampaignsLifecycle(runner, options.resumeOnStart) },
      ],
      exports: [CampaignsService, CampaignGrantRunner],
    };
  }
}
