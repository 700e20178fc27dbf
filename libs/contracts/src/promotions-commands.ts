import type { PlatformCaller } from './wallet-commands';

/**
 * The promotions service's command API, as carried over Kafka from the gateway's protocol adapters
 * (Choice Gaming's /tournamentWin and /promoWin). Protocol-neutral: the adapter decodes and checks
 * the signature; the promotions service records the award and has the wallet pay it, exactly once.
 * Money and ids are strings.
 */
export const PromotionsCommandType = {
  AwardWin: 'promotions.award-win',
} as const;
export type PromotionsCommandType = (typeof PromotionsCommandType)[keyof typeof PromotionsCommandType];

/** What kind of prize: a tournament's or a promotion's (a promotion may be one of our free-round grants). */
export const AwardKind = { TournamentWin: 'tournament-win', PromoWin: 'promo-win' } as const;
export type AwardKind = (typeof AwardKind)[keyof typeof AwardKind];

export interface AwardWinCommand {
  readonly caller: PlatformCaller;
  readonly kind: AwardKind;
  /** The player's session token as the provider holds it (the session check: see the code table). */
  readonly token: string;
  readonly userId: string;
  readonly gameId: string;
  /** The provider's id of the award, unique per platform: with the platform, the idempotency key. */
  readonly transactionId: string;
  /** /promoWin only (null for a tournament win): unique per transaction. */
  readonly externalReferenceId: string | null;
  /** Positive DECIMAL(18,2) literal. */
  readonly amount: string;
  readonly currency: string;
}

export interface AwardWinResult {
  /** The player's balance right after this award's credit (the same on every retry). */
  readonly balance: string;
  readonly currency: string;
  /** Our reference of the award. */
  readonly awardId: string;
}

/** Why an award was refused, as a value; each protocol adapter maps these to its codes in one table. */
export const AwardErrorKind = {
  /** The token is unknown, or was issued to another player or operator. */
  InvalidToken: 'INVALID_TOKEN',
  PlayerNotFound: 'PLAYER_NOT_FOUND',
  CurrencyMismatch: 'CURRENCY_MISMATCH',
  /** The transaction id is already an award with other data (another player, amount, ...). */
  TransactionConflict: 'TRANSACTION_CONFLICT',
  /** The externalReferenceId already belongs to another transaction. */
  ReferenceConflict: 'REFERENCE_CONFLICT',
  /** The externalReferenceId is one of our free-round grants, given to another player. */
  ReferenceOfAnotherPlayer: 'REFERENCE_OF_ANOTHER_PLAYER',
  /** The ledger cannot take the credit (e.g. the balance would leave DECIMAL(18,2)). */
  NotPayable: 'NOT_PAYABLE',
  /** No answer in time: the award may be recorded and will be paid once; retry. */
  Timeout: 'TIMEOUT',
  /** The wallet or a store unreachable: nothing final happened; retry. */
  Unavailable: 'UNAVAILABLE',
  InvalidCommand: 'INVALID_COMMAND',
} as const;
export type AwardErrorKind = (typeof AwardErrorKind)[keyof typeof AwardErrorKind];

export interface AwardError {
  readonly kind: AwardErrorKind;
  readonly message: string;
}

export type AwardWinReply = { readonly ok: true; readonly result: AwardWinResult } | { readonly ok: false; readonly error: AwardError };

export interface PromotionsCommands {
  [PromotionsCommandType.AwardWin]: { command: AwardWinCommand; result: AwardWinResult };
}
