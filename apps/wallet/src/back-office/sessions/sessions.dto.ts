import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { PLATFORM_ID_PATTERN } from '@wallet-platform/platform-registry';

export const SESSION_HOURS_MAX = 72;

export class LaunchGameRequest {
  @ApiProperty({ example: 'demo-platform' })
  @Matches(PLATFORM_ID_PATTERN, { message: 'platformId must be 1-40 chars of [a-z0-9-]' })
  platformId!: string;

  @ApiProperty({ enum: ['real', 'fun', 'lobby'], description: 'real money, demo play (no session), or a real-money lobby' })
  @IsIn(['real', 'fun', 'lobby'])
  mode!: 'real' | 'fun' | 'lobby';

  @ApiPropertyOptional({ example: '200', description: 'Required for real and fun mode' })
  @ValidateIf((request: LaunchGameRequest) => request.mode !== 'lobby')
  @Matches(/^\d{1,6}$/, { message: 'gameId must be 1-6 digits (required for real and fun mode)' })
  gameId?: string;

  @ApiPropertyOptional({ example: 'evolution_game_shows', description: 'Required for lobby mode' })
  @ValidateIf((request: LaunchGameRequest) => request.mode === 'lobby')
  @Matches(/^[A-Za-z0-9_-]{1,100}$/, { message: 'lobbyId must be 1-100 chars of [A-Za-z0-9_-] (required for lobby mode)' })
  lobbyId?: string;

  @ApiProperty({ example: 'en-US', description: 'IETF language tag' })
  @IsString()
  language!: string;

  @ApiProperty({ enum: ['desktop', 'mobile'] })
  @IsIn(['desktop', 'mobile'])
  device!: 'desktop' | 'mobile';

  @ApiPropertyOptional({ example: 'https://casino.example/lobby' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  homeUrl?: string;

  @ApiPropertyOptional({ example: 'https://casino.example/deposit' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  depositUrl?: string;

  @ApiPropertyOptional({ example: 'casinoskin' })
  @IsOptional()
  @IsString()
  @MaxLength(14)
  clientName?: string;

  @ApiPropertyOptional({ example: 8, maximum: SESSION_HOURS_MAX, description: 'Session lifetime, hours (default 8)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(SESSION_HOURS_MAX)
  sessionHours?: number;
}

export class LaunchView {
  @ApiProperty({ description: 'Open this URL in the player’s browser' }) launchUrl!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Session token (null in fun mode)' }) token!: string | null;
  @ApiProperty({ nullable: true, type: String }) expiresAt!: string | null;
}

export class SessionTokenParam {
  @Matches(/^[A-Za-z0-9]{20,50}$/, { message: 'token must be 20-50 chars of [A-Za-z0-9]' })
  token!: string;
}
