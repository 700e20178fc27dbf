import type {
  AggregatorBalanceDriftView,
  AggregatorCatalogSyncView,
  AggregatorGameLogView,
  AggregatorGameView,
  AggregatorHistoryEntryView,
  AggregatorProviderView,
} from '../api/back-office-api.interface';
import { NULL_TEXT, renderKeyValue, renderTable, type Column } from '../render/text-table';

/** Free text (names, results) is cut in tables; ids and amounts never are. */
const FREE_TEXT_WIDTH_MAX = 40;
const yesNo = (value: boolean): string => (value ? 'yes' : 'no');

export const AGGREGATOR_GAME_COLUMNS: readonly Column<AggregatorGameView>[] = [
  { header: 'GAME', value: (row) => row.gameId },
  { header: 'NAME', value: (row) => row.name, widthMax: FREE_TEXT_WIDTH_MAX },
  { header: 'CATEGORY', value: (row) => row.category.label, widthMax: FREE_TEXT_WIDTH_MAX },
  { header: 'PROVIDER', value: (row) => row.providerId ?? NULL_TEXT },
  { header: 'LISTED', value: (row) => (row.listedByAggregator ? 'yes' : `gone ${row.goneSince ?? ''}`.trim()) },
  { header: 'OUR SWITCH', value: (row) => (row.enabledByOperator ? 'on' : 'off') },
  { header: 'PLAYABLE', value: (row) => yesNo(row.playable) },
];

export const AGGREGATOR_PROVIDER_COLUMNS: readonly Column<AggregatorProviderView>[] = [
  { header: 'PROVIDER', value: (row) => row.providerId },
  { header: 'NAME', value: (row) => row.name, widthMax: FREE_TEXT_WIDTH_MAX },
  { header: 'ACTIVE', value: (row) => yesNo(row.active) },
  { header: 'ONLINE', value: (row) => yesNo(row.online) },
  { header: 'LISTED', value: (row) => (row.listedByAggregator ? 'yes' : 'gone') },
  { header: 'GAMES', value: (row) => String(row.gamesListed), align: 'right' },
  { header: 'CATEGORIES', value: (row) => row.categories.map((category) => category.label).join(', ') || NULL_TEXT, widthMax: FREE_TEXT_WIDTH_MAX },
];

export function aggregatorGameView(game: AggregatorGameView): string {
  return renderKeyValue([
    ['aggregator', game.aggregatorId],
    ['game', game.gameId],
    ['name', game.name],
    ['category', `${game.category.label} (${game.category.id})`],
    ['provider', game.providerId === null ? NULL_TEXT : `${game.providerName ?? game.providerId} (${game.providerId})`],
    ['listed there', game.listedByAggregator ? 'yes' : `no, gone since ${game.goneSince ?? NULL_TEXT}`],
    ['our switch', game.enabledByOperator ? 'on' : 'off'],
    ['playable', yesNo(game.playable)],
  ]);
}

/** One aggregator's sync as one phrase: "ok: 1234 games (2 gone), 12 providers". */
export function describeAggregatorSync(result: AggregatorCatalogSyncView): string {
  switch (result.outcome) {
    case 'ok':
      return `ok: ${result.gamesSeen} games (${result.gamesGone} gone), ${result.providersSeen} providers`;
    case 'failed':
      return `failed: ${result.error ?? 'no reason given'}`;
    case 'skipped':
      return `skipped: ${result.error ?? 'another replica is syncing it'}`;
  }
}

/** A history entry with the currency group it came in. */
export type GroupedHistoryEntry = AggregatorHistoryEntryView & { readonly group: string };

export const AGGREGATOR_HISTORY_COLUMNS: readonly Column<GroupedHistoryEntry>[] = [
  { header: 'RECEIVED', value: (row) => row.receivedAt },
  { header: 'GROUP', value: (row) => row.group },
  { header: 'TYPE', value: (row) => row.txType.label },
  { header: 'AMOUNT', value: (row) => row.amount.playerAmount, align: 'right' },
  { header: 'CUR', value: (row) => row.amount.playerCurrency },
  { header: 'BEFORE', value: (row) => row.walletBeforeBalance, align: 'right' },
  { header: 'AFTER', value: (row) => row.walletAfterBalance, align: 'right' },
  { header: 'GAME', value: (row) => row.game.gameId || NULL_TEXT },
  { header: 'ROUND', value: (row) => row.roundId || NULL_TEXT },
  { header: 'HISTORY ID', value: (row) => row.id },
];

/** A round's game log: the header, what its log type shows, and its transactions. */
export function aggregatorGameLogText(log: AggregatorGameLogView): string {
  const header = renderKeyValue([
    ['aggregator', `${log.aggregatorId} (player ${log.username})`],
    ['provider', log.providerId || NULL_TEXT],
    ['game', `${log.gameName || NULL_TEXT} (${log.gameType || NULL_TEXT})`],
    ['round', log.roundId || NULL_TEXT],
    ['result', log.gameResult || NULL_TEXT],
    ['log type', log.view.logType],
  ]);
  const transactions =
    log.transactions.length === 0
      ? 'no transactions\n'
      : renderTable(log.transactions, [
          { header: 'AT', value: (row) => row.createdAt },
          { header: 'TYPE', value: (row) => row.type },
          { header: 'AMOUNT', value: (row) => row.providerAmount, align: 'right' },
          { header: 'CUR', value: (row) => row.providerCurrency },
          { header: 'BEFORE', value: (row) => row.beforeBalance, align: 'right' },
          { header: 'AFTER', value: (row) => row.afterBalance, align: 'right' },
          { header: 'ID', value: (row) => row.id },
        ]);
  return `${header}\n${gameLogContent(log.view)}\n${transactions}`;
}

function gameLogContent(view: AggregatorGameLogView['view']): string {
  switch (view.logType) {
    case 'nodata':
      return 'the provider keeps no log for this round\n';
    case 'iframe':
      return `open the provider's log: ${view.url}\n`;
    case 'hand':
      return renderTable(view.hands, [
        { header: 'HAND', value: (hand) => hand.title, widthMax: FREE_TEXT_WIDTH_MAX },
        { header: 'CARDS', value: (hand) => hand.cards.join(' ') },
        { header: 'RESULT', value: (hand) => hand.result, widthMax: FREE_TEXT_WIDTH_MAX },
      ]);
    case 'roulette':
      return renderTable(view.pockets, [
        { header: 'POCKET', value: (pocket) => pocket.number, align: 'right' },
        { header: 'COLOR', value: (pocket) => pocket.color },
        { header: 'EVEN/ODD', value: (pocket) => pocket.evenOdd },
      ]);
    case 'dice':
      return `dice: ${view.dices.join(' ')}\n`;
    case 'table':
      return renderKeyValue(view.rows.map((row) => [row.key, row.value] as const));
  }
}

export const DRIFT_COLUMNS: readonly Column<AggregatorBalanceDriftView['rows'][number]>[] = [
  { header: 'OPERATOR', value: (row) => row.operatorId },
  { header: 'CUR', value: (row) => row.currency },
  { header: 'HELD', value: (row) => row.held, align: 'right' },
  { header: 'BY TRANSFERS', value: (row) => row.heldByTransfers, align: 'right' },
  { header: 'THERE', value: (row) => row.balancesThere, align: 'right' },
  { header: 'PLAY THERE', value: (row) => row.playThere, align: 'right' },
  { header: 'DRIFT', value: (row) => row.drift, align: 'right' },
  { header: 'CHECKED', value: (row) => `${row.playersChecked}/${row.players}`, align: 'right' },
  { header: 'SKIPPED', value: (row) => `in flight ${row.playersSkipped['transfer-in-flight']}, moving ${row.playersSkipped['balance-moving']}, unreadable ${row.playersSkipped.unreadable}` },
];

export function driftText(report: AggregatorBalanceDriftView): string {
  const lines = [`checked at ${report.checkedAt}${report.complete ? '' : ' (partial: more players than one check reads)'}\n`, renderTable(report.rows, DRIFT_COLUMNS)];
  if (report.skipped.length > 0) {
    lines.push(
      renderTable(report.skipped, [
        { header: 'SKIPPED PLAYER', value: (row) => row.playerId },
        { header: 'REASON', value: (row) => row.reason },
        { header: 'DETAIL', value: (row) => row.detail, widthMax: 60 },
      ]),
    );
  }
  return lines.join('');
}
