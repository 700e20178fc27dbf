import type {
  CashierOperationView,
  CatalogPlatformView,
  CatalogSyncResult,
  GameView,
  LaunchView,
  PlayerLimitsView,
  PlayerView,
  RoundView,
  TransactionView,
} from '../api/back-office-api.interface';
import { outcomeOf, type PlatformSyncRow } from '../catalog/catalog-sync-run';
import { NULL_TEXT, orNull, renderKeyValue, renderTable, terminalSafe, type Column } from './text-table';

/** Readable views of the API's answers. Amounts are the API's strings, never reformatted. */

const FREE_TEXT_WIDTH_MAX = 40;
const ERROR_TEXT_WIDTH_MAX = 80;

export function playerView(player: PlayerView): string {
  return renderKeyValue([
    ['player', player.playerId],
    ['operator', player.operatorId],
    ['user id', player.userId],
    ['user name', player.userName],
    ['display name', orNull(player.displayName)],
    ['country', player.country],
    ['group', orNull(player.group)],
    ['status', player.status],
    ['balance', `${player.balance} ${player.currency}`],
    ['created at', player.createdAt],
  ]);
}

export const PLAYER_COLUMNS: readonly Column<PlayerView>[] = [
  { header: 'PLAYER', value: (player) => player.playerId },
  { header: 'OPERATOR', value: (player) => player.operatorId },
  { header: 'USER ID', value: (player) => player.userId },
  { header: 'USER NAME', value: (player) => player.userName, widthMax: FREE_TEXT_WIDTH_MAX },
  { header: 'STATUS', value: (player) => player.status },
  { header: 'BALANCE', value: (player) => player.balance, align: 'right' },
  { header: 'CUR', value: (player) => player.currency },
  { header: 'CREATED AT', value: (player) => player.createdAt },
];

export function operationView(operation: CashierOperationView, idempotencyKey: string): string {
  return renderKeyValue([
    ['operation', operation.operationId],
    ['kind', operation.kind],
    ['amount', `${operation.amount} ${operation.currency}`],
    ['balance after', `${operation.balanceAfter} ${operation.currency}`],
    ['reason', operation.reason],
    ['performed by', operation.performedBy],
    ['created at', operation.createdAt],
    ['idempotency key', idempotencyKey],
  ]);
}

export function limitsView(limits: PlayerLimitsView): string {
  return renderKeyValue([
    ['daily wager limit', limits.dailyWagerLimit ?? 'none'],
    ['daily loss limit', limits.dailyLossLimit ?? 'none'],
    ['wagered today', limits.wageredToday],
    ['net loss today', limits.netLossToday],
  ]);
}

export const TRANSACTION_COLUMNS: readonly Column<TransactionView>[] = [
  { header: 'CREATED AT', value: (row) => row.createdAt },
  { header: 'TYPE', value: (row) => row.type },
  { header: 'AMOUNT', value: (row) => row.amount, align: 'right' },
  { header: 'CUR', value: (row) => row.currency },
  { header: 'STATUS', value: (row) => row.status },
  { header: 'ERROR', value: (row) => orNull(row.errorKind) },
  { header: 'BALANCE AFTER', value: (row) => orNull(row.balanceAfter), align: 'right' },
  { header: 'PLATFORM', value: (row) => orNull(row.platformId) },
  { header: 'GAME', value: (row) => orNull(row.gameId) },
  { header: 'ROUND', value: (row) => orNull(row.roundId) },
  { header: 'REFERENCE', value: (row) => orNull(row.reference) },
];

export const ROUND_COLUMNS: readonly Column<RoundView>[] = [
  { header: 'CREATED AT', value: (row) => row.createdAt },
  { header: 'PLATFORM', value: (row) => row.platformId },
  { header: 'ROUND', value: (row) => row.roundId },
  { header: 'GAME', value: (row) => row.gameId },
  { header: 'STATUS', value: (row) => row.status },
  { header: 'BETS', value: (row) => row.betTotal, align: 'right' },
  { header: 'WINS', value: (row) => row.winTotal, align: 'right' },
  { header: 'REFUNDS', value: (row) => row.refundTotal, align: 'right' },
  { header: 'CUR', value: (row) => row.currency },
  { header: 'FINISHED AT', value: (row) => orNull(row.finishedAt) },
];

export function launchView(launch: LaunchView): string {
  return renderKeyValue([
    ['token', launch.token ?? 'none (fun mode: no session)'],
    ['expires at', orNull(launch.expiresAt)],
    ['launch url', launch.launchUrl],
  ]);
}

export const PLATFORM_COLUMNS: readonly Column<CatalogPlatformView>[] = [
  { header: 'PLATFORM', value: (row) => row.platformId },
  { header: 'OPERATOR', value: (row) => row.operatorId },
  { header: 'API BASE URL', value: (row) => row.apiBaseUrl },
];

const yesNo = (value: boolean) => (value ? 'yes' : 'no');

export const GAME_COLUMNS: readonly Column<GameView>[] = [
  { header: 'PLATFORM', value: (row) => row.platformId },
  { header: 'GAME', value: (row) => row.gameId, align: 'right' },
  { header: 'TITLE', value: (row) => orNull(row.title), widthMax: FREE_TEXT_WIDTH_MAX },
  { header: 'VENDOR', value: (row) => orNull(row.vendor), widthMax: FREE_TEXT_WIDTH_MAX },
  { header: 'TYPE', value: (row) => orNull(row.type) },
  { header: 'PLATFORM ON', value: (row) => yesNo(row.enabledByPlatform) },
  { header: 'OUR SWITCH', value: (row) => (row.enabledByOperator ? 'on' : 'off') },
  { header: 'PLAYABLE', value: (row) => yesNo(row.playable) },
];

export function gameView(game: GameView): string {
  return renderKeyValue([
    ['platform', game.platformId],
    ['game', game.gameId],
    ['title', orNull(game.title)],
    ['vendor', orNull(game.vendor)],
    ['enabled by platform', yesNo(game.enabledByPlatform)],
    ['our switch', game.enabledByOperator ? 'on' : 'off'],
    ['playable', yesNo(game.playable)],
  ]);
}

/** One platform's sync as one phrase: "ok: 1234 games (3 disabled), 2 lobbies". */
export function describePlatformSync(row: PlatformSyncRow): string {
  if (row.requestError !== null) return `failed: ${row.requestError}`;
  if (row.results.length === 0) return 'failed: not configured in the wallet';
  const one = (result: CatalogSyncResult) => {
    if (result.outcome === 'ok') {
      return `ok: ${result.gamesSeen} games (${result.gamesDisabledByPlatform} disabled), ${result.lobbiesSeen} ${result.lobbiesSeen === 1 ? 'lobby' : 'lobbies'}`;
    }
    return `${result.outcome}: ${result.error ?? 'no reason given'}`;
  };
  if (row.results.length === 1) return terminalSafe(one(row.results[0]));
  return terminalSafe(row.results.map((result) => `${result.operatorId} ${one(result)}`).join('; '));
}

interface SyncTableRow {
  readonly platformId: string;
  readonly operatorId: string;
  readonly outcome: string;
  readonly result: CatalogSyncResult | null;
  readonly elapsedMs: number;
  readonly error: string;
}

const SYNC_COLUMNS: readonly Column<SyncTableRow>[] = [
  { header: 'PLATFORM', value: (row) => row.platformId },
  { header: 'OPERATOR', value: (row) => row.operatorId },
  { header: 'OUTCOME', value: (row) => row.outcome },
  { header: 'GAMES', value: (row) => (row.result ? String(row.result.gamesSeen) : NULL_TEXT), align: 'right' },
  { header: 'DISABLED', value: (row) => (row.result ? String(row.result.gamesDisabledByPlatform) : NULL_TEXT), align: 'right' },
  { header: 'LOBBIES', value: (row) => (row.result ? String(row.result.lobbiesSeen) : NULL_TEXT), align: 'right' },
  { header: 'SECONDS', value: (row) => seconds(row.elapsedMs), align: 'right' },
  { header: 'ERROR', value: (row) => row.error, widthMax: ERROR_TEXT_WIDTH_MAX },
];

/** Every operator's result of every platform, then one summary line. */
export function syncSummary(rows: readonly PlatformSyncRow[], totalElapsedMs: number): string {
  const flat = rows.flatMap((row): SyncTableRow[] => {
    if (row.requestError !== null || row.results.length === 0) {
      const error = row.requestError ?? 'not configured in the wallet';
      return [{ platformId: row.platformId, operatorId: NULL_TEXT, outcome: 'failed', result: null, elapsedMs: row.elapsedMs, error }];
    }
    return row.results.map((result) => ({
      platformId: row.platformId,
      operatorId: result.operatorId,
      outcome: result.outcome,
      result,
      elapsedMs: row.elapsedMs,
      error: orNull(result.error),
    }));
  });
  const count = (outcome: string) => rows.filter((row) => outcomeOf(row) === outcome).length;
  const summary = `${rows.length} ${rows.length === 1 ? 'platform' : 'platforms'} in ${seconds(totalElapsedMs)} s: ${count('ok')} ok, ${count('failed')} failed, ${count('skipped')} skipped`;
  return `${renderTable(flat, SYNC_COLUMNS)}${summary}\n`;
}

/** "0.4 s": elapsed time for people (milliseconds are not money: plain number arithmetic is right). */
export function seconds(elapsedMs: number): string {
  return (elapsedMs / 1000).toFixed(1);
}

/** Where to continue a list: the footer of a page that is not the last. */
export function nextPageHint(nextCursor: string | null, truncatedByBound: boolean, pagesRead: number): string {
  if (nextCursor === null) return '';
  return truncatedByBound ? `stopped after ${pagesRead} pages; continue with --cursor ${nextCursor}\n` : `more: --cursor ${nextCursor}\n`;
}
