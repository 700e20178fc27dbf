/**
 * Why a wallet command was refused, as a value. The wallet decides these; each protocol adapter
 * maps them to its own codes in one table (for the Operator API: libs/operator-api).
 */
export const WalletErrorKind = {
  InvalidToken: 'INVALID_TOKEN',
  AuthorizationFailed: 'AUTHORIZATION_FAILED',
  PlayerNotFound: 'PLAYER_NOT_FOUND',
  PlayerBlocked: 'PLAYER_BLOCKED',
  CurrencyMismatch: 'CURRENCY_MISMATCH',
  InsufficientFunds: 'INSUFFICIENT_FUNDS',
  LimitReached: 'LIMIT_REACHED',
  GameDisabled: 'GAME_DISABLED',
  DuplicateTransaction: 'DUPLICATE_TRANSACTION',
  TransactionNotFound: 'TRANSACTION_NOT_FOUND',
  OperationFailed: 'OPERATION_FAILED',
  Timeout: 'TIMEOUT',
  /** The command itself is malformed (it broke the command schema): a bug of the requester. */
  InvalidCommand: 'INVALID_COMMAND',
  Internal: 'INTERNAL',
} as const;
export type WalletErrorKind = (typeof WalletErrorKind)[keyof typeof WalletErrorKind];

export interface WalletError {
  readonly kind: WalletErrorKind;
  /** Free text for logs and the protocol's error message; never contains secrets. */
  readonly message: string;
}
