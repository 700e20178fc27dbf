import { BadRequestException, Body, ConflictException, Controller, Get, HttpCode, Inject, NotFoundException, Param, Post, Query, Req, ServiceUnavailableException, UseGuards, UsePipes } from '@nestjs/common';
import { ApiAcceptedResponse, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { currencyCodeOf, Money } from '@wallet-platform/money';
import { BackOfficeApi } from '../../back-office/http/api-errors.decorator';
import type { Campaign } from '../domain/campaign';
import { CAMPAIGNS_LISTED_DEFAULT, VALIDITY_DAYS_MAX } from '../domain/campaign-limits';
import { PlayerFactsUnavailableError } from '../domain/player-facts.port';
import { CampaignGrantRunner } from '../grant-run/campaign-grant-runner';
import { CampaignConflictError } from '../persistence/campaign.repository';
import { CampaignInputError, CampaignNotFoundError, CampaignsService, GrantNotFoundError } from '../campaigns.service';
import { AddPlayersRequest, AddPlayersView, CampaignReferenceParam, CampaignView, CancelView, CreateCampaignRequest, GrantParam, ListCampaignsQuery, GrantStartView, GrantView, SettlementView } from './campaign.dto';
import { AdminOnly, BackOfficeAuthGuard, type BackOfficeRequest, backOfficeValidationPipe } from '@wallet-platform/service-kit';

/** The CRM team's campaigns (`/back-office/v1/campaigns`): thin HTTP over CampaignsService. */
@ApiTags('campaigns')
@BackOfficeApi()
@Controller('back-office/v1/campaigns')
@UseGuards(BackOfficeAuthGuard)
@UsePipes(backOfficeValidationPipe)
export class CampaignsController {
  constructor(
    @Inject(CampaignsService) private readonly campaigns: CampaignsService,
    @Inject(CampaignGrantRunner) private readonly runner: CampaignGrantRunner,
  ) {}

  @Post()
  @AdminOnly()
  @ApiCreatedResponse({ type: CampaignView })
  @ApiConflictResponse({ description: '`{"error":"campaign_exists"}`' })
  async create(@Body() request: CreateCampaignRequest, @Req() http: BackOfficeRequest): Promise<CampaignView> {
    const validUntil = new Date(request.validUntil);
    const now = Date.now();
    if (validUntil.getTime() <= now || validUntil.getTime() > now + VALIDITY_DAYS_MAX * 24 * 3600 * 1000) {
      throw badRequest(`validUntil must be in the future, within ${VALIDITY_DAYS_MAX} days`);
    }
    const bet = Money.parse(request.betAmount, 2, currencyCodeOf(request.currency));
    if (!bet.ok || !bet.value.isPositive()) throw badRequest('betAmount must be positive');
    return mapped(async () =>
      viewOf(
        await this.campaigns.create({
          reference: request.reference,
          name: request.name,
          provider: request.provider,
          platformId: request.platformId,
          kind: request.kind,
          gameId: request.gameId,
          roundsCount: request.roundsCount,
          bet: bet.value,
          validUntil,
          createdBy: http.backOfficeCaller?.name ?? 'unknown',
        }),
      ),
    );
  }

  /** The newest campaigns first, narrowed by provider, platform or state; `hasMore` when older ones match. */
  @Get()
  @ApiOkResponse({ description: '`{ items: CampaignView[], hasMore }`' })
  async list(@Query() query: ListCampaignsQuery): Promise<{ items: CampaignView[]; hasMore: boolean }> {
    const listed = await this.campaigns.list({ provider: query.provider, platformId: query.platformId, state: query.state, limit: query.limit ?? CAMPAIGNS_LISTED_DEFAULT });
    return { items: listed.campaigns.map(viewOf), hasMore: listed.hasMore };
  }

  @Get(':reference')
  @ApiOkResponse({ type: CampaignView })
  @ApiNotFoundResponse({ description: '`{"error":"campaign_not_found"}`' })
  async read(@Param() { reference }: CampaignReferenceParam): Promise<CampaignView> {
    return mapped(async () => viewOf(await this.campaigns.get(reference)));
  }

  /** Adds players from a list; each is checked with the wallet now, the ineligible kept as skipped. */
  @Post(':reference/players')
  @AdminOnly()
  @HttpCode(200)
  @ApiOkResponse({ type: AddPlayersView })
  async addPlayers(@Param() { reference }: CampaignReferenceParam, @Body() request: AddPlayersRequest, @Req() http: BackOfficeRequest): Promise<AddPlayersView> {
    return mapped(() => this.campaigns.addPlayers(reference, request.playerIds, http.backOfficeCaller?.name ?? 'unknown'));
  }

  /** Starts (or resumes) the grant run in the background; follow it with the settlement. */
  @Post(':reference/grant')
  @AdminOnly()
  @HttpCode(202)
  @ApiAcceptedResponse({ type: GrantStartView })
  async grant(@Param() { reference }: CampaignReferenceParam): Promise<GrantStartView> {
    return mapped(async () => ({ started: await this.runner.start(reference) }));
  }

  @Post(':reference/cancel')
  @AdminOnly()
  @HttpCode(200)
  @ApiOkResponse({ type: CancelView })
  async cancel(@Param() { reference }: CampaignReferenceParam): Promise<CancelView> {
    return mapped(() => this.campaigns.cancel(reference));
  }

  @Get(':reference/grants/:playerId')
  @ApiOkResponse({ type: GrantView })
  @ApiNotFoundResponse({ description: '`{"error":"campaign_not_found"}` or `{"error":"grant_not_found"}`' })
  async grantOf(@Param() { reference, playerId }: GrantParam): Promise<GrantView> {
    return mapped(async () => {
      const grant = await this.campaigns.grantOf(reference, playerId);
      return { ...grant, decidedAt: grant.decidedAt?.toISOString() ?? null };
    });
  }

  @Get(':reference/settlement')
  @ApiOkResponse({ type: SettlementView })
  async settlement(@Param() { reference }: CampaignReferenceParam): Promise<SettlementView> {
    return mapped(async () => {
      // Whether a run is going, asked BEFORE the figures are read: a run that ends in between
      // has already written its final state, so "not granting" never comes with a stale state.
      const granting = this.runner.isRunning(reference);
      return { ...(await this.campaigns.settlement(reference)), granting };
    });
  }
}

/** The one place campaign errors become HTTP answers. */
async function mapped<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof CampaignNotFoundError) throw new NotFoundException({ error: 'campaign_not_found', message: error.message });
    if (error instanceof GrantNotFoundError) throw new NotFoundException({ error: 'grant_not_found', message: error.message });
    if (error instanceof CampaignConflictError) throw new ConflictException({ error: /is taken/.test(error.message) ? 'campaign_exists' : 'campaign_conflict', message: error.message });
    if (error instanceof CampaignInputError) throw badRequest(error.message);
    if (error instanceof PlayerFactsUnavailableError) throw new ServiceUnavailableException({ error: 'player_facts_unavailable', message: error.message });
    throw error;
  }
}

function badRequest(message: string): Error {
  return new BadRequestException({ error: 'bad_request', message });
}

function viewOf(campaign: Campaign): CampaignView {
  return {
    reference: campaign.reference,
    name: campaign.name,
    provider: campaign.provider,
    platformId: campaign.platformId,
    kind: campaign.kind,
    gameId: campaign.gameId,
    roundsCount: campaign.roundsCount,
    betAmount: campaign.bet.toDecimalString(),
    currency: campaign.currency,
    validUntil: campaign.validUntil.toISOString(),
    state: campaign.state,
    createdBy: campaign.createdBy,
    createdAt: campaign.createdAt.toISOString(),
  };
}
