import { AggregatorRefusedError, classifyHistoryEntry, type AggregatorClient } from '@wallet-platform/aggregator-client';
import { decimalText, decimalUnits } from './aggregator-decimal';
import type { BalanceDriftStore, DriftPlayer } from './balance-drift.store';

/** Players one pass checks at most; beyond, the report says `complete: false` (their share still counts, see below). */
export const BALANCE_DRIFT_PLAYERS_MAX = 2_000;
/** Players checked at once (each is two balance reads and a history walk). */
export const BALANCE_DRIFT_CONCURRENCY = 4;
/**
 * How long after its time a history entry is taken as written for good: a player's play before
 * (pass start − this) is kept as a checkpoint and not read again. Far above any clock skew between
 * us and the aggregator and any delay in its writing of entries; the window is re-read every pass.
 */
export const BALANCE_DRIFT_HISTORY_SETTLE_MS = 3_600_000;
/** Players named per reason in a report's `skipped` (the counts are always complete). */
export const BALANCE_DRIFT_SKIPPED_LISTED_MAX = 20;

/** Why a player was left out of a pass: nothing exact can be said of their balance this time. */
export const DriftSkipReason = {
  /** A transfer of theirs is open, or one opened or settled during the check: its money may or may not be there. */
  TransferInFlight: 'transfer-in-flight',
  /** Their balance there moved while we read it (they were playing). */
  BalanceMoving: 'balance-moving',
  /** Their balance or history could not be read, or the history walk hit its page bound. */
  Unreadable: 'unreadable',
} as const;
export type DriftSkipReason = (typeof DriftSkipReason)[keyof typeof DriftSkipReason];

export interface AggregatorBalanceDriftRow {
  readonly operatorId: string;
  readonly currency: string;
  /** The ledger's money "at the aggregator" (its held account). */
  readonly held: string;
  /** The same by our transfer records (posted deposits − posted withdrawals − open withdrawals); differs from `held` only by a bug of ours. */
  readonly heldByTransfers: string;
  /** Σ of the checked players' balances there, read now. */
  readonly balancesThere: string;
  /** Σ of the checked players' game play there (every non-transfer history entry, in the player's currency). */
  readonly playThere: string;
  /** Σ of the checked players' shares of `heldByTransfers`. */
  readonly heldForChecked: string;
  /**
   * (balancesThere − playThere − heldForChecked) + (heldByTransfers − held): money at the
   * aggregator that neither our transfers nor the players' play there explain, plus any
   * disagreement of our ledger with our transfer records. 0 on honest play.
   */
  readonly drift: string;
  readonly players: number;
  readonly playersChecked: number;
  readonly playersSkipped: Readonly<Record<DriftSkipReason, number>>;
}

export interface AggregatorBalanceDriftReport {
  readonly aggregatorId: string;
  readonly checkedAt: string;
  /** False when more players than BALANCE_DRIFT_PLAYERS_MAX have transferred there: the rest are not checked. */
  readonly complete: boolean;
  readonly rows: readonly AggregatorBalanceDriftRow[];
  /** Some skipped players by reason (at most BALANCE_DRIFT_SKIPPED_LISTED_MAX each), for support to look at. */
  readonly skipped: ReadonlyArray<{ readonly playerId: string; readonly reason: DriftSkipReason; readonly detail: string }>;
}

/** What one player contributes when checked; null with a reason when skipped. */
type PlayerOutcome = { readonly balance: bigint; readonly play: bigint } | { readonly skip: DriftSkipReason; readonly detail: string };

/**
 * One pass of the balance check of one aggregator, per operator and currency. For each player with
 * a transfer there and none in flight, it reads their balance there, then their history since
 * their play checkpoint (every entry that is not a Deposit or Withdraw is game play), then the balance again and their transfers
 * again: a player whose balance or transfers moved meanwhile is skipped for this pass, so what is
 * summed is exact. Drift (docs/aggregator.md, "Balance drift") is
 *
 *   Σ checked (balance there − play there − share by our records) + (held by our records − held in the ledger)
 *
 * i.e. for every checked player: what they hold there minus what our posted transfers sent them minus
 * what they won or lost there; and for the whole account: our ledger against our records. Honest play
 * is exactly 0; a balance moved there without a history entry shows to the cent.
 */
export async function checkBalanceDrift(
  store: BalanceDriftStore,
  aggregatorId: string,
  client: AggregatorClient,
  options: { readonly historySettleMs?: number; readonly now?: () => Date } = {},
): Promise<AggregatorBalanceDriftReport> {
  const now = options.now ?? (() => new Date());
  // Entries received before it are final: the next checkpoint of every player checked in this pass.
  const nextCutoff = new Date(now().getTime() - (options.historySettleMs ?? BALANCE_DRIFT_HISTORY_SETTLE_MS));
  const listed = await store.players(aggregatorId, BALANCE_DRIFT_PLAYERS_MAX + 1);
  const complete = listed.length <= BALANCE_DRIFT_PLAYERS_MAX;
  const players = listed.slice(0, BALANCE_DRIFT_PLAYERS_MAX);
  const outcomes = new Map<DriftPlayer, PlayerOutcome>();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < players.length) {
      const player = players[next++];
      if (player) outcomes.set(player, await checkPlayer(store, aggregatorId, client, player, nextCutoff));
    }
  };
  await Promise.all(Array.from({ length: Math.min(BALANCE_DRIFT_CONCURRENCY, players.length) }, worker));
  // The account figures after the players: a transfer posted meanwhile changed a player's version, so that player is skipped.
  const { byTransfers: heldByTransfers, inLedger: heldInLedger } = await store.heldTotals(aggregatorId);

  type Sums = { held: bigint; heldByTransfers: bigint; there: bigint; play: bigint; heldForChecked: bigint; players: number; checked: number; skipped: Record<DriftSkipReason, number> };
  const rows = new Map<string, Sums & { operatorId: string; currency: string }>();
  const rowOf = (operatorId: string, currency: string) => {
    const key = `${operatorId}|${currency}`;
    let row = rows.get(key);
    if (!row) {
      row = { operatorId, currency, held: 0n, heldByTransfers: 0n, there: 0n, play: 0n, heldForChecked: 0n, players: 0, checked: 0, skipped: { 'transfer-in-flight': 0, 'balance-moving': 0, unreadable: 0 } };
      rows.set(key, row);
    }
    return row;
  };
  for (const entry of heldInLedger) rowOf(entry.operatorId, entry.currency).held += decimalUnits(entry.amount);
  for (const entry of heldByTransfers) rowOf(entry.operatorId, entry.currency).heldByTransfers += decimalUnits(entry.amount);
  const skipped: Array<{ playerId: string; reason: DriftSkipReason; detail: string }> = [];
  // In the listed order (operator, currency, player), not the order the reads finished: the report is the same for the same state.
  for (const player of players) {
    const outcome = outcomes.get(player);
    if (outcome === undefined) throw new Error(`invariant: player ${player.playerId} was listed but not checked`);
    const row = rowOf(player.operatorId, player.currency);
    row.players++;
    if ('skip' in outcome) {
      row.skipped[outcome.skip]++;
      if (skipped.filter((entry) => entry.reason === outcome.skip).length < BALANCE_DRIFT_SKIPPED_LISTED_MAX) skipped.push({ playerId: player.playerId, reason: outcome.skip, detail: outcome.detail });
      continue;
    }
    row.checked++;
    row.there += outcome.balance;
    row.play += outcome.play;
    row.heldForChecked += decimalUnits(player.share);
  }
  return {
    aggregatorId,
    checkedAt: now().toISOString(),
    complete,
    rows: [...rows.values()]
      .sort((a, b) => (a.operatorId === b.operatorId ? (a.currency < b.currency ? -1 : 1) : a.operatorId < b.operatorId ? -1 : 1))
      .map((row) => ({
        operatorId: row.operatorId,
        currency: row.currency,
        held: decimalText(row.held),
        heldByTransfers: decimalText(row.heldByTransfers),
        balancesThere: decimalText(row.there),
        playThere: decimalText(row.play),
        heldForChecked: decimalText(row.heldForChecked),
        drift: decimalText(row.there - row.play - row.heldForChecked + (row.heldByTransfers - row.held)),
        players: row.players,
        playersChecked: row.checked,
        playersSkipped: row.skipped,
      })),
    skipped,
  };
}

/**
 * One player: balance, history since their checkpoint (from the start the first time), balance
 * again, transfers again. Their play = the checkpoint's + every game entry read since.
 */
async function checkPlayer(store: BalanceDriftStore, aggregatorId: string, client: AggregatorClient, player: DriftPlayer, nextCutoff: Date): Promise<PlayerOutcome> {
  if (player.open > 0) return { skip: DriftSkipReason.TransferInFlight, detail: `${player.open} transfer(s) open` };
  try {
    const checkpoint = await store.playCheckpoint(aggregatorId, player);
    const before = decimalUnits((await client.getPlayerBalance(player.username, player.currency)).balance);
    const history = await client.allHistory({ username: player.username, from: checkpoint ? checkpoint.cutoff.toISOString() : null, to: null, perPage: client.pageSizeMax });
    if (!history.complete) return { skip: DriftSkipReason.Unreadable, detail: 'history since the checkpoint longer than the walk bound (HISTORY_PAGES_MAX pages)' };
    let play = checkpoint ? decimalUnits(checkpoint.playBefore) : 0n;
    let playBeforeNextCutoff = play;
    for (const entry of history.items) {
      if (entry.amount.playerCurrency !== player.currency || classifyHistoryEntry(entry.txType.label) !== 'game') continue;
      const amount = decimalUnits(entry.amount.playerAmount);
      play += amount;
      // Date.parse keeps milliseconds and the cutoff is a whole millisecond: "before the cutoff" reads the same as the aggregator's `from` filter.
      if (Date.parse(entry.receivedAt) < nextCutoff.getTime()) playBeforeNextCutoff += amount;
    }
    // A checkpoint only moves forward: one behind the stored one would count that stretch twice.
    if (checkpoint === null || nextCutoff.getTime() > checkpoint.cutoff.getTime()) {
      await store.savePlayCheckpoint(aggregatorId, player, { playBefore: decimalText(playBeforeNextCutoff), cutoff: nextCutoff });
    }
    const after = decimalUnits((await client.getPlayerBalance(player.username, player.currency)).balance);
    if (after !== before) return { skip: DriftSkipReason.BalanceMoving, detail: `balance moved from ${decimalText(before)} to ${decimalText(after)} during the check` };
    const version = await store.version(aggregatorId, player.playerId, player.username);
    if (version.transfers !== player.transfers || version.open !== 0) return { skip: DriftSkipReason.TransferInFlight, detail: 'a transfer opened or settled during the check' };
    return { balance: after, play };
  } catch (error) {
    // A player we never created there has no balance there: treated as unreadable, not as 0 (they have posted transfers).
    const detail = error instanceof AggregatorRefusedError ? `${error.call} refused with ${error.codeText}` : error instanceof Error ? error.message : String(error);
    return { skip: DriftSkipReason.Unreadable, detail: detail.slice(0, 200) };
  }
}
