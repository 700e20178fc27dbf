import { randomUUID } from 'node:crypto';
import type { CashierKind } from '../api/back-office-api.interface';
import { BackOfficeApiError } from '../api/back-office-api-error';
import { BackOfficeClient } from '../api/back-office-client';
import { SYSTEM_CLOCK, type ProgressClock } from '../catalog/sync-progress';
import { parseCommandArguments, type ParsedArguments } from '../input/argument-parser';
import { UsageError } from '../input/input-errors';
import { errorReport, ExitCode } from '../render/error-view';
import { readCliConfig } from './cli-config';
import { COMMANDS, findCommand, GROUPS, type CliOutput } from './commands';
import { commandUsage, groupUsage, mainUsage } from './usage-text';

export interface CliEnvironment {
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly output: CliOutput;
  /** Tests inject these; the real ones otherwise. */
  readonly fetchFunction?: typeof fetch;
  readonly clock?: ProgressClock;
  readonly newIdempotencyKey?: (kind: CashierKind) => string;
}

const HELP_WORDS = new Set(['help', '--help', '-h']);

/** "bo-deposit-<uuid>": says what it was for, unique without coordination, in the API's grammar. */
export function generatedIdempotencyKey(kind: CashierKind): string {
  return `bo-${kind}-${randomUUID()}`;
}

/**
 * `bo <group> <command> ...`: finds the command in the table, parses its arguments, calls the API
 * and answers an exit code: 0 done, 1 the API refused or could not be reached, 2 the command line
 * or a value is wrong. An error that is none of these is a bug and is thrown to the caller.
 */
export async function runCli(environment: CliEnvironment): Promise<ExitCode> {
  const { output } = environment;
  // `bo --json players get X` reads as naturally as `bo players get X --json`.
  const leadingJson = environment.argv.findIndex((argument) => argument !== '--json');
  const argv = leadingJson <= 0 ? [...environment.argv] : [...environment.argv.slice(leadingJson), ...environment.argv.slice(0, leadingJson)];
  let json = argv.includes('--json');
  try {
    const [group, name, ...rest] = argv;
    if (group === undefined) {
      output.stderr(mainUsage());
      return ExitCode.Usage;
    }
    if (HELP_WORDS.has(group)) {
      output.stdout(name !== undefined && GROUPS[name] !== undefined ? groupUsage(name) : mainUsage());
      return ExitCode.Ok;
    }
    if (GROUPS[group] === undefined) throw new UsageError(`unknown group ${JSON.stringify(group)}; groups: ${Object.keys(GROUPS).join(', ')}`);
    if (name === undefined || HELP_WORDS.has(name)) {
      if (name === undefined) {
        output.stderr(groupUsage(group));
        return ExitCode.Usage;
      }
      output.stdout(groupUsage(group));
      return ExitCode.Ok;
    }
    const command = findCommand(group, name);
    if (!command) {
      const known = COMMANDS.filter((candidate) => candidate.group === group).map((candidate) => candidate.name);
      throw new UsageError(`unknown command ${JSON.stringify(name)} in bo ${group}; commands: ${known.join(', ')}`, group);
    }
    let args: ParsedArguments;
    try {
      args = parseCommandArguments(command, rest);
    } catch (error) {
      if (error instanceof UsageError && error.helpTopic === undefined) throw new UsageError(error.message, `${group} ${name}`);
      throw error;
    }
    json = args.json;
    if (args.help) {
      output.stdout(commandUsage(command));
      return ExitCode.Ok;
    }
    const config = readCliConfig(environment.env);
    for (const warning of config.warnings) output.stderr(`${warning}\n`);
    const client = new BackOfficeClient({ baseUrl: config.baseUrl, apiKey: config.apiKey, fetchFunction: environment.fetchFunction });
    const promotions = new BackOfficeClient({ baseUrl: config.promotionsBaseUrl, apiKey: config.apiKey, fetchFunction: environment.fetchFunction });
    const reports = new BackOfficeClient({ baseUrl: config.reportingBaseUrl, apiKey: config.apiKey, fetchFunction: environment.fetchFunction });
    return await command.run({
      client,
      promotions,
      reports,
      args,
      output,
      clock: environment.clock ?? SYSTEM_CLOCK,
      newIdempotencyKey: environment.newIdempotencyKey ?? generatedIdempotencyKey,
    });
  } catch (error) {
    const report = errorReport(error);
    if (report === null) throw error;
    // With --json a script also gets the API's error body, as received, on stdout.
    if (json && error instanceof BackOfficeApiError) output.stdout(`${error.bodyText}\n`);
    output.stderr(report.text);
    return report.exitCode;
  }
}
