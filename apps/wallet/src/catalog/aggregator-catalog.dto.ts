import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PLATFORM_ID_PATTERN } from '@wallet-platform/platform-registry';
import { IsBoolean, IsIn, IsOptional, Matches } from 'class-validator';
import { PageQuery } from '../back-office/http/page.query';

/** An aggregator's own ids (games, providers, categories): printable ASCII without spaces, as its client accepts them. */
export const AGGREGATOR_CATALOG_ID_PATTERN = /^[\x21-\x7e]{1,128}$/;

export class AggregatorCatalogParams {
  @Matches(PLATFORM_ID_PATTERN, { message: 'aggregatorId must be 1-40 chars of [a-z0-9-] (a platform id of the registry)' })
  aggregatorId!: string;
}

export class AggregatorGameParams extends AggregatorCatalogParams {
  @Matches(AGGREGATOR_CATALOG_ID_PATTERN, { message: 'gameId must be 1-128 printable characters without spaces' })
  gameId!: string;
}

export class AggregatorGamesQuery extends PageQuery {
  @ApiPropertyOptional({ description: "Only this provider's games" })
  @IsOptional()
  @Matches(AGGREGATOR_CATALOG_ID_PATTERN, { message: 'providerId must be 1-128 printable characters without spaces' })
  providerId?: string;

  @ApiPropertyOptional({ description: 'Only games of this category (e.g. slot)' })
  @IsOptional()
  @Matches(AGGREGATOR_CATALOG_ID_PATTERN, { message: 'categoryId must be 1-128 printable characters without spaces' })
  categoryId?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Playable (listed there, switched on by us, its provider active) or not' })
  @IsOptional()
  @IsIn(['true', 'false'])
  playable?: 'true' | 'false';
}

export class AggregatorCatalogSyncRequest {
  @ApiPropertyOptional({ description: 'One aggregator; every configured aggregator when absent' })
  @IsOptional()
  @Matches(PLATFORM_ID_PATTERN, { message: 'aggregatorId must be 1-40 chars of [a-z0-9-] (a platform id of the registry)' })
  aggregatorId?: string;
}

export class AggregatorGameSwitchRequest {
  @ApiProperty({ description: 'false: the game is not launched whatever the aggregator says; kept across syncs' })
  @IsBoolean({ message: 'enabledByOperator must be true or false' })
  enabledByOperator!: boolean;
}

export class AggregatorCategoryView {
  @ApiProperty() id!: string;
  @ApiProperty() label!: string;
}

export class AggregatorGameView {
  @ApiProperty() aggregatorId!: string;
  @ApiProperty() gameId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String, description: 'null when the aggregator has none' }) logoUrl!: string | null;
  @ApiProperty({ type: AggregatorCategoryView }) category!: AggregatorCategoryView;
  @ApiProperty({ nullable: true, type: String, description: "The provider (the game id's prefix, when the aggregator lists that provider); null when unknown" })
  providerId!: string | null;
  @ApiProperty({ nullable: true, type: String }) providerName!: string | null;
  @ApiProperty({ description: 'false: the aggregator no longer lists it (kept, never deleted)' }) listedByAggregator!: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'Since when it is no longer listed' }) goneSince!: string | null;
  @ApiProperty({ description: 'Our switch, kept across syncs' }) enabledByOperator!: boolean;
  @ApiProperty() playable!: boolean;
  @ApiProperty({ description: 'Last change of this row (a sync or our switch)' }) updatedAt!: string;
}

export class AggregatorProviderView {
  @ApiProperty() aggregatorId!: string;
  @ApiProperty() providerId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String }) logoUrl!: string | null;
  @ApiProperty({ description: 'Active at the aggregator: its games are not playable otherwise' }) active!: boolean;
  @ApiProperty() online!: boolean;
  @ApiProperty({ type: [AggregatorCategoryView] }) categories!: AggregatorCategoryView[];
  @ApiProperty() listedByAggregator!: boolean;
  @ApiProperty({ nullable: true, type: String }) goneSince!: string | null;
  @ApiProperty({ description: 'Games of this provider the aggregator lists now' }) gamesListed!: number;
}
