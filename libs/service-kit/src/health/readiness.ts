import { Controller, Get, HttpCode, Injectable, Module, Res, Global } from '@nestjs/common';
import type { Response } from 'express';

/** A dependency the service cannot serve without (PostgreSQL, Redis, Kafka, a leased partition...). */
export interface ReadinessCheck {
  readonly name: string;
  /** Resolves when ready; rejects (or times out) when not. Must be cheap: it runs on every probe. */
  check(): Promise<void>;
}

const CHECK_TIMEOUT_MS = 2_000;

/**
 * Components register their own check when they start, so the readiness endpoint always reflects
 * exactly what this service depends on, and a shutting-down service reports not ready at once.
 */
@Injectable()
export class ReadinessRegistry {
  private readonly checks = new Map<string, ReadinessCheck>();
  private shuttingDown = false;
  /** Named in every probe answer, so a caller knows which process answered. */
  instanceId = 'unknown';

  register(check: ReadinessCheck): void {
    this.checks.set(check.name, check);
  }

  markShuttingDown(): void {
    this.shuttingDown = true;
  }

  async evaluate(): Promise<{ ready: boolean; checks: Record<string, string> }> {
    const results: Record<string, string> = {};
    if (this.shuttingDown) return { ready: false, checks: { shutdown: 'in progress' } };
    await Promise.all(
      [...this.checks.values()].map(async (check) => {
        try {
          await withTimeout(check.check(), CHECK_TIMEOUT_MS, check.name);
          results[check.name] = 'ok';
        } catch (error) {
          results[check.name] = error instanceof Error ? error.message : String(error);
        }
      }),
    );
    return { ready: Object.values(results).every((result) => result === 'ok'), checks: results };
  }
}

@Controller('health')
export class HealthController {
  constructor(private readonly registry: ReadinessRegistry) {}

  /** Liveness: the event loop answers. Never depends on other systems (a restart would not help). */
  @Get('live')
  @HttpCode(200)
  live(): { status: string } {
    return { status: 'ok' };
  }

  /** Readiness: every registered dependency answers. 503 takes the instance out of the load balancer. */
  @Get('ready')
  async ready(@Res() response: Response): Promise<void> {
    const result = await this.registry.evaluate();
    response.status(result.ready ? 200 : 503).json({ status: result.ready ? 'ready' : 'not ready', instance: this.registry.instanceId, checks: result.checks });
  }
}

@Global()
@Module({ controllers: [HealthController], providers: [ReadinessRegistry], exports: [ReadinessRegistry] })
export class HealthModule {}

async function withTimeout<T>(promise: Promise<T>, timeoutMs: number, name: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${name}: no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
