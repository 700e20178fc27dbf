import { Controller, Get, NotFoundException, Param, Query, UseGuards, UsePipes } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { BackOfficeAuthGuard } from '../auth/back-office-auth.guard';
import { backOfficeValidationPipe } from '../http/back-office-validation.pipe';
import { decodeCursor, PAGE_SIZE_DEFAULT, toPage, type Page } from '../http/pagination';
import { PlayerIdParam } from '../players/player.dto';
import { RoundsQuery, RoundView, TransactionsQuery, TransactionView } from './history.dto';
import { BackOfficeApi } from '../http/api-errors.decorator';

const ISO = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * A player's history, newest first, in pages with a stable keyset cursor (created_at, id): rows
 * written while someone pages never shift or repeat what they see.
 */
@ApiTags('history')
@BackOfficeApi()
@Controller('back-office/v1/players/:playerId')
@UseGuards(BackOfficeAuthGuard)
@UsePipes(backOfficeValidationPipe)
export class HistoryController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Game transactions (BET, WIN, REFUND; applied, refused or canceled) and cashier operations. */
  @Get('transactions')
  async transactions(@Param() { playerId }: PlayerIdParam, @Query() query: TransactionsQuery): Promise<Page<TransactionView>> {
    await this.assertPlayer(playerId);
    const limit = query.limit ?? PAGE_SIZE_DEFAULT;
    const cursor = decodeCursor(query.cursor);
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
    if (cursor) {
      parameters.push(cursor.createdAt, cursor.id);
      where.push(`(created_at, cursor_id) < ($${parameters.length - 1}::timestamptz, $${parameters.length})`);
    }
    parameters.push(limit + 1);
    const rows = (await this.dataSource.query(
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
    return toPage(rows, limit);
  }

  @Get('rounds')
  async rounds(@Param() { playerId }: PlayerIdParam, @Query() query: RoundsQuery): Promise<Page<RoundView>> {
    await this.assertPlayer(playerId);
    const limit = query.limit ?? PAGE_SIZE_DEFAULT;
    const cursor = decodeCursor(query.cursor);
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
    if (cursor) {
      parameters.push(cursor.createdAt, cursor.id);
      where.push(`(r.created_at, r.platform_id || '|' || r.round_id) < ($${parameters.length - 1}::timestamptz, $${parameters.length})`);
    }
    parameters.push(limit + 1);
    const rows = (await this.dataSource.query(
      `SELECT r.platform_id AS "platformId", r.round_id AS "roundId", r.game_id AS "gameId", r.currency, r.status,
              r.bet_total::text AS "betTotal", r.win_total::text AS "winTotal", r.refund_total::text AS "refundTotal",
              ${ISO('r.created_at')} AS "createdAt", CASE WHEN r.finished_at IS NULL THEN NULL ELSE ${ISO('r.finished_at')} END AS "finishedAt",
              r.platform_id || '|' || r.round_id AS "cursorId"
         FROM game_rounds r WHERE ${where.join(' AND ')}
        ORDER BY r.created_at DESC, r.platform_id || '|' || r.round_id DESC
        LIMIT $${parameters.length}`,
      parameters,
    )) as Array<RoundView & { cursorId: string }>;
    return toPage(rows, limit);
  }

  private async assertPlayer(playerId: string): Promise<void> {
    const rows = (await this.dataSource.query(`SELECT 1 FROM players WHERE id = $1`, [playerId])) as unknown[];
    if (rows.length === 0) throw new NotFoundException({ error: 'player_not_found', message: `no player ${playerId}` });
  }
}
