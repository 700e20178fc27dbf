import { chunkPlayers, FreeRoundsAction, type ChoiceGamingServiceApiClient } from '@wallet-platform/choice-gaming-service-api';
import { FreeRoundsKind, FreeRoundsProviderName, type CampaignTerms } from '../domain/campaign';
import type { FreeRoundsProvider, GrantToSend, ProviderGrantOutcome } from '../domain/free-rounds-provider.port';

/**
 * Choice Gaming's service API as a FreeRoundsProvider: batches are the client's chunks under the
 * 20,000-character rule; codes 8 and 9 become `rejected` with the code kept as text.
 */
export class ChoiceGamingFreeRoundsProvider implements FreeRoundsProvider {
  readonly name = FreeRoundsProviderName.ChoiceGaming;

  constructor(private readonly client: ChoiceGamingServiceApiClient) {}

  planBatches(grants: readonly GrantToSend[]): GrantToSend[][] {
    return chunkPlayers(grants);
  }

  async grant(campaign: CampaignTerms, batch: readonly GrantToSend[], batchLabel: string): Promise<ProviderGrantOutcome> {
    const outcome = await this.client.grant(
      { action: actionFor(campaign.kind), players: batch, validUntil: campaign.validUntil, roundsCount: campaign.roundsCount, bet: campaign.bet, gameId: campaign.gameId },
      { campaign: campaign.reference, chunk: batchLabel },
    );
    switch (outcome.kind) {
      case 'granted':
        return { kind: 'granted', providerReference: outcome.referenceId };
      case 'refused':
        return { kind: 'rejected', providerCode: String(outcome.error.code), message: outcome.error.message };
      case 'unknown':
        return { kind: 'unknown', reason: outcome.reason };
      default:
        return unreachable(outcome);
    }
  }
}

function actionFor(kind: FreeRoundsKind): FreeRoundsAction {
  switch (kind) {
    case FreeRoundsKind.FreeRounds:
      return FreeRoundsAction.FreeRounds;
    case FreeRoundsKind.FreeRoundsByBet:
      return FreeRoundsAction.FreeRoundsByBet;
    default:
      return unreachable(kind);
  }
}

function unreachable(value: never): never {
  throw new Error(`unhandled ${JSON.stringify(value)}`);
}
