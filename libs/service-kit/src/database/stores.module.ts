import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource, TypeOrmModule } from '@nestjs/typeorm';
import type Redis from 'ioredis';
import type { DataSource, DataSourceOptions } from 'typeorm';
import { ReadinessRegistry } from '../health/readiness';
import { createRedisClient } from '../redis/redis-client';
import { registerDatabasePoolMetrics } from '../metrics/database-pool-metrics';

/** Injection token of the service's ioredis client. */
export const REDIS_CLIENT = Symbol('REDIS_CLIENT');

export interface StoresOptions {
  readonly dataSource: DataSourceOptions;
  readonly redisUrl: string;
  readonly redisConnectionName: string;
}

/** Registers PostgreSQL and Redis readiness checks and the pool's metrics, and closes Redis on shutdown. */
class StoresLifecycle implements OnModuleInit, OnApplicationShutdown {
  private stopPoolMetrics: () => void = () => undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    private readonly readiness: ReadinessRegistry,
  ) {}

  onModuleInit(): void {
    const poolSizeMax: unknown = (this.dataSource.options.extra as { max?: unknown } | undefined)?.max;
    this.stopPoolMetrics = registerDatabasePoolMetrics(this.dataSource, typeof poolSizeMax === 'number' ? poolSizeMax : undefined);
    this.readiness.register({ name: 'postgresql', check: async () => void (await this.dataSource.query('SELECT 1')) });
    this.readiness.register({
      name: 'redis',
      check: async () => {
        if ((await this.redis.ping()) !== 'PONG') throw new Error('redis did not answer PONG');
      },
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopPoolMetrics();
    await this.redis.quit().catch(() => undefined);
  }
}

/** A service's PostgreSQL (TypeORM, migrations only) and Redis connections, the same way in every service. */
@Global()
@Module({})
export class StoresModule {
  static forRoot(options: StoresOptions): DynamicModule {
    return {
      module: StoresModule,
      imports: [TypeOrmModule.forRoot({ ...options.dataSource, retryAttempts: 3, retryDelay: 1_000 })],
      providers: [
        { provide: REDIS_CLIENT, useFactory: () => createRedisClient(options.redisUrl, options.redisConnectionName) },
        StoresLifecycle,
      ],
      exports: [REDIS_CLIENT],
    };
  }
}
