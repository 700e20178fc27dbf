import { aggregatorUsernameFor, type AggregatorClient } from '@wallet-platform/aggregator-client';
import { FreeRoundsProviderName, type CampaignTerms } from '../domain/campaign';
import { AGGREGATOR_GRANT_ARRIVAL_MARGIN_MS } from '../domain/campaign-limits';
import type { FreeRoundsProvider, GrantToRevoke, GrantToSend, PreviousSend, ProviderGrantOutcome, ProviderRevokeOutcome } from '../domain/free-rounds-provider.port';
import { PlayerFactsUnavailableError, type PlayerFactsPort } from '../domain/player-facts.port';
import { AggregatorGrantCode, grantOutcomeOfError, presenceIn, presenceOfError, revokeOutcomeOfError, type GrantPresence } from './aggregator-free-rounds-outcomes';

/** What promotions needs of one aggregator: its client, how its usernames are made, and whose players it grants. */
export interface AggregatorFreeRoundsSettings {
  /** Our aggregator id: the registry platformId, and the campaigns' platformId. */
  readonly aggregatorId: string;
  readonly client: AggregatorClient;
  readonly usernamePrefix: string;
  /** The operator whose players (and campaigns) this aggregator serves. */
  readonly operatorId: string;
}

export interface AggregatorFreeRoundsOptions {
  readonly arrivalMarginMs?: number;
  readonly now?: () => Date;
}

/**
 * The aggregator's free rounds (freeRound / getFreeRound / cancelFreeRound) as a FreeRoundsProvider.
 *
 * - One player per call: a batch is one grant. Its bonusCode is the grant's externalReferenceId,
 *   stored before the first send, so every look-up names the same grant.
 * - freeRound is not idempotent. A batch read back open (`previousSend`: an answer lost, or a run
 *   killed mid-send) is first looked up with getFreeRound: found → granted, no second call;
 *   shown absent → created again only once AGGREGATOR_GRANT_ARRIVAL_MARGIN_MS has passed since the
 *   lost call; anything else → still unknown. Never a blind resend.
 * - Both campaign kinds are one call: betAmount is the bet of one round (the document notes some
 *   providers read it as a total or a line bet).
 * - The username is the wallet's (aggregatorUsernameFor from the wallet player id), so a grant
 *   lands on the same aggregator player the player's transfers use.
 */
export class AggregatorFreeRoundsProvider implements FreeRoundsProvider {
  readonly name = FreeRoundsProviderName.Aggregator;
  private readonly arrivalMarginMs: number;
  private readonly now: () => Date;

  constructor(
    private readonly settings: AggregatorFreeRoundsSettings,
    private readonly playerFacts: PlayerFactsPort,
    options: AggregatorFreeRoundsOptions = {},
  ) {
    this.arrivalMarginMs = options.arrivalMarginMs ?? AGGREGATOR_GRANT_ARRIVAL_MARGIN_MS;
    this.now = options.now ?? (() => new Date());
  }

  planBatches(grants: readonly GrantToSend[]): GrantToSend[][] {
    return grants.map((grant) => [grant]);
  }

  async grant(campaign: CampaignTerms, batch: readonly GrantToSend[], _batchLabel: string, previousSend: PreviousSend | null): Promise<ProviderGrantOutcome> {
    const grant = onlyGrantOf(batch);
    const player = await this.usernameOf(campaign, grant.playerId);
    if (player.kind !== 'found') return player.outcome;
    const currency = campaign.bet.currencyCode;
    if (previousSend !== null) {
      const presence = await this.presenceOf(campaign, player.username, grant.externalReferenceId);
      switch (presence.kind) {
        case 'present':
          return { kind: 'granted', providerReference: foundReference(presence.provider) };
        case 'inconclusive':
          return { kind: 'unknown', reason: `lost grant not resolved: ${presence.reason}` };
        case 'absent': {
          const waitedMs = this.now().getTime() - previousSend.lastAttemptAt.getTime();
          if (waitedMs < this.arrivalMarginMs) return { kind: 'unknown', reason: `absent at the aggregator ${waitedMs} ms after the lost call; waiting ${this.arrivalMarginMs} ms before sending again` };
          break;
        }
        default:
          return unreachable(presence);
      }
    }
    try {
      await this.settings.client.ensurePlayer(player.username);
      const created = await this.settings.client.freeRound({
        currency,
        bonusCode: grant.externalReferenceId,
        username: player.username,
        gameId: campaign.gameId,
        from: this.now().toISOString(),
        to: campaign.validUntil.toISOString(),
        rounds: campaign.roundsCount,
        betAmount: campaign.bet.toDecimalString(),
      });
      return { kind: 'granted', providerReference: createdReference(created.freeGameId, created.freeGameCode) };
    } catch (error) {
      return grantOutcomeOfError(error);
    }
  }

  readonly revoke = async (campaign: CampaignTerms, grant: GrantToRevoke): Promise<ProviderRevokeOutcome> => {
    const reference = parseProviderReference(grant.providerReference);
    if (reference === null || reference.kind === 'found') {
      return { kind: 'refused', providerCode: AggregatorGrantCode.NoFreeGameId, message: 'the grant was found by getFreeRound without a freeGameId: cancel it at the aggregator' };
    }
    const player = await this.usernameOf(campaign, grant.playerId);
    if (player.kind !== 'found') return player.outcome.kind === 'rejected' ? { kind: 'refused', providerCode: player.outcome.providerCode, message: player.outcome.message } : player.outcome;
    try {
      await this.settings.client.cancelFreeRound({ currency: campaign.bet.currencyCode, username: player.username, gameId: campaign.gameId, freeRoundId: reference.freeGameId, freeRoundCode: reference.freeGameCode });
      return { kind: 'revoked' };
    } catch (error) {
      return revokeOutcomeOfError(error);
    }
  };

  private async presenceOf(campaign: CampaignTerms, username: string, bonusCode: string): Promise<GrantPresence> {
    try {
      return presenceIn(await this.settings.client.getFreeRound({ currency: campaign.bet.currencyCode, username, gameId: campaign.gameId }), bonusCode);
    } catch (error) {
      return presenceOfError(error);
    }
  }

  private async usernameOf(
    campaign: CampaignTerms,
    playerId: string,
  ): Promise<{ readonly kind: 'found'; readonly username: string } | { readonly kind: 'not-found'; readonly outcome: Extract<ProviderGrantOutcome, { kind: 'rejected' | 'unknown' }> }> {
    if (campaign.platformId !== this.settings.aggregatorId) throw new Error(`invariant: campaign ${campaign.reference} of ${campaign.platformId} sent to aggregator ${this.settings.aggregatorId}`);
    try {
      const facts = (await this.playerFacts.factsOf(campaign.platformId, [playerId])).get(playerId);
      if (facts === undefined) return { kind: 'not-found', outcome: { kind: 'rejected', providerCode: AggregatorGrantCode.UnknownPlayer, message: `the wallet does not know player ${playerId}` } };
      return { kind: 'found', username: aggregatorUsernameFor(this.settings.usernamePrefix, this.settings.operatorId, facts.walletPlayerId) };
    } catch (error) {
      // Nothing was sent: the next send asks the wallet again (and the aggregator first, harmlessly).
      if (error instanceof PlayerFactsUnavailableError) return { kind: 'not-found', outcome: { kind: 'unknown', reason: error.message } };
      throw error;
    }
  }
}

/**
 * A grant's providerReference: `id:<freeGameId> code:<freeGameCode>` when freeRound answered (both
 * are ids without spaces: the client's ID rule), `found:<provider>` when getFreeRound found it.
 */
export type AggregatorGrantReference = { readonly kind: 'created'; readonly freeGameId: string; readonly freeGameCode: string } | { readonly kind: 'found'; readonly provider: string };

export function createdReference(freeGameId: string, freeGameCode: string): string {
  return `id:${freeGameId} code:${freeGameCode}`;
}

export function foundReference(provider: string): string {
  return `found:${provider}`;
}

export function parseProviderReference(text: string | null): AggregatorGrantReference | null {
  if (text === null) return null;
  const created = /^id:(\S+) code:(\S+)$/.exec(text);
  if (created?.[1] !== undefined && created[2] !== undefined) return { kind: 'created', freeGameId: created[1], freeGameCode: created[2] };
  const found = /^found:(\S+)$/.exec(text);
  if (found?.[1] !== undefined) return { kind: 'found', provider: found[1] };
  return null;
}

function onlyGrantOf(batch: readonly GrantToSend[]): GrantToSend {
  const [grant] = batch;
  if (grant === undefined || batch.length !== 1) throw new Error(`invariant: an aggregator batch is one grant, got ${batch.length}`);
  return grant;
}

function unreachable(value: never): never {
  throw new Error(`unhandled ${JSON.stringify(value)}`);
}
