import { Money, type CurrencyCode } from '@wallet-platform/money';
import type { DataSource } from 'typeorm';
import { CampaignState, type Campaign } from './domain/campaign';
import { CAMPAIGN_PLAYERS_MAX, PLAYER_ID_LENGTH_MAX, PLAYERS_PER_ADD_MAX, REVOKES_PER_CANCEL_MAX } from './domain/campaign-limits';
import type { FreeRoundsProviders } from './domain/free-rounds-provider.port';
import { skipReasonFor } from './domain/player-eligibility';
import type { PlayerFactsPort } from './domain/player-facts.port';
import { GrantRun, type GrantRunOptions, type GrantRunResult } from './grant-run/grant-run';
import { CampaignConflictError, CampaignRepository, type CampaignListFilter, type GrantCounts, type GrantView, type NewCampaign } from './persistence/campaign.repository';

/** A request the caller must fix: answered 400 with this message. */
export class CampaignInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CampaignInputError';
  }
}

export class CampaignNotFoundError extends Error {
  constructor(reference: string) {
    super(`no campaign ${reference}`);
    this.name = 'CampaignNotFoundError';
  }
}

export class GrantNotFoundError extends Error {
  constructor(reference: string, playerId: string) {
    super(`no player ${playerId} in campaign ${reference}`);
    this.name = 'GrantNotFoundError';
  }
}

/** A granted grant the provider did not take back: `refused` (kept granted, the code shown) or `unknown` (no answer: cancel again). */
export interface NotRevoked {
  readonly playerId: string;
  readonly outcome: 'refused' | 'unknown';
  readonly detail: string;
}

export interface CancelResult {
  readonly canceledGrants: number;
  readonly revokedGrants: number;
  readonly notRevoked: NotRevoked[];
  /** Granted grants not tried in this call (over REVOKES_PER_CANCEL_MAX): cancel again. */
  readonly revokesLeft: number;
}

export interface AddPlayersResult {
  readonly received: number;
  readonly added: number;
  readonly skipped: number;
  readonly alreadyInCampaign: number;
}

/** Per campaign: what was granted, what it can cost at most, by currency (one currency per campaign). */
export interface CampaignSettlement {
  readonly campaign: string;
  readonly state: CampaignState;
  readonly players: GrantCounts & { readonly total: number };
  readonly skipReasons: Readonly<Record<string, number>>;
  readonly rejectionCodes: Readonly<Record<string, number>>;
  /** Rounds given to players: granted, played and expired grants all received theirs. */
  readonly roundsGranted: number;
  /** Face value of the rounds granted (rounds × bet), per currency, DECIMAL(18,2) strings. */
  readonly costByCurrency: Readonly<Record<string, string>>;
  /**
   * Wins paid because of the campaign, per currency: free-spin wins (PROMO-FREESPIN changebalances
   * naming the campaign, net of cancels, from the wallet's ledger events), promo wins (/promoWin
   * on one of its grants) and tournament wins (none are tied to a campaign today).
   */
  readonly winsByCurrency: Readonly<Record<'freeSpins' | 'promo' | 'tournament', Readonly<Record<string, string>>>>;
  /** What the campaign has cost so far: every win above, per currency. */
  readonly paidByCurrency: Readonly<Record<string, string>>;
}

/** The campaign use cases; HTTP and the CLI are thin adapters over this. */
export class CampaignsService {
  readonly repository: CampaignRepository;

  constructor(
    private readonly dataSource: DataSource,
    private readonly playerFacts: PlayerFactsPort,
    private readonly providers: FreeRoundsProviders,
  ) {
    this.repository = new CampaignRepository(dataSource);
  }

  async create(campaign: NewCampaign): Promise<Campaign> {
    if (this.providers.providerFor(campaign.provider, campaign.platformId) === null) {
      throw new CampaignInputError(`no ${campaign.provider} free-rounds API is configured for platform ${campaign.platformId}`);
    }
    return this.repository.create(campaign);
  }

  list(filter: CampaignListFilter): Promise<{ readonly campaigns: Campaign[]; readonly hasMore: boolean }> {
    return this.repository.list(filter);
  }

  async get(reference: string): Promise<Campaign> {
    const campaign = await this.repository.findByReference(reference);
    if (campaign === null) throw new CampaignNotFoundError(reference);
    return campaign;
  }

  /**
   * Adds a list of players: each is checked against the wallet's facts now, and a blocked,
   * inactive or unknown player or one of another currency is kept as skipped with the reason,
   * never sent. Adding the same players again changes nothing.
   */
  async addPlayers(reference: string, playerIds: readonly string[], addedBy: string): Promise<AddPlayersResult> {
    if (playerIds.length > PLAYERS_PER_ADD_MAX) throw new CampaignInputError(`at most ${PLAYERS_PER_ADD_MAX} players per call`);
    for (const id of playerIds) {
      if (id.length === 0 || id.length > PLAYER_ID_LENGTH_MAX) throw new CampaignInputError(`player ids are 1-${PLAYER_ID_LENGTH_MAX} characters`);
    }
    const campaign = await this.get(reference);
    const unique = [...new Set(playerIds)];
    const counts = await this.repository.grantCounts(campaign.id);
    const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
    if (total + unique.length > CAMPAIGN_PLAYERS_MAX) throw new CampaignInputError(`a campaign holds at most ${CAMPAIGN_PLAYERS_MAX} players`);
    const facts = await this.playerFacts.factsOf(campaign.platformId, unique);
    const players = unique.map((playerId) => ({ playerId, skipReason: skipReasonFor(facts.get(playerId), campaign.currency) }));
    const { added, skipped } = await this.repository.addPlayers(campaign, players, addedBy);
    return { received: playerIds.length, added, skipped, alreadyInCampaign: unique.length - added };
  }

  async startGrant(reference: string, options: GrantRunOptions = {}): Promise<GrantRunResult> {
    const campaign = await this.get(reference);
    const provider = this.providers.providerFor(campaign.provider, campaign.platformId);
    if (provider === null) throw new CampaignConflictError(`no ${campaign.provider} free-rounds API is configured for platform ${campaign.platformId}`);
    return new GrantRun(this.dataSource, this.repository, options).run(campaign, provider);
  }

  /**
   * Stops the campaign: no new batch is sent; pending grants not yet in a batch become canceled.
   * Batches already sent keep being resolved by the next run, so no unknown is left unknown for ever.
   * Granted grants are taken back where the provider can (the aggregator's cancelFreeRound), at
   * most REVOKES_PER_CANCEL_MAX per call: canceling again goes on with the rest, and asks again for
   * those whose answer was lost. Choice Gaming's service API has no revoke: its grants stay granted.
   */
  async cancel(reference: string): Promise<CancelResult> {
    const campaign = await this.get(reference);
    await this.repository.setState(campaign.id, [CampaignState.Draft, CampaignState.Granting, CampaignState.Completed], CampaignState.Canceled);
    const canceledGrants = await this.repository.cancelPending(campaign.id);
    const provider = this.providers.providerFor(campaign.provider, campaign.platformId);
    if (provider?.revoke === undefined) return { canceledGrants, revokedGrants: 0, notRevoked: [], revokesLeft: 0 };
    const granted = await this.repository.grantedGrants(campaign.id);
    const notRevoked: NotRevoked[] = [];
    let revokedGrants = 0;
    for (const grant of granted.slice(0, REVOKES_PER_CANCEL_MAX)) {
      const outcome = await provider.revoke(campaign, grant);
      switch (outcome.kind) {
        case 'revoked':
          if (await this.repository.markRevoked(campaign.id, grant.externalReferenceId)) revokedGrants++;
          break;
        case 'refused':
          notRevoked.push({ playerId: grant.playerId, outcome: 'refused', detail: `${outcome.providerCode}: ${outcome.message}` });
          break;
        case 'unknown':
          notRevoked.push({ playerId: grant.playerId, outcome: 'unknown', detail: outcome.reason });
          break;
        default:
          return unreachable(outcome);
      }
    }
    return { canceledGrants, revokedGrants, notRevoked, revokesLeft: Math.max(0, granted.length - REVOKES_PER_CANCEL_MAX) };
  }

  /** One player's grant in a campaign. */
  async grantOf(reference: string, playerId: string): Promise<GrantView> {
    const campaign = await this.get(reference);
    const grant = await this.repository.grantOf(campaign.id, playerId);
    if (grant === null) throw new GrantNotFoundError(reference, playerId);
    return grant;
  }

  async settlement(reference: string, now: Date = new Date()): Promise<CampaignSettlement> {
    const campaign = await this.get(reference);
    await this.repository.expireGrants(campaign.id, now);
    // One snapshot: a win and the grant it plays are written together, and must be read together.
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const snapshot = new CampaignRepository(manager);
      const counts = await snapshot.grantCounts(campaign.id);
      const received = counts.granted + counts.played + counts.expired;
      const roundsGranted = received * campaign.roundsCount;
      const cost = Money.fromMinor(campaign.bet.amountMinor * BigInt(roundsGranted), 2, campaign.currency as CurrencyCode);
      return {
        campaign: campaign.reference,
        state: campaign.state,
        players: { ...counts, total: Object.values(counts).reduce((sum, n) => sum + n, 0) },
        skipReasons: await snapshot.skipReasons(campaign.id),
        rejectionCodes: await snapshot.rejectionCodes(campaign.id),
        roundsGranted,
        costByCurrency: { [campaign.currency]: cost.toDecimalString() },
        ...(await snapshot.winsOf(campaign.id)),
      };
    });
  }
}

function unreachable(value: never): never {
  throw new Error(`unhandled ${JSON.stringify(value)}`);
}
