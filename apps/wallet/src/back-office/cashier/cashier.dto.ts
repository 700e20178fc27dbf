import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';

/** No leading zeros ("007.50"): one spelling per amount, the same rule as the money parser. */
const POSITIVE_DECIMAL = /^(?!0(\.0{1,2})?$)(0|[1-9]\d{0,15})(\.\d{1,2})?$/;
const SIGNED_NONZERO_DECIMAL = /^-?(?!0(\.0{1,2})?$)(0|[1-9]\d{0,15})(\.\d{1,2})?$/;

/** Amounts are decimal strings: a JSON number would pass through binary floating point. */
export class CashierMovementRequest {
  @ApiProperty({ example: 'deposit-2026-11-23-0001', description: 'Caller-chosen, unique per operator; a retry with the same key returns the first result' })
  @Matches(/^[A-Za-z0-9._:-]{8,100}$/, { message: 'idempotencyKey must be 8-100 chars of [A-Za-z0-9._:-]' })
  idempotencyKey!: string;

  @ApiProperty({ example: '100.00', description: 'Positive decimal string, at most 2 decimals' })
  @IsString({ message: 'amount must be a decimal string such as "100.00" (not a JSON number)' })
  @Matches(POSITIVE_DECIMAL, { message: 'amount must be a positive decimal with at most 2 decimals, up to 16 integer digits' })
  amount!: string;

  @ApiProperty({ example: 'bank transfer 4711' })
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  reason!: string;
}

export class AdjustmentRequest {
  @ApiProperty({ example: 'adjust-2026-11-23-0001' })
  @Matches(/^[A-Za-z0-9._:-]{8,100}$/, { message: 'idempotencyKey must be 8-100 chars of [A-Za-z0-9._:-]' })
  idempotencyKey!: string;

  @ApiProperty({ example: '-5.00', description: 'Signed, non-zero decimal string: what the balance changes by' })
  @IsString({ message: 'amount must be a decimal string such as "-5.00" (not a JSON number)' })
  @Matches(SIGNED_NONZERO_DECIMAL, { message: 'amount must be a non-zero signed decimal with at most 2 decimals' })
  amount!: string;

  @ApiProperty({ example: 'goodwill after incident 1234' })
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  reason!: string;
}

export class CashierOperationView {
  @ApiProperty() operationId!: string;
  @ApiProperty({ enum: ['deposit', 'withdrawal', 'adjustment'] }) kind!: string;
  @ApiProperty({ example: '-20.00', description: 'Signed change of the balance' }) amount!: string;
  @ApiProperty() currency!: string;
  @ApiProperty({ example: '80.00' }) balanceAfter!: string;
  @ApiProperty() reason!: string;
  @ApiProperty() performedBy!: string;
  @ApiProperty() createdAt!: string;
}
