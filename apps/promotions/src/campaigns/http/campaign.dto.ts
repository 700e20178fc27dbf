import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsISO8601, IsOptional, IsString, Length, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { CampaignState, FreeRoundsKind, FreeRoundsProviderName } from '../domain/campaign';
import { CAMPAIGNS_LISTED_DEFAULT, CAMPAIGNS_LISTED_MAX, CAMPAIGN_NAME_LENGTH_MAX, CAMPAIGN_REFERENCE_LENGTH_MAX, CAMPAIGN_REFERENCE_PATTERN, PLAYER_ID_LENGTH_MAX, PLAYERS_PER_ADD_MAX, ROUNDS_COUNT_MAX } from '../domain/campaign-limits';
import { PLATFORM_ID_PATTERN } from '@wallet-platform/platform-registry';

export class CreateCampaignRequest {
  @ApiProperty({ example: 'spring-2026', description: `Our unique reference, 1-${CAMPAIGN_REFERENCE_LENGTH_MAX} of [A-Za-z0-9_-]; it prefixes every grant's externalReferenceId` })
  @Matches(CAMPAIGN_REFERENCE_PATTERN, { message: `reference must be 1-${CAMPAIGN_REFERENCE_LENGTH_MAX} chars of [A-Za-z0-9_-], starting with a letter or digit` })
  reference!: string;

  @ApiProperty({ example: 'Spring free spins' })
  @IsString()
  @MinLength(1)
  @MaxLength(CAMPAIGN_NAME_LENGTH_MAX)
  name!: string;

  @ApiProperty({ enum: Object.values(FreeRoundsProviderName) })
  @IsIn(Object.values(FreeRoundsProviderName))
  provider!: FreeRoundsProviderName;

  @ApiProperty({ example: 'choice-gaming', description: 'Our name of the platform (its service API is configured under this name)' })
  @Matches(PLATFORM_ID_PATTERN, { message: 'platformId must be 1-40 chars of [a-z0-9-], a platform of the registry' })
  platformId!: string;

  @ApiProperty({ enum: Object.values(FreeRoundsKind), description: 'freeRounds (amount, gameIds) or freeRoundsByBet (betAmount, gameId)' })
  @IsIn(Object.values(FreeRoundsKind))
  kind!: FreeRoundsKind;

  @ApiProperty({ example: '2' })
  @Matches(/^[A-Za-z0-9_-]{1,32}$/, { message: 'gameId must be 1-32 chars of [A-Za-z0-9_-]' })
  gameId!: string;

  @ApiProperty({ example: 40 })
  @IsInt()
  @Min(1)
  @Max(ROUNDS_COUNT_MAX)
  roundsCount!: number;

  @ApiProperty({ example: '0.10', description: 'Bet of one round, a decimal string with at most 2 places' })
  @Matches(/^(0|[1-9][0-9]{0,11})(\.[0-9]{1,2})?$/, { message: 'betAmount must be a decimal string below 10^12 with at most 2 places' })
  betAmount!: string;

  @ApiProperty({ example: 'EUR' })
  @Matches(/^[A-Z0-9]{3,4}$/, { message: 'currency must be 3-4 uppercase characters' })
  currency!: string;

  @ApiProperty({ example: '2026-06-30T23:59:59Z', description: 'Until when the rounds can be played (ISO 8601)' })
  @IsISO8601({ strict: true })
  validUntil!: string;
}

export class ListCampaignsQuery {
  @ApiPropertyOptional({ enum: Object.values(FreeRoundsProviderName) })
  @IsOptional()
  @IsIn(Object.values(FreeRoundsProviderName))
  provider?: FreeRoundsProviderName;

  @ApiPropertyOptional({ example: 'choice-gaming' })
  @IsOptional()
  @Matches(PLATFORM_ID_PATTERN, { message: 'platformId must be 1-40 chars of [a-z0-9-], a platform of the registry' })
  platformId?: string;

  @ApiPropertyOptional({ enum: Object.values(CampaignState) })
  @IsOptional()
  @IsIn(Object.values(CampaignState))
  state?: CampaignState;

  @ApiPropertyOptional({ example: CAMPAIGNS_LISTED_DEFAULT, description: `1-${CAMPAIGNS_LISTED_MAX}, the newest first` })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(CAMPAIGNS_LISTED_MAX)
  limit?: number;
}

export class AddPlayersRequest {
  @ApiProperty({ type: [String], example: ['player-1', 'player-2'], description: `1-${PLAYERS_PER_ADD_MAX} player ids; send a longer list in several calls` })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(PLAYERS_PER_ADD_MAX)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(PLAYER_ID_LENGTH_MAX, { each: true })
  playerIds!: string[];
}

export class CampaignReferenceParam {
  @Matches(CAMPAIGN_REFERENCE_PATTERN, { message: 'reference is not a campaign reference' })
  reference!: string;
}

export class CampaignView {
  @ApiProperty() reference!: string;
  @ApiProperty() name!: string;
  @ApiProperty() provider!: string;
  @ApiProperty() platformId!: string;
  @ApiProperty() kind!: string;
  @ApiProperty() gameId!: string;
  @ApiProperty() roundsCount!: number;
  @ApiProperty({ example: '0.10' }) betAmount!: string;
  @ApiProperty() currency!: string;
  @ApiProperty() validUntil!: string;
  @ApiProperty({ enum: ['draft', 'granting', 'completed', 'canceled'] }) state!: string;
  @ApiProperty() createdBy!: string;
  @ApiProperty() createdAt!: string;
}

export class AddPlayersView {
  @ApiProperty() received!: number;
  @ApiProperty({ description: 'New in the campaign (skipped included)' }) added!: number;
  @ApiProperty({ description: 'Added but never sent: blocked, inactive, unknown or another currency' }) skipped!: number;
  @ApiProperty() alreadyInCampaign!: number;
}

export class GrantStartView {
  @ApiProperty({ description: 'false when a grant run of this campaign is already going' }) started!: boolean;
}

export class NotRevokedView {
  @ApiProperty() playerId!: string;
  @ApiProperty({ enum: ['refused', 'unknown'] }) outcome!: 'refused' | 'unknown';
  @ApiProperty() detail!: string;
}

export class CancelView {
  @ApiProperty({ description: 'Pending grants canceled before being sent' }) canceledGrants!: number;
  @ApiProperty({ description: 'Granted grants the provider took back now (aggregator campaigns; Choice Gaming has no revoke)' }) revokedGrants!: number;
  @ApiProperty({ type: [NotRevokedView], description: 'Granted grants not taken back: refused (kept granted) or unknown (cancel again)' }) notRevoked!: NotRevokedView[];
  @ApiProperty({ description: 'Granted grants not tried in this call (bounded per call): cancel again' }) revokesLeft!: number;
}

export class GrantParam {
  @Matches(CAMPAIGN_REFERENCE_PATTERN, { message: 'reference is not a campaign reference' })
  reference!: string;

  @IsString()
  @Length(1, PLAYER_ID_LENGTH_MAX)
  playerId!: string;
}

export class GrantBatchView {
  @ApiProperty() batchNumber!: number;
  @ApiProperty() state!: string;
  @ApiProperty() sends!: number;
}

export class GrantView {
  @ApiProperty() playerId!: string;
  @ApiProperty() externalReferenceId!: string;
  @ApiProperty() state!: string;
  @ApiProperty({ nullable: true, type: String }) skipReason!: string | null;
  @ApiProperty({ nullable: true, type: String }) providerCode!: string | null;
  @ApiProperty({ nullable: true, type: String }) providerMessage!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Aggregator: `id:<freeGameId> code:<freeGameCode>`, or `found:<provider>` when resolved by getFreeRound' }) providerReference!: string | null;
  @ApiProperty({ nullable: true, type: String }) decidedAt!: string | null;
  @ApiProperty({ nullable: true, type: GrantBatchView }) batch!: GrantBatchView | null;
}

export class GrantCountsView {
  @ApiProperty() total!: number;
  @ApiProperty() pending!: number;
  @ApiProperty() skipped!: number;
  @ApiProperty() granted!: number;
  @ApiProperty() rejected!: number;
  @ApiProperty() unknown!: number;
  @ApiProperty() played!: number;
  @ApiProperty() expired!: number;
  @ApiProperty() canceled!: number;
}

export class SettlementView {
  @ApiProperty() campaign!: string;
  @ApiProperty() state!: string;
  @ApiProperty({ description: 'true while a grant run of this campaign is going on this instance' }) granting!: boolean;
  @ApiProperty({ type: GrantCountsView }) players!: GrantCountsView;
  @ApiProperty({ example: { blocked: 2 } }) skipReasons!: Record<string, number>;
  @ApiProperty({ example: { '8': 120 }, description: "Rejected grants by the provider's code" }) rejectionCodes!: Record<string, number>;
  @ApiProperty() roundsGranted!: number;
  @ApiProperty({ example: { EUR: '6.00' }, description: 'Face value of the rounds granted (rounds × bet), per currency' }) costByCurrency!: Record<string, string>;
  @ApiProperty({
    example: { freeSpins: { EUR: '12.30' }, promo: { EUR: '5.00' }, tournament: {} },
    description: 'Wins paid because of the campaign, per kind and currency: PROMO-FREESPIN wins naming it (net of cancels), /promoWin on its grants',
  })
  winsByCurrency!: Record<'freeSpins' | 'promo' | 'tournament', Record<string, string>>;
  @ApiProperty({ example: { EUR: '17.30' }, description: 'Every win above, per currency: what the campaign cost so far' }) paidByCurrency!: Record<string, string>;
}
