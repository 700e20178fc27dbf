import { AwardErrorKind, WalletErrorKind, type AwardError, type WalletError } from '@wallet-platform/contracts';
import { MESSAGE_LENGTH_MAX } from './choice-gaming-limits';

/**
 * The result codes of our Choice Gaming answers, and the one table that decides them.
 *
 * 0, 8 and 9 are the vendor's (Free Rounds Service API: ok, hash not valid, platform not valid).
 * The vendor's wallet document defines no other code, so the rest are ours. They start at 100 so
 * that they cannot collide with a code of the v1.0.0 base document, which we do not hold.
 *
 * | code | message               | answered when                                                 | retry helps |
 * | ---- | --------------------- | ------------------------------------------------------------- | ----------- |
 * | 0    | ok                    | done (also the replay of a request already done: the same     | -           |
 * |      |                       | answer, the same balance)                                     |             |
 * | 8    | hash not valid        | `Hash` header missing, malformed or not sha256(privateKey +    | no          |
 * |      |                       | body)                                                         |             |
 * | 9    | platform not valid    | the platform id of the URL is not configured                  | no          |
 * | 101  | token not valid       | /generateNewToken: unknown, expired, revoked or another        | no          |
 * |      |                       | operator's token; a token already replaced for another game.  |             |
 * |      |                       | /tournamentWin, /promoWin: a token we never issued to this     |             |
 * |      |                       | player (an expired or replaced one of theirs is accepted: a   |             |
 * |      |                       | prize is often paid after the game ended); a malformed token  |             |
 * | 102  | request not valid     | body not a JSON object within our limits, a field missing or  | no          |
 * |      |                       | malformed; a prize the ledger cannot hold                     |             |
 * | 103  | internal error        | the wallet or the promotions service unreachable or           | yes         |
 * |      |                       | overloaded, the player busy                                   |             |
 * | 104  | timeout               | no answer in time; a prize may be recorded and is then paid   | yes         |
 * |      |                       | exactly once, by the retry or by our own recovery             |             |
 * | 105  | transaction not valid | the transactionId is already a prize with other data (player, | no          |
 * |      |                       | game, amount, currency, kind or externalReferenceId)          |             |
 * | 106  | reference not valid   | /promoWin: the externalReferenceId belongs to another         | no          |
 * |      |                       | transaction, or is our free-round grant of another player     |             |
 * | 107  | currency not valid    | the currency is not the player's                              | no          |
 * | 108  | player not valid      | the player is unknown to the wallet                           | no          |
 *
 * /tournamentWin and /promoWin decoding (award-win-decoder.ts) uses 8, 101 (externalToken not of
 * our shape) and 102 (playerId, gameId, transactionId, externalReferenceId, currency, amount: a
 * JSON number of at most 2 decimals, positive); the promotions service's refusals map through
 * AWARD_ERROR_CODES below.
 */
export const ChoiceGamingCode = {
  Ok: 0,
  InvalidHash: 8,
  InvalidPlatform: 9,
  InvalidToken: 101,
  InvalidRequest: 102,
  InternalError: 103,
  Timeout: 104,
  InvalidTransaction: 105,
  InvalidReference: 106,
  InvalidCurrency: 107,
  InvalidPlayer: 108,
} as const;
export type ChoiceGamingCode = (typeof ChoiceGamingCode)[keyof typeof ChoiceGamingCode];
export type ChoiceGamingErrorCode = Exclude<ChoiceGamingCode, typeof ChoiceGamingCode.Ok>;

/** The vendor's own words for 0, 8 and 9; ours in the same style for the rest. */
export const CHOICE_GAMING_MESSAGES: Readonly<Record<ChoiceGamingCode, string>> = {
  0: 'ok',
  8: 'hash not valid',
  9: 'platform not valid',
  101: 'token not valid',
  102: 'request not valid',
  103: 'internal error',
  104: 'timeout',
  105: 'transaction not valid',
  106: 'reference not valid',
  107: 'currency not valid',
  108: 'player not valid',
};

/**
 * The one place a wallet refusal becomes a Choice Gaming code. The wallet answers regeneration
 * with INVALID_TOKEN, OPERATION_FAILED (input it cannot accept), TIMEOUT or INTERNAL; the other
 * kinds are listed so the table is total. Refusals about the player behind a token (not found,
 * blocked, not authorized) say the token cannot be used: 101. Kinds that only money commands
 * produce would be a wallet bug here: 103, the code nobody acts on but to retry and alert.
 */
const WALLET_ERROR_CODES: Readonly<Record<WalletErrorKind, ChoiceGamingErrorCode>> = {
  [WalletErrorKind.InvalidToken]: ChoiceGamingCode.InvalidToken,
  [WalletErrorKind.AuthorizationFailed]: ChoiceGamingCode.InvalidToken,
  [WalletErrorKind.PlayerNotFound]: ChoiceGamingCode.InvalidToken,
  [WalletErrorKind.PlayerBlocked]: ChoiceGamingCode.InvalidToken,
  [WalletErrorKind.OperationFailed]: ChoiceGamingCode.InvalidRequest,
  [WalletErrorKind.Timeout]: ChoiceGamingCode.Timeout,
  [WalletErrorKind.Internal]: ChoiceGamingCode.InternalError,
  [WalletErrorKind.InvalidCommand]: ChoiceGamingCode.InternalError,
  [WalletErrorKind.CurrencyMismatch]: ChoiceGamingCode.InternalError,
  [WalletErrorKind.InsufficientFunds]: ChoiceGamingCode.InternalError,
  [WalletErrorKind.LimitReached]: ChoiceGamingCode.InternalError,
  [WalletErrorKind.GameDisabled]: ChoiceGamingCode.InternalError,
  [WalletErrorKind.DuplicateTransaction]: ChoiceGamingCode.InternalError,
  [WalletErrorKind.TransactionNotFound]: ChoiceGamingCode.InternalError,
};

export function choiceGamingCodeForWalletError(kind: WalletErrorKind): ChoiceGamingErrorCode {
  return WALLET_ERROR_CODES[kind];
}

/** The one place a promotions service refusal of a prize becomes a Choice Gaming code. */
const AWARD_ERROR_CODES: Readonly<Record<AwardErrorKind, ChoiceGamingErrorCode>> = {
  [AwardErrorKind.InvalidToken]: ChoiceGamingCode.InvalidToken,
  [AwardErrorKind.PlayerNotFound]: ChoiceGamingCode.InvalidPlayer,
  [AwardErrorKind.CurrencyMismatch]: ChoiceGamingCode.InvalidCurrency,
  [AwardErrorKind.TransactionConflict]: ChoiceGamingCode.InvalidTransaction,
  [AwardErrorKind.ReferenceConflict]: ChoiceGamingCode.InvalidReference,
  [AwardErrorKind.ReferenceOfAnotherPlayer]: ChoiceGamingCode.InvalidReference,
  [AwardErrorKind.NotPayable]: ChoiceGamingCode.InvalidRequest,
  [AwardErrorKind.Timeout]: ChoiceGamingCode.Timeout,
  [AwardErrorKind.Unavailable]: ChoiceGamingCode.InternalError,
  // The command broke the promotions service's schema: our bug, never the provider's.
  [AwardErrorKind.InvalidCommand]: ChoiceGamingCode.InternalError,
};

export function choiceGamingCodeForAwardError(kind: AwardErrorKind): ChoiceGamingErrorCode {
  return AWARD_ERROR_CODES[kind];
}

export function choiceGamingErrorForAwardError(error: AwardError): ChoiceGamingErrorAnswer {
  return choiceGamingError(choiceGamingCodeForAwardError(error.kind));
}

/**
 * Which request field failed to decode. A malformed token is answered like an unknown one (no
 * session can have it); every other problem is a request the provider must fix.
 */
export const FieldProblemKind = { Token: 'token', Other: 'other' } as const;
export type FieldProblemKind = (typeof FieldProblemKind)[keyof typeof FieldProblemKind];

const FIELD_PROBLEM_CODES: Readonly<Record<FieldProblemKind, ChoiceGamingErrorCode>> = {
  token: ChoiceGamingCode.InvalidToken,
  other: ChoiceGamingCode.InvalidRequest,
};

export function choiceGamingCodeForFieldProblem(kind: FieldProblemKind): ChoiceGamingErrorCode {
  return FIELD_PROBLEM_CODES[kind];
}

/** An error answer ready for `encodeErrorResponse`. */
export interface ChoiceGamingErrorAnswer {
  readonly code: ChoiceGamingErrorCode;
  readonly message: string;
}

/**
 * The code's message, with a detail after a colon where one helps the provider fix its request
 * (`request not valid: newGameId: must be 1-6 digits`). Wallet messages are not passed on: the
 * code already says all the provider can act on.
 */
export function choiceGamingError(code: ChoiceGamingErrorCode, detail?: string): ChoiceGamingErrorAnswer {
  const message = detail === undefined || detail === '' ? CHOICE_GAMING_MESSAGES[code] : `${CHOICE_GAMING_MESSAGES[code]}: ${detail}`;
  return { code, message: boundedMessage(message) };
}

export function choiceGamingErrorForWalletError(error: WalletError): ChoiceGamingErrorAnswer {
  return choiceGamingError(choiceGamingCodeForWalletError(error.kind));
}

export function boundedMessage(message: string): string {
  const codePoints = Array.from(message);
  return codePoints.length <= MESSAGE_LENGTH_MAX ? message : codePoints.slice(0, MESSAGE_LENGTH_MAX).join('');
}
