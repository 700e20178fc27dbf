import { Inject, Module, type DynamicModule, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource, TypeOrmModule } from '@nestjs/typeorm';
import type Redis from 'ioredis';
import type { DataSource } from 'typeorm';
import { createRedisClient, HealthModule, ReadinessRegistry } from '@wallet-platform/service-kit';
import { BalanceHandler } from './balance/balance.handler';
import { walletDataSourceOptions } from './persistence/wallet-data-source';
import { PlayerDirectory } from './players/player-directory';
import type { WalletConfig } from './wallet.config';

export const WALLET_CONFIG = Symbol('WALLET_CONFIG');
export const REDIS = Symbol('REDIS');

/** Registers the stores this service cannot work without, and closes Redis last on shutdown. */
class StoreLifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly readiness: ReadinessRegistry,
  ) {}

  onModuleInit(): void {
    this.readiness.register({ name: 'postgresql', check: async () => void (await this.dataSource.query('SELECT 1')) });
    this.readiness.register({
      name: 'redis',
      check: async () => {
        if ((await this.redis.ping()) !== 'PONG') throw new Error('redis did not answer PONG');
      },
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => undefined);
  }
}

@Module({})
export class WalletModule {
  static forRoot(config: WalletConfig): DynamicModule {
    return {
      module: WalletModule,
      imports: [
        HealthModule,
        TypeOrmModule.forRoot({ ...walletDataSourceOptions(config.DATABASE_URL, config.DATABASE_POOL_SIZE_MAX), retryAttempts: 3, retryDelay: 1_000 }),
      ],
      controllers: [BalanceHandler],
      providers: [
        { provide: WALLET_CONFIG, useValue: config },
        { provide: REDIS, useFactory: () => createRedisClient(config.REDIS_URL, `wallet-${config.INSTANCE_ID}`) },
        PlayerDirectory,
        { provide: StoreLifecycle, useClass: StoreLifecycle },
      ],
    };
  }
}
