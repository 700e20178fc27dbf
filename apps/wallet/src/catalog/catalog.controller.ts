import { BadRequestException, Body, Controller, Get, HttpCode, Inject, NotFoundException, Param, Post, Put, Query, UseGuards, UsePipes } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, Matches } from 'class-validator';
import { PAGE_SIZE_DEFAULT, type Page } from '../back-office/http/pagination';
import { PLATFORM_SETTINGS, type PlatformSettings } from '../platforms/platform-settings';
import { CatalogSyncService, type CatalogSyncResult } from './catalog-sync.service';
import { CatalogStore } from './catalog.store';
import { PageQuery } from '../back-office/http/page.query';
import { BackOfficeApi } from '../back-office/http/api-errors.decorator';
import { AdminOnly, BackOfficeAuthGuard, backOfficeValidationPipe } from '@wallet-platform/service-kit';
import { PLATFORM_ID_PATTERN } from '@wallet-platform/platform-registry';

const PLATFORM_ID = PLATFORM_ID_PATTERN;

export class GamesQuery extends PageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(PLATFORM_ID, { message: 'platformId must be 1-40 chars of [a-z0-9-]' })
  platformId?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Playable (enabled by the platform and by us) or not' })
  @IsOptional()
  @IsIn(['true', 'false'])
  playable?: 'true' | 'false';

}

export class SyncRequest {
  @ApiPropertyOptional({ description: 'One platform; every configured platform when absent' })
  @IsOptional()
  @Matches(PLATFORM_ID, { message: 'platformId must be 1-40 chars of [a-z0-9-]' })
  platformId?: string;
}

export class GameSwitchRequest {
  @ApiProperty({ description: 'false: BETs on this game are refused (OP_35) whatever the platform says' })
  @IsBoolean({ message: 'enabledByOperator must be true or false' })
  enabledByOperator!: boolean;
}

export class GameParams {
  @Matches(PLATFORM_ID, { message: 'platformId must be 1-40 chars of [a-z0-9-]' })
  platformId!: string;

  @Matches(/^\d{1,6}$/, { message: 'gameId must be 1-6 digits' })
  gameId!: string;
}

export class GameView {
  @ApiProperty() platformId!: string;
  @ApiProperty() gameId!: string;
  @ApiProperty({ nullable: true, type: String }) title!: string | null;
  @ApiProperty({ nullable: true, type: String }) vendor!: string | null;
  @ApiProperty({ nullable: true, type: String }) type!: string | null;
  @ApiProperty() enabledByPlatform!: boolean;
  @ApiProperty() enabledByOperator!: boolean;
  @ApiProperty() playable!: boolean;
  @ApiProperty() funMode!: boolean;
  @ApiProperty() campaigns!: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'When the platform added the game (YYYY-MM-DD)' }) createdOn!: string | null;
  @ApiProperty({ description: 'Last change of this row (a sync or our switch)' }) updatedAt!: string;
}

/** The game catalog: what each platform offers, our own on/off switch, and syncing on request. */
@ApiTags('catalog')
@BackOfficeApi()
@Controller('back-office/v1/catalog')
@UseGuards(BackOfficeAuthGuard)
@UsePipes(backOfficeValidationPipe)
export class CatalogController {
  constructor(
    private readonly catalog: CatalogStore,
    private readonly sync: CatalogSyncService,
    @Inject(PLATFORM_SETTINGS) private readonly platformSettings: readonly PlatformSettings[],
  ) {}

  /** The platforms this wallet is configured for (no secrets), e.g. to sync them one by one. */
  @Get('platforms')
  platforms(): { items: Array<{ platformId: string; operatorId: string; apiBaseUrl: string }> } {
    return { items: this.platformSettings.map(({ platformId, operatorId, apiBaseUrl }) => ({ platformId, operatorId, apiBaseUrl })) };
  }

  /**
   * Ordered by platform and game id, which a sync never changes: a listing paged while a sync runs
   * neither skips nor repeats games.
   */
  @Get('games')
  async games(@Query() query: GamesQuery): Promise<Page<GameView>> {
    const limit = query.limit ?? PAGE_SIZE_DEFAULT;
    const after = decodeKeyCursor(query.cursor);
    const rows = await this.catalog.list({ platformId: query.platformId, playable: query.playable, after, limit });
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > limit && last ? encodeKeyCursor(last.platformId, last.gameId) : null };
  }

  /** Our switch. Creates the catalog row if the platform has not listed the game yet. */
  @Put('games/:platformId/:gameId')
  @AdminOnly()
  async setSwitch(@Param() params: GameParams, @Body() request: GameSwitchRequest): Promise<GameView> {
    const view = await this.catalog.setOperatorSwitch(params.platformId, params.gameId, request.enabledByOperator);
    return view;
  }

  /** Syncs now and answers each platform's outcome (a failed call names the platform and the call). */
  @Post('sync')
  @AdminOnly()
  @HttpCode(200)
  async syncNow(@Body() request: SyncRequest): Promise<{ results: CatalogSyncResult[] }> {
    if (request.platformId && !this.platformSettings.some((platform) => platform.platformId === request.platformId)) {
      throw new NotFoundException({ error: 'platform_not_configured', message: `platform ${request.platformId} is not configured` });
    }
    const results = request.platformId ? await this.sync.syncPlatform(request.platformId, 'request') : await this.sync.syncAll('request');
    return { results };
  }
}

/** The games list's cursor: the last (platform id, game id) of the previous page. */
function encodeKeyCursor(platformId: string, gameId: string): string {
  return Buffer.from(JSON.stringify(['game', platformId, gameId]), 'utf8').toString('base64url');
}

function decodeKeyCursor(text: string | undefined): { platformId: string; gameId: string } | null {
  if (text === undefined || text === '') return null;
  try {
    const decoded: unknown = JSON.parse(Buffer.from(text.slice(0, 200), 'base64url').toString('utf8'));
    if (Array.isArray(decoded) && decoded[0] === 'game' && PLATFORM_ID.test(String(decoded[1])) && /^\d{1,6}$/.test(String(decoded[2]))) {
      return { platformId: String(decoded[1]), gameId: String(decoded[2]) };
    }
  } catch {
    // fall through
  }
  throw new BadRequestException({ error: 'validation_failed', fields: [{ field: 'cursor', problems: ['cursor is not one this API returned'] }] });
}
