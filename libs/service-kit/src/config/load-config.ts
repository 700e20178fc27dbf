import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { parsePlatformRegistry, type PlatformRegistry } from '@wallet-platform/platform-registry';

/** A configuration variable is missing or malformed; the message names every offending variable. */
export class ConfigurationError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigurationError';
  }
}

/**
 * Reads a service's configuration from environment variables into a validated class instance.
 * Each property of `schema` is an environment variable name (UPPER_SNAKE_CASE) with class-validator
 * decorators and, where needed, a class-transformer `@Type`/`@Transform`. Property initialisers are
 * the defaults. Called once at start-up: a missing or bad variable stops the service before it
 * touches any store, with a message that names the variable (values are not echoed: they may be secret).
 */
export function loadConfig<T extends object>(schema: new () => T, env: NodeJS.ProcessEnv = process.env): T {
  const { config, problems } = readConfig(schema, env);
  if (problems.length > 0) throw new ConfigurationError(problems);
  return Object.freeze(config);
}

/** The variable that holds the platform registry (libs/platform-registry, docs/platform-registry.md). */
export const PLATFORM_REGISTRY_VARIABLE = 'PLATFORM_REGISTRY';
/** The registry of a service started without one: no platform. */
export const EMPTY_PLATFORM_REGISTRY = '{"platforms":[]}';

export interface WithPlatformRegistry {
  /** The validated registry; each service reads its part with the lib's views. */
  readonly platformRegistry: PlatformRegistry;
}

/**
 * `loadConfig` for a service that reads the platform registry (a `PLATFORM_REGISTRY` property of
 * its schema): one start-up error names every bad variable and every bad field of the registry
 * (`PLATFORM_REGISTRY: platforms[0].operators[1].secretKey: must be 16-200 characters`).
 */
export function loadConfigWithRegistry<T extends { readonly PLATFORM_REGISTRY: string }>(
  schema: new () => T,
  env: NodeJS.ProcessEnv = process.env,
): T & WithPlatformRegistry {
  const { config, problems } = readConfig(schema, env);
  const registry = problems.some((problem) => problem.startsWith(`${PLATFORM_REGISTRY_VARIABLE}:`)) ? null : parsePlatformRegistry(config.PLATFORM_REGISTRY);
  const registryProblems = registry === null || registry.ok ? [] : registry.problems.map((problem) => `${PLATFORM_REGISTRY_VARIABLE}: ${problem}`);
  if (problems.length + registryProblems.length > 0 || registry === null || !registry.ok) throw new ConfigurationError([...problems, ...registryProblems]);
  return Object.freeze(Object.assign(config, { platformRegistry: registry.registry }));
}

function readConfig<T extends object>(schema: new () => T, env: NodeJS.ProcessEnv): { config: T; problems: string[] } {
  const defaults = new schema() as Record<string, unknown>;
  const raw: Record<string, unknown> = { ...defaults };
  for (const key of Object.keys(defaults)) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const config = plainToInstance(schema, raw, { enableImplicitConversion: false });
  const errors = validateSync(config, { whitelist: false, forbidUnknownValues: true });
  return { config, problems: errors.flatMap(describe) };
}

function describe(error: ValidationError): string[] {
  const constraints = Object.values(error.constraints ?? {});
  const own = constraints.length > 0 ? [`${error.property}: ${constraints.join('; ')}`] : [];
  return [...own, ...(error.children ?? []).flatMap(describe)];
}
