import { parseArgs } from 'node:util';
import { UsageError } from './input-errors';

export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  /** Placeholder shown in usage, e.g. "ID" in `--operator ID`. */
  readonly value?: string;
  readonly description: string;
  readonly required?: boolean;
  /** The only values accepted, checked before anything is sent (an enum of the API's contract). */
  readonly choices?: readonly string[];
}

export interface ArgumentSpec {
  /** Names of the positional arguments, in order, e.g. ["PLAYER_ID", "AMOUNT"]; all required. */
  readonly positionals: readonly string[];
  readonly options: Readonly<Record<string, OptionSpec>>;
}

export interface ParsedArguments {
  readonly positionals: Readonly<Record<string, string>>;
  readonly options: Readonly<Record<string, string | boolean | undefined>>;
  /** `--json`: print the API's JSON instead of a table. */
  readonly json: boolean;
  /** `--help` / `-h`: print this command's usage; nothing else was checked. */
  readonly help: boolean;
}

/** Options every command takes. */
export const GLOBAL_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  json: { type: 'boolean', description: 'print the API’s JSON answer instead of a table' },
  help: { type: 'boolean', description: 'show this help' },
};

/** Longest argument accepted (a URL, a reason): bounds what is copied into a request. */
export const ARGUMENT_LENGTH_MAX = 4096;
/** Arguments accepted on one command line: far above any command's need, below a runaway script's. */
export const ARGUMENTS_MAX = 64;

/** A negative amount ("-5.00") is an argument, not an option cluster: see `parseCommandArguments`. */
const NEGATIVE_NUMBER = /^-\.?\d/;
/** Stands in for a negative number while node's parser runs: a NUL cannot come from a shell. */
const PLACEHOLDER_PREFIX = '\u0000negative:';

/**
 * Parses one command's arguments with node's `parseArgs` (strict: an unknown option or a typo
 * stops the command instead of being ignored on a money endpoint), then checks what it cannot:
 * exact positional count, required options, choices, repeated options, lengths.
 *
 * `bo cashier adjust PLAYER -5.00 --reason r` must work as typed, but `parseArgs` reads "-5.00"
 * as the short options "-5", "-.", ... So negative numbers are swapped for placeholders before
 * parsing and swapped back after, wherever they stand (positional or option value).
 */
export function parseCommandArguments(spec: ArgumentSpec, argv: readonly string[]): ParsedArguments {
  if (argv.length > ARGUMENTS_MAX) throw new UsageError(`more than ${ARGUMENTS_MAX} arguments`);
  const tooLong = argv.find((argument) => argument.length > ARGUMENT_LENGTH_MAX);
  if (tooLong !== undefined) throw new UsageError(`an argument is longer than ${ARGUMENT_LENGTH_MAX} characters: ${tooLong.slice(0, 40)}…`);

  const negatives = new Map<string, string>();
  const args = argv.map((argument, index) => {
    if (!NEGATIVE_NUMBER.test(argument)) return argument;
    const placeholder = `${PLACEHOLDER_PREFIX}${index}`;
    negatives.set(placeholder, argument);
    return placeholder;
  });
  const restore = (value: string) => negatives.get(value) ?? value;

  const allOptions = { ...spec.options, ...GLOBAL_OPTIONS };
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args,
      options: Object.fromEntries(
        Object.entries(allOptions).map(([name, option]) => [name, name === 'help' ? { type: option.type, short: 'h' } : { type: option.type }]),
      ),
      allowPositionals: true,
      strict: true,
      tokens: true,
    });
  } catch (error) {
    throw new UsageError(describeParseError(error));
  }

  const seen = new Set<string>();
  for (const token of parsed.tokens ?? []) {
    if (token.kind !== 'option') continue;
    if (seen.has(token.name)) throw new UsageError(`--${token.name} is given twice`);
    seen.add(token.name);
  }

  const values = parsed.values as Record<string, string | boolean | undefined>;
  const help = values['help'] === true;
  const json = values['json'] === true;
  const options: Record<string, string | boolean | undefined> = {};
  for (const name of Object.keys(spec.options)) {
    const value = values[name];
    options[name] = typeof value === 'string' ? restore(value) : value;
  }
  const positionalValues = parsed.positionals.map(restore);
  if (help) return { positionals: {}, options, json, help };

  if (positionalValues.length > spec.positionals.length) {
    throw new UsageError(`unexpected argument ${JSON.stringify(positionalValues[spec.positionals.length])}`);
  }
  const missing = spec.positionals.slice(positionalValues.length);
  if (missing.length > 0) throw new UsageError(`missing ${missing.join(' ')}`);

  for (const [name, option] of Object.entries(spec.options)) {
    const value = options[name];
    if (option.required && (value === undefined || value === '')) throw new UsageError(`--${name} ${option.value ?? ''} is required`.replace(/ +/g, ' ').trim());
    if (option.choices && typeof value === 'string' && !option.choices.includes(value)) {
      throw new UsageError(`--${name} must be one of ${option.choices.join(', ')}; got ${JSON.stringify(value)}`);
    }
  }
  return { positionals: Object.fromEntries(spec.positionals.map((name, index) => [name, positionalValues[index]])), options, json, help };
}

function describeParseError(error: unknown): string {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const option = /'([^']+)'/.exec(message)?.[1];
    return option ? `unknown option ${option}` : message;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const option = /'(--?[^' ]+)/.exec(message)?.[1];
    if (option && message.includes('does not take an argument')) return `${option} takes no value`;
    return option ? `${option} needs a value (use ${option}=VALUE for a value that starts with "-")` : message;
  }
  return message;
}
