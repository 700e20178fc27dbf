import { parseReconciledAggregators } from './reconciliation-aggregators';

const walletEntry = { aggregatorId: 'zg', apiBaseUrl: 'https://api.aggregator.example', apiKey: 'AggregatorKey-0001', currencies: ['EUR', 'IDR'], usernamePrefix: 'wp', transfers: { arrivalMarginMs: 60_000 } };

describe('RECONCILIATION_AGGREGATORS', () => {
  it("takes the wallet's AGGREGATOR_APIS entries with baseCurrency and operatorIds, ignoring the wallet-only fields", () => {
    const [aggregator] = parseReconciledAggregators(JSON.stringify([{ ...walletEntry, baseCurrency: 'EUR', operatorIds: ['casino1', 'casino1', 'casino2'] }]));
    expect(aggregator).toEqual({
      aggregatorId: 'zg',
      operatorIds: ['casino1', 'casino2'],
      baseCurrency: 'EUR',
      client: { aggregatorId: 'zg', apiBaseUrl: 'https://api.aggregator.example', apiKey: 'AggregatorKey-0001', currencies: ['EUR', 'IDR'] },
    });
    expect(parseReconciledAggregators('[]')).toEqual([]);
  });

  it.each([
    ['not JSON', '{', /is not valid JSON/],
    ['no operators', JSON.stringify([{ ...walletEntry, baseCurrency: 'EUR' }]), /\[0\]\.operatorIds must be 1-20 operator ids/],
    ['no base currency', JSON.stringify([{ ...walletEntry, operatorIds: ['casino1'] }]), /\[0\]\.baseCurrency must be a currency code/],
    ['a plain-http URL off loopback', JSON.stringify([{ ...walletEntry, apiBaseUrl: 'http://api.aggregator.example', baseCurrency: 'EUR', operatorIds: ['casino1'] }]), /apiBaseUrl must use https/],
    ['an aggregator twice', JSON.stringify([0, 1].map(() => ({ ...walletEntry, baseCurrency: 'EUR', operatorIds: ['casino1'] }))), /\[1\] aggregator zg is listed twice/],
  ])('refuses %s, naming the setting and the field', (_case, json, message) => {
    expect(() => parseReconciledAggregators(json)).toThrow(message);
  });

  it('never puts the API key in a refusal', () => {
    let text = '';
    try {
      parseReconciledAggregators(JSON.stringify([{ ...walletEntry, apiBaseUrl: 'ftp://x', baseCurrency: 'EUR', operatorIds: ['casino1'] }]));
    } catch (error) {
      text = `${String(error)} ${JSON.stringify(error)} ${(error as { problems?: unknown }).problems === undefined ? '' : JSON.stringify((error as { problems?: unknown }).problems)}`;
    }
    expect(text).toMatch(/RECONCILIATION_AGGREGATORS/);
    expect(text).not.toContain('AggregatorKey-0001');
  });
});
