import { Body, Controller, Get, Param, Put, UseGuards, UsePipes } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { BackOfficeApi } from '../http/api-errors.decorator';
import { PlayerLimitsRequest, PlayerLimitsView } from './limits.dto';
import { PlayerIdParam } from './player.dto';
import { PlayersStore } from './players.store';
import { AdminOnly, BackOfficeAuthGuard, backOfficeValidationPipe } from '@wallet-platform/service-kit';

@ApiTags('limits')
@BackOfficeApi()
@Controller('back-office/v1/players/:playerId/limits')
@UseGuards(BackOfficeAuthGuard)
@UsePipes(backOfficeValidationPipe)
export class LimitsController {
  constructor(private readonly players: PlayersStore) {}

  @Get()
  read(@Param() { playerId }: PlayerIdParam): Promise<PlayerLimitsView> {
    return this.players.limits(playerId);
  }

  /** Sets both limits (an absent field keeps its value; null removes the limit). */
  @Put()
  @AdminOnly()
  async set(@Param() { playerId }: PlayerIdParam, @Body() request: PlayerLimitsRequest): Promise<PlayerLimitsView> {
    const current = await this.players.limits(playerId);
    await this.players.setLimits(
      playerId,
      request.dailyWagerLimit === undefined ? current.dailyWagerLimit : request.dailyWagerLimit,
      request.dailyLossLimit === undefined ? current.dailyLossLimit : request.dailyLossLimit,
    );
    return this.players.limits(playerId);
  }
}
