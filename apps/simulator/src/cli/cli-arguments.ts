/**
 * `--name value` and `--name=value` options, checked against the options a mode knows: a typo
 * must stop the run, not silently fall back to a default (a benchmark at the wrong rate is worse
 * than none).
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Longest option value accepted (a URL, a path): bounds what the parser copies around. */
export const OPTION_VALUE_LENGTH_MAX = 4096;

export class CliArguments {
  private constructor(private readonly values: ReadonlyMap<string, string>) {}

  static parse(argv: readonly string[], known: readonly string[], flags: readonly string[] = []): CliArguments {
    const values = new Map<string, string>();
    for (let index = 0; index < argv.length; index++) {
      const argument = argv[index];
      if (!argument.startsWith('--')) throw new UsageError(`unexpected argument ${JSON.stringify(argument)}`);
      const equals = argument.indexOf('=');
      const name = argument.slice(2, equals === -1 ? undefined : equals);
      if (!known.includes(name) && !flags.includes(name)) throw new UsageError(`unknown option --${name}`);
      if (values.has(name)) throw new UsageError(`--${name} given twice`);
      let value: string;
      if (flags.includes(name)) {
        if (equals !== -1) throw new UsageError(`--${name} takes no value`);
        value = 'true';
      } else if (equals !== -1) {
        value = argument.slice(equals + 1);
      } else {
        if (index + 1 >= argv.length) throw new UsageError(`--${name} needs a value`);
        value = argv[++index];
      }
      if (value.length > OPTION_VALUE_LENGTH_MAX) throw new UsageError(`--${name}: longer than ${OPTION_VALUE_LENGTH_MAX} characters`);
      values.set(name, value);
    }
    return new CliArguments(values);
  }

  has(name: string): boolean {
    return this.values.has(name);
  }

  optional(name: string): string | undefined {
    return this.values.get(name);
  }

  required(name: string, environmentFallback?: string): string {
    const value = this.values.get(name) ?? (environmentFallback ? process.env[environmentFallback] : undefined);
    if (value === undefined || value === '') {
      throw new UsageError(`--${name} is required${environmentFallback ? ` (or ${environmentFallback} in the environment)` : ''}`);
    }
    return value;
  }

  /** An integer within [min, max]: every count, rate and duration the simulator takes is bounded. */
  integer(name: string, fallback: number, min: number, max: number): number {
    const text = this.values.get(name);
    if (text === undefined) return fallback;
    if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) throw new UsageError(`--${name}: an integer from ${min} to ${max}, got ${JSON.stringify(text)}`);
    return Number(text);
  }

  /**
   * A fraction in per mille (0..1000) given as a decimal between 0 and 1 with up to three places:
   * "0.05" is 50. Probabilities, not money, but kept as integers so a run's mix is exact.
   */
  perMille(name: string, fallback: number): number {
    const text = this.values.get(name);
    if (text === undefined) return fallback;
    const match = /^(0|1)(?:\.(\d{1,3}))?$/.exec(text);
    const value = match ? Number(match[1]) * 1000 + Number((match[2] ?? '').padEnd(3, '0')) : NaN;
    if (!(value >= 0 && value <= 1000)) throw new UsageError(`--${name}: a fraction from 0 to 1 with at most 3 decimals, got ${JSON.stringify(text)}`);
    return value;
  }
}
