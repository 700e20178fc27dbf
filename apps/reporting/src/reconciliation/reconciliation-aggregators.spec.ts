import { testAggregatorEntry, testRegistryOf } from '@wallet-platform/aggregator-client/testing';
import { reconciledAggregatorsFrom } from './reconciliation-aggregators';

const API_KEY = 'AggregatorKey-0001';
const reconciled = testAggregatorEntry({ baseUrl: 'https://api.aggregator.example', apiKey: API_KEY, currencies: ['EUR', 'IDR'], reconciliation: { baseCurrency: 'EUR', operatorIds: ['casino1', 'casino1', 'casino2'] } });

describe('the reconciled aggregators of the platform registry', () => {
  it('takes the aggregators with a reconciliation, each with its operators, base currency and client', () => {
    const aggregators = reconciledAggregatorsFrom(testRegistryOf(reconciled, testAggregatorEntry({ aggregatorId: 'not-reconciled', baseUrl: 'https://other.example', apiKey: API_KEY })));
    expect(aggregators.map(({ aggregatorId, operatorIds, baseCurrency, client }) => [aggregatorId, operatorIds, baseCurrency, client.aggregatorId])).toEqual([['zg', ['casino1', 'casino2'], 'EUR', 'zg']]);
    expect(reconciledAggregatorsFrom(testRegistryOf())).toEqual([]);
  });

  it('refuses at start-up a plain-http API off loopback (the client carries a bearer key), naming the field and never the key', () => {
    const registry = testRegistryOf({ ...reconciled, api: { baseUrl: 'http://api.aggregator.example', apiKey: API_KEY } });
    let text = '';
    try {
      reconciledAggregatorsFrom(registry);
    } catch (error) {
      text = `${String(error)} ${JSON.stringify(error)}`;
    }
    expect(text).toMatch(/apiBaseUrl must use https/);
    expect(text).not.toContain(API_KEY);
  });
});
