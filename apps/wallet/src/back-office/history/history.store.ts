import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { PageCursor } from '../http/pagination';
import type { RoundView, TransactionView } from './history.dto';

const ISO = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

export interface HistoryFilter {
  readonly from?: string;
  readonly to?: string;
  readonly gameId?: string;
  readonly status?: string;
  readonly cursor: PageCursor | null;
  readonly limit: number;
}

/** The SQL of a player's history: `limit + 1` rows, newest first, after the cursor. */
@Injectable()
export class HistoryStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async transactions(playerId: string, query: HistoryFilter & { readonly type?: string }): Promise<Array<TransactionView & { cursorId: string }>> {
    const parameters: unknown[] = [playerId];
    const where: string[] = [];
    const add = (sql: string, value: unknown) => {
      parameters.push(value);
      where.push(sql.replace(/\?/g, `$${parameters.length}`));
    };
    if (query.from) add('created_at >= ?::timestamptz', query.from);
    if (query.to) add('created_at < ?::timestamptz', query.to);
    if (query.type) add('type = ?', query.type);
    if (query.gameId) add('game_id = ?', query.gameId);
    if (query.status) add('status = ?', query.status);
    if (query.cursor) {
      parameters.push(query.cursor.createdAt, query.cursor.id);
      where.push(`(created_at, cursor_id) < ($${parameters.length - 1}::timestamptz, $${parameters.length})`);
    }
    parameters.push(query.limit + 1);
    return (await this.dataSource.query(
      `SELECT source, type, reference, "platformId", "roundId", "gameId", amount, currency, status, "errorKind", "balanceAfter",
              ${ISO('created_at')} AS "createdAt", cursor_id AS "cursorId"
         FROM (
           SELECT 'game' AS source, g.type, g.transaction_id AS reference, g.platform_id AS "platformId", g.round_id AS "roundId",
                  g.game_id AS game_id, g.game_id AS "gameId",
                  (CASE WHEN g.status = 'ERROR' THEN 0 WHEN g.type = 'BET' THEN -g.amount ELSE g.amount END)::numeric(18,2)::text AS amount,
                  g.currency, g.status, g.error_kind AS "errorKind", g.balance_after::text AS "balanceAfter", g.created_at, g.id::text AS cursor_id
             FROM game_transactions g WHERE g.player_id = $1 AND g.type IS NOT NULL
           UNION ALL
           SELECT 'cashier', upper(c.kind), c.id::text, NULL, NULL, NULL, NULL, c.amount::text, c.currency, 'OK', NULL,
                  c.balance_after::text, c.created_at, c.id::text
             FROM cashier_operations c WHERE c.player_id = $1
         ) history
        ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
        ORDER BY created_at DESC, cursor_id DESC
        LIMIT $${parameters.length}`,
      parameters,
    )) as Array<TransactionView & { cursorId: string }>;
  }

  async rounds(playerId: string, query: HistoryFilter): Promise<Array<RoundView & { cursorId: string }>> {
    const parameters: unknown[] = [playerId];
    const where: string[] = ['r.player_id = $1'];
    const add = (sql: string, value: unknown) => {
      parameters.push(value);
      where.push(sql.replace(/\?/g, `$${parameters.length}`));
    };
    if (query.from) add('r.created_at >= ?::timestamptz', query.from);
    if (query.to) add('r.created_at < ?::timestamptz', query.to);
    if (query.gameId) add('r.game_id = ?', query.gameId);
    if (query.status) add('r.status = ?', query.status);
    if (query.cursor) {
      parameters.push(query.cursor.createdAt, query.cursor.id);
      where.push(`(r.created_at, r.platform_id || '|' || r.round_id) < ($${parameters.length - 1}::timestamptz, $${parameters.length})`);
    }
    parameters.push(query.limit + 1);
    return (await this.dataSource.query(
      `SELECT r.platform_id AS "platformId", r.round_id AS "roundId", r.game_id AS "gameId", r.currency, r.status,
              r.bet_total::text AS "betTotal", r.win_total::text AS "winTotal", r.refund_total::text AS "refundTotal",
              ${ISO('r.created_at')} AS "createdAt", CASE WHEN r.finished_at IS NULL THEN NULL ELSE ${ISO('r.finished_at')} END AS "finishedAt",
              r.platform_id || '|' || r.round_id AS "cursorId"
         FROM game_rounds r WHERE ${where.join(' AND ')}
        ORDER BY r.created_at DESC, r.platform_id || '|' || r.round_id DESC
        LIMIT $${parameters.length}`,
      parameters,
    )) as Array<RoundView & { cursorId: string }>;
  }
}
