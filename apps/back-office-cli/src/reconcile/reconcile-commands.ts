import type { ReconciliationRunView } from '../api/back-office-api.interface';
import type { CommandContext, CommandDefinition } from '../cli/commands';
import type { ParsedArguments } from '../input/argument-parser';
import { LocalValidationError } from '../input/input-errors';
import { ExitCode } from '../render/error-view';
import { orNull, renderTable, terminalSafe, type Column } from '../render/text-table';

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

const text = (args: ParsedArguments, name: string): string | undefined => {
  const value = args.options[name];
  return typeof value === 'string' ? value : undefined;
};

function dayArgument(field: string, value: string): string {
  if (!DAY_PATTERN.test(value) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
    throw new LocalValidationError([{ field, problems: [`${field} must be a UTC day, YYYY-MM-DD; got ${JSON.stringify(value.slice(0, 40))}`] }]);
  }
  return value;
}

const SOURCES = ['business-report', 'aggregator'] as const;

function sourceArgument(value: string | undefined): (typeof SOURCES)[number] {
  if (value === undefined) return 'business-report';
  const found = SOURCES.find((source) => source === value);
  if (found === undefined) throw new LocalValidationError([{ field: 'source', problems: [`source must be one of ${SOURCES.join(', ')}; got ${JSON.stringify(value.slice(0, 40))}`] }]);
  return found;
}

/** What a run says, then every row that is not matched with its fields: enough to act on. */
export function runText(run: ReconciliationRunView): string {
  const against = run.source === 'aggregator' ? 'aggregator ' : '';
  const head = `${against}${run.platformId} (${run.operatorId}) ${run.day}: ${run.status.toUpperCase()} · run ${run.runId} by ${run.trigger} at ${run.ranAt}`;
  if (run.result === null) return `${head}\n  ${terminalSafe(orNull(run.error))}\n`;
  const lines = [head, `  tolerance: sums ${run.result.tolerance.amount}, counts ${run.result.tolerance.count}`];
  const summary = run.result.summary;
  if (summary !== undefined) lines.push(`  players: ${summary.matched} matched, ${summary.mismatched} mismatched, ${summary.notComparable} not comparable`);
  for (const row of run.result.rows) {
    const label = row.player !== undefined ? `player ${terminalSafe(row.player.userId)} (${terminalSafe(row.player.username)})` : terminalSafe(orNull(row.vendor ?? null));
    lines.push(`  ${label} ${row.currency}: ${row.status}${row.reason === undefined ? '' : ` (${terminalSafe(row.reason)})`}`);
    for (const difference of row.differences) {
      lines.push(`    ${difference.field}: ours ${difference.ours}, platform ${difference.platform}, difference ${difference.difference}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** 0 matched; 3 mismatched (the figures disagree); 1 failed (the platform's report could not be had). */
export function exitCodeOf(status: ReconciliationRunView['status']): ExitCode {
  switch (status) {
    case 'matched':
      return ExitCode.Ok;
    case 'mismatched':
      return ExitCode.Mismatch;
    case 'failed':
      return ExitCode.Failed;
    default: {
      const unknown: never = status;
      throw new Error(`unknown reconciliation status ${String(unknown)}`);
    }
  }
}

const STATUS_COLUMNS: readonly Column<ReconciliationRunView>[] = [
  { header: 'day', value: (run) => run.day },
  { header: 'platform', value: (run) => run.platformId },
  { header: 'operator', value: (run) => run.operatorId },
  { header: 'status', value: (run) => run.status },
  { header: 'rows off', value: (run) => (run.result === null ? '-' : String(run.result.rows.filter((row) => row.status !== 'matched').length)), align: 'right' },
  { header: 'by', value: (run) => run.trigger },
  { header: 'source', value: (run) => run.source ?? 'business-report' },
  { header: 'ran at', value: (run) => run.ranAt },
  { header: 'error', value: (run) => orNull(run.error), widthMax: 60 },
];

async function run(context: CommandContext): Promise<ExitCode> {
  const { args, output } = context;
  const day = dayArgument('day', args.positionals['DAY']);
  const operatorId = text(args, 'operator');
  const source = sourceArgument(text(args, 'source'));
  const result = await context.reports.reconcile({
    platformId: args.positionals['PLATFORM_ID'],
    day,
    ...(operatorId === undefined ? {} : { operatorId }),
    ...(source === 'aggregator' ? { source } : {}),
  });
  output.stdout(args.json ? `${JSON.stringify(result, null, 2)}\n` : runText(result));
  return exitCodeOf(result.status);
}

async function status(context: CommandContext): Promise<ExitCode> {
  const { args, output } = context;
  const from = dayArgument('from', text(args, 'from') as string);
  const to = dayArgument('to', text(args, 'to') ?? from);
  const platform = text(args, 'platform');
  const source = text(args, 'source') === undefined ? undefined : sourceArgument(text(args, 'source'));
  const answer = await context.reports.reconciliations({ from, to, pageSize: 500, ...(platform === undefined ? {} : { platform }), ...(source === undefined ? {} : { source }) });
  if (args.json) output.stdout(`${JSON.stringify(answer, null, 2)}\n`);
  else output.stdout(renderTable(answer.runs, STATUS_COLUMNS) + (answer.hasMore ? 'more days than shown: narrow --from/--to\n' : ''));
  // The worst status of the days shown, so a script can check a week in one call.
  const statuses = new Set(answer.runs.map((entry) => entry.status));
  return statuses.has('failed') ? ExitCode.Failed : statuses.has('mismatched') ? ExitCode.Mismatch : ExitCode.Ok;
}

export const RECONCILE_COMMANDS: readonly CommandDefinition[] = [
  {
    group: 'reconcile',
    name: 'run',
    summary: "reconcile a platform's (or with --source aggregator an aggregator's) UTC day now; exit 0 matched, 3 mismatched (each field off is shown), 1 failed",
    positionals: ['PLATFORM_ID', 'DAY'],
    options: {
      operator: { type: 'string', value: 'OPERATOR_ID', description: 'the operator, when the platform is configured for several' },
      source: { type: 'string', value: 'SOURCE', description: "business-report (default: the platform's) or aggregator (its playerDailyReport per player; PLATFORM_ID is then the aggregator's id)" },
    },
    run,
  },
  {
    group: 'reconcile',
    name: 'status',
    summary: 'the latest run of each platform and day; exit 0 all matched, 3 a mismatch, 1 a failed run',
    positionals: [],
    options: {
      from: { type: 'string', value: 'DAY', required: true, description: 'first UTC day, YYYY-MM-DD' },
      to: { type: 'string', value: 'DAY', description: 'last UTC day (default: --from)' },
      platform: { type: 'string', value: 'PLATFORM_ID', description: 'one platform (or aggregator)' },
      source: { type: 'string', value: 'SOURCE', description: 'business-report or aggregator (default: both)' },
    },
    run: status,
  },
];
