import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigurationError } from './config/load-config';
import { JsonLogger, type JsonLogLevel } from './logging/json-logger';
import { requestIdMiddleware } from './http/request-id.middleware';
import { applyHttpServerLimits } from './http/server-limits';
import { ReadinessRegistry } from './health/readiness';
import { httpMetricsMiddleware } from './metrics/http-metrics.middleware';
import { collectProcessMetrics } from './metrics/metrics-registry';

export interface ServiceBootstrap<TConfig> {
  readonly serviceName: string;
  readonly loadConfig: () => TConfig & { HTTP_PORT: number; LOG_LEVEL: JsonLogLevel; INSTANCE_ID: string };
  /** Builds the root module from the validated configuration. */
  readonly rootModule: (config: TConfig) => unknown;
  /** Extra wiring before listen (e.g. a raw-body parser, a microservice transport). */
  readonly configure?: (app: INestApplication, config: TConfig, logger: JsonLogger) => Promise<void> | void;
}

/**
 * Starts a service the same way everywhere: validated config (or exit 1 naming the variable),
 * JSON logs, request ids, server timeouts and a connection cap (server-limits.ts), health endpoints, request metrics (served by MetricsModule), and a graceful shutdown on SIGTERM/SIGINT that first
 * reports not-ready, then lets Nest close modules (which drain Kafka consumers) within a deadline.
 */
export async function bootstrapService<TConfig>(spec: ServiceBootstrap<TConfig>): Promise<INestApplication> {
  let config: ReturnType<typeof spec.loadConfig>;
  try {
    config = spec.loadConfig();
  } catch (error) {
    if (error instanceof ConfigurationError) {
      process.stderr.write(`${spec.serviceName}: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = new JsonLogger(spec.serviceName, config.LOG_LEVEL);
  const app = await NestFactory.create(spec.rootModule(config) as never, { logger, bodyParser: false });
  collectProcessMetrics();
  app.use(httpMetricsMiddleware);
  app.use(requestIdMiddleware);
  app.get(ReadinessRegistry).instanceId = config.INSTANCE_ID;
  await spec.configure?.(app, config, logger);
  app.enableShutdownHooks();
  installDrainOnSignal(app, logger);
  applyHttpServerLimits(app.getHttpServer());
  await app.listen(config.HTTP_PORT, '0.0.0.0');
  logger.event('info', 'Bootstrap', `${spec.serviceName} listening`, { port: config.HTTP_PORT });
  return app;
}

function installDrainOnSignal(app: INestApplication, logger: JsonLogger): void {
  // Nest's own shutdown hooks close modules; this runs first and flips readiness so that load
  // balancers stop sending new work while in-flight work drains.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.prependOnceListener(signal, () => {
      logger.event('info', 'Bootstrap', 'shutdown requested', { signal });
      app.get(ReadinessRegistry).markShuttingDown();
    });
  }
}
