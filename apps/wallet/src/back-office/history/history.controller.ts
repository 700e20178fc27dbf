import { Controller, Get, Param, Query, UseGuards, UsePipes } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { decodeCursor, PAGE_SIZE_DEFAULT, toPage, type Page } from '../http/pagination';
import { PlayerIdParam } from '../players/player.dto';
import { PlayersStore } from '../players/players.store';
import { RoundsQuery, RoundView, TransactionsQuery, TransactionView } from './history.dto';
import { HistoryStore } from './history.store';
import { BackOfficeApi } from '../http/api-errors.decorator';
import { BackOfficeAuthGuard, backOfficeValidationPipe } from '@wallet-platform/service-kit';

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
  constructor(
    private readonly history: HistoryStore,
    private readonly players: PlayersStore,
  ) {}

  /** Game transactions (BET, WIN, REFUND; applied, refused or canceled) and cashier operations. */
  @Get('transactions')
  async transactions(@Param() { playerId }: PlayerIdParam, @Query() query: TransactionsQuery): Promise<Page<TransactionView>> {
    await this.players.assertExists(playerId);
    const limit = query.limit ?? PAGE_SIZE_DEFAULT;
    const rows = await this.history.transactions(playerId, { from: query.from, to: query.to, type: query.type, gameId: query.gameId, status: query.status, cursor: decodeCursor(query.cursor), limit });
    return toPage(rows, limit);
  }

  @Get('rounds')
  async rounds(@Param() { playerId }: PlayerIdParam, @Query() query: RoundsQuery): Promise<Page<RoundView>> {
    await this.players.assertExists(playerId);
    const limit = query.limit ?? PAGE_SIZE_DEFAULT;
    const rows = await this.history.rounds(playerId, { from: query.from, to: query.to, gameId: query.gameId, status: query.status, cursor: decodeCursor(query.cursor), limit });
    return toPage(rows, limit);
  }
}
