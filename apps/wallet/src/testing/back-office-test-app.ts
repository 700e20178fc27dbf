import { createHash, randomBytes } from 'node:crypto';
import { Global, Module, type DynamicModule, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { HealthModule, JsonLogger, StoresModule, parseBackOfficeApiKeys } from '@wallet-platform/service-kit';
import type { PlatformApi } from '@wallet-platform/platform-registry';
import type { DataSource } from 'typeorm';
import { BackOfficeModule } from '../back-office/back-office.module';
import { configureBackOfficeHttp } from '../back-office/http/back-office-http';
import { walletDataSourceOptions } from '../persistence/wallet-data-source';
import { PLAYER_LOCK_KEY_PREFIX_PROVIDER } from '../players/player-lock';
import { seedPlayer, type SeedRequest } from '../seed/seed-player';

/** The feature modules a test serves behind the back office (each takes the back-office module it guards with). */
export type BackOfficeFeatures = (backOffice: DynamicModule) => ReadonlyArray<DynamicModule>;

export interface BackOfficeTestAppOptions {
  readonly port: number;
  readonly databaseUrl: string;
  readonly environmentName: string;
  readonly features: BackOfficeFeatures;
  readonly poolSize?: number;
  /** The Operator API platforms the back office launches games of (none unless given). */
  readonly platformApis?: readonly PlatformApi[];
  /** The logger the feature modules and the error filter log to (level error unless given). */
  readonly logger?: JsonLogger;
}

export interface BackOfficeAnswer<T> {
  readonly status: number;
  readonly body: T;
}

/**
 * The wallet's back office over real HTTP on real PostgreSQL and Redis, as the service serves it
 * (the same body policy and error filter, configureBackOfficeHttp), with an admin and a support key
 * of its own. `call` sends a JSON body (or raw text, for bodies JSON.stringify cannot write, such as
 * a repeated key) with the given key; `null` sends none.
 */
export class BackOfficeTestApp {
  readonly adminKey = randomBytes(24).toString('hex');
  readonly supportKey = randomBytes(24).toString('hex');
  private app: INestApplication | null = null;

  private constructor(private readonly baseUrl: string) {}

  static async start(options: BackOfficeTestAppOptions): Promise<BackOfficeTestApp> {
    const started = new BackOfficeTestApp(`http://127.0.0.1:${options.port}/back-office/v1`);
    const logger = options.logger ?? new JsonLogger('back-office-test', 'error');
    const sha = (key: string) => createHash('sha256').update(key).digest('hex');
    const backOffice = BackOfficeModule.forRoot(
      parseBackOfficeApiKeys(JSON.stringify([{ name: 'desk-admin', role: 'admin', sha256: sha(started.adminKey) }, { name: 'desk-support', role: 'support', sha256: sha(started.supportKey) }])),
      options.platformApis ?? [],
    );
    const lockPrefix = PLAYER_LOCK_KEY_PREFIX_PROVIDER(options.environmentName);
    @Global()
    @Module({ providers: [lockPrefix], exports: [lockPrefix.provide] })
    class LockPrefixModule {}
    @Module({
      imports: [
        LockPrefixModule,
        HealthModule,
        StoresModule.forRoot({ dataSource: walletDataSourceOptions(options.databaseUrl, options.poolSize ?? 4), redisUrl: 'redis://127.0.0.1:6379', redisConnectionName: `${options.environmentName}-api` }),
        backOffice,
        ...options.features(backOffice),
      ],
    })
    class BackOfficeTestModule {}
    started.app = await NestFactory.create(BackOfficeTestModule, { logger: false });
    configureBackOfficeHttp(started.app, logger);
    await started.app.listen(options.port, '127.0.0.1');
    return started;
  }

  async call<T = Record<string, unknown>>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown, key: string | null = this.adminKey): Promise<BackOfficeAnswer<T>> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { ...(key === null ? {} : { Authorization: `Bearer ${key}` }), 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: (text === '' ? null : JSON.parse(text)) as T };
  }

  /** A provider of the app (a store, the resolver), for tests that drive the core beside the HTTP API. */
  get<T>(type: abstract new (...args: never[]) => T): T {
    if (this.app === null) throw new Error('the back-office test app is not started');
    return this.app.get(type, { strict: false });
  }

  async close(): Promise<void> {
    await this.app?.close();
  }
}

/** A player of operator op1 on platform zg-platform, EUR, with the given balance and nothing else set. */
export async function seedTestPlayer(dataSource: DataSource, userId: string, balance: string, overrides: Partial<SeedRequest> = {}): Promise<string> {
  const seeded = await seedPlayer(dataSource, {
    platformId: 'zg-platform',
    operatorId: 'op1',
    userId,
    currency: 'EUR',
    balance,
    gameId: '200',
    sessionHours: 1,
    blocked: false,
    dailyWagerLimit: null,
    dailyLossLimit: null,
    disabledGameId: null,
    ...overrides,
  });
  return seeded.playerId;
}
