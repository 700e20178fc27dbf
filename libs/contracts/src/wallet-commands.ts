import type { WalletError } from './wallet-errors';

/**
 * The wallet's command API, as carried over Kafka. Money and ids are decimal strings, never
 * numbers: a 20-digit transaction id or an amount must survive every hop exactly.
 */
export const WalletCommandType = {
  Balance: 'wallet.balance',
} as const;
export type WalletCommandType = (typeof WalletCommandType)[keyof typeof WalletCommandType];

/** Who asks: the game platform (provider) and the operator id it called us with. */
export interface PlatformCaller {
  readonly platformId: string;
  readonly operatorId: string;
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

export interface WalletCommands {
  [WalletCommandType.Balance]: { command: BalanceCommand; result: BalanceResult };
}

export type WalletReply<TResult> =
  | { readonly ok: true; readonly result: TResult }
  | { readonly ok: false; readonly error: WalletError };
