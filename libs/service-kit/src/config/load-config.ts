import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';

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
  const defaults = new schema() as Record<string, unknown>;
  const raw: Record<string, unknown> = { ...defaults };
  for (const key of Object.keys(defaults)) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const config = plainToInstance(schema, raw, { enableImplicitConversion: false });
  const errors = validateSync(config, { whitelist: false, forbidUnknownValues: true });
  if (errors.length > 0) {
    throw new ConfigurationError(errors.flatMap(describe));
  }
  return Object.freeze(config);
}

function describe(error: ValidationError): string[] {
  const constraints = Object.values(error.constraints ?? {});
  const own = constraints.length > 0 ? [`${error.property}: ${constraints.join('; ')}`] : [];
  return [...own, ...(error.children ?? []).flatMap(describe)];
}
