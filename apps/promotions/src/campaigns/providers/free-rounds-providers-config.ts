import { ChoiceGamingServiceApiClient, OutboundHttpServiceApiTransport } from '@wallet-platform/choice-gaming-service-api';
import { choiceGamingServiceApisOf, type PlatformRegistry } from '@wallet-platform/platform-registry';
import { FreeRoundsProviderName } from '../domain/campaign';
import type { FreeRoundsProvider, FreeRoundsProviders } from '../domain/free-rounds-provider.port';
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
