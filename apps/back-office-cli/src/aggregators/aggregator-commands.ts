import type { AggregatorGameLogQuery, AggregatorHistoryQuery } from '../api/back-office-api.interface';
import type { CommandContext, CommandDefinition } from '../cli/commands';
import { pageSize, printJson, printList } from '../cli/list-output';
import type { ParsedArguments } from '../input/argument-parser';
import { LocalValidationError, UsageError } from '../input/input-errors';
import { ExitCode } from '../render/error-view';
import { renderTable } from '../render/text-table';
import {
  AGGREGATOR_GAME_COLUMNS,
  AGGREGATOR_HISTORY_COLUMNS,
  AGGREGATOR_PROVIDER_COLUMNS,
  aggregatorGameLogText,
  aggregatorGameView,
  describeAggregatorSync,
  driftText,
  type GroupedHistoryEntry,
} from './aggregator-views';

/**
 * The aggregators in `bo`: their catalog (`bo catalog aggregator-…`), a player's history and game
 * logs there (`bo history aggregator`, `bo history game-log`), and the balance check's drift
 * (`bo transfers drift`). As everywhere in `bo`, each command is one API call and its rendering.
 */

/** The wallet's bounds on a history page (its AGGREGATOR_HISTORY_PAGE_MAX and _PER_PAGE_MAX), checked here first. */
const HISTORY_PAGE_MAX = 10_000;
const HISTORY_PER_PAGE_MAX = 100;

const text = (args: ParsedArguments, name: string): string | undefined => {
  const value = args.options[name];
  return typeof value === 'string' ? value : undefined;
};

function wholeNumber(args: ParsedArguments, name: string, field: string, max: number): number | undefined {
  const value = text(args, name);
  if (value === undefined) return undefined;
  if (!/^\d{1,5}$/.test(value) || Number(value) < 1 || Number(value) > max) {
    throw new LocalValidationError([{ field, problems: [`${field} must be an integer from 1 to ${max}; got ${JSON.stringify(value)}`] }]);
  }
  return Number(value);
}

async function history(context: CommandContext): Promise<ExitCode> {
  const { args, output } = context;
  const query: AggregatorHistoryQuery = Object.fromEntries(
    Object.entries({
      page: wholeNumber(args, 'page', 'page', HISTORY_PAGE_MAX),
      perPage: wholeNumber(args, 'per-page', 'perPage', HISTORY_PER_PAGE_MAX),
      from: text(args, 'from'),
      to: text(args, 'to'),
      gameId: text(args, 'game'),
      roundId: text(args, 'round'),
    }).filter(([, value]) => value !== undefined),
  );
  const answer = await context.client.aggregatorHistory(args.positionals['PLAYER_ID'], args.positionals['AGGREGATOR'], query);
  if (args.json) {
    printJson(context, answer);
    return ExitCode.Ok;
  }
  const entries: GroupedHistoryEntry[] = answer.currencyGroups.flatMap((group) => group.items.map((item) => ({ ...item, group: group.currency })));
  output.stdout(`${answer.aggregatorId} player ${answer.username}, page ${answer.page} (${answer.perPage} per page)\n`);
  output.stdout(entries.length === 0 ? 'no entries\n' : renderTable(entries, AGGREGATOR_HISTORY_COLUMNS));
  if (answer.hasNext) output.stdout(`more: --page ${answer.page + 1}\n`);
  return ExitCode.Ok;
}

async function gameLog(context: CommandContext): Promise<ExitCode> {
  const { args } = context;
  const historyId = text(args, 'history-id');
  const gameId = text(args, 'game');
  const roundId = text(args, 'round');
  let query: AggregatorGameLogQuery;
  if (historyId !== undefined && gameId === undefined && roundId === undefined) query = { historyId };
  else if (historyId === undefined && gameId !== undefined && roundId !== undefined) query = { gameId, roundId };
  else throw new UsageError('name the round by --history-id ID, or by --game GAME_ID and --round ROUND_ID (not both)', 'history game-log');
  const log = await context.client.aggregatorGameLog(args.positionals['PLAYER_ID'], args.positionals['AGGREGATOR'], query);
  if (args.json) printJson(context, log);
  else context.output.stdout(aggregatorGameLogText(log));
  return ExitCode.Ok;
}

export const AGGREGATOR_COMMANDS: readonly CommandDefinition[] = [
  {
    group: 'history',
    name: 'aggregator',
    summary: "one page of a player's history at an aggregator (read there), grouped by currency",
    positionals: ['PLAYER_ID', 'AGGREGATOR'],
    options: {
      page: { type: 'string', value: 'N', description: `page number, 1-${HISTORY_PAGE_MAX} (default 1; the answer says "more: --page N")` },
      'per-page': { type: 'string', value: 'N', description: `entries per page, 1-${HISTORY_PER_PAGE_MAX} (default 30)` },
      from: { type: 'string', value: 'TIME', description: 'from this RFC 3339 time, inclusive (e.g. 2026-01-31T00:00:00Z)' },
      to: { type: 'string', value: 'TIME', description: 'up to this RFC 3339 time, inclusive' },
      game: { type: 'string', value: 'GAME_ID', description: "one game (the aggregator's id)" },
      round: { type: 'string', value: 'ROUND_ID', description: 'one round' },
    },
    run: history,
  },
  {
    group: 'history',
    name: 'game-log',
    summary: "one round's game log at an aggregator (hands, roulette pockets, dice, a table, or the provider's page)",
    positionals: ['PLAYER_ID', 'AGGREGATOR'],
    options: {
      'history-id': { type: 'string', value: 'ID', description: 'the HISTORY ID of a `bo history aggregator` row' },
      game: { type: 'string', value: 'GAME_ID', description: 'with --round: the round by game, under the player’s own name there' },
      round: { type: 'string', value: 'ROUND_ID', description: 'with --game' },
    },
    run: gameLog,
  },
  {
    group: 'catalog',
    name: 'aggregator-games',
    summary: "an aggregator's games as last synced, by game id: category, provider, listed or gone, our switch",
    positionals: ['AGGREGATOR'],
    options: {
      provider: { type: 'string', value: 'PROVIDER_ID', description: "one provider's games" },
      category: { type: 'string', value: 'CATEGORY_ID', description: 'one category (e.g. slot)' },
      playable: { type: 'string', value: 'true|false', choices: ['true', 'false'], description: 'playable (listed there, on by our switch, its provider active) or not' },
      limit: { type: 'string', value: 'N', description: 'rows per page, 1-200 (API default 50; 200 with --all)' },
      cursor: { type: 'string', value: 'CURSOR', description: 'start at this page (the "more: --cursor" of a previous answer)' },
      all: { type: 'boolean', description: 'follow the pages to the end (bounded; says where it stopped)' },
    },
    run: (context) => {
      const { args } = context;
      const query = { providerId: text(args, 'provider'), categoryId: text(args, 'category'), playable: text(args, 'playable') as 'true' | 'false' | undefined, limit: pageSize(args) };
      return printList(context, (cursor) => context.client.aggregatorCatalogGames(args.positionals['AGGREGATOR'], { ...query, cursor }), AGGREGATOR_GAME_COLUMNS);
    },
  },
  {
    group: 'catalog',
    name: 'aggregator-providers',
    summary: "an aggregator's providers as last synced: active, online, listed or gone, games listed",
    positionals: ['AGGREGATOR'],
    options: {},
    run: async (context) => {
      const providers = await context.client.aggregatorProviders(context.args.positionals['AGGREGATOR']);
      if (context.args.json) printJson(context, providers);
      else context.output.stdout(renderTable(providers.items, AGGREGATOR_PROVIDER_COLUMNS));
      return ExitCode.Ok;
    },
  },
  {
    group: 'catalog',
    name: 'aggregator-switch',
    summary: 'our own switch for an aggregator game: off and it is not launched, whatever the aggregator lists; a sync never changes it',
    positionals: ['AGGREGATOR', 'GAME', 'STATE'],
    positionalLabels: { STATE: 'on|off' },
    options: {},
    run: async (context) => {
      const { args } = context;
      const state = args.positionals['STATE'];
      if (state !== 'on' && state !== 'off') throw new UsageError(`STATE must be on or off; got ${JSON.stringify(state)}`, 'catalog aggregator-switch');
      const game = await context.client.setAggregatorGameSwitch(args.positionals['AGGREGATOR'], args.positionals['GAME'], state === 'on');
      if (args.json) printJson(context, game);
      else context.output.stdout(aggregatorGameView(game));
      return ExitCode.Ok;
    },
  },
  {
    group: 'catalog',
    name: 'aggregator-sync',
    summary: "fetch the aggregators' games and providers now; exit 1 if any failed",
    positionals: [],
    options: { aggregator: { type: 'string', value: 'A', description: 'only this aggregator (every configured one otherwise)' } },
    run: async (context) => {
      const { results } = await context.client.syncAggregatorCatalog(text(context.args, 'aggregator'));
      if (context.args.json) printJson(context, { results });
      else context.output.stdout(results.length === 0 ? 'no aggregator is configured (PLATFORM_REGISTRY): nothing to sync\n' : results.map((result) => `${result.aggregatorId}: ${describeAggregatorSync(result)}\n`).join(''));
      return results.some((result) => result.outcome === 'failed') ? ExitCode.Failed : ExitCode.Ok;
    },
  },
  {
    group: 'transfers',
    name: 'drift',
    summary: "the last periodic balance check of an aggregator (--check: run one now); exit 3 when it found drift",
    positionals: ['AGGREGATOR'],
    options: { check: { type: 'boolean', description: "run a check now (admin; reads every player's balance and history there)" } },
    run: async (context) => {
      const aggregatorId = context.args.positionals['AGGREGATOR'];
      const report = context.args.options['check'] === true ? await context.client.checkAggregatorBalanceDrift(aggregatorId) : await context.client.aggregatorBalanceDrift(aggregatorId);
      if (context.args.json) printJson(context, report);
      else context.output.stdout(driftText(report));
      return report.rows.some((row) => !/^-?0(\.0+)?$/.test(row.drift)) ? ExitCode.Mismatch : ExitCode.Ok;
    },
  },
];
