import { ConfigurationError } from '@wallet-platform/service-kit';
import { loadGatewayConfig } from './gateway.config';

const KEY_1 = 'k'.repeat(16);
const KEY_2 = 'q'.repeat(20);
const HASH_KEY = 'h'.repeat(16);
const REGISTRY = JSON.stringify({
  platforms: [
    { platformId: 'platform-a', protocol: 'operator-api', operators: [{ operatorId: 'casino1', secretKey: KEY_1 }, { operatorId: 'casino2', secretKey: KEY_2 }], edge: { allowedSourceCidrs: ['10.0.0.0/8'], requestFreshnessSeconds: 120, singleCreditMax: { '*': '500.00' } } },
    { platformId: 'choice-gaming', protocol: 'choice-gaming', operatorId: 'casino1', hashKey: HASH_KEY, serviceApi: { url: 'https://cg.example/serviceApi.php', platform: 8, partnerId: 1, privateKey: 'p'.repeat(16) } },
  ],
});

describe('the gateway’s part of the platform registry', () => {
  const config = loadGatewayConfig({ PLATFORM_REGISTRY: REGISTRY });

  it('indexes Operator API operators by platform id and operator id (a casino may hold several operator ids)', () => {
    const credentials = config.platforms.get('platform-a')?.operators.get('casino2');
    expect([credentials?.platformId, credentials?.operatorId, credentials?.secretKey.reveal()]).toEqual(['platform-a', 'casino2', KEY_2]);
  });

  it('reads each platform’s edge settings', () => {
    const settings = config.platforms.get('platform-a')?.settings;
    expect([settings?.allowedSources?.cidrs, settings?.allowedSources?.blocks.check('10.1.2.3', 'ipv4'), settings?.trustedProxies, settings?.requestFreshnessSeconds, settings?.singleCreditMax.get('*')]).toEqual([
      ['10.0.0.0/8'],
      true,
      null,
      120,
      '500.00',
    ]);
  });

  it('gives each Choice Gaming platform its operator and the key of its Hash header, and nothing of another protocol', () => {
    const credentials = config.choiceGamingPlatforms.get('choice-gaming');
    expect([config.choiceGamingPlatforms.size, credentials?.operatorId, credentials?.privateKey.reveal(), config.platforms.has('choice-gaming')]).toEqual([1, 'casino1', HASH_KEY, false]);
  });

  it('requires PLATFORM_REGISTRY at start-up', () => {
    expect(() => loadGatewayConfig({})).toThrow(/PLATFORM_REGISTRY/);
  });

  it('names each bad field of the registry, together with every other bad variable', () => {
    let error: unknown;
    try {
      loadGatewayConfig({ PLATFORM_REGISTRY: REGISTRY.replace(KEY_1, 'short').replace('"operatorId":"casino2"', '"operatorId":"casino 2"'), WALLET_REPLY_TIMEOUT_MS: '5' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).problems.map((problem) => problem.replace(/: [^:]*$/, ''))).toEqual([
      'WALLET_REPLY_TIMEOUT_MS',
      'PLATFORM_REGISTRY: platforms[0].operators[0].secretKey',
      'PLATFORM_REGISTRY: platforms[0].operators[1].operatorId',
    ]);
  });
});
