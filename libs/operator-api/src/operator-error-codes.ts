import { WalletErrorKind, type WalletError } from '@wallet-platform/contracts';
import { OperatorCommandName as C, OPERATOR_COMMAND_NAMES, type OperatorCommandName } from './operator-commands';
import { ERROR_MESSAGE_LENGTH_MAX } from './operator-api-limits';

/** The error codes of the Operator API; the platform matches them exactly (case and format). */
export const OpErrorCode = {
  InvalidHash: 'OP_20',
  InvalidToken: 'OP_21',
  AuthorizationFailed: 'OP_22',
  InvalidCurrency: 'OP_30',
  InsufficientFunds: 'OP_31',
  LimitsReached: 'OP_32',
  PlayerBlocked: 'OP_33',
  PlayerNotFound: 'OP_34',
  GameDisabled: 'OP_35',
  DuplicateTransaction: 'OP_40',
  TransactionNotFound: 'OP_41',
  Timeout: 'OP_47',
  OperationFailed: 'OP_49',
  InternalError: 'OP_50',
} as const;
export type OpErrorCode = (typeof OpErrorCode)[keyof typeof OpErrorCode];

export interface OpErrorDefinition {
  readonly defaultMessage: string;
  /** The commands for which the vendor's table lists this code; elsewhere the platform may not understand it. */
  readonly appliesTo: readonly OperatorCommandName[];
}

const ALL_COMMANDS = OPERATOR_COMMAND_NAMES;

export const OP_ERRORS: Readonly<Record<OpErrorCode, OpErrorDefinition>> = {
  OP_20: { defaultMessage: 'Invalid hash', appliesTo: ALL_COMMANDS },
  OP_21: { defaultMessage: 'Invalid token', appliesTo: [C.Authenticate, C.Balance, C.ChangeBalance] },
  OP_22: { defaultMessage: 'Authorization failed', appliesTo: [C.Authenticate] },
  OP_30: { defaultMessage: 'Invalid currency', appliesTo: [C.Balance, C.ChangeBalance] },
  OP_31: { defaultMessage: 'Insufficient funds', appliesTo: [C.ChangeBalance] },
  OP_32: { defaultMessage: 'Limits reached', appliesTo: [C.ChangeBalance] },
  OP_33: { defaultMessage: 'Player is blocked', appliesTo: [C.Balance, C.ChangeBalance] },
  OP_34: { defaultMessage: 'Player is not found', appliesTo: [C.Balance, C.ChangeBalance, C.Status, C.Cancel, C.FinishRound] },
  OP_35: { defaultMessage: 'Game is disabled', appliesTo: [C.ChangeBalance] },
  OP_40: { defaultMessage: 'Duplicated transaction ID', appliesTo: [C.ChangeBalance] },
  OP_41: { defaultMessage: 'Transaction not found', appliesTo: [C.Status, C.Cancel, C.FinishRound] },
  OP_47: { defaultMessage: 'Timeout', appliesTo: ALL_COMMANDS },
  OP_49: { defaultMessage: 'Operation failed', appliesTo: [C.ChangeBalance, C.Cancel, C.FinishRound] },
  OP_50: { defaultMessage: 'Internal error', appliesTo: ALL_COMMANDS },
};

export function opErrorApplies(code: OpErrorCode, command: OperatorCommandName): boolean {
  return OP_ERRORS[code].appliesTo.includes(command);
}

/**
 * The code we answer when nothing more precise applies. OP_50 is valid for every command and the
 * platform treats any unlisted code as OP_50 anyway, so falling back to it never invents meaning.
 */
export const FALLBACK_OP_ERROR_CODE = OpErrorCode.InternalError;

/**
 * The one place a wallet refusal becomes an Operator API code: per kind, the code for each command
 * where the vendor's table allows one. A kind with no entry for a command answers OP_50.
 *
 * On authenticate the only refusal code is OP_22 ("cannot be authorized, for any reason"), so every
 * refusal about the player or the game (not found, blocked, limits, currency, game disabled) maps to
 * it there. INVALID_TOKEN keeps OP_21 on authenticate: that is what the platform expects for an
 * expired or unknown launch token.
 */
const WALLET_ERROR_CODES: Readonly<Record<WalletErrorKind, Partial<Record<OperatorCommandName, OpErrorCode>>>> = {
  [WalletErrorKind.InvalidToken]: { authenticate: 'OP_21', balance: 'OP_21', changebalance: 'OP_21' },
  [WalletErrorKind.AuthorizationFailed]: { authenticate: 'OP_22' },
  [WalletErrorKind.PlayerNotFound]: {
    authenticate: 'OP_22',
    balance: 'OP_34',
    changebalance: 'OP_34',
    status: 'OP_34',
    cancel: 'OP_34',
    finishround: 'OP_34',
  },
  [WalletErrorKind.PlayerBlocked]: { authenticate: 'OP_22', balance: 'OP_33', changebalance: 'OP_33' },
  [WalletErrorKind.CurrencyMismatch]: { authenticate: 'OP_22', balance: 'OP_30', changebalance: 'OP_30' },
  [WalletErrorKind.InsufficientFunds]: { changebalance: 'OP_31' },
  [WalletErrorKind.LimitReached]: { authenticate: 'OP_22', changebalance: 'OP_32' },
  [WalletErrorKind.GameDisabled]: { authenticate: 'OP_22', changebalance: 'OP_35' },
  [WalletErrorKind.DuplicateTransaction]: { changebalance: 'OP_40' },
  [WalletErrorKind.TransactionNotFound]: { status: 'OP_41', cancel: 'OP_41', finishround: 'OP_41' },
  [WalletErrorKind.OperationFailed]: { changebalance: 'OP_49', cancel: 'OP_49', finishround: 'OP_49' },
  [WalletErrorKind.Timeout]: {
    authenticate: 'OP_47',
    balance: 'OP_47',
    changebalance: 'OP_47',
    status: 'OP_47',
    cancel: 'OP_47',
    finishround: 'OP_47',
  },
  // A command our gateway built wrongly: nothing was applied, and only a fix of ours helps (OP_50).
  [WalletErrorKind.InvalidCommand]: {},
  [WalletErrorKind.Internal]: {
    authenticate: 'OP_50',
    balance: 'OP_50',
    changebalance: 'OP_50',
    status: 'OP_50',
    cancel: 'OP_50',
    finishround: 'OP_50',
  },
};

export function opErrorCodeForWalletError(kind: WalletErrorKind, command: OperatorCommandName): OpErrorCode {
  return WALLET_ERROR_CODES[kind][command] ?? FALLBACK_OP_ERROR_CODE;
}

/** An error answer ready for `encodeResponse`. */
export interface OperatorErrorAnswer {
  readonly errorCode: OpErrorCode;
  readonly errorMessage: string;
}

/** The wallet's message when it has one (it never holds secrets), else the code's default. */
export function operatorErrorForWalletError(error: WalletError, command: OperatorCommandName): OperatorErrorAnswer {
  const errorCode = opErrorCodeForWalletError(error.kind, command);
  return { errorCode, errorMessage: boundedErrorMessage(error.message === '' ? OP_ERRORS[errorCode].defaultMessage : error.message) };
}

export function boundedErrorMessage(message: string): string {
  const codePoints = Array.from(message);
  return codePoints.length <= ERROR_MESSAGE_LENGTH_MAX ? message : codePoints.slice(0, ERROR_MESSAGE_LENGTH_MAX).join('');
}

/**
 * What kind of request field failed to decode; each kind has its own error code below.
 * `hash` covers the envelope's hash; `other` is every remaining field, envelope included.
 */
export const FieldProblemKind = {
  Hash: 'hash',
  Token: 'token',
  Currency: 'currency',
  UserId: 'user_id',
  Other: 'other',
} as const;
export type FieldProblemKind = (typeof FieldProblemKind)[keyof typeof FieldProblemKind];

/**
 * The one table from a malformed request to an error code.
 *
 * - A field with a code of its own answers that code where the vendor lists it for the command:
 *   hash → OP_20, token → OP_21 (a malformed or missing token is an unknown token), currency →
 *   OP_30, user_id → OP_34 (no player can have a malformed id). Where it is not listed: OP_50.
 * - Any other malformed field (or envelope field) cannot become valid on a retry. On changebalance,
 *   cancel and finishround we answer OP_49, the one code that tells the platform to stop retrying;
 *   authenticate, balance and status have no such code, so they answer OP_50.
 */
const FIELD_PROBLEM_CODES: Readonly<Record<Exclude<FieldProblemKind, 'other'>, OpErrorCode>> = {
  hash: 'OP_20',
  token: 'OP_21',
  currency: 'OP_30',
  user_id: 'OP_34',
};
const MALFORMED_REQUEST_CODES: Readonly<Record<OperatorCommandName, OpErrorCode>> = {
  authenticate: 'OP_50',
  balance: 'OP_50',
  changebalance: 'OP_49',
  status: 'OP_50',
  cancel: 'OP_49',
  finishround: 'OP_49',
};

export function opErrorCodeForFieldProblem(kind: FieldProblemKind, command: OperatorCommandName): OpErrorCode {
  if (kind === FieldProblemKind.Other) {
    return MALFORMED_REQUEST_CODES[command];
  }
  const code = FIELD_PROBLEM_CODES[kind];
  return opErrorApplies(code, command) ? code : FALLBACK_OP_ERROR_CODE;
}

/**
 * What the gateway refuses at its edge, around the protocol's weak signature and under load,
 * before the wallet sees the request. The reasoning for each is in docs/security.md and
 * docs/reliability.md; the answer of each is in `EDGE_REFUSALS` below, the one place to change it.
 */
export const EdgeRefusalKind = {
  /** The source address is not in the platform's allow-list. */
  SourceNotAllowed: 'SOURCE_NOT_ALLOWED',
  /** A money-moving request for a transaction we have not seen, signed outside the freshness window. */
  StaleRequest: 'STALE_REQUEST',
  /** A WIN or REFUND above the platform's maximum for one credit, for a transaction we have not seen. */
  CreditAboveMaximum: 'CREDIT_ABOVE_MAXIMUM',
  /** The gateway cannot finish the request before the deadline: shed before it reaches the wallet. */
  Overloaded: 'OVERLOADED',
  /** The body is larger than REQUEST_BODY_BYTES_MAX: refused unread. */
  BodyTooLarge: 'BODY_TOO_LARGE',
  /** The body could not be read as bytes (a Content-Encoding we do not inflate, a broken gzip stream). */
  BodyUnreadable: 'BODY_UNREADABLE',
} as const;
export type EdgeRefusalKind = (typeof EdgeRefusalKind)[keyof typeof EdgeRefusalKind];

/** HTTP 403 with no protocol body: what an unknown caller gets, revealing nothing. */
export const ACCESS_DENIED = 'ACCESS_DENIED';

export interface EdgeRefusal {
  /** The code per command; ACCESS_DENIED for a refusal that must not answer in protocol at all. */
  readonly answer: (command: OperatorCommandName) => OpErrorCode | typeof ACCESS_DENIED;
  readonly message: string;
}

/**
 * - SOURCE_NOT_ALLOWED → 403 like a wrong operator id: checked before anything else, so an address
 *   outside the list learns nothing, not even whether its signature was right.
 * - STALE_REQUEST → OP_20: `request_timestamp` is the only changing input of the body's hash, so a
 *   hash signed outside the window is treated as a hash that does not match. Nothing is recorded:
 *   the platform's re-signed retry is applied normally.
 * - CREDIT_ABOVE_MAXIMUM → OP_49: the amount will never become acceptable, so retries must stop.
 * - OVERLOADED → OP_50: nothing was applied and a retry later may succeed, which is what OP_50 says.
 * - BODY_TOO_LARGE, BODY_UNREADABLE → the code of a malformed request (OP_49 where it stops
 *   retries, else OP_50): the same bytes will be as large (or as unreadable) on every retry. Signed
 *   with `{}` as the request passed back (it was never read), and only for a caller whose
 *   X-Authorization is right; anyone else gets 403.
 */
export const EDGE_REFUSALS: Readonly<Record<EdgeRefusalKind, EdgeRefusal>> = {
  SOURCE_NOT_ALLOWED: { answer: () => ACCESS_DENIED, message: 'Access denied' },
  STALE_REQUEST: { answer: () => OpErrorCode.InvalidHash, message: 'Invalid hash: request_timestamp is outside the accepted window' },
  CREDIT_ABOVE_MAXIMUM: { answer: () => OpErrorCode.OperationFailed, message: 'Amount above the maximum for a single credit' },
  OVERLOADED: { answer: () => OpErrorCode.InternalError, message: 'Internal error: overloaded, nothing was applied, retry later' },
  BODY_TOO_LARGE: { answer: (command) => MALFORMED_REQUEST_CODES[command], message: 'Request body too large' },
  BODY_UNREADABLE: { answer: (command) => MALFORMED_REQUEST_CODES[command], message: 'Request body unreadable' },
};
