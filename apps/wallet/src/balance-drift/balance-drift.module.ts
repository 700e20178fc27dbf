import { Inject, Injectable, Module, type DynamicModule, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type Redis from 'ioredis';
import type { DataSource } from 'typeorm';
import { REDIS_CLIENT, type JsonLogger } from '@wallet-platform/service-kit';
import { TRANSFER_AGGREGATORS, type TransferAggregators } from '../transfers/transfer-aggregators';
import { BalanceDriftController } from './balance-drift.controller';
import { BalanceDriftMonitor } from './balance-drift.monitor';
import { BalanceDriftStore } from './balance-drift.store';

/** Starts and stops the periodic check with the application. */
@Injectable()
class BalanceDriftSchedule implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(@Inject(BalanceDriftMonitor) private readonly monitor: BalanceDriftMonitor) {}

  onApplicationBootstrap(): void {
    this.monitor.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.monitor.stop();
  }
}

/** The periodic balance check of the transfer-wallet aggregators, its metrics, and its last result in the back office. */
@Module({})
export class BalanceDriftModule {
  static forRoot(
    backOffice: DynamicModule,
    options: {
      readonly aggregators: TransferAggregators;
      readonly intervalMs: number;
      readonly environmentName: string;
      readonly logger: JsonLogger;
      /** Tests only: BALANCE_DRIFT_HISTORY_SETTLE_MS otherwise. */
      readonly historySettleMs?: number;
    },
  ): DynamicModule {
    return {
      module: BalanceDriftModule,
      imports: [backOffice],
      controllers: [BalanceDriftController],
      providers: [
        { provide: TRANSFER_AGGREGATORS, useValue: options.aggregators },
        { provide: BalanceDriftStore, useFactory: (dataSource: DataSource) => new BalanceDriftStore(dataSource), inject: [getDataSourceToken()] },
        {
          provide: BalanceDriftMonitor,
          useFactory: (store: BalanceDriftStore, redis: Redis) =>
            new BalanceDriftMonitor(store, options.aggregators, redis, {
              intervalMs: options.intervalMs,
              lockKeyPrefix: `${options.environmentName}:wallet:balance-drift`,
              logger: options.logger,
              ...(options.historySettleMs === undefined ? {} : { historySettleMs: options.historySettleMs }),
            }),
          inject: [BalanceDriftStore, REDIS_CLIENT],
        },
        BalanceDriftSchedule,
      ],
    };
  }
}
