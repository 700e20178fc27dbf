import { inspect } from 'node:util';
import { parsePlatformRegistry, type ParsedPlatformRegistry } from './parse-platform-registry';
import { AGGREGATORS_MAX, PLATFORMS_MAX } from './platform-registry-limits';
import type { PlatformRegistry } from './platform-registry.schema';
import { aggregatorsOf, choiceGamingOperatorsOf, choiceGamingServiceApisOf, freeRoundsAggregatorsOf, platformApisOf, reconciledAggregatorsOf, reconciledPlatformApisOf } from './platform-registry-views';

const KEY = 'operator-secret-key-0001';
const HASH_KEY = 'choice-gaming-hash-key-01';
const SERVICE_KEY = 'choice-gaming-service-key-1';

const operatorApi = (overrides: Record<string, unknown> = {}) => ({
  platformId: 'platform-a',
  protocol: 'operator-api',
  operators: [{ operatorId: 'casino1', secretKey: KEY }],
  api: { baseUrl: 'https://api.platform-a.example', gameLaunchBaseUrl: 'https://launch.platform-a.example/' },
  ...overrides,
});
const choiceGaming = (overrides: Record<string, unknown> = {}) => ({
  platformId: 'choice-gaming',
  protocol: 'choice-gaming',
  operatorId: 'casino1',
  hashKey: HASH_KEY,
  serviceApi: { url: 'https://cg.example/serviceApi.php', platform: 8, partnerId: 1, privateKey: SERVICE_KEY },
  ...overrides,
});
const AGGREGATOR_KEY = 'aggregator-external-api-key';
const aggregator = (overrides: Record<string, unknown> = {}) => ({
  platformId: 'zg',
  protocol: 'aggregator',
  api: { baseUrl: 'https://api.aggregator.example/v1', apiKey: AGGREGATOR_KEY },
  currencies: ['EUR', 'USD'],
  usernamePrefix: 'wp',
  ...overrides,
});
const documentOf = (...platforms: unknown[]): string => JSON.stringify({ platforms });

function accepted(parsed: ParsedPlatformRegistry): PlatformRegistry {
  if (!parsed.ok) throw new Error(`expected the registry to be accepted: ${parsed.problems.join('; ')}`);
  return parsed.registry;
}
function problemsOf(text: string): readonly string[] {
  const parsed = parsePlatformRegistry(text);
  if (parsed.ok) throw new Error('expected the registry to be refused');
  return parsed.problems;
}

describe('the platform registry', () => {
  describe('given a sound document of both protocols', () => {
    const registry = accepted(parsePlatformRegistry(documentOf(operatorApi(), choiceGaming())));

    it('then the defaults are filled in: edge settings, reconciliation on', () => {
      const platform = registry.platforms[0];
      expect(platform.protocol === 'operator-api' && [platform.edge.requestFreshnessSeconds, platform.edge.singleCreditMax, platform.api?.reconcile]).toEqual([300, { '*': '1000000.00' }, true]);
    });

    it('then each service takes its part', () => {
      expect(platformApisOf(registry).map((api) => [api.platformId, api.operatorId, api.secretKey.reveal(), api.apiBaseUrl])).toEqual([
        ['platform-a', 'casino1', KEY, 'https://api.platform-a.example'],
      ]);
      expect([...choiceGamingOperatorsOf(registry)]).toEqual([['choice-gaming', 'casino1']]);
      expect(choiceGamingServiceApisOf(registry).map((api) => [api.platformId, api.platform, api.partnerId, api.privateKey.reveal()])).toEqual([['choice-gaming', 8, 1, SERVICE_KEY]]);
    });

    it('then no secret shows through JSON, string conversion or inspect', () => {
      const shown = [JSON.stringify(registry), inspect(registry, { depth: 10 }), `${String(platformApisOf(registry)[0].secretKey)}`];
      for (const text of shown) {
        for (const secret of [KEY, HASH_KEY, SERVICE_KEY]) expect(text).not.toContain(secret);
      }
      expect(JSON.stringify(platformApisOf(registry)[0].secretKey)).toBe('"[redacted]"');
    });
  });

  describe('given aggregators', () => {
    const registry = accepted(
      parsePlatformRegistry(
        documentOf(
          aggregator({ limits: { readTimeoutMs: 2_000, readAttemptsMax: 2 }, transfers: { arrivalMarginMs: 30_000 }, reconciliation: { baseCurrency: 'EUR', operatorIds: ['casino1', 'casino1', 'casino2'] }, freeRounds: { operatorId: 'casino1' } }),
          aggregator({ platformId: 'other-aggregator', usernamePrefix: 'ca' }),
          operatorApi(),
        ),
      ),
    );

    it('then the wallet takes every aggregator, reporting those it reconciles, promotions those with free rounds', () => {
      expect(aggregatorsOf(registry).map((entry) => [entry.platformId, entry.api.apiKey.reveal(), entry.usernamePrefix])).toEqual([
        ['zg', AGGREGATOR_KEY, 'wp'],
        ['other-aggregator', AGGREGATOR_KEY, 'ca'],
      ]);
      expect(reconciledAggregatorsOf(registry).map((entry) => [entry.platformId, entry.reconciliation])).toEqual([['zg', { baseCurrency: 'EUR', operatorIds: ['casino1', 'casino2'] }]]);
      expect(freeRoundsAggregatorsOf(registry).map((entry) => [entry.platformId, entry.freeRounds.operatorId])).toEqual([['zg', 'casino1']]);
      expect(platformApisOf(registry).map((api) => api.platformId)).toEqual(['platform-a']);
    });

    it('then the API key shows through neither JSON nor inspect', () => {
      for (const text of [JSON.stringify(registry), inspect(registry, { depth: 10 })]) expect(text).not.toContain(AGGREGATOR_KEY);
    });
  });

  it('given api.reconcile false then reporting leaves the platform out and the wallet keeps it', () => {
    const registry = accepted(parsePlatformRegistry(documentOf(operatorApi({ api: { baseUrl: 'https://a.example', gameLaunchBaseUrl: 'https://l.example/', reconcile: false } }))));
    expect([platformApisOf(registry).length, reconciledPlatformApisOf(registry).length]).toEqual([1, 0]);
  });

  it('given an empty list then it is a registry of no platform', () => {
    expect(accepted(parsePlatformRegistry('{"platforms":[]}')).platforms).toEqual([]);
  });

  describe('rules, each named by its field', () => {
    it.each([
      ['text that is not JSON', '{"platforms":', /^the registry is not valid JSON/],
      ['a repeated key', '{"platforms":[],"platforms":[]}', /^platforms: duplicate key$/],
      ['no platforms field', '{}', /^platforms: is required$/],
      ['an unknown top-level field', '{"platforms":[],"extra":1}', /^extra: unknown field$/],
      ['too many platforms', documentOf(...Array.from({ length: PLATFORMS_MAX + 1 }, (_, index) => operatorApi({ platformId: `p${index}` }))), /^platforms: must hold at most 100 platforms$/],
      ['an unknown protocol', documentOf(operatorApi({ protocol: 'soap' })), /^platforms\[0\]\.protocol: protocol must be operator-api, choice-gaming or aggregator$/],
      ['a platform id with capitals', documentOf(operatorApi({ platformId: 'Platform-A' })), /^platforms\[0\]\.platformId: must be 1-40 chars/],
      ['a platform listed twice', documentOf(operatorApi(), choiceGaming({ platformId: 'platform-a' })), /^platforms\[1\]\.platformId: platform platform-a is listed twice$/],
      ['no operators', documentOf(operatorApi({ operators: [] })), /^platforms\[0\]\.operators: must hold 1\.\.100 operators$/],
      ['an operator id with a space', documentOf(operatorApi({ operators: [{ operatorId: 'casino 1', secretKey: KEY }] })), /^platforms\[0\]\.operators\[0\]\.operatorId: must be 1-20 chars/],
      ['an operator listed twice', documentOf(operatorApi({ operators: [{ operatorId: 'c1', secretKey: KEY }, { operatorId: 'c1', secretKey: KEY }] })), /^platforms\[0\]\.operators\[1\]\.operatorId: operator c1 is listed twice$/],
      ['a short secret key', documentOf(operatorApi({ operators: [{ operatorId: 'c1', secretKey: 'short' }] })), /^platforms\[0\]\.operators\[0\]\.secretKey: must be 16-200 characters$/],
      ['a missing secret key', documentOf(operatorApi({ operators: [{ operatorId: 'c1' }] })), /^platforms\[0\]\.operators\[0\]\.secretKey: is required$/],
      ['a misspelt operator field', documentOf(operatorApi({ operators: [{ operatorId: 'c1', secretKey: KEY, secretkey: KEY }] })), /^platforms\[0\]\.operators\[0\]\.secretkey: unknown field$/],
      ['an API URL that is not http(s)', documentOf(operatorApi({ api: { baseUrl: 'ftp://a.example', gameLaunchBaseUrl: 'https://l.example/' } })), /^platforms\[0\]\.api\.baseUrl: must be an http\(s\) URL/],
      ['a service API URL with credentials', documentOf(choiceGaming({ serviceApi: { url: 'https://user:pass@cg.example/', platform: 8, partnerId: 1, privateKey: SERVICE_KEY } })), /^platforms\[0\]\.serviceApi\.url: must be an http\(s\) URL without credentials/],
      ['a reconcile flag that is not a boolean', documentOf(operatorApi({ api: { baseUrl: 'https://a.example', gameLaunchBaseUrl: 'https://l.example/', reconcile: 'yes' } })), /^platforms\[0\]\.api\.reconcile: must be true or false$/],
      ['a CIDR without a prefix', documentOf(operatorApi({ edge: { allowedSourceCidrs: ['10.0.0.1'] } })), /^platforms\[0\]\.edge\.allowedSourceCidrs\[0\]: must be an address\/prefix CIDR/],
      ['an IPv4 prefix beyond 32', documentOf(operatorApi({ edge: { trustedProxyCidrs: ['10.0.0.0/33'] } })), /^platforms\[0\]\.edge\.trustedProxyCidrs\[0\]: must be an address\/prefix CIDR/],
      ['an empty allow-list', documentOf(operatorApi({ edge: { allowedSourceCidrs: [] } })), /^platforms\[0\]\.edge\.allowedSourceCidrs: must hold 1\.\.100 CIDRs$/],
      ['a freshness window below 10 s', documentOf(operatorApi({ edge: { requestFreshnessSeconds: 5 } })), /^platforms\[0\]\.edge\.requestFreshnessSeconds: must be 10\.\.86400$/],
      ['a fractional freshness window', documentOf(operatorApi({ edge: { requestFreshnessSeconds: 30.5 } })), /^platforms\[0\]\.edge\.requestFreshnessSeconds: must be an integer$/],
      ['a credit maximum of three decimals', documentOf(operatorApi({ edge: { singleCreditMax: { '*': '1.005' } } })), /^platforms\[0\]\.edge\.singleCreditMax\.\*: must be a positive decimal string/],
      ['a credit maximum for a currency that is not a code', documentOf(operatorApi({ edge: { singleCreditMax: { '*': '10.00', euro: '5.00' } } })), /^platforms\[0\]\.edge\.singleCreditMax(\.euro)?: keys must be currency codes/],
      ['a credit maximum without *', documentOf(operatorApi({ edge: { singleCreditMax: { EUR: '10.00' } } })), /^platforms\[0\]\.edge\.singleCreditMax: must have a \* entry/],
      ['a Choice Gaming platform without its hash key', documentOf(choiceGaming({ hashKey: undefined })), /^platforms\[0\]\.hashKey: is required$/],
      ['a service API platform number that is not an integer', documentOf(choiceGaming({ serviceApi: { url: 'https://cg.example', platform: '8', partnerId: 1, privateKey: SERVICE_KEY } })), /^platforms\[0\]\.serviceApi\.platform: must be an integer$/],
      ['a service API timeout out of bounds', documentOf(choiceGaming({ serviceApi: { url: 'https://cg.example', platform: 8, partnerId: 1, privateKey: SERVICE_KEY, timeoutMs: 10 } })), /^platforms\[0\]\.serviceApi\.timeoutMs: must be 100\.\.60000 ms$/],
      ['an aggregator without its API key', documentOf(aggregator({ api: { baseUrl: 'https://a.example' } })), /^platforms\[0\]\.api\.apiKey: is required$/],
      ['an aggregator API key with a space', documentOf(aggregator({ api: { baseUrl: 'https://a.example', apiKey: 'two words' } })), /^platforms\[0\]\.api\.apiKey: must be 1-512 printable ASCII characters$/],
      ['an aggregator API key that is empty', documentOf(aggregator({ api: { baseUrl: 'https://a.example', apiKey: '' } })), /^platforms\[0\]\.api\.apiKey: must be 1-512 printable ASCII characters$/],
      ['an aggregator API URL that is not http(s)', documentOf(aggregator({ api: { baseUrl: 'ftp://a.example', apiKey: AGGREGATOR_KEY } })), /^platforms\[0\]\.api\.baseUrl: must be an http\(s\) URL/],
      ['an aggregator without currencies', documentOf(aggregator({ currencies: [] })), /^platforms\[0\]\.currencies: must hold 1\.\.50 currency codes$/],
      ['an aggregator currency that is not a code', documentOf(aggregator({ currencies: ['euro'] })), /^platforms\[0\]\.currencies\[0\]: must be a currency code$/],
      ['a username prefix with capitals', documentOf(aggregator({ usernamePrefix: 'WP' })), /^platforms\[0\]\.usernamePrefix: must be a lowercase letter then up to 5/],
      ['a username prefix of seven characters', documentOf(aggregator({ usernamePrefix: 'abcdefg' })), /^platforms\[0\]\.usernamePrefix: must be a lowercase letter/],
      ['a read timeout below 100 ms', documentOf(aggregator({ limits: { readTimeoutMs: 50 } })), /^platforms\[0\]\.limits\.readTimeoutMs: must be 100\.\.120000 ms$/],
      ['a transfer timeout that is text', documentOf(aggregator({ limits: { transferTimeoutMs: '5000' } })), /^platforms\[0\]\.limits\.transferTimeoutMs: must be an integer$/],
      ['no read attempt', documentOf(aggregator({ limits: { readAttemptsMax: 0 } })), /^platforms\[0\]\.limits\.readAttemptsMax: must be 1\.\.5$/],
      ['a retry base above its maximum', documentOf(aggregator({ limits: { retryDelayBaseMs: 500, retryDelayMaxMs: 100 } })), /^platforms\[0\]\.limits\.retryDelayBaseMs: must not exceed retryDelayMaxMs$/],
      ['a page size above 100', documentOf(aggregator({ limits: { pageSizeMax: 101 } })), /^platforms\[0\]\.limits\.pageSizeMax: must be 1\.\.100$/],
      ['a misspelt limit', documentOf(aggregator({ limits: { readTimeout: 1_000 } })), /^platforms\[0\]\.limits\.readTimeout: unknown field$/],
      ['an arrival margin over a day', documentOf(aggregator({ transfers: { arrivalMarginMs: 86_400_001 } })), /^platforms\[0\]\.transfers\.arrivalMarginMs: must be 0\.\.86400000 ms$/],
      ['a negative history lookback', documentOf(aggregator({ transfers: { historyLookbackMs: -1 } })), /^platforms\[0\]\.transfers\.historyLookbackMs: must be 0\.\.86400000 ms$/],
      ['a reconciliation without operators', documentOf(aggregator({ reconciliation: { baseCurrency: 'EUR', operatorIds: [] } })), /^platforms\[0\]\.reconciliation\.operatorIds: must hold 1\.\.20 operator ids$/],
      ['a reconciliation base currency that is not a code', documentOf(aggregator({ reconciliation: { baseCurrency: 'eur', operatorIds: ['casino1'] } })), /^platforms\[0\]\.reconciliation\.baseCurrency: must be a currency code$/],
      ['a free-rounds operator id with a space', documentOf(aggregator({ freeRounds: { operatorId: 'casino 1' } })), /^platforms\[0\]\.freeRounds\.operatorId: must be 1-20 chars/],
      ['too many aggregators', documentOf(...Array.from({ length: AGGREGATORS_MAX + 1 }, (_, index) => aggregator({ platformId: `agg${index}` }))), /^platforms: must hold at most 20 aggregators$/],
      ['an Operator API field on a Choice Gaming platform', documentOf(choiceGaming({ operators: [] })), /^platforms\[0\]\.operators: unknown field$/],
    ])('given %s then it is refused', (_rule, text, expected) => {
      expect(problemsOf(text)).toEqual([expect.stringMatching(expected)]);
    });

    it('given several bad fields then each is named, and no value is quoted', () => {
      const problems = problemsOf(documentOf(operatorApi({ operators: [{ operatorId: 'bad id', secretKey: 'tiny-secret' }] }), choiceGaming({ hashKey: 'also-tiny' })));
      expect(problems).toEqual([
        expect.stringMatching(/^platforms\[0\]\.operators\[0\]\.operatorId: /),
        expect.stringMatching(/^platforms\[0\]\.operators\[0\]\.secretKey: /),
        expect.stringMatching(/^platforms\[1\]\.hashKey: /),
      ]);
      expect(problems.join('\n')).not.toMatch(/tiny-secret|also-tiny|bad id/);
    });
  });
});
