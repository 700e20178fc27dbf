import { Inject, Module, type DynamicModule, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { Kafka } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { ReadinessRegistry, type JsonLogger } from '@wallet-platform/service-kit';
import { FreeSpinLedgerConsumer } from './ledger-events.consumer';
import { FreeSpinWinsStore } from './free-spin-wins.store';

export interface FreeSpinWinsModuleOptions {
  readonly kafka: Kafka;
  readonly environmentName: string;
  readonly logger: Pick<JsonLogger, 'event'>;
}

class FreeSpinWinsLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(FreeSpinLedgerConsumer) private readonly consumer: FreeSpinLedgerConsumer,
    private readonly readiness: ReadinessRegistry,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.consumer.start();
    this.readiness.register({
      name: 'kafka-ledger-events',
      check: async () => {
        if (!this.consumer.hasJoinedGroup) throw new Error('ledger-events consumer has not joined its group');
      },
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer.stop();
  }
}

/** PROMO-FREESPIN wins attributed to their campaigns, from the wallet's ledger events. */
@Module({})
export class FreeSpinWinsModule {
  static forRoot(options: FreeSpinWinsModuleOptions): DynamicModule {
    return {
      module: FreeSpinWinsModule,
      providers: [
        {
          provide: FreeSpinLedgerConsumer,
          inject: [getDataSourceToken()],
          useFactory: (dataSource: DataSource) => new FreeSpinLedgerConsumer(options.kafka, options.environmentName, new FreeSpinWinsStore(dataSource), options.logger),
        },
        { provide: FreeSpinWinsLifecycle, inject: [FreeSpinLedgerConsumer, ReadinessRegistry], useFactory: (consumer: FreeSpinLedgerConsumer, readiness: ReadinessRegistry) => new FreeSpinWinsLifecycle(consumer, readiness) },
      ],
    };
  }
}
