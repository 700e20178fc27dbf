import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PLATFORM_ID_PATTERN } from '@wallet-platform/platform-registry';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { PAGE_SIZE_MAX as AGGREGATOR_PAGE_SIZE_MAX } from '@wallet-platform/aggregator-client';

/** Our bounds on one history request: a page of at most the client's page size, and a page number we accept. */
export const AGGREGATOR_HISTORY_PER_PAGE_DEFAULT = 30;
export const AGGREGATOR_HISTORY_PER_PAGE_MAX = AGGREGATOR_PAGE_SIZE_MAX;
export const AGGREGATOR_HISTORY_PAGE_MAX = 10_000;

/** RFC 3339 with its zone (the aggregator's time format); the client checks the date itself. */
const RFC3339_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const AGGREGATOR_OWN_ID = /^[\x21-\x7e]{1,128}$/;

export class PlayerAggregatorParams {
  @IsUUID('4', { message: 'playerId must be a UUID' })
  playerId!: string;

  @Matches(PLATFORM_ID_PATTERN, { message: 'aggregatorId must be 1-40 chars of [a-z0-9-] (a platform id of the registry)' })
  aggregatorId!: string;
}

export class AggregatorHistoryQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: AGGREGATOR_HISTORY_PAGE_MAX, description: 'Page number, from 1 (default 1)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'page must be an integer' })
  @Min(1)
  @Max(AGGREGATOR_HISTORY_PAGE_MAX)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: AGGREGATOR_HISTORY_PER_PAGE_MAX, description: `Entries per page (default ${AGGREGATOR_HISTORY_PER_PAGE_DEFAULT})` })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'perPage must be an integer' })
  @Min(1)
  @Max(AGGREGATOR_HISTORY_PER_PAGE_MAX)
  perPage?: number;

  @ApiPropertyOptional({ description: 'Inclusive lower bound, RFC 3339 with zone' })
  @IsOptional()
  @Matches(RFC3339_WITH_ZONE, { message: 'from must be an RFC 3339 time with its zone' })
  from?: string;

  @ApiPropertyOptional({ description: 'Inclusive upper bound, RFC 3339 with zone' })
  @IsOptional()
  @Matches(RFC3339_WITH_ZONE, { message: 'to must be an RFC 3339 time with its zone' })
  to?: string;

  @ApiPropertyOptional({ description: "Only this game (the aggregator's game id)" })
  @IsOptional()
  @Matches(AGGREGATOR_OWN_ID, { message: 'gameId must be 1-128 printable characters without spaces' })
  gameId?: string;

  @ApiPropertyOptional({ description: 'Only this round' })
  @IsOptional()
  @Matches(AGGREGATOR_OWN_ID, { message: 'roundId must be 1-128 printable characters without spaces' })
  roundId?: string;
}

export class AggregatorGameLogQuery {
  @ApiPropertyOptional({ description: 'A history entry id (items[].id of the history); or gameId and roundId' })
  @IsOptional()
  @Matches(AGGREGATOR_OWN_ID, { message: 'historyId must be 1-128 printable characters without spaces' })
  historyId?: string;

  @ApiPropertyOptional({ description: "The round's game id (with roundId; the player's username is ours)" })
  @IsOptional()
  @Matches(AGGREGATOR_OWN_ID, { message: 'gameId must be 1-128 printable characters without spaces' })
  gameId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(AGGREGATOR_OWN_ID, { message: 'roundId must be 1-128 printable characters without spaces' })
  roundId?: string;
}

export class AggregatorHistoryCurrencyGroup {
  @ApiProperty({ description: 'The group key: the base currency the aggregator groups by' }) currency!: string;
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: 'History entries as the aggregator gives them (provider, game, round, txType, amounts in both currencies, balances before and after, receivedAt)' })
  items!: unknown[];
}

export class AggregatorHistoryView {
  @ApiProperty() aggregatorId!: string;
  @ApiProperty({ description: "The player's username there" }) username!: string;
  @ApiProperty() page!: number;
  @ApiProperty() perPage!: number;
  @ApiProperty({ description: 'Another page follows (ask for page + 1)' }) hasNext!: boolean;
  @ApiProperty({ type: [AggregatorHistoryCurrencyGroup] }) currencyGroups!: AggregatorHistoryCurrencyGroup[];
}

export class AggregatorGameLogView {
  @ApiProperty() aggregatorId!: string;
  @ApiProperty() username!: string;
  @ApiProperty() providerId!: string;
  @ApiProperty() gameType!: string;
  @ApiProperty() gameName!: string;
  @ApiProperty() roundId!: string;
  @ApiProperty() resultGameName!: string;
  @ApiProperty() gameResult!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'By `logType`: `nodata`; `iframe` {url}; `hand` {hands: [{title, cards, result}]}; `roulette` {pockets: [{number, color, evenOdd}]}; `dice` {dices}; `table` {rows: [{key, value}]}',
  })
  view!: Record<string, unknown>;
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: "The round's transactions (amounts, balances before and after, times)" })
  transactions!: unknown[];
}
