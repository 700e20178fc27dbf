import type { CashierKind, CashierOperationView, CashierMovementRequest, PlayerLimitsRequest, PlayerView } from '../api/back-office-api.interface';
import { BackOfficeApiError, BackOfficeUnreachableError } from '../api/back-office-api-error';
import type { BackOfficeClient } from '../api/back-office-client';
import { PAGE_SIZE_MAX } from '../api/pages';
import { AGGREGATOR_COMMANDS } from '../aggregators/aggregator-commands';
import { AGGREGATOR_SESSION_COMMANDS } from '../aggregator-sessions/aggregator-session-commands';
import { pageSize, printJson, printList } from './list-output';
import { distinctPlatformIds, outcomeOf, syncPlatformsOneByOne } from '../catalog/catalog-sync-run';
import { SyncProgress, type ProgressClock } from '../catalog/sync-progress';
import { idempotencyKey, limitAmount, positiveAmount, signedNonZeroAmount } from '../input/amount-argument';
import type { ArgumentSpec, OptionSpec, ParsedArguments } from '../input/argument-parser';
import { LocalValidationError, UsageError } from '../input/input-errors';
import { ExitCode } from '../render/error-view';
import { CAMPAIGN_COMMANDS } from '../campaigns/campaign-commands';
import { TRANSFER_COMMANDS } from '../transfers/transfer-commands';
import { RECONCILE_COMMANDS } from '../reconcile/reconcile-commands';
import { renderTable } from '../render/text-table';
import {
  describePlatformSync,
  GAME_COLUMNS,
  gameView,
  launchView,
  limitsView,
  operationView,
  PLATFORM_COLUMNS,
  PLAYER_COLUMNS,
  playerView,
  ROUND_COLUMNS,
  syncSummary,
  TRANSACTION_COLUMNS,
} from '../render/views';

/**
 * The commands table: every `bo <group> <command>`, its arguments, and what it does. A command
 * only turns arguments into one API call (or a walk over pages) and renders the answer: every rule
 * is the wallet's, and this table is also where the help text comes from.
 */

export interface CliOutput {
  stdout(text: string): void;
  stderr(text: string): void;
  /** stderr is a terminal: progress may redraw its line. */
  readonly stderrIsTerminal: boolean;
}

export interface CommandContext {
  readonly client: BackOfficeClient;
  /** The promotions service's back office (bo campaigns). */
  readonly promotions: BackOfficeClient;
  /** The reporting service's reports API (bo reconcile). */
  readonly reports: BackOfficeClient;
  readonly args: ParsedArguments;
  readonly output: CliOutput;
  readonly clock: ProgressClock;
  /** A fresh idempotency key for a cashier operation the operator gave no --key for. */
  readonly newIdempotencyKey: (kind: CashierKind) => string;
}

export interface CommandDefinition extends ArgumentSpec {
  readonly group: string;
  readonly name: string;
  /** One line for the help text. */
  readonly summary: string;
  /** How a positional reads in the help when its name does not say it, e.g. STATE: "on|off". */
  readonly positionalLabels?: Readonly<Record<string, string>>;
  run(context: CommandContext): Promise<ExitCode>;
}

export const GROUPS: Readonly<Record<string, string>> = {
  players: 'create, read, find, block and unblock players',
  cashier: 'deposits, withdrawals and adjustments (each exactly once, by idempotency key)',
  limits: 'responsible-gambling limits per UTC day',
  history: "a player's transactions and rounds, newest first; their history and game logs at an aggregator",
  sessions: 'launch a game (a fresh session token and the launch URL), end a session; launch and end a game session at an aggregator (its money there and back)',
  catalog: 'platforms and aggregators, their games (and providers), our on/off switch, and syncing from them',
  campaigns: 'free-round campaigns: create, add players, grant with progress, cancel, settlement',
  transfers: 'money to and from transfer-wallet aggregators, what is in transit, support decisions, balance check and drift',
  reconcile: "our figures of a platform's day against its business report: run now, or each day's status",
};

// Options shared by several commands.
const PAGE_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  limit: { type: 'string', value: 'N', description: `rows per page, 1-${PAGE_SIZE_MAX} (API default 50; ${PAGE_SIZE_MAX} with --all)` },
  cursor: { type: 'string', value: 'CURSOR', description: 'start at this page (the "more: --cursor" of a previous answer)' },
  all: { type: 'boolean', description: 'follow the pages to the end (bounded; says where it stopped)' },
};
const CASHIER_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  reason: { type: 'string', value: 'R', required: true, description: 'why, for the audit trail (3-500 characters)' },
  key: { type: 'string', value: 'IDEMPOTENCY_KEY', description: 'retry an earlier request: the wallet applies it at most once (generated and printed when absent)' },
};
const HISTORY_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  from: { type: 'string', value: 'TIME', description: 'from this ISO 8601 time, inclusive (e.g. 2026-01-31T00:00:00Z)' },
  to: { type: 'string', value: 'TIME', description: 'before this ISO 8601 time, exclusive' },
  game: { type: 'string', value: 'GAME_ID', description: 'one game' },
  ...PAGE_OPTIONS,
};

const text = (args: ParsedArguments, name: string): string | undefined => {
  const value = args.options[name];
  return typeof value === 'string' ? value : undefined;
};

async function printPlayer(context: CommandContext, player: Promise<PlayerView>): Promise<ExitCode> {
  const view = await player;
  if (context.args.json) printJson(context, view);
  else context.output.stdout(playerView(view));
  return ExitCode.Ok;
}

const CASHIER_CALLS: Readonly<Record<CashierKind, (client: BackOfficeClient, playerId: string, request: CashierMovementRequest) => Promise<CashierOperationView>>> = {
  deposit: (client, playerId, request) => client.deposit(playerId, request),
  withdrawal: (client, playerId, request) => client.withdraw(playerId, request),
  adjustment: (client, playerId, request) => client.adjust(playerId, request),
};

/**
 * A cashier operation. The idempotency key is settled, and printed when generated, BEFORE the
 * request leaves: if the answer never comes (timeout, lost connection, 5xx) the operator retries
 * with the same key and the wallet moves the money at most once.
 */
async function cashier(context: CommandContext, kind: CashierKind): Promise<ExitCode> {
  const { args, output } = context;
  const playerId = args.positionals['PLAYER_ID'];
  const amount = kind === 'adjustment' ? signedNonZeroAmount('amount', args.positionals['SIGNED_AMOUNT']) : positiveAmount('amount', args.positionals['AMOUNT']);
  const given = text(args, 'key');
  const key = given === undefined ? context.newIdempotencyKey(kind) : idempotencyKey('idempotencyKey', given);
  if (given === undefined) output.stderr(`idempotency key: ${key} (to retry this ${kind} safely, add --key ${key})\n`);
  let operation: CashierOperationView;
  try {
    operation = await CASHIER_CALLS[kind](context.client, playerId, { idempotencyKey: key, amount, reason: text(args, 'reason') as string });
  } catch (error) {
    if (error instanceof BackOfficeUnreachableError || (error instanceof BackOfficeApiError && error.outcomeUnknown)) {
      output.stderr(`the ${kind} may or may not have been applied: run the same command with --key ${key} (the wallet applies it at most once)\n`);
    }
    throw error;
  }
  if (args.json) printJson(context, operation);
  else output.stdout(operationView(operation, key));
  return ExitCode.Ok;
}

const onOff = (value: string): boolean => {
  if (value !== 'on' && value !== 'off') throw new UsageError(`STATE must be on or off; got ${JSON.stringify(value)}`, 'catalog switch');
  return value === 'on';
};

function sessionHours(args: ParsedArguments): number | undefined {
  const hours = text(args, 'session-hours');
  if (hours === undefined) return undefined;
  if (!/^\d{1,3}$/.test(hours)) throw new LocalValidationError([{ field: 'sessionHours', problems: [`sessionHours must be a whole number of hours; got ${JSON.stringify(hours)}`] }]);
  return Number(hours);
}

async function syncCatalog(context: CommandContext): Promise<ExitCode> {
  const { args, output, client, clock } = context;
  const only = text(args, 'platform');
  const platformIds = only === undefined ? distinctPlatformIds((await client.catalogPlatforms()).items) : [only];
  if (platformIds.length === 0) {
    output.stderr('no platform with an API is configured in the wallet (PLATFORM_REGISTRY): nothing to sync\n');
    if (args.json) printJson(context, { results: [] });
    else output.stdout('0 platforms: nothing to sync\n');
    return ExitCode.Ok;
  }
  output.stderr(`syncing ${platformIds.length} ${platformIds.length === 1 ? 'platform' : 'platforms'} one by one\n`);
  const startedAt = clock.now();
  const rows = await syncPlatformsOneByOne(client, platformIds, new SyncProgress({ write: (chunk) => output.stderr(chunk) }, output.stderrIsTerminal, clock), describePlatformSync);
  const failed = rows.some((row) => outcomeOf(row) === 'failed');
  if (args.json) {
    printJson(context, {
      results: rows.flatMap((row) => row.results),
      requestErrors: rows.filter((row) => row.requestError !== null || row.results.length === 0).map((row) => ({ platformId: row.platformId, error: row.requestError ?? 'not configured in the wallet' })),
    });
  } else {
    output.stdout(syncSummary(rows, clock.now() - startedAt));
  }
  return failed ? ExitCode.Failed : ExitCode.Ok;
}

export const COMMANDS: readonly CommandDefinition[] = [
  {
    group: 'players',
    name: 'create',
    summary: 'create a player and their account (balance 0.00) in their currency',
    positionals: [],
    options: {
      operator: { type: 'string', value: 'ID', required: true, description: 'operator id the platforms know the casino by' },
      user: { type: 'string', value: 'ID', required: true, description: 'user id the platforms will see (unique per operator)' },
      name: { type: 'string', value: 'NAME', required: true, description: 'user name' },
      'display-name': { type: 'string', value: 'NAME', description: 'shown in games (public: no personal data)' },
      country: { type: 'string', value: 'C', required: true, description: 'country, e.g. Malta' },
      currency: { type: 'string', value: 'CUR', required: true, description: 'ISO 4217 (or the platform’s code), 3-4 uppercase, e.g. EUR' },
      group: { type: 'string', value: 'G', description: 'player group configured on the platform, e.g. vip' },
    },
    run: (context) => {
      const { args } = context;
      return printPlayer(
        context,
        context.client.createPlayer({
          operatorId: text(args, 'operator') as string,
          userId: text(args, 'user') as string,
          userName: text(args, 'name') as string,
          displayName: text(args, 'display-name'),
          country: text(args, 'country') as string,
          currency: text(args, 'currency') as string,
          group: text(args, 'group'),
        }),
      );
    },
  },
  {
    group: 'players',
    name: 'get',
    summary: 'one player, with their balance',
    positionals: ['PLAYER_ID'],
    options: {},
    run: (context) => printPlayer(context, context.client.readPlayer(context.args.positionals['PLAYER_ID'])),
  },
  {
    group: 'players',
    name: 'search',
    summary: 'players, newest first',
    positionals: [],
    options: {
      operator: { type: 'string', value: 'ID', description: 'one operator' },
      q: { type: 'string', value: 'TEXT', description: 'exact user id, or a prefix of user id / user name (3+ characters)' },
      status: { type: 'string', value: 'S', choices: ['active', 'blocked'], description: 'active or blocked' },
      ...PAGE_OPTIONS,
    },
    run: (context) => {
      const { args } = context;
      const limit = pageSize(args);
      const query = { operatorId: text(args, 'operator'), q: text(args, 'q'), status: text(args, 'status'), limit };
      return printList(context, (cursor) => context.client.searchPlayers({ ...query, cursor }), PLAYER_COLUMNS);
    },
  },
  {
    group: 'players',
    name: 'block',
    summary: 'block a player: no bets, no new sessions (wins owed are still paid)',
    positionals: ['PLAYER_ID'],
    options: {},
    run: (context) => printPlayer(context, context.client.blockPlayer(context.args.positionals['PLAYER_ID'])),
  },
  {
    group: 'players',
    name: 'unblock',
    summary: 'let a blocked player play again',
    positionals: ['PLAYER_ID'],
    options: {},
    run: (context) => printPlayer(context, context.client.unblockPlayer(context.args.positionals['PLAYER_ID'])),
  },
  {
    group: 'cashier',
    name: 'deposit',
    summary: 'put money on the player’s balance',
    positionals: ['PLAYER_ID', 'AMOUNT'],
    options: CASHIER_OPTIONS,
    run: (context) => cashier(context, 'deposit'),
  },
  {
    group: 'cashier',
    name: 'withdraw',
    summary: 'take money off the player’s balance (refused beyond it: insufficient_funds)',
    positionals: ['PLAYER_ID', 'AMOUNT'],
    options: CASHIER_OPTIONS,
    run: (context) => cashier(context, 'withdrawal'),
  },
  {
    group: 'cashier',
    name: 'adjust',
    summary: 'correct the balance by a signed amount, e.g. -5.00 or 12.50',
    positionals: ['PLAYER_ID', 'SIGNED_AMOUNT'],
    options: CASHIER_OPTIONS,
    run: (context) => cashier(context, 'adjustment'),
  },
  {
    group: 'limits',
    name: 'get',
    summary: 'the player’s daily limits and today’s totals',
    positionals: ['PLAYER_ID'],
    options: {},
    run: async (context) => {
      const limits = await context.client.readLimits(context.args.positionals['PLAYER_ID']);
      if (context.args.json) printJson(context, limits);
      else context.output.stdout(limitsView(limits));
      return ExitCode.Ok;
    },
  },
  {
    group: 'limits',
    name: 'set',
    summary: 'set or remove daily limits (a limit left out keeps its value); the next BET obeys',
    positionals: ['PLAYER_ID'],
    options: {
      'daily-wager': { type: 'string', value: 'D|none', description: 'sum of BETs per UTC day, or none' },
      'daily-loss': { type: 'string', value: 'D|none', description: 'BETs minus WINs and REFUNDs per UTC day, or none' },
    },
    run: async (context) => {
      const { args } = context;
      const wager = text(args, 'daily-wager');
      const loss = text(args, 'daily-loss');
      if (wager === undefined && loss === undefined) throw new UsageError('give --daily-wager and/or --daily-loss (an amount, or none)', 'limits set');
      const request: PlayerLimitsRequest = {
        ...(wager === undefined ? {} : { dailyWagerLimit: limitAmount('dailyWagerLimit', wager) }),
        ...(loss === undefined ? {} : { dailyLossLimit: limitAmount('dailyLossLimit', loss) }),
      };
      const limits = await context.client.setLimits(args.positionals['PLAYER_ID'], request);
      if (args.json) printJson(context, limits);
      else context.output.stdout(limitsView(limits));
      return ExitCode.Ok;
    },
  },
  {
    group: 'history',
    name: 'transactions',
    summary: 'game transactions (applied, refused, canceled) and cashier operations',
    positionals: ['PLAYER_ID'],
    options: {
      type: { type: 'string', value: 'T', description: 'BET, WIN, REFUND, DEPOSIT, WITHDRAWAL or ADJUSTMENT' },
      status: { type: 'string', value: 'S', description: 'OK, ERROR or CANCELED' },
      ...HISTORY_OPTIONS,
    },
    run: (context) => {
      const { args } = context;
      const query = { from: text(args, 'from'), to: text(args, 'to'), type: text(args, 'type'), gameId: text(args, 'game'), status: text(args, 'status'), limit: pageSize(args) };
      return printList(context, (cursor) => context.client.transactions(args.positionals['PLAYER_ID'], { ...query, cursor }), TRANSACTION_COLUMNS);
    },
  },
  {
    group: 'history',
    name: 'rounds',
    summary: 'game rounds with their bet, win and refund totals',
    positionals: ['PLAYER_ID'],
    options: {
      status: { type: 'string', value: 'S', description: 'open or finished' },
      ...HISTORY_OPTIONS,
    },
    run: (context) => {
      const { args } = context;
      const query = { from: text(args, 'from'), to: text(args, 'to'), gameId: text(args, 'game'), status: text(args, 'status'), limit: pageSize(args) };
      return printList(context, (cursor) => context.client.rounds(args.positionals['PLAYER_ID'], { ...query, cursor }), ROUND_COLUMNS);
    },
  },
  {
    group: 'sessions',
    name: 'launch',
    summary: 'a game launch URL; real and lobby mode open a session with a fresh token',
    positionals: ['PLAYER_ID'],
    options: {
      platform: { type: 'string', value: 'P', required: true, description: 'platform id, e.g. demo-platform' },
      mode: { type: 'string', value: 'real|fun|lobby', required: true, choices: ['real', 'fun', 'lobby'], description: 'real money, demo play (no session), or a real-money lobby' },
      game: { type: 'string', value: 'GAME_ID', description: 'the game (real and fun mode)' },
      lobby: { type: 'string', value: 'LOBBY_ID', description: 'the lobby (lobby mode)' },
      language: { type: 'string', value: 'LANG', required: true, description: 'IETF language tag, e.g. en or en-US' },
      device: { type: 'string', value: 'desktop|mobile', required: true, choices: ['desktop', 'mobile'], description: 'the player’s device' },
      'home-url': { type: 'string', value: 'URL', description: 'where the game’s home button leads' },
      'deposit-url': { type: 'string', value: 'URL', description: 'where the game’s deposit button leads' },
      'client-name': { type: 'string', value: 'NAME', description: 'the casino skin, for the platform' },
      'session-hours': { type: 'string', value: 'H', description: 'session lifetime in hours (API default 8)' },
    },
    run: async (context) => {
      const { args } = context;
      const launch = await context.client.launchGame(args.positionals['PLAYER_ID'], {
        platformId: text(args, 'platform') as string,
        mode: text(args, 'mode') as 'real' | 'fun' | 'lobby',
        gameId: text(args, 'game'),
        lobbyId: text(args, 'lobby'),
        language: text(args, 'language') as string,
        device: text(args, 'device') as 'desktop' | 'mobile',
        homeUrl: text(args, 'home-url'),
        depositUrl: text(args, 'deposit-url'),
        clientName: text(args, 'client-name'),
        sessionHours: sessionHours(args),
      });
      if (args.json) printJson(context, launch);
      else context.output.stdout(launchView(launch));
      return ExitCode.Ok;
    },
  },
  {
    group: 'sessions',
    name: 'end',
    summary: 'end a session: the platform’s next BET with its token is refused (OP_21)',
    positionals: ['TOKEN'],
    options: {},
    run: async (context) => {
      await context.client.endSession(context.args.positionals['TOKEN']);
      // 204: the API answers no body; --json prints nothing, the exit code says it worked.
      if (!context.args.json) context.output.stdout('session ended\n');
      return ExitCode.Ok;
    },
  },
  {
    group: 'catalog',
    name: 'platforms',
    summary: 'the platforms the wallet is configured for',
    positionals: [],
    options: {},
    run: async (context) => {
      const platforms = await context.client.catalogPlatforms();
      if (context.args.json) printJson(context, platforms);
      else context.output.stdout(renderTable(platforms.items, PLATFORM_COLUMNS));
      return ExitCode.Ok;
    },
  },
  {
    group: 'catalog',
    name: 'games',
    summary: 'games of the catalog, most recently changed first',
    positionals: [],
    options: {
      platform: { type: 'string', value: 'P', description: 'one platform' },
      playable: { type: 'string', value: 'true|false', choices: ['true', 'false'], description: 'playable (on at the platform and by our switch) or not' },
      ...PAGE_OPTIONS,
    },
    run: (context) => {
      const { args } = context;
      const query = { platformId: text(args, 'platform'), playable: text(args, 'playable') as 'true' | 'false' | undefined, limit: pageSize(args) };
      return printList(context, (cursor) => context.client.catalogGames({ ...query, cursor }), GAME_COLUMNS);
    },
  },
  {
    group: 'catalog',
    name: 'switch',
    summary: 'our own switch for a game: off refuses its BETs (OP_35) whatever the platform says; a sync never changes it',
    positionals: ['PLATFORM', 'GAME', 'STATE'],
    positionalLabels: { STATE: 'on|off' },
    options: {},
    run: async (context) => {
      const { args } = context;
      const enabled = onOff(args.positionals['STATE']);
      const game = await context.client.setGameSwitch(args.positionals['PLATFORM'], args.positionals['GAME'], enabled);
      if (args.json) printJson(context, game);
      else context.output.stdout(gameView(game));
      return ExitCode.Ok;
    },
  },
  {
    group: 'catalog',
    name: 'sync',
    summary: 'fetch the games and lobbies from the platforms now, one platform at a time, with progress; exit 1 if any failed',
    positionals: [],
    options: {
      platform: { type: 'string', value: 'P', description: 'only this platform (every configured one otherwise)' },
    },
    run: syncCatalog,
  },
  ...CAMPAIGN_COMMANDS,
  ...TRANSFER_COMMANDS,
  ...AGGREGATOR_COMMANDS,
  ...AGGREGATOR_SESSION_COMMANDS,
  ...RECONCILE_COMMANDS,
];

export function findCommand(group: string, name: string): CommandDefinition | undefined {
  return COMMANDS.find((command) => command.group === group && command.name === name);
}
