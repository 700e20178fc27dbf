import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsNumber, IsString, Matches, Max, Min } from 'class-validator';
import { hostname } from 'node:os';
import { EMPTY_PLATFORM_REGISTRY } from './load-config';

/** Variables every service reads. Each service's own config class extends this one. */
export class CommonConfig {
  /** Prefix of every Kafka topic and consumer group: isolates environments sharing a broker. */
  @Matches(/^[a-z][a-z0-9-]{0,30}$/, { message: 'must be 1-31 chars of [a-z0-9-], starting with a letter' })
  ENVIRONMENT_NAME = 'dev';

  /** Comma-separated host:port list. */
  @Matches(/^[A-Za-z0-9.-]+:\d{1,5}(,[A-Za-z0-9.-]+:\d{1,5})*$/, { message: 'must be host:port[,host:port...]' })
  KAFKA_BROKERS = '127.0.0.1:19092';

  @Matches(/^rediss?:\/\/\S+$/, { message: 'must be a redis:// or rediss:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  HTTP_PORT = 0;

  @IsIn(['debug', 'info', 'warn', 'error'])
  LOG_LEVEL: 'debug' | 'info' | 'warn' | 'error' = 'info';

  /** Identifies this process among the service's replicas (the pod name in Kubernetes). */
  @IsString()
  @IsNotEmpty()
  @Matches(/^[A-Za-z0-9._-]{1,100}$/, { message: 'must be 1-100 chars of [A-Za-z0-9._-]' })
  INSTANCE_ID = `${hostname()}-${process.pid}`;

  /** How long shutdown may take to drain in-flight work before the process exits anyway. */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(120_000)
  SHUTDOWN_DRAIN_TIMEOUT_MS = 10_000;

  /**
   * `none` (the default): trace ids are made, carried across HTTP and Kafka and written on every log
   * line, and no span is kept. `otlp`: spans go to the OTLP/HTTP collector named by the standard
   * `OTEL_EXPORTER_OTLP_ENDPOINT` (or `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`), read by the exporter.
   */
  @IsIn(['none', 'otlp'])
  OTEL_TRACES_EXPORTER: 'none' | 'otlp' = 'none';

  /** Share of new traces exported (0..1) when exporting; a caller's sampled flag is followed either way. */
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  OTEL_TRACES_SAMPLER_ARG = 1;
}

/** Variables of a service that owns a PostgreSQL database. */
export class DatabaseConfig extends CommonConfig {
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'must be a postgres:// URL' })
  DATABASE_URL = '';

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE_MAX = 10;
}

/**
 * Variables of a service with a database, a back-office API and a part of the platform registry
 * (the wallet, promotions, reporting). Load it with `loadConfigWithRegistry`.
 */
export class BackOfficeServiceConfig extends DatabaseConfig {
  /** Back-office API keys, as JSON with sha256 hashes only (back-office-api-keys.ts). Secret. */
  @IsString()
  BACK_OFFICE_API_KEYS = '[]';

  /**
   * The platform registry (docs/platform-registry.md), JSON, from the one Secret every service
   * mounts; each service takes its part (libs/platform-registry, platform-registry-views.ts).
   * No platform when left out.
   */
  @IsString()
  PLATFORM_REGISTRY = EMPTY_PLATFORM_REGISTRY;
}
