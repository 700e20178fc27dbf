import { Inject, Injectable, Module, type DynamicModule, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { JsonLogger } from '@wallet-platform/service-kit';
import { PLAYER_RETURNS, type PlayerReturns } from '../back-office/sessions/player-returns';
import { BalanceDriftLoop } from '../balance-drift/balance-drift-loop';
import { AggregatorCatalogStore } from '../catalog/aggregator-catalog.store';
import { PlayerLock } from '../players/player-lock';
import { TRANSFER_AGGREGATORS, type TransferAggregators } from '../transfers/transfer-aggregators';
import { TransferSender } from '../transfers/transfer-sender';
import { TransferStore } from '../transfers/transfer-store';
import { AggregatorSessionSweep } from './aggregator-session-sweep';
import { AggregatorSessionService } from './aggregator-session.service';
import { AggregatorSessionStore } from './aggregator-session.store';
import { AggregatorSessionsController } from './aggregator-sessions.controller';

const SESSION_SWEEP_SCHEDULE = Symbol('SESSION_SWEEP_SCHEDULE');

/** Runs the sweep every `intervalMs` (0: not in this process). */
@Injectable()
class AggregatorSessionSweepSchedule implements OnApplicationBootstrap, OnApplicationShutdown {
  private loop: BalanceDriftLoop | null = null;

  constructor(
    @Inject(AggregatorSessionSweep) private readonly sweep: AggregatorSessionSweep,
    @Inject(TRANSFER_AGGREGATORS) private readonly aggregators: TransferAggregators,
    @Inject(SESSION_SWEEP_SCHEDULE) private readonly schedule: { readonly intervalMs: number; readonly logger: JsonLogger },
  ) {}

  onApplicationBootstrap(): void {
    if (this.schedule.intervalMs === 0 || this.aggregators.all().length === 0) return;
    this.loop = new BalanceDriftLoop(
      async () => {
        const pass = await this.sweep.pass();
        if (pass.looked > 0) this.schedule.logger.event('info', 'AggregatorSessionSweep', 'sweep pass', { ...pass });
      },
      this.schedule.intervalMs,
      (error) => this.schedule.logger.event('error', 'AggregatorSessionSweep', 'sweep pass failed', { error: error instanceof Error ? error.message : String(error) }),
    );
    this.loop.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.loop?.stop();
  }
}

export interface AggregatorSessionsOptions {
  readonly aggregators: TransferAggregators;
  /** AGGREGATOR_SESSION_SWEEP_INTERVAL_MS; 0 = no sweep in this process. */
  readonly sweepIntervalMs: number;
  /** AGGREGATOR_SESSION_IDLE_LIMIT_MS: a session launched longer ago than this is swept. */
  readonly idleLimitMs: number;
  readonly logger: JsonLogger;
}

/**
 * Game sessions at the transfer-wallet aggregators: the back office's launch and end, and the
 * sweep. Global so that the Operator API game launch (back office sessions) can end a player's
 * aggregator session when they come back (PLAYER_RETURNS).
 */
@Module({})
export class AggregatorSessionsModule {
  static forRoot(backOffice: DynamicModule, options: AggregatorSessionsOptions): DynamicModule {
    return {
      module: AggregatorSessionsModule,
      global: true,
      imports: [backOffice],
      controllers: [AggregatorSessionsController],
      providers: [
        PlayerLock,
        AggregatorCatalogStore,
        { provide: TRANSFER_AGGREGATORS, useValue: options.aggregators },
        { provide: SESSION_SWEEP_SCHEDULE, useValue: { intervalMs: options.sweepIntervalMs, logger: options.logger } },
        { provide: AggregatorSessionStore, useFactory: (dataSource: DataSource) => new AggregatorSessionStore(dataSource), inject: [getDataSourceToken()] },
        // The transfer machinery's own classes, over the same tables: one engine, constructed here as in TransfersModule.
        { provide: TransferStore, useFactory: (dataSource: DataSource, lock: PlayerLock) => new TransferStore(dataSource, lock), inject: [getDataSourceToken(), PlayerLock] },
        { provide: TransferSender, useFactory: (store: TransferStore) => new TransferSender(store, options.aggregators), inject: [TransferStore] },
        {
          provide: AggregatorSessionService,
          useFactory: (sessions: AggregatorSessionStore, catalog: AggregatorCatalogStore, transfers: TransferStore, sender: TransferSender) =>
            new AggregatorSessionService(sessions, catalog, transfers, sender, options.aggregators),
          inject: [AggregatorSessionStore, AggregatorCatalogStore, TransferStore, TransferSender],
        },
        {
          provide: AggregatorSessionSweep,
          useFactory: (store: AggregatorSessionStore, service: AggregatorSessionService) =>
            new AggregatorSessionSweep(store, service, options.aggregators, { idleLimitMs: options.idleLimitMs, log: (level, message, fields) => options.logger.event(level, 'AggregatorSessionSweep', message, fields) }),
          inject: [AggregatorSessionStore, AggregatorSessionService],
        },
        { provide: PLAYER_RETURNS, useFactory: (service: AggregatorSessionService): PlayerReturns => service, inject: [AggregatorSessionService] },
        AggregatorSessionSweepSchedule,
      ],
      exports: [PLAYER_RETURNS],
    };
  }
}
