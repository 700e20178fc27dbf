import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PLATFORM_ID_PATTERN } from '@wallet-platform/platform-registry';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { TransferDirection, TransferState } from './transfer-state';

/** No leading zeros, at most 2 places: one spelling per amount (the cashier's rule). */
const POSITIVE_DECIMAL_OR_ALL = /^(all|(?!0(\.0{1,2})?$)(0|[1-9]\d{0,15})(\.\d{1,2})?)$/;

export class TransferCreateRequest {
  @ApiProperty({ example: 'zg', description: 'An aggregator of the platform registry (its platformId)' })
  @Matches(PLATFORM_ID_PATTERN, { message: 'aggregatorId must be 1-40 chars of [a-z0-9-] (a platform id of the registry)' })
  aggregatorId!: string;

  @ApiProperty({ enum: Object.values(TransferDirection), description: '`deposit`: to the aggregator; `withdraw`: back from it' })
  @IsIn(Object.values(TransferDirection))
  direction!: TransferDirection;

  @ApiProperty({ example: '50.00', description: "Positive decimal string in the player's currency, at most 2 decimals; or `all`: the whole wallet balance (deposit) or the whole balance there (withdraw)" })
  @IsString({ message: 'amount must be a decimal string such as "50.00" (not a JSON number), or "all"' })
  @Matches(POSITIVE_DECIMAL_OR_ALL, { message: 'amount must be a positive decimal with at most 2 decimals, up to 16 integer digits, or "all"' })
  amount!: string;

  @ApiProperty({ example: 'launch-2026-12-02-0001', description: 'Caller-chosen, unique per operator; a retry answers the stored transfer and never calls the aggregator again' })
  @Matches(/^[A-Za-z0-9._:-]{8,100}$/, { message: 'idempotencyKey must be 8-100 chars of [A-Za-z0-9._:-]' })
  idempotencyKey!: string;
}

export class AggregatorIdParam {
  @Matches(PLATFORM_ID_PATTERN, { message: 'aggregatorId must be 1-40 chars of [a-z0-9-] (a platform id of the registry)' })
  aggregatorId!: string;
}

export class TransferIdParam {
  @IsUUID('4', { message: 'transferId must be a UUID' })
  transferId!: string;
}

/** Support's decision on a transfer the resolver could not decide (after checking with the aggregator). */
export class TransferSettleRequest {
  @ApiProperty({ enum: ['posted', 'voided'], description: '`posted`: the aggregator applied it; `voided`: it did not' })
  @IsIn(['posted', 'voided'])
  outcome!: 'posted' | 'voided';

  @ApiPropertyOptional({ example: 'w1842', description: "The aggregator's wallet tx id of the transfer, when posted" })
  @IsOptional()
  @Matches(/^[\x21-\x7e]{1,100}$/, { message: 'walletTxId must be 1-100 printable characters' })
  walletTxId?: string;

  @ApiProperty({ example: 'confirmed with the aggregator, ticket 4711' })
  @IsString()
  @MinLength(3)
  @MaxLength(300)
  reason!: string;
}

export class TransferView {
  @ApiProperty() id!: string;
  @ApiProperty() aggregatorId!: string;
  @ApiProperty() playerId!: string;
  @ApiProperty({ description: "The player's username at the aggregator" }) aggregatorUsername!: string;
  @ApiProperty({ enum: Object.values(TransferDirection) }) direction!: string;
  @ApiProperty({ example: '50.00' }) amount!: string;
  @ApiProperty() currency!: string;
  @ApiProperty({ enum: Object.values(TransferState), description: 'pending, sending and unknown hold the money in transit' }) state!: string;
  @ApiProperty() idempotencyKey!: string;
  @ApiProperty({ nullable: true, type: String, description: "The player's balance there, read just before the call" }) aggregatorBalanceBefore!: string | null;
  @ApiProperty({ nullable: true, type: String }) sentAt!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'What happened, or why it is still unknown' }) outcomeNote!: string | null;
  @ApiProperty({ nullable: true, type: String }) aggregatorTxId!: string | null;
  @ApiProperty({ nullable: true, type: String }) aggregatorWalletTxId!: string | null;
  @ApiProperty() resolutionAttempts!: number;
  @ApiProperty({ nullable: true, type: String }) nextResolutionAt!: string | null;
  @ApiProperty({ nullable: true, type: String, description: '`call`, `resolver` or `support`' }) settledBy!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ nullable: true, type: String }) settledAt!: string | null;
}
