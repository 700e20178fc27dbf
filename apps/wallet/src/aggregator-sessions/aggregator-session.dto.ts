import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsIP, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { PLATFORM_ID_PATTERN } from '@wallet-platform/platform-registry';
import { AggregatorSessionState, SessionEndReason } from './aggregator-session-state';

export class AggregatorLaunchRequestBody {
  @ApiProperty({ example: 'zg', description: 'A configured aggregator (its platformId in the platform registry)' })
  @Matches(PLATFORM_ID_PATTERN, { message: 'aggregatorId must be 1-40 chars of [a-z0-9-]' })
  aggregatorId!: string;

  @ApiProperty({ example: 'pg_00001', description: "The aggregator's game id, as in its catalog (GET /catalog/aggregators/{id}/games); it must be playable" })
  @Matches(/^[\x21-\x7e]{1,128}$/, { message: 'gameId must be 1-128 printable characters without spaces' })
  gameId!: string;

  @ApiProperty({ example: 'agl-2026-12-02-0001', description: 'Caller-chosen, unique per operator; the same key again continues the same launch (never a second deposit)' })
  @Matches(/^[A-Za-z0-9._:-]{8,100}$/, { message: 'idempotencyKey must be 8-100 chars of [A-Za-z0-9._:-]' })
  idempotencyKey!: string;

  @ApiProperty({ example: 'en', description: "The game's language (the aggregator's `lang`)" })
  @Matches(/^[A-Za-z]{2,3}([_-][A-Za-z0-9]{2,8})*$/, { message: 'language must be a language code such as en or en-US' })
  @MaxLength(16)
  language!: string;

  @ApiProperty({ enum: ['desktop', 'mobile'] })
  @IsIn(['desktop', 'mobile'])
  device!: 'desktop' | 'mobile';

  @ApiPropertyOptional({ example: '203.0.113.7' })
  @IsOptional()
  @IsIP(undefined, { message: 'playerIp must be an IPv4 or IPv6 address' })
  playerIp?: string;

  @ApiPropertyOptional({ example: 'https://casino.example/lobby' })
  @IsOptional()
  @IsString()
  @Matches(/^https?:\/\/\S+$/, { message: 'lobbyUrl must be an absolute http(s) URL' })
  @MaxLength(2048)
  lobbyUrl?: string;

  @ApiPropertyOptional({ example: 'https://casino.example/cashier' })
  @IsOptional()
  @IsString()
  @Matches(/^https?:\/\/\S+$/, { message: 'cashierUrl must be an absolute http(s) URL' })
  @MaxLength(2048)
  cashierUrl?: string;
}

export class AggregatorSessionIdParam {
  @IsUUID('4', { message: 'sessionId must be a UUID' })
  sessionId!: string;
}

export class AggregatorSessionView {
  @ApiProperty() id!: string;
  @ApiProperty() aggregatorId!: string;
  @ApiProperty() playerId!: string;
  @ApiProperty({ description: "The player's username at the aggregator" }) aggregatorUsername!: string;
  @ApiProperty() gameId!: string;
  @ApiProperty() currency!: string;
  @ApiProperty({ enum: Object.values(AggregatorSessionState) }) state!: string;
  @ApiProperty() idempotencyKey!: string;
  @ApiProperty({ description: 'The launch policy applied: `{"kind":"amount","amount":"50.00"}` or `{"kind":"whole-balance"}`' }) launchPolicy!: Record<string, unknown>;
  @ApiProperty({ nullable: true, type: String, description: 'The transfer that moved the money there (GET /aggregator-transfers/{id})' }) depositTransferId!: string | null;
  @ApiProperty({ description: 'true: there was nothing to move (a zero balance)' }) depositSkipped!: boolean;
  @ApiProperty() withdrawAttempts!: number;
  @ApiProperty({ nullable: true, type: String, description: "The latest ending attempt's withdraw" }) withdrawTransferId!: string | null;
  @ApiProperty({ nullable: true, enum: Object.values(SessionEndReason) }) endReason!: string | null;
  @ApiProperty({ nullable: true, type: String }) endNote!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ nullable: true, type: String }) launchedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) endingSince!: string | null;
  @ApiProperty({ nullable: true, type: String }) endedAt!: string | null;
}

export class AggregatorLaunchContentView {
  @ApiProperty({ enum: ['url', 'html'] }) type!: 'url' | 'html';
  @ApiPropertyOptional({ description: 'Open this URL in the player’s browser (type url)' }) url?: string;
  @ApiPropertyOptional({ description: 'Render this page (type html)' }) html?: string;
}

export class AggregatorTransferRefView {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['deposit', 'withdraw'] }) direction!: string;
  @ApiProperty({ example: '50.00' }) amount!: string;
  @ApiProperty() currency!: string;
  @ApiProperty({ description: 'pending, sending and unknown: in transit (the resolver decides; GET /aggregator-transfers/{id})' }) state!: string;
  @ApiProperty({ nullable: true, type: String }) outcomeNote!: string | null;
}

export class AggregatorLaunchView {
  @ApiProperty({
    enum: ['launched', 'deposit_in_transit', 'withdraw_in_transit'],
    description:
      '200 `launched`: `launch` holds the game. 202 `deposit_in_transit`: the deposit’s answer was lost, the resolver decides it; send the same request again later. ' +
      '202 `withdraw_in_transit`: the player’s previous session (`session`) is still bringing its money back; nothing of this launch is recorded yet; send the same request again later.',
  })
  outcome!: 'launched' | 'deposit_in_transit' | 'withdraw_in_transit';
  @ApiProperty({ type: AggregatorSessionView }) session!: AggregatorSessionView;
  @ApiProperty({ nullable: true, type: AggregatorLaunchContentView }) launch!: AggregatorLaunchContentView | null;
  @ApiProperty({ nullable: true, type: AggregatorTransferRefView, description: 'The deposit (launched, deposit_in_transit) or the withdraw or transfer waited for (withdraw_in_transit)' })
  transfer!: AggregatorTransferRefView | null;
}

export class AggregatorSessionEndView {
  @ApiProperty({ enum: ['ended', 'withdraw_in_transit'], description: '200 `ended`: the money is back. 202 `withdraw_in_transit`: a transfer is in transit; the sweep (or the same request again) finishes the ending' })
  outcome!: 'ended' | 'withdraw_in_transit';
  @ApiProperty({ type: AggregatorSessionView }) session!: AggregatorSessionView;
  @ApiProperty({ nullable: true, type: AggregatorTransferRefView }) transfer!: AggregatorTransferRefView | null;
}
