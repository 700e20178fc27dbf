import type { GameTransactionStatus, GameTransactionType, WalletErrorKind } from '@wallet-platform/contracts';

/** A row of `game_transactions` as the wallet reads it (numeric columns as decimal text). */
export interface GameTransactionRecord {
  readonly id: string;
  readonly userId: string;
  readonly playerId: string | null;
  /** Null for a cancel mark: a cancel that came before (or instead of) the transaction. */
  readonly type: GameTransactionType | null;
  readonly amount: string | null;
  readonly currency: string | null;
  readonly gameId: string | null;
  readonly roundId: string | null;
  readonly status: GameTransactionStatus;
  readonly errorKind: WalletErrorKind | null;
  readonly balanceAfter: string | null;
}

export const GAME_TRANSACTION_COLUMNS = `
  id, user_id AS "userId", player_id AS "playerId", type, amount::text AS amount, currency,
  game_id AS "gameId", round_id AS "roundId", status, error_kind AS "errorKind",
  balance_after::text AS "balanceAfter"`;
