import type { GameTransactionType, PromotionCreditKind } from '@wallet-platform/contracts';
import type { CurrencyCode, Money } from '@wallet-platform/money';

/** Vendor under which a game transaction counts when its event does not name one. */
export const UNKNOWN_VENDOR = 'unknown';

/**
 * What a WIN paid out as, from the platform's reason: the business report counts free-spin and
 * jackpot wins apart from ordinary wins.
 */
export const PayoutKind = { Regular: 'regular', FreeSpin: 'free-spin', Jackpot: 'jackpot' } as const;
export type PayoutKind = (typeof PayoutKind)[keyof typeof PayoutKind];

/** Identifies a platform transaction, as the wallet does (the Operator API's idempotency key). */
export interface ReportedTransactionKey {
  readonly platformId: string;
  readonly operatorId: string;
  readonly transactionId: string;
}

/** A game transaction as the reports count it: validated and classified. */
export interface ReportedTransaction {
  readonly key: ReportedTransactionKey;
  readonly userId: string;
  /** UTC day the transaction belongs to, `YYYY-MM-DD` (see dayOfGameTransaction). */
  readonly day: string;
  readonly vendor: string;
  readonly gameId: string;
  readonly currency: CurrencyCode;
  readonly transactionType: GameTransactionType;
  /** Set for a WIN only. */
  readonly payoutKind: PayoutKind | null;
  readonly amount: Money;
  /** Poker rake at scale 4, or null. */
  readonly rake: Money | null;
}

/** A game transaction applied to the ledger. */
export interface AppliedGameTransaction {
  readonly kind: 'game-transaction-applied';
  readonly eventId: string;
  readonly transaction: ReportedTransaction;
}

/** A game transaction reversed: its figures leave the day of the original. */
export interface CanceledGameTransaction {
  readonly kind: 'game-transaction-canceled';
  readonly eventId: string;
  readonly key: ReportedTransactionKey;
}

/**
 * A tournament or promotion prize the wallet paid (never a game win: it is not in the GGR, and has
 * figures of its own). The award id is the wallet's idempotency key of the credit.
 */
export interface ReportedPromotionCredit {
  readonly platformId: string;
  readonly operatorId: string;
  readonly awardId: string;
  readonly userId: string;
  /** UTC day of the wallet's commit, `YYYY-MM-DD`. */
  readonly day: string;
  readonly vendor: string;
  readonly currency: CurrencyCode;
  readonly kind: PromotionCreditKind;
  /** '' when the prize names no campaign (a key column, never null). */
  readonly campaignCode: string;
  readonly amount: Money;
}

export interface AppliedPromotionCredit {
  readonly kind: 'promotion-credit-applied';
  readonly eventId: string;
  readonly credit: ReportedPromotionCredit;
}

/** An event the game reports do not count (cashier operations): deduplicated, nothing more. */
export interface NotReportedEvent {
  readonly kind: 'not-reported';
  readonly eventId: string;
}

/**
 * An aggregator transfer as reconciliation needs it (the wallet's `aggregator-transfer.changed`):
 * who moved how much which way, its state, and the aggregator balance read before the call.
 */
export interface AggregatorTransferFact {
  readonly aggregatorId: string;
  readonly operatorId: string;
  readonly playerId: string;
  readonly transferId: string;
  readonly username: string;
  readonly direction: 'deposit' | 'withdraw';
  readonly state: 'pending' | 'posted' | 'voided';
  readonly amount: Money;
  /** Exact decimal text as the aggregator sent it, or null (never read: the call was never made). */
  readonly balanceBefore: string | null;
  /** ISO-8601 UTC, or null. */
  readonly balanceReadAt: string | null;
  readonly occurredAt: string;
}

export interface AggregatorTransferChanged {
  readonly kind: 'aggregator-transfer-changed';
  readonly eventId: string;
  readonly fact: AggregatorTransferFact;
}

export type ReportableEvent = AppliedGameTransaction | CanceledGameTransaction | AppliedPromotionCredit | AggregatorTransferChanged | NotReportedEvent;
