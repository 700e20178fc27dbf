import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, Matches } from 'class-validator';
import { PageQuery } from '../http/page.query';

/** A time without a zone would be read in the database's zone: we refuse to guess. */
const ISO_WITH_ZONE = /(Z|[+-]\d{2}:?\d{2})$/;

export const HISTORY_TYPES = ['BET', 'WIN', 'REFUND', 'DEPOSIT', 'WITHDRAWAL', 'ADJUSTMENT'] as const;

class HistoryPageQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Inclusive lower bound, ISO 8601' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from must be an ISO 8601 time' })
  @Matches(ISO_WITH_ZONE, { message: 'from must name its time zone (Z or ±hh:mm)' })
  from?: string;

  @ApiPropertyOptional({ description: 'Exclusive upper bound, ISO 8601' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be an ISO 8601 time' })
  @Matches(ISO_WITH_ZONE, { message: 'to must name its time zone (Z or ±hh:mm)' })
  to?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^\d{1,6}$/, { message: 'gameId must be 1-6 digits' })
  gameId?: string;

}

export class TransactionsQuery extends HistoryPageQuery {
  @ApiPropertyOptional({ enum: HISTORY_TYPES })
  @IsOptional()
  @IsIn(HISTORY_TYPES)
  type?: (typeof HISTORY_TYPES)[number];

  @ApiPropertyOptional({ enum: ['OK', 'ERROR', 'CANCELED'] })
  @IsOptional()
  @IsIn(['OK', 'ERROR', 'CANCELED'])
  status?: 'OK' | 'ERROR' | 'CANCELED';
}

export class RoundsQuery extends HistoryPageQuery {
  @ApiPropertyOptional({ enum: ['open', 'finished'] })
  @IsOptional()
  @IsIn(['open', 'finished'])
  status?: 'open' | 'finished';
}

export class TransactionView {
  @ApiProperty({ enum: ['game', 'cashier'] }) source!: string;
  @ApiProperty({ enum: HISTORY_TYPES }) type!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Platform transaction id (game) or operation id (cashier)' }) reference!: string;
  @ApiProperty({ nullable: true, type: String }) platformId!: string | null;
  @ApiProperty({ nullable: true, type: String }) roundId!: string | null;
  @ApiProperty({ nullable: true, type: String }) gameId!: string | null;
  @ApiProperty({ example: '-2.50', description: 'Signed change of the balance (0.00 when refused)' }) amount!: string;
  @ApiProperty() currency!: string;
  @ApiProperty({ enum: ['OK', 'ERROR', 'CANCELED'] }) status!: string;
  @ApiProperty({ nullable: true, type: String }) errorKind!: string | null;
  @ApiProperty({ nullable: true, type: String }) balanceAfter!: string | null;
  @ApiProperty() createdAt!: string;
}

export class RoundView {
  @ApiProperty() platformId!: string;
  @ApiProperty() roundId!: string;
  @ApiProperty() gameId!: string;
  @ApiProperty() currency!: string;
  @ApiProperty({ enum: ['open', 'finished'] }) status!: string;
  @ApiProperty() betTotal!: string;
  @ApiProperty() winTotal!: string;
  @ApiProperty() refundTotal!: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ nullable: true, type: String }) finishedAt!: string | null;
}
