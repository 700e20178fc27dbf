import type { DataSource } from 'typeorm';
import { transferHousePurposes } from '../transfers/transfer-state';
import type { AggregatorBalanceDriftReport } from './balance-drift-check';

/** A player as the check sees them: what our transfer records put at the aggregator for them. */
export interface DriftPlayer {
  readonly playerId: string;
  readonly operatorId: string;
  readonly currency: string;
  readonly username: string;
  /**
   * The player's part of the held account by our records: posted deposits − posted withdrawals −
   * open withdrawals (a withdraw moves its money out of held when it opens).
   */
  readonly share: string;
  /** Transfers of the player there, and how many are open: the check's version of the player. */
  readonly transfers: number;
  readonly open: number;
}

/** Σ of a player's game play in the history entries received before `cutoff` (a whole millisecond). */
export interface PlayCheckpoint {
  readonly playBefore: string;
  readonly cutoff: Date;
}

export interface DriftRowTotals {
  readonly operatorId: string;
  readonly currency: string;
  readonly amount: string;
}

const SHARE_SQL = `COALESCE(SUM(CASE
    WHEN state = 'posted' AND direction = 'deposit' THEN amount
    WHEN state = 'posted' AND direction = 'withdraw' THEN -amount
    WHEN state IN ('pending', 'sending', 'unknown') AND direction = 'withdraw' THEN -amount
    ELSE 0 END), 0)::text`;

/** The balance check's SQL: reads of our transfer records and ledger, and the last result of each aggregator. */
export class BalanceDriftStore {
  constructor(private readonly dataSource: DataSource) {}

  /** Every player with a transfer there (at most `limit`), by operator, currency and player. */
  async players(aggregatorId: string, limit: number): Promise<DriftPlayer[]> {
    return (await this.dataSource.query(
      `SELECT player_id AS "playerId", operator_id AS "operatorId", currency, aggregator_username AS username, ${SHARE_SQL} AS share,
              count(*)::int AS transfers, count(*) FILTER (WHERE state IN ('pending', 'sending', 'unknown'))::int AS open
         FROM aggregator_transfers WHERE aggregator_id = $1
        GROUP BY player_id, operator_id, currency, aggregator_username ORDER BY operator_id, currency, player_id, aggregator_username LIMIT $2`,
      [aggregatorId, limit],
    )) as DriftPlayer[];
  }

  /** The player's transfers there now (a change since `players` means a transfer moved during the check). */
  async version(aggregatorId: string, playerId: string, username: string): Promise<{ transfers: number; open: number }> {
    const [row] = (await this.dataSource.query(
      `SELECT count(*)::int AS transfers, count(*) FILTER (WHERE state IN ('pending', 'sending', 'unknown'))::int AS open
         FROM aggregator_transfers WHERE aggregator_id = $1 AND player_id = $2 AND aggregator_username = $3`,
      [aggregatorId, playerId, username],
    )) as Array<{ transfers: number; open: number }>;
    return row ?? { transfers: 0, open: 0 };
  }

  /**
   * The held account by our transfer records (Σ of every player's share) and in the ledger, by
   * operator and currency, from one snapshot: a posting between two separate reads would show as
   * a difference that is not there.
   */
  async heldTotals(aggregatorId: string): Promise<{ byTransfers: DriftRowTotals[]; inLedger: DriftRowTotals[] }> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => ({
      byTransfers: (await manager.query(
        `SELECT operator_id AS "operatorId", currency, ${SHARE_SQL} AS amount FROM aggregator_transfers WHERE aggregator_id = $1 GROUP BY operator_id, currency`,
        [aggregatorId],
      )) as DriftRowTotals[],
      inLedger: (await manager.query(
        `SELECT a.operator_id AS "operatorId", a.currency, COALESCE(SUM(e.amount), 0)::text AS amount
           FROM accounts a LEFT JOIN ledger_entries e ON e.account_id = a.id
          WHERE a.kind = 'house' AND a.house_purpose = $1 GROUP BY a.operator_id, a.currency`,
        [transferHousePurposes(aggregatorId).held],
      )) as DriftRowTotals[],
    }));
  }

  /** The player's play checkpoint there, or null before their first complete history walk. */
  async playCheckpoint(aggregatorId: string, player: DriftPlayer): Promise<PlayCheckpoint | null> {
    const rows = (await this.dataSource.query(
      `SELECT play_before::text AS "playBefore", play_before_cutoff AS cutoff FROM aggregator_play_checkpoints
        WHERE aggregator_id = $1 AND player_id = $2 AND aggregator_username = $3 AND currency = $4`,
      [aggregatorId, player.playerId, player.username, player.currency],
    )) as Array<{ playBefore: string; cutoff: Date }>;
    const row = rows[0];
    return row ? { playBefore: row.playBefore, cutoff: row.cutoff } : null;
  }

  /** A later checkpoint replaces an earlier one, never the reverse (two passes may overlap). */
  async savePlayCheckpoint(aggregatorId: string, player: DriftPlayer, checkpoint: PlayCheckpoint): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO aggregator_play_checkpoints (aggregator_id, player_id, aggregator_username, currency, play_before, play_before_cutoff) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (aggregator_id, player_id, aggregator_username, currency) DO UPDATE
         SET play_before = EXCLUDED.play_before, play_before_cutoff = EXCLUDED.play_before_cutoff, updated_at = now()
       WHERE aggregator_play_checkpoints.play_before_cutoff <= EXCLUDED.play_before_cutoff`,
      [aggregatorId, player.playerId, player.username, player.currency, checkpoint.playBefore, checkpoint.cutoff],
    );
  }

  async saveLast(report: AggregatorBalanceDriftReport): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO aggregator_balance_checks (aggregator_id, checked_at, drift_found, result) VALUES ($1, $2, $3, $4)
       ON CONFLICT (aggregator_id) DO UPDATE SET checked_at = EXCLUDED.checked_at, drift_found = EXCLUDED.drift_found, result = EXCLUDED.result
        WHERE aggregator_balance_checks.checked_at <= EXCLUDED.checked_at`,
      [report.aggregatorId, report.checkedAt, report.rows.some((row) => row.drift !== '0.00'), JSON.stringify(report)],
    );
  }

  async last(aggregatorId: string): Promise<AggregatorBalanceDriftReport | null> {
    const rows = (await this.dataSource.query(`SELECT result FROM aggregator_balance_checks WHERE aggregator_id = $1`, [aggregatorId])) as Array<{ result: AggregatorBalanceDriftReport }>;
    return rows[0]?.result ?? null;
  }
}
