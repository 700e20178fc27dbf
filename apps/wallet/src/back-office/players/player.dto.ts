import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { PageQuery } from '../http/page.query';
import { OPERATOR_ID_PATTERN } from '@wallet-platform/platform-registry';

/** No `|` and no control characters: the Operator API forbids `|` in every string it carries. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point: they are refused.
const PROTOCOL_SAFE_TEXT = /^[^|\u0000-\u001f\u007f]*$/;
const PROTOCOL_SAFE_MESSAGE = 'must not contain "|" or control characters';

export class CreatePlayerRequest {
  @ApiProperty({ example: 'examplecasino', description: 'Operator id the platforms know this casino by' })
  @Matches(OPERATOR_ID_PATTERN, { message: 'operatorId must be 1-20 chars of [A-Za-z0-9_.-]' })
  operatorId!: string;

  @ApiProperty({ example: 'player-25343', description: 'The user id platforms will see (unique per operator)' })
  @Matches(/^[A-Za-z0-9_.@-]{1,70}$/, { message: 'userId must be 1-70 chars of [A-Za-z0-9_.@-]' })
  userId!: string;

  @ApiProperty({ example: 'john_doe' })
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  @Matches(PROTOCOL_SAFE_TEXT, { message: `userName ${PROTOCOL_SAFE_MESSAGE}` })
  userName!: string;

  @ApiPropertyOptional({ example: 'John D.', description: 'Shown in games (public: no personal data)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Matches(PROTOCOL_SAFE_TEXT, { message: `displayName ${PROTOCOL_SAFE_MESSAGE}` })
  displayName?: string;

  @ApiProperty({ example: 'Germany' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @Matches(PROTOCOL_SAFE_TEXT, { message: `country ${PROTOCOL_SAFE_MESSAGE}` })
  country!: string;

  @ApiProperty({ example: 'EUR', description: 'ISO 4217 (or the platform’s custom code), 3-4 uppercase' })
  @Matches(/^[A-Z0-9]{3,4}$/, { message: 'currency must be 3-4 uppercase letters or digits' })
  currency!: string;

  @ApiPropertyOptional({ example: 'vip', description: 'Player group (configuration set on the platform)' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9]{1,14}$/, { message: 'group must be 1-14 letters or digits' })
  group?: string;
}

export class PlayerIdParam {
  @IsUUID('4', { message: 'playerId must be a UUID' })
  playerId!: string;
}

export class SearchPlayersQuery extends PageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(OPERATOR_ID_PATTERN, { message: 'operatorId must be 1-20 chars of [A-Za-z0-9_.-]' })
  operatorId?: string;

  @ApiPropertyOptional({ description: 'A prefix of the user id or user name (an exact user id matches too)' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(70)
  q?: string;

  @ApiPropertyOptional({ enum: ['active', 'blocked'] })
  @IsOptional()
  @IsIn(['active', 'blocked'])
  status?: 'active' | 'blocked';

}

export class PlayerView {
  @ApiProperty() playerId!: string;
  @ApiProperty() operatorId!: string;
  @ApiProperty() userId!: string;
  @ApiProperty() userName!: string;
  @ApiProperty({ nullable: true, type: String }) displayName!: string | null;
  @ApiProperty() country!: string;
  @ApiProperty() currency!: string;
  @ApiProperty({ nullable: true, type: String }) group!: string | null;
  @ApiProperty({ enum: ['active', 'blocked'] }) status!: string;
  @ApiProperty({ example: '1000.00', description: 'Decimal string' }) balance!: string;
  @ApiProperty() createdAt!: string;
}
