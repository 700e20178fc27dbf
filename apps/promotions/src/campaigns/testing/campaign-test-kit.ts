import { ChoiceGamingServiceApiClient, OutboundHttpServiceApiTransport, type ServiceApiOptions } from '@wallet-platform/choice-gaming-service-api';
import { FakeChoiceGamingProvider } from '@wallet-platform/choice-gaming-service-api/testing';
import { currencyCodeOf, Money } from '@wallet-platform/money';
import { FreeRoundsKind, FreeRoundsProviderName } from '../domain/campaign';
import type { FreeRoundsProvider, FreeRoundsProviders } from '../domain/free-rounds-provider.port';
import type { NewCampaign } from '../persistence/campaign.repository';
import { ChoiceGamingFreeRoundsProvider } from '../providers/choice-gaming-free-rounds.provider';

export const TEST_PLATFORM_ID = 'choice-gaming-test';
export const TEST_PRIVATE_KEY = 'campaign-test-private-key-42';
export const TEST_IDENTITY = { platform: 8n, partnerId: 1n };
export const EUR = currencyCodeOf('EUR');

export function startFakeProvider(port: number): Promise<FakeChoiceGamingProvider> {
  return FakeChoiceGamingProvider.start({ port, privateKey: TEST_PRIVATE_KEY, ...TEST_IDENTITY });
}

/** A short deadline and one attempt per send, so the grant run's own retries are what is tested. */
export function choiceGamingProviderFor(fake: FakeChoiceGamingProvider, options: ServiceApiOptions = { timeoutMs: 300, attemptsMax: 1 }): ChoiceGamingFreeRoundsProvider {
  const client = new ChoiceGamingServiceApiClient({ url: fake.url, privateKey: TEST_PRIVATE_KEY, ...TEST_IDENTITY }, new OutboundHttpServiceApiTransport('choice-gaming-test'), options);
  return new ChoiceGamingFreeRoundsProvider(client);
}

export function providersOf(provider: FreeRoundsProvider): FreeRoundsProviders {
  return { providerFor: (name, platformId) => (name === provider.name && platformId === TEST_PLATFORM_ID ? provider : null) };
}

export function newCampaign(reference: string, change: Partial<NewCampaign> = {}): NewCampaign {
  return {
    reference,
    name: `Campaign ${reference}`,
    provider: FreeRoundsProviderName.ChoiceGaming,
    platformId: TEST_PLATFORM_ID,
    kind: FreeRoundsKind.FreeRounds,
    gameId: '2',
    roundsCount: 10,
    bet: Money.parseOrThrow('0.20', 2, EUR),
    validUntil: new Date(Date.now() + 7 * 24 * 3600 * 1000),
    createdBy: 'crm-test',
    ...change,
  };
}
