import { Inject, Module, type DynamicModule, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { JsonLogger } from '@wallet-platform/service-kit';
import { WalletClient } from '@wallet-platform/wallet-client';
import { AWARD_RECOVERY_INTERVAL_MS } from './award-limits';
import { countRecoveryPass, registerAwardMetrics } from './award-metrics';
import { AwardWinHandler } from './award-win.handler';
import { AwardsService } from './awards.service';
import { AwardRepository } from './persistence/award.repository';

export interface AwardsModuleOptions {
  /** A module exporting the WalletClient (WalletClientModule.forRoot with requester 'promotions'). */
  readonly walletClient: DynamicModule;
  readonly logger: Pick<JsonLogger, 'event'>;
  /** Run the recovery pass at start and every AWARD_RECOVERY_INTERVAL_MS (on in the service). */
  readonly recovery: boolean;
}

/** Starts the recovery pass once the reply path is up (bootstrap hooks run in import order), stops it on shutdown. */
class AwardRecoveryLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    @Inject(AwardsService) private readonly awards: AwardsService,
    private readonly logger: Pick<JsonLogger, 'event'>,
    private readonly enabled: boolean,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.enabled) return;
    // Not awaited: a wallet that is down must not keep the service from starting.
    this.pass();
    this.timer = setInterval(() => this.pass(), AWARD_RECOVERY_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  private pass(): void {
    if (this.running) return;
    this.running = this.awards
      .recoverCrediting()
      .then(() => countRecoveryPass('completed'))
      .catch((error: unknown) => {
        countRecoveryPass('failed');
        this.logger.event('warn', 'AwardRecovery', 'recovery pass failed; the next one retries', { error: String(error) });
      })
      .finally(() => {
        this.running = null;
      });
  }
}

@Module({})
export class AwardsModule {
  static forRoot(options: AwardsModuleOptions): DynamicModule {
    return {
      module: AwardsModule,
      imports: [options.walletClient],
      controllers: [AwardWinHandler],
      providers: [
        {
          provide: AwardsService,
          inject: [getDataSourceToken(), WalletClient],
          useFactory: (dataSource: DataSource, wallet: WalletClient) => {
            registerAwardMetrics(dataSource);
            return new AwardsService(new AwardRepository(dataSource), wallet, options.logger);
          },
        },
        { provide: AwardRecoveryLifecycle, inject: [AwardsService], useFactory: (awards: AwardsService) => new AwardRecoveryLifecycle(awards, options.logger, options.recovery) },
      ],
      exports: [AwardsService],
    };
  }
}
