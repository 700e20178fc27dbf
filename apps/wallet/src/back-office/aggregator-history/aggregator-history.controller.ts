import { BadRequestException, Controller, Get, Inject, Param, Query, UseGuards, UsePipes } from '@nestjs/common';
import { ApiBadGatewayResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AggregatorGameLogRequest } from '@wallet-platform/aggregator-client';
import { BackOfficeAuthGuard, backOfficeValidationPipe } from '@wallet-platform/service-kit';
import { TRANSFER_AGGREGATORS, type TransferAggregators } from '../../transfers/transfer-aggregators';
import { BackOfficeApi } from '../http/api-errors.decorator';
import {
  AGGREGATOR_HISTORY_PER_PAGE_DEFAULT,
  AggregatorGameLogQuery,
  AggregatorGameLogView,
  AggregatorHistoryQuery,
  AggregatorHistoryView,
  PlayerAggregatorParams,
} from './aggregator-history.dto';
import { aggregatorHttpErrorOf } from './aggregator-http-errors';
import { AggregatorPlayersStore } from './aggregator-players.store';

/**
 * A player's history and game logs at a transfer-wallet aggregator, read from the aggregator
 * itself (nothing of it is stored here) for support. Read-only: any key may call it.
 * 404 `player_not_found`, `aggregator_not_configured`, `aggregator_player_not_found` (never created
 * there); 502 `aggregator_refused` (with the aggregator's code), `aggregator_unavailable`,
 * `aggregator_bad_response`.
 */
@ApiTags('aggregator-history')
@BackOfficeApi()
@ApiNotFoundResponse({ description: '`player_not_found`, `aggregator_not_configured`, `aggregator_player_not_found`' })
@ApiBadGatewayResponse({ description: '`{error: aggregator_refused | aggregator_unavailable | aggregator_bad_response, aggregatorId, call, code?, message}`' })
@Controller('back-office/v1/players/:playerId/aggregators/:aggregatorId')
@UseGuards(BackOfficeAuthGuard)
@UsePipes(backOfficeValidationPipe)
export class AggregatorHistoryController {
  constructor(
    private readonly players: AggregatorPlayersStore,
    @Inject(TRANSFER_AGGREGATORS) private readonly aggregators: TransferAggregators,
  ) {}

  /** One page of the player's history there, grouped by currency as the aggregator groups it. */
  @Get('history')
  @ApiOkResponse({ type: AggregatorHistoryView })
  async history(@Param() { playerId, aggregatorId }: PlayerAggregatorParams, @Query() query: AggregatorHistoryQuery): Promise<AggregatorHistoryView> {
    try {
      const aggregator = this.aggregators.get(aggregatorId);
      const username = await this.players.usernameAt(aggregator, playerId);
      const answer = await aggregator.client.history({
        username,
        page: query.page ?? 1,
        perPage: query.perPage ?? AGGREGATOR_HISTORY_PER_PAGE_DEFAULT,
        from: query.from ?? null,
        to: query.to ?? null,
        ...(query.gameId === undefined ? {} : { gameId: query.gameId }),
        ...(query.roundId === undefined ? {} : { roundId: query.roundId }),
      });
      return {
        aggregatorId,
        username,
        page: answer.paging.page,
        perPage: answer.paging.perPage,
        hasNext: answer.paging.hasNext,
        currencyGroups: answer.currencyGroups.map((group) => ({ currency: group.currency, items: [...group.items] })),
      };
    } catch (error) {
      throw aggregatorHttpErrorOf(error);
    }
  }

  /**
   * One round's game log: by `historyId`, or by `gameId` + `roundId` under the player's own
   * username. `view.logType` says which of the document's log types it is.
   */
  @Get('game-logs')
  @ApiOkResponse({ type: AggregatorGameLogView })
  async gameLogs(@Param() { playerId, aggregatorId }: PlayerAggregatorParams, @Query() query: AggregatorGameLogQuery): Promise<AggregatorGameLogView> {
    const valid = query.historyId !== undefined ? query.gameId === undefined && query.roundId === undefined : query.gameId !== undefined && query.roundId !== undefined;
    if (!valid) {
      throw new BadRequestException({ error: 'validation_failed', fields: [{ field: 'historyId', problems: ['give historyId, or gameId and roundId (not both)'] }] });
    }
    try {
      const aggregator = this.aggregators.get(aggregatorId);
      const username = await this.players.usernameAt(aggregator, playerId);
      const request: AggregatorGameLogRequest =
        query.historyId !== undefined ? { historyId: query.historyId } : { gameId: String(query.gameId), roundId: String(query.roundId), username };
      const log = await aggregator.client.gameLogs(request);
      return { aggregatorId, username, ...log, view: { ...log.view }, transactions: [...log.transactions] };
    } catch (error) {
      throw aggregatorHttpErrorOf(error);
    }
  }
}
