import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, ValidateIf } from 'class-validator';

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
