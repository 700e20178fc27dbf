import type { TransferAggregators } from './transfer-aggregators';
import type { TransferStore } from './transfer-store';

/** Players whose balance there one check reads at most; beyond, the report says `complete: false`. */
export const BALANCE_CHECK_PLAYERS_MAX = 2_000;
/** Balance reads at once. */
export const BALANCE_CHECK_CONCURRENCY = 4;

export interface AggregatorBalanceCheckRow {
  readonly operatorId: string;
  readonly currency: string;
  /** What our ledger says the players hold there: the held account (posted deposits − posted withdrawals). */
  readonly held: string;
  /** Money of open transfers (pending, sending, unknown): it may or may not be there already. */
  readonly inTransit: string;
  /** The sum of the players' balances there, read now. */
  readonly balancesThere: string;
  /** balancesThere − held: the players' net result of play there, plus whatever is unexplained. */
  readonly difference: string;
  readonly players: number;
  /** Players whose balance could not be read (left out of balancesThere). */
  readonly unreadable: number;
}

export interface AggregatorBalanceCheck {
  readonly aggregatorId: string;
  readonly checkedAt: string;
  /** False when more players than BALANCE_CHECK_PLAYERS_MAX have transferred there. */
  readonly complete: boolean;
  readonly rows: readonly AggregatorBalanceCheckRow[];
}

/**
 * The periodic balance check of one aggregator: the money our ledger holds as "at the aggregator"
 * against the sum of its players' balances there, per operator and currency. The difference is
 * what the players won or lost there since their transfers; a difference that the aggregator's
 * own reports (playerDailyReport) do not explain is drift, for reconciliation to chase.
 */
export async function checkAggregatorBalances(store: TransferStore, aggregators: TransferAggregators, aggregatorId: string): Promise<AggregatorBalanceCheck> {
  const { client } = aggregators.get(aggregatorId);
  const players = await store.playersThere(aggregatorId, BALANCE_CHECK_PLAYERS_MAX + 1);
  const complete = players.length <= BALANCE_CHECK_PLAYERS_MAX;
  const checked = players.slice(0, BALANCE_CHECK_PLAYERS_MAX);
  const { held, inTransit } = await store.houseBalances(aggregatorId);

  const rows = new Map<string, { operatorId: string; currency: string; held: bigint; inTransit: bigint; there: bigint; players: number; unreadable: number }>();
  const rowOf = (operatorId: string, currency: string) => {
    const key = `${operatorId}|${currency}`;
    let row = rows.get(key);
    if (!row) rows.set(key, (row = { operatorId, currency, held: 0n, inTransit: 0n, there: 0n, players: 0, unreadable: 0 }));
    return row;
  };
  for (const entry of held) rowOf(entry.operatorId, entry.currency).held += units(entry.amount);
  for (const entry of inTransit) rowOf(entry.operatorId, entry.currency).inTransit += units(entry.amount);
  let next = 0;
  const worker = async () => {
    while (next < checked.length) {
      const player = checked[next++];
      const row = rowOf(player.operatorId, player.currency);
      row.players++;
      try {
        row.there += units((await client.getPlayerBalance(player.username, player.currency)).balance);
      } catch {
        row.unreadable++;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(BALANCE_CHECK_CONCURRENCY, checked.length) }, worker));
  return {
    aggregatorId,
    checkedAt: new Date().toISOString(),
    complete,
    rows: [...rows.values()].map((row) => ({
      operatorId: row.operatorId,
      currency: row.currency,
      held: text(row.held),
      inTransit: text(row.inTransit),
      balancesThere: text(row.there),
      difference: text(row.there - row.held),
      players: row.players,
      unreadable: row.unreadable,
    })),
  };
}

/** Exact decimals: fixed point with 18 places (the aggregator's figures can carry more than 2). */
const PLACES = 18;

function units(decimal: string): bigint {
  const match = /^(-?)(\d+)(?:\.(\d{1,18}))?$/.exec(decimal);
  if (!match) throw new RangeError(`not a decimal: ${decimal}`);
  const value = BigInt(match[2]) * 10n ** BigInt(PLACES) + BigInt((match[3] ?? '').padEnd(PLACES, '0'));
  return match[1] === '-' ? -value : value;
}

/** At least 2 places, more only when the value has them. */
function text(value: bigint): string {
  const negative = value < 0n;
  const absolute = negative ? -value : value;
  const scale = 10n ** BigInt(PLACES);
  const fraction = (absolute % scale).toString().padStart(PLACES, '0').replace(/0+$/, '').padEnd(2, '0');
  return `${negative ? '-' : ''}${absolute / scale}.${fraction}`;
}
