import { DECIMAL_PATTERN } from './aggregator-fields';

/**
 * Deciding what happened to a deposit or withdraw whose answer was lost (timeout, dropped
 * connection, 5xx). The aggregator takes no transfer id of ours, so it cannot be asked "did X
 * happen?"; the decision is drawn from its own state instead. Pure: the wallet's resolver reads the
 * evidence (balance recorded before the call, history since, balance now) and calls this.
 */
export const TransferResolution = {
  Applied: 'applied',
  NotApplied: 'not-applied',
  StillUnknown: 'still-unknown',
} as const;
export type TransferResolution = (typeof TransferResolution)[keyof typeof TransferResolution];

export type TransferDirection = 'deposit' | 'withdraw';

/** One history entry, reduced to what the decision needs. */
export interface TransferEvidenceEntry {
  /** The aggregator's wallet transaction id (history walletTxId). */
  readonly walletTxId: string;
  /**
   * Whether the entry is a transfer or game play (see `classifyHistoryEntry`); `earlier-transfer`
   * is a transfer the caller has already attributed to another, settled transfer of its own: part
   * of the balance chain, never this transfer's match.
   */
  readonly kind: 'deposit' | 'withdraw' | 'game' | 'earlier-transfer';
  /** walletBeforeBalance / walletAfterBalance, decimal strings in the player's currency. */
  readonly beforeBalance: string;
  readonly afterBalance: string;
}

export interface TransferEvidence {
  readonly direction: TransferDirection;
  /** The amount we asked to move, a positive decimal string. */
  readonly amount: string;
  /** The player's balance at the aggregator, read just before the call (one transfer in flight per player). */
  readonly balanceBefore: string;
  /** Every history entry of this player and currency received since the balance was read, oldest first. */
  readonly entriesSince: readonly TransferEvidenceEntry[];
  /** True when every page of that history was read (a walk cut short proves nothing by absence). */
  readonly historyComplete: boolean;
  /** The player's balance at the aggregator now, read after the history. */
  readonly balanceNow: string;
  /**
   * True once the call's deadline is well past (sentAt + transfer timeout + margin): before that
   * the request may still be in flight and be applied after we looked.
   */
  readonly requestCanNoLongerArrive: boolean;
}

export type TransferDecision =
  | { readonly resolution: typeof TransferResolution.Applied; readonly walletTxId: string | null; readonly why: string }
  | { readonly resolution: typeof TransferResolution.NotApplied; readonly why: string }
  | { readonly resolution: typeof TransferResolution.StillUnknown; readonly why: string };

/**
 * The rules, in order:
 * 1. exactly one transfer entry of this direction and amount in the history since → applied (its tx id);
 *    more than one → still unknown (we cannot tell which is ours: support decides);
 * 2. none, but the history is incomplete, or the request may still arrive → still unknown;
 * 3. none, and the balances agree that nothing but game play happened (now = before + Σ game deltas)
 *    → not applied;
 * 4. otherwise (the balance moved by our amount without an entry, or by something unexplained) →
 *    still unknown: money is never posted or voided on a guess.
 */
export function decideTransfer(evidence: TransferEvidence): TransferDecision {
  const amount = parseDecimal(evidence.amount, 'amount');
  if (amount <= 0n) {
    throw new RangeError('amount must be positive');
  }
  const signedAmount = evidence.direction === 'deposit' ? amount : -amount;
  const matches = evidence.entriesSince.filter(
    (entry) => entry.kind === evidence.direction && parseDecimal(entry.afterBalance, 'afterBalance') - parseDecimal(entry.beforeBalance, 'beforeBalance') === signedAmount,
  );
  if (matches.length === 1) {
    const [match] = matches;
    return { resolution: TransferResolution.Applied, walletTxId: match?.walletTxId ?? null, why: 'one matching transfer in the aggregator history' };
  }
  if (matches.length > 1) {
    return { resolution: TransferResolution.StillUnknown, why: `${matches.length} matching transfers in the history: which one is ours cannot be told` };
  }
  if (!evidence.historyComplete) {
    return { resolution: TransferResolution.StillUnknown, why: 'no matching transfer in an incomplete history' };
  }
  if (!evidence.requestCanNoLongerArrive) {
    return { resolution: TransferResolution.StillUnknown, why: 'the request may still be applied' };
  }
  const otherTransfers = evidence.entriesSince.some((entry) => entry.kind === 'deposit' || entry.kind === 'withdraw');
  if (!otherTransfers && balanceMovedOnlyByPlay(evidence)) {
    return { resolution: TransferResolution.NotApplied, why: 'no transfer in the complete history and the balance moved only by game play' };
  }
  return { resolution: TransferResolution.StillUnknown, why: 'no matching transfer, but the balance does not add up to game play alone' };
}

/**
 * Whether the balance now is the balance before plus the game play since. The history may start a
 * little before the balance was read (it is asked from that time minus a clock-skew margin), so
 * its first entries may be play that the balance before already contains. The balance chain then
 * tells where the read fell: at a cut where the chain stood at the balance before (the next
 * entry starts there, or the last one ended there); the play counted is what follows the cut.
 * A cut that adds up is consistent, and with no transfer entry in the whole window that is all
 * "not applied" needs. No entries at all: the balance must simply not have moved.
 */
function balanceMovedOnlyByPlay(evidence: TransferEvidence): boolean {
  const before = parseDecimal(evidence.balanceBefore, 'balanceBefore');
  const now = parseDecimal(evidence.balanceNow, 'balanceNow');
  const entries = evidence.entriesSince;
  const deltas = entries.map((entry) => parseDecimal(entry.afterBalance, 'afterBalance') - parseDecimal(entry.beforeBalance, 'beforeBalance'));
  // Play from entry `cut` on, for every cut from the last to the first. An earlier transfer of the
  // caller's own after the cut would mean the read fell before it: not a place for this read.
  let playFromCut = 0n;
  let earlierTransferAfterCut = false;
  for (let cut = entries.length; cut >= 0; cut--) {
    if (cut < entries.length) {
      if (entries[cut]?.kind === 'game') playFromCut += deltas[cut] ?? 0n;
      else earlierTransferAfterCut = true;
    }
    if (earlierTransferAfterCut) break;
    // The read fell at this cut only if the chain stood at the balance before there.
    const balanceAtCut = cut < entries.length ? entries[cut]?.beforeBalance : entries[cut - 1]?.afterBalance;
    const chainFitsCut = balanceAtCut === undefined || parseDecimal(balanceAtCut, 'balanceAtCut') === before;
    if (chainFitsCut && now - before - playFromCut === 0n) {
      return true;
    }
  }
  return false;
}

/**
 * History's txType labels of a transfer agent's own deposits and withdrawals. The document does
 * not list them; these are the labels of our fake and must be confirmed against the live
 * aggregator (one place to change). Every other entry is game play.
 */
export const TRANSFER_TX_TYPE_LABELS: Readonly<Record<string, 'deposit' | 'withdraw'>> = { Deposit: 'deposit', Withdraw: 'withdraw' };

export function classifyHistoryEntry(txTypeLabel: string): 'deposit' | 'withdraw' | 'game' {
  return Object.hasOwn(TRANSFER_TX_TYPE_LABELS, txTypeLabel) ? (TRANSFER_TX_TYPE_LABELS[txTypeLabel] ?? 'game') : 'game';
}

/** Fixed-point with 18 places: every aggregator decimal we read fits, exactly. */
const SCALE_PLACES = 18;

function parseDecimal(text: string, field: string): bigint {
  if (!DECIMAL_PATTERN.test(text)) {
    throw new RangeError(`${field} is not a decimal string`);
  }
  const negative = text.startsWith('-');
  const [integerPart = '0', fractionPart = ''] = (negative ? text.slice(1) : text).split('.');
  if (fractionPart.length > SCALE_PLACES) {
    throw new RangeError(`${field} has more than ${SCALE_PLACES} decimal places`);
  }
  const units = BigInt(integerPart) * 10n ** BigInt(SCALE_PLACES) + BigInt(fractionPart.padEnd(SCALE_PLACES, '0'));
  return negative ? -units : units;
}
