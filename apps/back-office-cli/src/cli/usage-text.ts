import { GLOBAL_OPTIONS, type OptionSpec } from '../input/argument-parser';
import { BACK_OFFICE_URL_DEFAULT, REPORTING_URL_DEFAULT } from './cli-config';
import { COMMANDS, GROUPS, type CommandDefinition } from './commands';

/** Help texts, written from the commands table so they cannot drift from what is parsed. */

export function mainUsage(): string {
  const width = Math.max(...Object.keys(GROUPS).map((group) => group.length));
  return [
    'bo: the wallet’s back office from a terminal',
    '',
    'usage: bo <group> <command> [arguments] [--json]',
    '       bo <group> --help       the commands of a group',
    '       bo <group> <command> --help',
    '',
    ...Object.entries(GROUPS).map(([group, summary]) => `  ${group.padEnd(width)}  ${summary}`),
    '',
    'environment:',
    `  BACK_OFFICE_URL      the API (default ${BACK_OFFICE_URL_DEFAULT})`,
    '  BACK_OFFICE_API_KEY  your back-office API key (required; never printed)',
    `  REPORTING_URL        the reports API, for bo reconcile (default ${REPORTING_URL_DEFAULT})`,
    '',
    'Amounts are decimal strings with at most 2 decimals ("100.00"), shown exactly as the API sends them.',
    '--json prints the API’s JSON answer instead of a table.',
    'exit codes: 0 done, 1 refused by the API or not reached, 2 wrong command line or value,',
    '            3 done and the figures disagree (bo reconcile).',
    'docs: docs/back-office-cli.md',
    '',
  ].join('\n');
}

export function groupUsage(group: string): string {
  const commands = COMMANDS.filter((command) => command.group === group);
  return [`bo ${group}: ${GROUPS[group]}`, '', ...commands.map((command) => `  ${synopsis(command)}\n      ${command.summary}`), '', `details: bo ${group} <command> --help`, ''].join('\n');
}

export function commandUsage(command: CommandDefinition): string {
  const options = Object.entries({ ...command.options, ...GLOBAL_OPTIONS });
  const labels = options.map(([name, option]) => `--${name}${option.type === 'string' ? ` ${option.value ?? 'VALUE'}` : ''}`);
  const width = Math.max(...labels.map((label) => label.length));
  return [
    `usage: ${synopsis(command)}`,
    '',
    `  ${command.summary}`,
    '',
    ...options.map(([, option], index) => `  ${labels[index].padEnd(width)}  ${option.required ? '(required) ' : ''}${option.description}`),
    '',
  ].join('\n');
}

function synopsis(command: CommandDefinition): string {
  const options = Object.entries(command.options);
  const shown = (name: string, option: OptionSpec) => `--${name}${option.type === 'string' ? ` ${option.value ?? 'VALUE'}` : ''}`;
  return [
    `bo ${command.group} ${command.name}`,
    ...command.positionals.map((name) => command.positionalLabels?.[name] ?? name),
    ...options.filter(([, option]) => option.required).map(([name, option]) => shown(name, option)),
    ...options.filter(([, option]) => !option.required).map(([name, option]) => `[${shown(name, option)}]`),
  ].join(' ');
}
