import type { GameTransactionStatus, GameTransactionType, PromotionCreditKind, WalletErrorKind } from '@wallet-platform/contracts';
import type { Money } from '@wallet-platform/money';

/**
 * What the engine knows about the players of one batch, read under their locks at the start of
 * the batch's database transaction. The decision works on this in memory and changes it as it
 * goes, so a later command of the batch sees what an earlier one did (a retry replays, a cancel
 * finds the BET of the same batch).
 */
export interface PlayState {
  /** The batch's clock: one instant for every command of the batch (the day of the daily totals). */
  readonly now: Date;
  /** By `playerKey(operatorId, userId)`. */
  readonly players: Map<string, PlayerFacts>;
  /** Player accounts by `accountKey(playerId, currency)`. */
  readonly playerAccounts: Map<string, AccountFacts>;
  /** House account ids by `houseKey(operatorId, currency, purposeText)`. */
  readonly houseAccounts: Map<string, string>;
  /** Platform transactions by `transactionKey(...)`, stored or written by this batch. */
  readonly transactions: Map<string, KnownTransaction>;
  /** Promotion credits by `awardKey(...)`, stored or written by this batch. */
  readonly promotionCredits: Map<string, KnownPromotionCredit>;
  /** Sessions by token. */
  readonly sessions: Map<string, SessionFacts>;
  /** Catalog facts by `gameKey(platformId, gameId)`; a game missing from the catalog is playable. */
  readonly games: Map<string, GameFacts>;
  /** Responsible-gambling limits by player id. */
  readonly limits: Map<string, LimitFacts>;
  /** Today's (UTC) totals by `accountKey(playerId, currency)`. */
  readonly dailyTotals: Map<string, DailyTotals>;
  /**
   * The `playerRoundKey`s, among the rounds of the batch's WINs, where that player has an applied
   * BET (stored, or applied earlier in this batch): a WIN anywhere else is a WIN without a BET.
   */
  readonly roundsWithBet: Set<string>;
}

export interface PlayerFacts {
  readonly id: string;
  readonly operatorId: string;
  readonly userId: string;
  readonly currency: string;
  readonly blocked: boolean;
}

export interface AccountFacts {
  readonly id: string;
  balance: Money;
  /** As read: the write is conditional on it (compare-and-set), whatever the lock says. */
  readonly version: bigint;
  /** The highest lock fence that ever wrote this account. */
  readonly fence: bigint;
}

/** A platform transaction as the wallet knows it. */
export interface KnownTransaction {
  /** The stored row's id; null for a row this batch inserts. */
  readonly id: string | null;
  readonly userId: string;
  readonly playerId: string | null;
  /** Null for a cancel mark: a cancel that came before (or instead of) the transaction. */
  readonly type: GameTransactionType | null;
  readonly amount: string | null;
  readonly currency: string | null;
  readonly gameId: string | null;
  readonly roundId: string | null;
  status: GameTransactionStatus;
  readonly errorKind: WalletErrorKind | null;
  readonly balanceAfter: string | null;
  /** The platform's reason and campaign, carried into the events of a later cancel. */
  readonly reason: string | null;
  readonly campaignCode: string | null;
}

export interface KnownPromotionCredit {
  readonly userId: string;
  readonly kind: PromotionCreditKind;
  readonly amount: string;
  readonly currency: string;
  readonly campaignCode: string | null;
  readonly errorKind: WalletErrorKind | null;
  readonly balanceAfter: string | null;
  readonly ledgerTransactionId: string | null;
}

export interface SessionFacts {
  readonly playerId: string;
  readonly operatorId: string;
  readonly gameId: string | null;
  readonly expiresAt: Date;
  readonly revoked: boolean;
}

export interface GameFacts {
  readonly enabled: boolean;
  readonly vendor: string | null;
}

export interface LimitFacts {
  readonly dailyWagerLimit: Money | null;
  readonly dailyLossLimit: Money | null;
}

export interface DailyTotals {
  wagered: Money;
  netLoss: Money;
}

export const playerKey = (operatorId: string, userId: string): string => `${operatorId}\u0000${userId}`;
export const accountKey = (playerId: string, currency: string): string => `${playerId}\u0000${currency}`;
export const houseKey = (operatorId: string, currency: string, purpose: string): string => `${operatorId}\u0000${currency}\u0000${purpose}`;
export const transactionKey = (platformId: string, operatorId: string, transactionId: string): string => `${platformId}\u0000${operatorId}\u0000${transactionId}`;
export const gameKey = (platformId: string, gameId: string): string => `${platformId}\u0000${gameId}`;
export const roundKey = (platformId: string, operatorId: string, roundId: string): string => `${platformId}\u0000${operatorId}\u0000${roundId}`;
export const awardKey = (platformId: string, operatorId: string, awardId: string): string => `${platformId}\u0000${operatorId}\u0000${awardId}`;
/** A player's part of a round: a BET by someone else in the same round id does not count for a WIN. */
export const playerRoundKey = (platformId: string, operatorId: string, roundId: string, userId: string): string =>
  `${platformId}\u0000${operatorId}\u0000${roundId}\u0000${userId}`;
