import type { CurrencyCode, Money } from '@wallet-platform/money';

/** The gameplay commands the platform POSTs to us (ping is a bare GET and has no body). */
export const OperatorCommandName = {
  Authenticate: 'authenticate',
  Balance: 'balance',
  ChangeBalance: 'changebalance',
  Status: 'status',
  Cancel: 'cancel',
  FinishRound: 'finishround',
} as const;
export type OperatorCommandName = (typeof OperatorCommandName)[keyof typeof OperatorCommandName];
export const OPERATOR_COMMAND_NAMES: readonly OperatorCommandName[] = Object.values(OperatorCommandName);

export function isOperatorCommandName(text: string): text is OperatorCommandName {
  return (OPERATOR_COMMAND_NAMES as readonly string[]).includes(text);
}

export const TransactionType = { Bet: 'BET', Win: 'WIN', Refund: 'REFUND' } as const;
export type TransactionType = (typeof TransactionType)[keyof typeof TransactionType];
export const TRANSACTION_TYPES: readonly TransactionType[] = Object.values(TransactionType);

/**
 * A platform id (transaction_id, round_id, game_id, ticket_id): its decimal digits as text, with
 * no sign and no leading zeros, so that equal ids are equal strings. Up to 20 digits, beyond
 * JavaScript's safe integers: it is never converted to a number.
 */
export type PlatformIdText = string;
/** A UTC timestamp in the protocol's `Y-m-d H:i:s` form, e.g. "2020-12-01 13:44:54". */
export type OperatorTimestampText = string;
/** A `YYYY-MM-DD` date as the platform sends it (shape only, see the decoder). */
export type OperatorDateText = string;
/** Unix time in milliseconds as decimal digits, e.g. "1606822496000". */
export type UnixTimestampMsText = string;

export interface AuthenticateCommand {
  readonly name: typeof OperatorCommandName.Authenticate;
  readonly token: string;
}

export interface BalanceCommand {
  readonly name: typeof OperatorCommandName.Balance;
  readonly token: string;
  readonly userId: string;
  readonly currencyCode: CurrencyCode;
}

export interface ChangeBalanceContext {
  readonly reason: string;
  /** Scale 4; null when the platform sent none (only poker WINs carry rake). */
  readonly rake: Money | null;
  /** Null when absent: the vendor lists it as required, but its own example omits it. */
  readonly historyId: string | null;
  readonly campaignCode: string | null;
  readonly ticketId: PlatformIdText | null;
}

export interface ChangeBalanceCommand {
  readonly name: typeof OperatorCommandName.ChangeBalance;
  /** Null is allowed for WIN and REFUND only: those must be paid after the session has ended. */
  readonly token: string | null;
  readonly userId: string;
  readonly transactionType: TransactionType;
  readonly transactionId: PlatformIdText;
  readonly roundId: PlatformIdText;
  /** Null when the vendor does not know (sent as null, or omitted since v2.11). */
  readonly roundFinished: boolean | null;
  readonly gameId: PlatformIdText;
  readonly currencyCode: CurrencyCode;
  /** Scale 2, never negative: the transaction type, not the sign, says which way money moves. */
  readonly amount: Money;
  readonly transactionTimestamp: OperatorTimestampText;
  readonly context: ChangeBalanceContext;
}

export interface StatusCommand {
  readonly name: typeof OperatorCommandName.Status;
  readonly userId: string;
  readonly transactionId: PlatformIdText;
  readonly transactionType: TransactionType;
  readonly transactionDate: OperatorDateText;
  readonly transactionTimestampMs: UnixTimestampMsText;
  readonly roundId: PlatformIdText;
}

export interface CancelCommand {
  readonly name: typeof OperatorCommandName.Cancel;
  readonly userId: string;
  readonly transactionId: PlatformIdText;
  readonly roundId: PlatformIdText;
  readonly roundFinished: boolean | null;
  readonly gameId: PlatformIdText;
}

export interface FinishRoundCommand {
  readonly name: typeof OperatorCommandName.FinishRound;
  readonly roundId: PlatformIdText;
  readonly userId: string;
  readonly gameId: PlatformIdText;
  readonly roundDate: OperatorDateText;
  readonly roundTimestampMs: UnixTimestampMsText;
}

export type OperatorCommand =
  | AuthenticateCommand
  | BalanceCommand
  | ChangeBalanceCommand
  | StatusCommand
  | CancelCommand
  | FinishRoundCommand;
