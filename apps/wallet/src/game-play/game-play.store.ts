import type { EntityManager } from 'typeorm';
import { GameTransactionStatus } from '@wallet-platform/contracts';
import { GAME_TRANSACTION_COLUMNS, type GameTransactionRecord } from './game-transaction.record';

/** Identifies a platform transaction: the idempotency key of the Operator API. */
export interface TransactionKey {
  readonly platformId: string;
  readonly operatorId: string;
  readonly transactionId: string;
}

/**
 * SQL of game play's single commands (status, finish-round). The money commands' SQL, a batch at
 * a time, is in play-store.ts.
 */
export async function findGameTransaction(manager: EntityManager, key: TransactionKey): Promise<GameTransactionRecord | null> {
  const rows = (await manager.query(
    `SELECT ${GAME_TRANSACTION_COLUMNS} FROM game_transactions WHERE platform_id = $1 AND operator_id = $2 AND transaction_id = $3`,
    [key.platformId, key.operatorId, key.transactionId],
  )) as GameTransactionRecord[];
  return rows[0] ?? null;
}

/** Marks a round finished; false if this player has no such round. Finishing twice is fine. */
export async function finishRound(manager: EntityManager, platformId: string, operatorId: string, roundId: string, playerId: string): Promise<{ gameId: string } | null> {
  const rows = (await manager.query(
    `UPDATE game_rounds SET status = 'finished', finished_at = COALESCE(finished_at, now())
      WHERE platform_id = $1 AND operator_id = $2 AND round_id = $3 AND player_id = $4
      RETURNING game_id AS "gameId"`,
    [platformId, operatorId, roundId, playerId],
  )) as [Array<{ gameId: string }>, number];
  return rows[0][0] ?? null;
}

export { GameTransactionStatus };
