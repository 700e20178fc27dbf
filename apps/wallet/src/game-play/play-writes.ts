import type { GameTransactionStatus, GameTransactionType, LedgerEvent, PromotionCreditKind, WalletErrorKind } from '@wallet-platform/contracts';
import type { Money } from '@wallet-platform/money';
import type { PostingKind } from '../ledger/ledger-kinds';

/**
 * Everything one batch writes, decided in memory and then written in a few set-based statements
 * (see play-store.ts). Each list is in the order the commands came.
 */
export interface PlayWrites {
  readonly ledgerTransactions: LedgerTransactionRow[];
  readonly ledgerEntries: LedgerEntryRow[];
  /** Final state of every player account the batch moved, by account id. */
  readonly accountUpdates: Map<string, AccountUpdate>;
  readonly insertedTransactions: GameTransactionRow[];
  /** Stored transactions the batch canceled. */
  readonly canceledTransactions: CanceledTransaction[];
  readonly insertedPromotionCredits: PromotionCreditRow[];
  /** Round sums, one entry per round the batch touched. */
  readonly rounds: Map<string, RoundChange>;
  /** Changes of today's totals, by `accountKey(playerId, currency)`. */
  readonly dailyTotals: Map<string, DailyTotalsChange>;
  readonly events: LedgerEvent[];
}

export interface LedgerTransactionRow {
  readonly id: string;
  readonly idempotencyKey: string;
  readonly kind: PostingKind;
  readonly currency: string;
}

export interface LedgerEntryRow {
  readonly transactionId: string;
  readonly accountId: string;
  /** Signed, never zero. */
  readonly amount: string;
  /** Set on player accounts; house accounts keep no balance. */
  readonly balanceAfter: string | null;
}

export interface AccountUpdate {
  readonly playerId: string;
  balance: Money;
  readonly expectedVersion: bigint;
}

/** A `game_transactions` row this batch inserts (mutable until written: a later cancel of the batch may change it). */
export interface GameTransactionRow {
  readonly platformId: string;
  readonly operatorId: string;
  readonly transactionId: string;
  readonly userId: string;
  readonly playerId: string;
  readonly type: GameTransactionType | null;
  readonly amount: string | null;
  readonly currency: string | null;
  readonly gameId: string | null;
  readonly roundId: string | null;
  readonly roundFinished: boolean | null;
  readonly rake: string | null;
  readonly reason: string | null;
  readonly platformCreatedAt: string | null;
  status: GameTransactionStatus;
  readonly errorKind: WalletErrorKind | null;
  readonly balanceAfter: string | null;
  readonly ledgerTransactionId: string | null;
  cancelLedgerTransactionId: string | null;
  canceled: boolean;
  readonly historyId: string | null;
  readonly campaignCode: string | null;
  readonly ticketId: string | null;
  /** A WIN applied on a round without an applied BET (docs/security.md). */
  readonly winWithoutBet: boolean;
}

export interface PromotionCreditRow {
  readonly platformId: string;
  readonly operatorId: string;
  readonly awardId: string;
  readonly userId: string;
  readonly playerId: string;
  readonly kind: PromotionCreditKind;
  readonly amount: string;
  readonly currency: string;
  readonly campaignCode: string | null;
  readonly status: 'OK' | 'ERROR';
  readonly errorKind: WalletErrorKind | null;
  readonly balanceAfter: string | null;
  readonly ledgerTransactionId: string | null;
}

export interface CanceledTransaction {
  readonly id: string;
  /** Null when a refused transaction is canceled: nothing to reverse. */
  readonly cancelLedgerTransactionId: string | null;
  /** The status the row must still have: the update is conditional on it. */
  readonly fromStatus: GameTransactionStatus;
}

export interface RoundChange {
  readonly platformId: string;
  readonly operatorId: string;
  readonly roundId: string;
  readonly playerId: string;
  readonly gameId: string;
  readonly currency: string;
  bet: Money;
  win: Money;
  refund: Money;
  finished: boolean;
}

export interface DailyTotalsChange {
  readonly playerId: string;
  readonly currency: string;
  wagered: Money;
  netLoss: Money;
}

export function emptyWrites(): PlayWrites {
  return {
    ledgerTransactions: [],
    ledgerEntries: [],
    accountUpdates: new Map(),
    insertedTransactions: [],
    canceledTransactions: [],
    insertedPromotionCredits: [],
    rounds: new Map(),
    dailyTotals: new Map(),
    events: [],
  };
}
