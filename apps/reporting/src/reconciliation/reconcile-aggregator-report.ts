import {
  NotComparableReason,
  ReconciliationRowStatusV2,
  ReconciliationStatus,
  type AggregatorReconciliationRow,
  type ReconciliationFieldDifference,
} from '@wallet-platform/contracts';
import { centsToReportUnits, formatReportDecimal, parseReportDecimal } from './report-decimal';
import type { ReconciliationTolerance } from './reconcile-business-report';

/** One transfer of ours as reconciliation reads it (aggregator_transfer_facts). */
export interface TransferFactRow {
  readonly transferId: string;
  readonly direction: 'deposit' | 'withdraw';
  readonly state: 'pending' | 'posted' | 'voided';
  /** Our amount, 2 places. */
  readonly amount: string;
  /** The aggregator balance read just before the call (exact text), or null when the call was never made. */
  readonly balanceBefore: string | null;
  /** ISO-8601 UTC, or null. */
  readonly balanceReadAt: string | null;
}

/** A player of the aggregator as the day's reconciliation sees them: our side. */
export interface AggregatorPlayerDay {
  readonly userId: string;
  readonly username: string;
  /** The player's wallet currency (the currency of their transfers). */
  readonly currency: string;
  /** Transfers whose balance was read on the day, and open ones made before the day ended. */
  readonly transfersOfDay: readonly TransferFactRow[];
  /** The last settled transfer with a balance reading before the day, if any. */
  readonly lastBefore: TransferFactRow | null;
}

/** The aggregator's side of one player and day: `playerWinLoss` summed over the day's report items (null: not asked). */
export interface AggregatorReportDay {
  readonly playerWinLoss: string;
}

/**
 * Compares one day of an aggregator, player by player, with its `playerDailyReport` (the rules
 * and their reasoning: docs/reporting.md, "Against the aggregator").
 *
 * At the aggregator a player's balance moves only by our transfers and by play, so between two of
 * our balance readings r₁ < rₙ (each read just before a transfer, one transfer in flight per
 * player):   play = (Bₙ − B₁) − Σ_{k<n} s(Tₖ),   s = +amount for a posted deposit, −amount for a
 * posted withdraw, 0 for a voided one. That is the brief's −(in − out − balance change), with the
 * balance change taken from the first reading to the last. It is the whole day's play exactly when
 * the player had nothing there before the day's first transfer and left nothing after its last:
 * otherwise they could play outside the readings, and the player is listed as not comparable
 * (never as a mismatch). The aggregator's figure must equal it within the tolerance.
 */
export function reconcileAggregatorDay(
  players: readonly AggregatorPlayerDay[],
  reports: ReadonlyMap<string, AggregatorReportDay>,
  baseCurrency: string,
  tolerance: ReconciliationTolerance,
): { status: ReconciliationStatus; rows: AggregatorReconciliationRow[]; matched: number } {
  const rows: AggregatorReconciliationRow[] = [];
  let matched = 0;
  const toleranceUnits = centsToReportUnits(tolerance.amountMinor);
  for (const player of [...players].sort((a, b) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0))) {
    const outcome = comparePlayer(player, reports.get(player.username) ?? null, baseCurrency, toleranceUnits);
    if (outcome === 'matched') matched += 1;
    else if (outcome !== 'nothing') rows.push(outcome);
  }
  const status = rows.some((row) => row.status === ReconciliationRowStatusV2.Mismatched) ? ReconciliationStatus.Mismatched : ReconciliationStatus.Matched;
  return { status, rows, matched };
}

/** Which players need the aggregator's report: the comparable question cannot be settled without it. */
export function needsReport(player: AggregatorPlayerDay, baseCurrency: string): boolean {
  return player.currency.toUpperCase() === baseCurrency.toUpperCase() && !player.transfersOfDay.some((transfer) => transfer.state === 'pending');
}

function comparePlayer(player: AggregatorPlayerDay, report: AggregatorReportDay | null, baseCurrency: string, toleranceUnits: bigint): AggregatorReconciliationRow | 'matched' | 'nothing' {
  const row = (status: AggregatorReconciliationRow['status'], reason: NotComparableReason | undefined, differences: ReconciliationFieldDifference[] = []): AggregatorReconciliationRow => ({
    player: { userId: player.userId, username: player.username },
    currency: player.currency,
    status,
    ...(reason === undefined ? {} : { reason }),
    differences,
  });
  const notComparable = (reason: NotComparableReason, differences: ReconciliationFieldDifference[] = []) => row(ReconciliationRowStatusV2.NotComparable, reason, differences);
  if (player.currency.toUpperCase() !== baseCurrency.toUpperCase()) return notComparable(NotComparableReason.Currency);
  if (player.transfersOfDay.some((transfer) => transfer.state === 'pending')) return notComparable(NotComparableReason.TransferOpen);
  if (report === null) throw new Error(`no report for ${player.username}: ask for it (needsReport)`);
  const theirs = parseReportDecimal(report.playerWinLoss, `playerWinLoss of ${player.username}`);
  const readings = player.transfersOfDay
    .filter((transfer): transfer is TransferFactRow & { balanceBefore: string; balanceReadAt: string } => transfer.balanceBefore !== null && transfer.balanceReadAt !== null)
    .sort((a, b) => (a.balanceReadAt < b.balanceReadAt ? -1 : a.balanceReadAt > b.balanceReadAt ? 1 : 0));
  const field = (name: string, ours: bigint, platform: bigint): ReconciliationFieldDifference => ({
    field: name,
    ours: formatReportDecimal(ours),
    platform: formatReportDecimal(platform),
    difference: formatReportDecimal(platform - ours),
  });
  const leftBefore = player.lastBefore === null ? 0n : balanceAfter(player.lastBefore, player.username);
  if (readings.length === 0) {
    // No money moved that day: with nothing there, no play was possible; with money there, we cannot tell.
    if (theirs === 0n) return 'nothing';
    return leftBefore === 0n ? row(ReconciliationRowStatusV2.Mismatched, undefined, [field('playerWinLoss', 0n, theirs)]) : notComparable(NotComparableReason.NoReading, [field('playerWinLoss', 0n, theirs)]);
  }
  const first = parseReportDecimal(readings[0].balanceBefore, `balance before transfer ${readings[0].transferId}`);
  if (first !== 0n || leftBefore !== 0n) return notComparable(NotComparableReason.MoneyThereAtStart);
  const last = readings[readings.length - 1];
  const closing = balanceAfter(last, player.username);
  if (closing !== 0n) return notComparable(NotComparableReason.MoneyLeftThere);
  let moved = 0n;
  for (const transfer of readings.slice(0, -1)) moved += signedAmount(transfer);
  const ours = parseReportDecimal(last.balanceBefore, `balance before transfer ${last.transferId}`) - first - moved;
  const difference = theirs - ours;
  if ((difference < 0n ? -difference : difference) <= toleranceUnits) return 'matched';
  return row(ReconciliationRowStatusV2.Mismatched, undefined, [field('playerWinLoss', ours, theirs)]);
}

/** What the transfer moved there: +deposit, −withdraw, nothing when voided. */
function signedAmount(transfer: TransferFactRow): bigint {
  switch (transfer.state) {
    case 'posted':
      return transfer.direction === 'deposit' ? parseReportDecimal(transfer.amount, 'amount') : -parseReportDecimal(transfer.amount, 'amount');
    case 'voided':
    case 'pending':
      return 0n;
    default: {
      const unknown: never = transfer.state;
      throw new Error(`unknown transfer state ${String(unknown)}`);
    }
  }
}

/** The balance there right after a settled transfer: the reading before it plus what it moved. */
function balanceAfter(transfer: TransferFactRow, username: string): bigint {
  if (transfer.balanceBefore === null) return 0n;
  return parseReportDecimal(transfer.balanceBefore, `balance before transfer ${transfer.transferId} of ${username}`) + signedAmount(transfer);
}
