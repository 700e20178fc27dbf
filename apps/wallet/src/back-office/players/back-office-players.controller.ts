import { Body, ConflictException, Controller, Get, HttpCode, NotFoundException, Param, Post, Query, UseGuards, UsePipes } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AdminOnly, BackOfficeAuthGuard } from '../auth/back-office-auth.guard';
import { backOfficeValidationPipe } from '../http/back-office-validation.pipe';
import { decodeCursor, PAGE_SIZE_DEFAULT, toPage, type Page } from '../http/pagination';
import { CreatePlayerRequest, PlayerIdParam, PlayerView, SearchPlayersQuery } from './player.dto';
import { BackOfficeApi } from '../http/api-errors.decorator';

const PLAYER_VIEW_SQL = `
  SELECT p.id AS "playerId", p.operator_id AS "operatorId", p.user_id AS "userId", p.user_name AS "userName",
         p.display_name AS "displayName", p.country, p.currency, p.player_group AS "group", p.status,
         COALESCE(a.balance, 0)::numeric(18,2)::text AS balance,
         to_char(p.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "createdAt", p.id::text AS "cursorId"
    FROM players p
    LEFT JOIN accounts a ON a.kind = 'player' AND a.player_id = p.id AND a.currency = p.currency`;

@ApiTags('players')
@BackOfficeApi()
@Controller('back-office/v1/players')
@UseGuards(BackOfficeAuthGuard)
@UsePipes(backOfficeValidationPipe)
export class BackOfficePlayersController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Creates a player and their account in their currency (balance 0). */
  @Post()
  @AdminOnly()
  @ApiCreatedResponse({ type: PlayerView })
  async create(@Body() request: CreatePlayerRequest): Promise<PlayerView> {
    return this.dataSource.transaction(async (manager) => {
      const inserted = (await manager.query(
        `INSERT INTO players (operator_id, user_id, user_name, display_name, country, currency, player_group, status)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'active')
         ON CONFLICT (operator_id, user_id) DO NOTHING RETURNING id`,
        [request.operatorId, request.userId, request.userName, request.displayName ?? null, request.country, request.currency, request.group ?? null],
      )) as Array<{ id: string }>;
      if (inserted.length === 0) {
        throw new ConflictException({ error: 'player_exists', message: `operator ${request.operatorId} already has a player ${request.userId}` });
      }
      await manager.query(`INSERT INTO accounts (kind, operator_id, currency, player_id, balance) VALUES ('player', $1, $2, $3, 0)`, [
        request.operatorId,
        request.currency,
        inserted[0].id,
      ]);
      const [view] = (await manager.query(`${PLAYER_VIEW_SQL} WHERE p.id = $1`, [inserted[0].id])) as Array<PlayerView & { cursorId: string }>;
      return withoutCursor(view);
    });
  }

  @Get(':playerId')
  @ApiOkResponse({ type: PlayerView })
  async read(@Param() { playerId }: PlayerIdParam): Promise<PlayerView> {
    return withoutCursor(await this.find(playerId));
  }

  /** Newest first; `q` matches a user id exactly or a user id / user name prefix. */
  @Get()
  async search(@Query() query: SearchPlayersQuery): Promise<Page<PlayerView>> {
    const limit = query.limit ?? PAGE_SIZE_DEFAULT;
    const cursor = decodeCursor(query.cursor, 'uuid');
    const conditions: string[] = [];
    const parameters: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      parameters.push(value);
      conditions.push(sql.replace('?', `$${parameters.length}`));
    };
    if (query.operatorId) add('p.operator_id = ?', query.operatorId);
    if (query.status) add('p.status = ?', query.status);
    if (query.q) {
      const prefix = `${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      parameters.push(prefix);
      conditions.push(`(p.user_id LIKE $${parameters.length} OR p.user_name LIKE $${parameters.length})`);
    }
    if (cursor) {
      parameters.push(cursor.createdAt, cursor.id);
      conditions.push(`(p.created_at, p.id) < ($${parameters.length - 1}::timestamptz, $${parameters.length}::uuid)`);
    }
    parameters.push(limit + 1);
    const rows = (await this.dataSource.query(
      `${PLAYER_VIEW_SQL} ${conditions.length ? 'WHERE ' + conditions.join(' AND ') : ''} ORDER BY p.created_at DESC, p.id DESC LIMIT $${parameters.length}`,
      parameters,
    )) as Array<PlayerView & { cursorId: string }>;
    return toPage(rows, limit);
  }

  /** A blocked player cannot bet (OP_33) nor open sessions; wins owed are still paid. */
  @Post(':playerId/block')
  @AdminOnly()
  @HttpCode(200)
  async block(@Param() { playerId }: PlayerIdParam): Promise<PlayerView> {
    return this.setStatus(playerId, 'blocked');
  }

  @Post(':playerId/unblock')
  @AdminOnly()
  @HttpCode(200)
  async unblock(@Param() { playerId }: PlayerIdParam): Promise<PlayerView> {
    return this.setStatus(playerId, 'active');
  }

  private async setStatus(playerId: string, status: 'active' | 'blocked'): Promise<PlayerView> {
    await this.find(playerId);
    await this.dataSource.query(`UPDATE players SET status = $2 WHERE id = $1`, [playerId, status]);
    return withoutCursor(await this.find(playerId));
  }

  private async find(playerId: string): Promise<PlayerView & { cursorId: string }> {
    const [view] = (await this.dataSource.query(`${PLAYER_VIEW_SQL} WHERE p.id = $1`, [playerId])) as Array<PlayerView & { cursorId: string }>;
    if (!view) throw new NotFoundException({ error: 'player_not_found', message: `no player ${playerId}` });
    return view;
  }
}

function withoutCursor<T extends { cursorId: string }>(view: T): Omit<T, 'cursorId'> {
  const { cursorId: _cursorId, ...rest } = view;
  return rest;
}
