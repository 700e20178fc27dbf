import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards, UsePipes } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { BackOfficeApi } from '../http/api-errors.decorator';
import { decodeCursor, PAGE_SIZE_DEFAULT, toPage, type Page } from '../http/pagination';
import { CreatePlayerRequest, PlayerIdParam, PlayerView, SearchPlayersQuery } from './player.dto';
import { PlayersStore } from './players.store';
import { AdminOnly, BackOfficeAuthGuard, backOfficeValidationPipe } from '@wallet-platform/service-kit';

@ApiTags('players')
@BackOfficeApi()
@Controller('back-office/v1/players')
@UseGuards(BackOfficeAuthGuard)
@UsePipes(backOfficeValidationPipe)
export class BackOfficePlayersController {
  constructor(private readonly players: PlayersStore) {}

  /** Creates a player and their account in their currency (balance 0). */
  @Post()
  @AdminOnly()
  @ApiCreatedResponse({ type: PlayerView })
  async create(@Body() request: CreatePlayerRequest): Promise<PlayerView> {
    return withoutCursor(await this.players.create(request));
  }

  @Get(':playerId')
  @ApiOkResponse({ type: PlayerView })
  async read(@Param() { playerId }: PlayerIdParam): Promise<PlayerView> {
    return withoutCursor(await this.players.find(playerId));
  }

  /** Newest first; `q` matches a user id exactly or a user id / user name prefix. */
  @Get()
  async search(@Query() query: SearchPlayersQuery): Promise<Page<PlayerView>> {
    const limit = query.limit ?? PAGE_SIZE_DEFAULT;
    const rows = await this.players.search({ operatorId: query.operatorId, status: query.status, q: query.q, cursor: decodeCursor(query.cursor, 'uuid'), limit });
    return toPage(rows, limit);
  }

  /** A blocked player cannot bet (OP_33) nor open sessions; wins owed are still paid. */
  @Post(':playerId/block')
  @AdminOnly()
  @HttpCode(200)
  async block(@Param() { playerId }: PlayerIdParam): Promise<PlayerView> {
    return withoutCursor(await this.players.setStatus(playerId, 'blocked'));
  }

  @Post(':playerId/unblock')
  @AdminOnly()
  @HttpCode(200)
  async unblock(@Param() { playerId }: PlayerIdParam): Promise<PlayerView> {
    return withoutCursor(await this.players.setStatus(playerId, 'active'));
  }
}

function withoutCursor<T extends { cursorId: string }>(view: T): Omit<T, 'cursorId'> {
  const { cursorId: _cursorId, ...rest } = view;
  return rest;
}
