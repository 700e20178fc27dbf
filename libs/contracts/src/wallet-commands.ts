import type { WalletError } from './wallet-errors';

/**
 * The wallet's command API, as carried over Kafka. It is protocol-neutral: each gateway adapter
 * (Operator API, Choice Gaming, ...) translates its vendor's requests into these commands.
 * Money and ids are decimal strings, never numbers: a 20-digit transaction id or an amount must
 * survive every hop exactly. Amounts are non-negative DECIMAL(18,2) literals such as "17.25".
 */
export const WalletCommandType = {
  Authenticate: 'wallet.authenticate',
  Balance: 'wallet.balance',
  ChangeBalance: 'wallet.change-balance',
  TransactionStatus: 'wallet.transaction-status',
  CancelTransaction: 'wallet.cancel-transaction',
  FinishRound: 'wallet.finish-round',
  RegenerateSession: 'wallet.regenerate-session',
  CreditPromotion: 'wallet.credit-promotion',
  PlayerFacts: 'wallet.player-facts',
} as const;
export type WalletCommandType = (typeof WalletCommandType)[keyof typeof WalletCommandType];

/** Who asks: the game platform (provider) and the operator id it called us with. */
export interface PlatformCaller {
  readonly platformId: string;
  readonly operatorId: string;
}

export const GameTransactionType = { Bet: 'BET', Win: 'WIN', Refund: 'REFUND' } as const;
export type GameTransactionType = (typeof GameTransactionType)[keyof typeof GameTransactionType];

/** A platform transaction's state in our books. */
export const GameTransactionStatus = {
  /** Applied to the ledger. */
  Ok: 'OK',
  /** Refused (e.g. insufficient funds) and recorded as refused: it will never be applied. */
  Error: 'ERROR',
  /** Reversed by a cancel, or canceled before it arrived (then it will never be applied). */
  Canceled: 'CANCELED',
} as const;
export type GameTransactionStatus = (typeof GameTransactionStatus)[keyof typeof GameTransactionStatus];

export interface AuthenticateCommand {
  readonly caller: PlatformCaller;
  readonly token: string;
}

export interface AuthenticateResult {
  readonly userId: string;
  readonly userName: string;
  readonly country: string;
  readonly displayName: string | null;
  readonly group: string | null;
  readonly currency: string;
  readonly balance: string;
}

export interface BalanceCommand {
  readonly caller: PlatformCaller;
  readonly userId: string;
  readonly token: string;
  readonly currency: string;
}

export interface BalanceResult {
  /** Decimal string with exactly two decimals, e.g. "420.76". */
  readonly balance: string;
  readonly currency: string;
}

export interface ChangeBalanceCommand {
  readonly caller: PlatformCaller;
  readonly userId: string;
  /** Required for BET; WIN and REFUND are paid without a session check and may carry null. */
  readonly token: string | null;
  readonly type: GameTransactionType;
  /** Platform transaction id, 1-20 digits. With caller it forms the idempotency key. */
  readonly transactionId: string;
  readonly roundId: string;
  readonly roundFinished: boolean | null;
  readonly gameId: string;
  readonly currency: string;
  readonly amount: string;
  /** Platform's `Y-m-d H:i:s` UTC creation time, kept for reports. */
  readonly transactionTimestamp: string;
  /** Poker rake on a WIN, DECIMAL(18,4) literal, or null. */
  readonly rake: string | null;
  readonly reason: string;
  /** The platform's hand-history reference (`context.history_id`), kept with the transaction. */
  readonly historyId?: string | null;
  /** The promotion campaign of a free-spin win (`context.campaign_code`). */
  readonly campaignCode?: string | null;
  /** The platform's ticket id (`context.game_details.ticket_id`), 1-20 digits. */
  readonly ticketId?: string | null;
}

export interface ChangeBalanceResult {
  readonly balance: string;
  readonly currency: string;
}

export interface TransactionStatusCommand {
  readonly caller: PlatformCaller;
  readonly userId: string;
  readonly transactionId: string;
}

export interface TransactionStatusResult {
  readonly userId: string;
  readonly transactionId: string;
  readonly status: GameTransactionStatus;
}

export interface CancelTransactionCommand {
  readonly caller: PlatformCaller;
  readonly userId: string;
  readonly transactionId: string;
  readonly roundId: string;
  readonly roundFinished: boolean | null;
  readonly gameId: string;
}

export interface CancelTransactionResult {
  readonly userId: string;
  readonly transactionId: string;
  readonly status: typeof GameTransactionStatus.Canceled;
}

export interface FinishRoundCommand {
  readonly caller: PlatformCaller;
  readonly userId: string;
  readonly roundId: string;
  readonly gameId: string;
}

export interface FinishRoundResult {
  readonly userId: string;
  readonly roundId: string;
  readonly gameId: string;
}

/**
 * A new session token for another game of the same launch (a lobby switch): the new session
 * inherits the old one's player, operator and expiry, and the old token is revoked in the same
 * database transaction. A retry with the same token and game answers the same new token.
 */
export interface RegenerateSessionCommand {
  readonly caller: PlatformCaller;
  /** The current session token, 20-50 of [A-Za-z0-9]. */
  readonly token: string;
  /** The game the player switches to, 1-6 digits. */
  readonly newGameId: string;
}

export interface RegenerateSessionResult {
  readonly token: string;
  readonly userId: string;
  readonly gameId: string;
  /** ISO 8601 UTC, inherited from the replaced session. */
  readonly expiresAt: string;
}

/** What a promotion credit pays: never counted as a game win or a refund. */
export const PromotionCreditKind = { TournamentWin: 'TOURNAMENT_WIN', PromoWin: 'PROMO_WIN' } as const;
export type PromotionCreditKind = (typeof PromotionCreditKind)[keyof typeof PromotionCreditKind];

/**
 * Pays a tournament or promotion prize to a player from the operator's promotions house account
 * of the platform. The promotions service records the award first and then asks for the credit;
 * `awardId` is the idempotency key, so a retry after any crash pays once. The same award id with
 * other data is refused (DUPLICATE_TRANSACTION).
 */
export interface CreditPromotionCommand {
  readonly caller: PlatformCaller;
  readonly userId: string;
  /** The promotions service's id of the award, 1-100 of [A-Za-z0-9:._-]. */
  readonly awardId: string;
  readonly kind: PromotionCreditKind;
  /** Positive DECIMAL(18,2) literal. */
  readonly amount: string;
  readonly currency: string;
  readonly campaignCode: string | null;
}

export interface CreditPromotionResult {
  readonly balance: string;
  readonly currency: string;
  readonly ledgerTransactionId: string;
}

/** Most players one `wallet.player-facts` call may ask about. */
export const PLAYER_FACTS_USERS_MAX = 1_000;

/** A player's standing as the wallet keeps it. */
export const WalletPlayerStatus = { Active: 'active', Blocked: 'blocked' } as const;
export type WalletPlayerStatus = (typeof WalletPlayerStatus)[keyof typeof WalletPlayerStatus];

/**
 * What the promotions service must know of players before it grants or pays them: read-only, no
 * lock, no ledger. `token` (optional) asks whose session token it is: any session the wallet ever
 * issued to a player of this operator, live, expired or replaced, since a prize may be paid long
 * after the game ended; an unknown token or another operator's answers null.
 */
export interface PlayerFactsCommand {
  readonly caller: PlatformCaller;
  /** 0..PLAYER_FACTS_USERS_MAX user ids. */
  readonly userIds: readonly string[];
  readonly token: string | null;
}

export interface PlayerFactsEntry {
  readonly userId: string;
  /** The wallet's own id of the player (a bigserial as a string): what an aggregator username is derived from. */
  readonly playerId: string;
  readonly status: WalletPlayerStatus;
  readonly currency: string;
}

export interface PlayerFactsResult {
  /** The players found, in any order; a user id absent here is unknown to the wallet. */
  readonly players: readonly PlayerFactsEntry[];
  /** The user id the asked token was issued to, or null (unknown token, or none asked). */
  readonly tokenUserId: string | null;
}

export interface WalletCommands {
  [WalletCommandType.Authenticate]: { command: AuthenticateCommand; result: AuthenticateResult };
  [WalletCommandType.Balance]: { command: BalanceCommand; result: BalanceResult };
  [WalletCommandType.ChangeBalance]: { command: ChangeBalanceCommand; result: ChangeBalanceResult };
  [WalletCommandType.TransactionStatus]: { command: TransactionStatusCommand; result: TransactionStatusResult };
  [WalletCommandType.CancelTransaction]: { command: CancelTransactionCommand; result: CancelTransactionResult };
  [WalletCommandType.FinishRound]: { command: FinishRoundCommand; result: FinishRoundResult };
  [WalletCommandType.RegenerateSession]: { command: RegenerateSessionCommand; result: RegenerateSessionResult };
  [WalletCommandType.CreditPromotion]: { command: CreditPromotionCommand; result: CreditPromotionResult };
  [WalletCommandType.PlayerFacts]: { command: PlayerFactsCommand; result: PlayerFactsResult };
}

export type WalletReply<TResult> =
  | { readonly ok: true; readonly result: TResult }
  | { readonly ok: false; readonly error: WalletError };
