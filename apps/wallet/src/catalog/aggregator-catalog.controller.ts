import { BadRequestException, Body, Controller, Get, HttpCode, Inject, NotFoundException, Param, Post, Put, Query, UseGuards, UsePipes } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AdminOnly, BackOfficeAuthGuard, backOfficeValidationPipe } from '@wallet-platform/service-kit';
import { BackOfficeApi } from '../back-office/http/api-errors.decorator';
import { PAGE_SIZE_DEFAULT, type Page } from '../back-office/http/pagination';
import { TRANSFER_AGGREGATORS, type TransferAggregators } from '../transfers/transfer-aggregators';
import { AGGREGATOR_PROVIDERS_SYNCED_MAX, AggregatorCatalogSyncService, type AggregatorCatalogSyncResult } from './aggregator-catalog-sync.service';
import {
  AGGREGATOR_CATALOG_ID_PATTERN,
  AggregatorCatalogParams,
  AggregatorCatalogSyncRequest,
  AggregatorGameParams,
  AggregatorGameSwitchRequest,
  AggregatorGamesQuery,
  AggregatorGameView,
  AggregatorProviderView,
} from './aggregator-catalog.dto';
import { AggregatorCatalogStore } from './aggregator-catalog.store';

/**
 * The transfer-wallet aggregators' catalog: their providers and games as last synced (a game the
 * aggregator stopped listing stays, marked gone), our own switch per game, and syncing on request.
 * 404 `aggregator_not_configured`, 404 `game_not_in_catalog`.
 */
@ApiTags('catalog')
@BackOfficeApi()
@ApiNotFoundResponse({ description: '`aggregator_not_configured`; `game_not_in_catalog` (switch)' })
@Controller('back-office/v1/catalog/aggregators')
@UseGuards(BackOfficeAuthGuard)
@UsePipes(backOfficeValidationPipe)
export class AggregatorCatalogController {
  constructor(
    private readonly catalog: AggregatorCatalogStore,
    private readonly sync: AggregatorCatalogSyncService,
    @Inject(TRANSFER_AGGREGATORS) private readonly aggregators: TransferAggregators,
  ) {}

  /** The configured aggregators (no keys). */
  @Get()
  list(): { items: Array<{ aggregatorId: string; currencies: readonly string[] }> } {
    return { items: this.aggregators.all().map(({ aggregatorId, client }) => ({ aggregatorId, currencies: client.currencies })) };
  }

  /** Syncs now and answers each aggregator's outcome (a failed call names the aggregator and the call). */
  @Post('sync')
  @AdminOnly()
  @HttpCode(200)
  async syncNow(@Body() request: AggregatorCatalogSyncRequest): Promise<{ results: AggregatorCatalogSyncResult[] }> {
    if (request.aggregatorId === undefined) return { results: await this.sync.syncAll('request') };
    this.mustBeConfigured(request.aggregatorId);
    return { results: [await this.sync.syncOne(request.aggregatorId, 'request')] };
  }

  @Get(':aggregatorId/providers')
  @ApiOkResponse({ type: [AggregatorProviderView] })
  async providers(@Param() { aggregatorId }: AggregatorCatalogParams): Promise<{ items: AggregatorProviderView[] }> {
    this.mustBeConfigured(aggregatorId);
    return { items: await this.catalog.listProviders(aggregatorId, AGGREGATOR_PROVIDERS_SYNCED_MAX) };
  }

  /** Ordered by game id, which a sync never changes: a listing paged while a sync runs neither skips nor repeats games. */
  @Get(':aggregatorId/games')
  async games(@Param() { aggregatorId }: AggregatorCatalogParams, @Query() query: AggregatorGamesQuery): Promise<Page<AggregatorGameView>> {
    this.mustBeConfigured(aggregatorId);
    const limit = query.limit ?? PAGE_SIZE_DEFAULT;
    const rows = await this.catalog.listGames({
      aggregatorId,
      ...(query.providerId === undefined ? {} : { providerId: query.providerId }),
      ...(query.categoryId === undefined ? {} : { categoryId: query.categoryId }),
      ...(query.playable === undefined ? {} : { playable: query.playable }),
      afterGameId: decodeGameCursor(query.cursor),
      limit,
    });
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > limit && last ? encodeGameCursor(last.gameId) : null };
  }

  /** Our switch on a game the aggregator has listed; kept across syncs. */
  @Put(':aggregatorId/games/:gameId')
  @AdminOnly()
  @ApiOkResponse({ type: AggregatorGameView })
  async setSwitch(@Param() { aggregatorId, gameId }: AggregatorGameParams, @Body() request: AggregatorGameSwitchRequest): Promise<AggregatorGameView> {
    this.mustBeConfigured(aggregatorId);
    const view = await this.catalog.setOperatorSwitch(aggregatorId, gameId, request.enabledByOperator);
    if (!view) throw new NotFoundException({ error: 'game_not_in_catalog', message: `aggregator ${aggregatorId} has never listed game ${gameId} (sync the catalog first)` });
    return view;
  }

  private mustBeConfigured(aggregatorId: string): void {
    if (!this.aggregators.all().some((aggregator) => aggregator.aggregatorId === aggregatorId)) {
      throw new NotFoundException({ error: 'aggregator_not_configured', message: `aggregator ${aggregatorId} is not configured` });
    }
  }
}

/** A cursor holds one game id (at most 128 characters): its base64url text stays under this. */
const GAME_CURSOR_LENGTH_MAX = 400;

/** The games list's cursor: the last game id of the previous page. */
function encodeGameCursor(gameId: string): string {
  return Buffer.from(JSON.stringify(['aggregator-game', gameId]), 'utf8').toString('base64url');
}

function decodeGameCursor(text: string | undefined): string | null {
  if (text === undefined || text === '') return null;
  try {
    if (text.length > GAME_CURSOR_LENGTH_MAX) throw new RangeError('cursor too long');
    const decoded: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (Array.isArray(decoded) && decoded.length === 2 && decoded[0] === 'aggregator-game' && typeof decoded[1] === 'string' && AGGREGATOR_CATALOG_ID_PATTERN.test(decoded[1])) {
      return decoded[1];
    }
  } catch {
    // fall through
  }
  throw new BadRequestException({ error: 'validation_failed', fields: [{ field: 'cursor', problems: ['cursor is not one this API returned'] }] });
}
