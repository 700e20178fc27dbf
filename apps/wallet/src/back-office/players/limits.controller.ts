import { Body, Controller, Get, NotFoundException, Param, Put, UseGuards, UsePipes } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsOptional, IsString, Matches, ValidateIf } from 'class-validator';
import type { DataSource } from 'typeorm';
import { AdminOnly, BackOfficeAuthGuard } from '../auth/back-office-auth.guard';
import { backOfficeValidationPipe } from '../http/back-office-validation.pipe';
import { PlayerIdParam } from './player.dto';
import { BackOfficeApi } from '../http/api-errors.decorator';

const LIMIT_DECIMAL = /^(0|[1-9]\d{0,15})(\.\d{1,2})?$/;

/** Responsible-gambling limits; null removes a limit. Effective for the next BET (OP_32). */
export class PlayerLimitsRequest {
  @ApiPropertyOptional({ type: String, nullable: true, example: '100.00', description: 'Sum of BETs per UTC day' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString({ message: 'dailyWagerLimit must be a decimal string or null' })
  @Matches(LIMIT_DECIMAL, { message: 'dailyWagerLimit must be a non-negative decimal with at most 2 decimals' })
  dailyWagerLimit?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '50.00', description: 'BETs minus WINs and REFUNDs per UTC day' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString({ message: 'dailyLossLimit must be a decimal string or null' })
  @Matches(LIMIT_DECIMAL, { message: 'dailyLossLimit must be a non-negative decimal with at most 2 decimals' })
  dailyLossLimit?: string | null;
}

export class PlayerLimitsView {
  @ApiProperty({ type: String, nullable: true }) dailyWagerLimit!: string | null;
  @ApiProperty({ type: String, nullable: true }) dailyLossLimit!: string | null;
  @ApiProperty({ example: '12.00' }) wageredToday!: string;
  @ApiProperty({ example: '-3.50' }) netLossToday!: string;
}

@ApiTags('limits')
@BackOfficeApi()
@Controller('back-office/v1/players/:playerId/limits')
@UseGuards(BackOfficeAuthGuard)
@UsePipes(backOfficeValidationPipe)
export class LimitsController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get()
  read(@Param() { playerId }: PlayerIdParam): Promise<PlayerLimitsView> {
    return this.view(playerId);
  }

  /** Sets both limits (an absent field keeps its value; null removes the limit). */
  @Put()
  @AdminOnly()
  async set(@Param() { playerId }: PlayerIdParam, @Body() request: PlayerLimitsRequest): Promise<PlayerLimitsView> {
    const current = await this.view(playerId);
    await this.dataSource.query(
      `INSERT INTO player_limits (player_id, daily_wager_limit, daily_loss_limit) VALUES ($1, $2::numeric, $3::numeric)
       ON CONFLICT (player_id) DO UPDATE SET daily_wager_limit = EXCLUDED.daily_wager_limit, daily_loss_limit = EXCLUDED.daily_loss_limit, updated_at = now()`,
      [
        playerId,
        request.dailyWagerLimit === undefined ? current.dailyWagerLimit : request.dailyWagerLimit,
        request.dailyLossLimit === undefined ? current.dailyLossLimit : request.dailyLossLimit,
      ],
    );
    return this.view(playerId);
  }

  private async view(playerId: string): Promise<PlayerLimitsView> {
    const [row] = (await this.dataSource.query(
      `SELECT p.id,
              l.daily_wager_limit::text AS "dailyWagerLimit", l.daily_loss_limit::text AS "dailyLossLimit",
              COALESCE(t.wagered, 0)::numeric(18,2)::text AS "wageredToday", COALESCE(t.net_loss, 0)::numeric(18,2)::text AS "netLossToday"
         FROM players p
         LEFT JOIN player_limits l ON l.player_id = p.id
         LEFT JOIN player_daily_totals t ON t.player_id = p.id AND t.currency = p.currency AND t.day = (now() AT TIME ZONE 'UTC')::date
        WHERE p.id = $1`,
      [playerId],
    )) as Array<PlayerLimitsView & { id: string }>;
    if (!row) throw new NotFoundException({ error: 'player_not_found', message: `no player ${playerId}` });
    const { id: _id, ...view } = row;
    return view;
  }
}
