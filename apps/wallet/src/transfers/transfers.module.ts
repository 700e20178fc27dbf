import { Inject, Injectable, Module, type DynamicModule, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { JsonLogger } from '@wallet-platform/service-kit';
import { PlayerLock } from '../players/player-lock';
import { TRANSFER_AGGREGATORS, type TransferAggregators } from './transfer-aggregators';
import { TransferResolver, type TransferResolverOptions } from './transfer-resolver';
import { TransferResolverLoop } from './transfer-resolver-loop';
import { TransferSender } from './transfer-sender';
import { TransferStore } from './transfer-store';
import { TransfersController } from './transfers.controller';

const TRANSFER_RESOLVER_SCHEDULE = Symbol('TRANSFER_RESOLVER_SCHEDULE');

/** Runs the resolver in the wallet process every `intervalMs` (0: not here, e.g. a separate resolver process). */
@Injectable()
class TransferResolverSchedule implements OnApplicationBootstrap, OnApplicationShutdown {
  private loop: TransferResolverLoop | null = null;

  constructor(
    @Inject(TransferResolver) private readonly resolver: TransferResolver,
    @Inject(TRANSFER_AGGREGATORS) private readonly aggregators: TransferAggregators,
    @Inject(TRANSFER_RESOLVER_SCHEDULE) private readonly schedule: { readonly intervalMs: number; readonly logger: JsonLogger },
  ) {}

  onApplicationBootstrap(): void {
    if (this.schedule.intervalMs === 0 || this.aggregators.all().length === 0) return;
    this.loop = new TransferResolverLoop(
      this.resolver,
      this.schedule.intervalMs,
      (pass) => {
        if (pass.looked > 0) this.schedule.logger.event('info', 'TransferResolver', 'resolver pass', { ...pass });
      },
      (error) => this.schedule.logger.event('error', 'TransferResolver', 'resolver pass failed', { error: error instanceof Error ? error.message : String(error) }),
    );
    this.loop.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.loop?.stop();
  }
}

/** Transfers to and from transfer-wallet aggregators: the back office's API and the resolver. */
@Module({})
export class TransfersModule {
  static forRoot(
    backOffice: DynamicModule,
    options: { readonly aggregators: TransferAggregators; readonly resolverIntervalMs: number; readonly resolver: TransferResolverOptions; readonly logger: JsonLogger },
  ): DynamicModule {
    return {
      module: TransfersModule,
      imports: [backOffice],
      controllers: [TransfersController],
      providers: [
        PlayerLock,
        { provide: TRANSFER_AGGREGATORS, useValue: options.aggregators },
        { provide: TRANSFER_RESOLVER_SCHEDULE, useValue: { intervalMs: options.resolverIntervalMs, logger: options.logger } },
        { provide: TransferStore, useFactory: (dataSource: DataSource, lock: PlayerLock) => new TransferStore(dataSource, lock), inject: [getDataSourceToken(), PlayerLock] },
        { provide: TransferSender, useFactory: (store: TransferStore) => new TransferSender(store, options.aggregators), inject: [TransferStore] },
        {
          provide: TransferResolver,
          useFactory: (store: TransferStore) =>
            new TransferResolver(store, options.aggregators, { ...options.resolver, log: (level, message, fields) => options.logger.event(level, 'TransferResolver', message, fields) }),
          inject: [TransferStore],
        },
        TransferResolverSchedule,
      ],
    };
  }
}
