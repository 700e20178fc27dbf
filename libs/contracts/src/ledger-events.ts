import type { GameTransactionType, PromotionCreditKind } from './wallet-commands';

/**
 * Events the wallet publishes on `wallet.ledger-events` (key: playerPartitionKey) for every
 * committed ledger change, from its transactional outbox. Delivery is at least once: consumers
 * deduplicate by `eventId`. Money and ids are decimal strings.
 */
export const LedgerEventType = {
  GameTransactionApplied: 'game-transaction.applied',
  GameTransactionCanceled: 'game-transaction.canceled',
  CashierOperationApplied: 'cashier-operation.applied',
  PromotionCreditApplied: 'promotion-credit.applied',
  /** An aggregator transfer opened (money in transit) or settled (posted or voided): additive, see AggregatorTransferEvent. */
  AggregatorTransferChanged: 'aggregator-transfer.changed',
} as const;
export type LedgerEventType = (typeof LedgerEventType)[keyof typeof LedgerEventType];

export interface GameTransactionEvent {
  readonly eventType: typeof LedgerEventType.GameTransactionApplied | typeof LedgerEventType.GameTransactionCanceled;
  readonly platformId: string;
  readonly operatorId: string;
  readonly userId: string;
  readonly transactionId: string;
  readonly ledgerTransactionId: string;
  readonly transactionType: GameTransactionType;
  readonly amount: string;
  readonly currency: string;
  readonly gameId: string;
  readonly roundId: string;
  readonly balanceAfter: string;
  /** ISO-8601 UTC time of the commit's start. */
  readonly occurredAt: string;
  /**
   * The platform's reason for the transaction (`context.reason` of the Operator API), e.g. `SPIN`,
   * `PROMO-FREESPIN`, `JACKPOT`. Optional: events written before this field existed lack it.
   */
  readonly reason?: string;
  /** The promotion campaign the platform named (`context.campaign_code`), or null. */
  readonly campaignCode?: string | null;
  /** The game's vendor from the catalog at the time of play, or null when the game is not in it. */
  readonly vendor?: string | null;
  /** Poker rake on a WIN, DECIMAL(18,4) literal, or null. */
  readonly rake?: string | null;
  /** The platform's own `Y-m-d H:i:s` UTC time of the transaction. */
  readonly platformCreatedAt?: string;
}

/** A deposit, withdrawal or manual adjustment made by the casino's staff. */
export interface CashierOperationEvent {
  readonly eventType: typeof LedgerEventType.CashierOperationApplied;
  readonly operatorId: string;
  readonly userId: string;
  readonly operationId: string;
  readonly ledgerTransactionId: string;
  readonly kind: 'deposit' | 'withdrawal' | 'adjustment';
  /** Signed: what the player's balance changed by. */
  readonly amount: string;
  readonly currency: string;
  readonly balanceAfter: string;
  readonly occurredAt: string;
}

/** A tournament or promotion prize paid to a player (never a game win). */
export interface PromotionCreditEvent {
  readonly eventType: typeof LedgerEventType.PromotionCreditApplied;
  readonly platformId: string;
  readonly operatorId: string;
  readonly userId: string;
  readonly awardId: string;
  readonly ledgerTransactionId: string;
  readonly kind: PromotionCreditKind;
  readonly amount: string;
  readonly currency: string;
  readonly campaignCode: string | null;
  /**
   * The vendor of the game the prize was won in, when the platform named one (the Choice Gaming
   * `/tournamentWin` and `/promoWin` carry a game). Optional: the wallet's credit command carries no
   * game yet, so reporting counts such prizes under the vendor `unknown`.
   */
  readonly vendor?: string | null;
  readonly balanceAfter: string;
  readonly occurredAt: string;
}

/**
 * A player's transfer to (`deposit`) or from (`withdraw`) a transfer-wallet aggregator changed
 * state with a ledger posting: `pending` when it opens (the money leaves for the in-transit
 * account), `posted` or `voided` when it settles. Written by the wallet's TransferStore in the
 * transaction of the posting. The settled event carries the aggregator balance the wallet read just
 * before sending (null when the call was never made): reporting reconciles the aggregator's
 * per-player report with these facts. States without a posting (`sending`, `unknown`) have no
 * event: to a reader, a transfer without its settled event is still in flight.
 */
export interface AggregatorTransferEvent {
  readonly eventType: typeof LedgerEventType.AggregatorTransferChanged;
  readonly aggregatorId: string;
  readonly operatorId: string;
  /** Our player id. */
  readonly userId: string;
  readonly transferId: string;
  /** The player's username at the aggregator. */
  readonly aggregatorUsername: string;
  readonly direction: 'deposit' | 'withdraw';
  readonly state: 'pending' | 'posted' | 'voided';
  readonly amount: string;
  /** The player's wallet currency, the currency moved. */
  readonly currency: string;
  /** The player's balance at the aggregator read just before the call, decimal text as the aggregator sent it; null if never read. */
  readonly aggregatorBalanceBefore: string | null;
  /** ISO-8601 UTC time of that read; null if never read. */
  readonly balanceReadAt: string | null;
  readonly sentAt: string | null;
  readonly ledgerTransactionId: string;
  /** ISO-8601 UTC time of the state change. */
  readonly occurredAt: string;
}

export type LedgerEvent = GameTransactionEvent | CashierOperationEvent | PromotionCreditEvent | AggregatorTransferEvent;

/** The envelope on the topic: the outbox row's id makes redelivery harmless. */
export interface LedgerEventMessage {
  readonly eventId: string;
  readonly event: LedgerEvent;
}
