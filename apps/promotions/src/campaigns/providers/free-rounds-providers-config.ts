import { ChoiceGamingServiceApiClient, OutboundHttpServiceApiTransport } from '@wallet-platform/choice-gaming-service-api';
import { AggregatorClient } from '@wallet-platform/aggregator-client';
import { choiceGamingServiceApisOf, freeRoundsAggregatorsOf, type PlatformRegistry } from '@wallet-platform/platform-registry';
import { FreeRoundsProviderName } from '../domain/campaign';
import type { FreeRoundsProvider, FreeRoundsProviders } from '../domain/free-rounds-provider.port';
import type { PlayerFactsPort } from '../domain/player-facts.port';
import { AggregatorFreeRoundsProvider, type AggregatorFreeRoundsOptions, type AggregatorFreeRoundsSettings } from './aggregator-free-rounds.provider';
import { ChoiceGamingFreeRoundsProvider } from './choice-gaming-free-rounds.provider';

/**
 * The free-round providers of the registry's Choice Gaming platforms that have a `serviceApi`
 * (its schema checks each field; the client's own checks hold the same bounds and fail loudly if
 * they ever disagree). A platform without one grants nothing: its campaigns find no provider.
 */
export function freeRoundsProvidersOf(registry: PlatformRegistry): FreeRoundsProviders {
  const byPlatform = new Map<string, FreeRoundsProvider>(
    choiceGamingServiceApisOf(registry).map((api) => [
      api.platformId,
      new ChoiceGamingFreeRoundsProvider(
        new ChoiceGamingServiceApiClient(
          { url: api.url, platform: BigInt(api.platform), partnerId: BigInt(api.partnerId), privateKey: api.privateKey.reveal() },
          new OutboundHttpServiceApiTransport(api.platformId),
          api.timeoutMs === undefined ? {} : { timeoutMs: api.timeoutMs },
        ),
      ),
    ]),
  );
  return { providerFor: (provider, platformId) => (provider === FreeRoundsProviderName.ChoiceGaming ? (byPlatform.get(platformId) ?? null) : null) };
}

/** The aggregators of the registry with `freeRounds` (freeRoundsAggregatorsOf): each one's client, username prefix and operator. */
export function aggregatorFreeRoundsSettingsOf(registry: PlatformRegistry): readonly AggregatorFreeRoundsSettings[] {
  return freeRoundsAggregatorsOf(registry).map((entry) => ({
    aggregatorId: entry.platformId,
    client: AggregatorClient.fromRegistry(entry),
    usernamePrefix: entry.usernamePrefix,
    operatorId: entry.freeRounds.operatorId,
  }));
}

/**
 * `base` (Choice Gaming) with the aggregators' providers added: an `aggregator` campaign of
 * platform X is granted by aggregator X. Built once the wallet's player facts exist, since an
 * aggregator username comes from the wallet player id.
 */
export function withAggregatorProviders(
  base: FreeRoundsProviders,
  aggregators: readonly AggregatorFreeRoundsSettings[],
  playerFacts: PlayerFactsPort,
  options: AggregatorFreeRoundsOptions = {},
): FreeRoundsProviders {
  const byAggregator = new Map<string, FreeRoundsProvider>(aggregators.map((settings) => [settings.aggregatorId, new AggregatorFreeRoundsProvider(settings, playerFacts, options)]));
  if (byAggregator.size !== aggregators.length) throw new Error('invariant: one free-rounds settings entry per aggregator id');
  return {
    providerFor: (provider, platformId) => {
      switch (provider) {
        case FreeRoundsProviderName.ChoiceGaming:
          return base.providerFor(provider, platformId);
        case FreeRoundsProviderName.Aggregator:
          return byAggregator.get(platformId) ?? null;
        default:
          return unreachable(provider);
      }
    },
  };
}

function unreachable(value: never): never {
  throw new Error(`unhandled provider ${String(value)}`);
}
