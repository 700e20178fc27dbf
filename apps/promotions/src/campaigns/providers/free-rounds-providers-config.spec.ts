import { ConfigurationError } from '@wallet-platform/service-kit';
import { FreeRoundsProviderName } from '../domain/campaign';
import { parseFreeRoundsProviders } from './free-rounds-providers-config';

const entry = (change: Record<string, unknown> = {}) => ({ platformId: 'cg', url: 'https://provider.test/serviceApi.php', platform: 8, partnerId: 1, privateKey: 'k'.repeat(24), ...change });

describe('CHOICE_GAMING_SERVICE_APIS', () => {
  it('given a platform, with or without a timeout, when parsed then its provider is found by name and platform only', () => {
    const providers = parseFreeRoundsProviders(JSON.stringify([entry(), entry({ platformId: 'cg-fast', timeoutMs: 1000 })]));
    expect(providers.providerFor(FreeRoundsProviderName.ChoiceGaming, 'cg')).not.toBeNull();
    expect(providers.providerFor(FreeRoundsProviderName.ChoiceGaming, 'cg-fast')).not.toBeNull();
    expect(providers.providerFor(FreeRoundsProviderName.ChoiceGaming, 'other')).toBeNull();
  });

  it.each([
    ['a timeout that is not an integer', [entry({ timeoutMs: '1000' })], /\[0\]\.timeoutMs/],
    ['a timeout below the client\'s bound', [entry({ timeoutMs: 10 })], /\[0\]/],
    ['a platform twice', [entry(), entry()], /listed twice/],
  ])('given %s then start-up fails naming the variable, never the key', (_case, value, message) => {
    const parse = () => parseFreeRoundsProviders(JSON.stringify(value));
    expect(parse).toThrow(ConfigurationError);
    expect(parse).toThrow(message);
    expect(parse).not.toThrow(/kkkkkkkk/);
  });
});
