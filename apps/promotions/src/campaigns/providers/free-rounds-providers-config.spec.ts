import { parsePlatformRegistry, type PlatformRegistry } from '@wallet-platform/platform-registry';
import { FreeRoundsProviderName } from '../domain/campaign';
import { freeRoundsProvidersOf } from './free-rounds-providers-config';

const choiceGaming = (platformId: string, serviceApi?: Record<string, unknown>) => ({ platformId, protocol: 'choice-gaming', operatorId: 'casino1', hashKey: 'h'.repeat(16), ...(serviceApi ? { serviceApi } : {}) });
const serviceApi = (change: Record<string, unknown> = {}) => ({ url: 'https://provider.test/serviceApi.php', platform: 8, partnerId: 1, privateKey: 'k'.repeat(24), ...change });

function registryOf(...platforms: unknown[]): PlatformRegistry {
  const parsed = parsePlatformRegistry(JSON.stringify({ platforms }));
  if (!parsed.ok) throw new Error(parsed.problems.join('; '));
  return parsed.registry;
}

describe('the free-round providers of the platform registry', () => {
  it('given platforms with a service API, with or without a timeout, then each provider is found by name and platform only', () => {
    const providers = freeRoundsProvidersOf(registryOf(choiceGaming('cg', serviceApi()), choiceGaming('cg-fast', serviceApi({ timeoutMs: 1000 })), choiceGaming('cg-none')));
    expect(providers.providerFor(FreeRoundsProviderName.ChoiceGaming, 'cg')).not.toBeNull();
    expect(providers.providerFor(FreeRoundsProviderName.ChoiceGaming, 'cg-fast')).not.toBeNull();
    expect(providers.providerFor(FreeRoundsProviderName.ChoiceGaming, 'cg-none')).toBeNull();
    expect(providers.providerFor(FreeRoundsProviderName.ChoiceGaming, 'other')).toBeNull();
  });
});
