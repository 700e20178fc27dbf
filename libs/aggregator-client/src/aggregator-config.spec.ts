import { inspect } from 'node:util';
import { AggregatorClient, type AggregatorConfig } from './aggregator-client';

const valid: AggregatorConfig = { aggregatorId: 'zg', apiBaseUrl: 'https://api.aggregator.example/v1', apiKey: 'k-123', currencies: ['EUR'] };

describe('aggregator client configuration', () => {
  it('given a valid configuration, then the client is built and shows no key', () => {
    const client = new AggregatorClient(valid);
    expect(JSON.stringify(client)).not.toContain('k-123');
    expect(inspect(client, { depth: 5 })).not.toContain('k-123');
  });

  it.each([
    ['aggregatorId', { aggregatorId: 'has space' }],
    ['apiBaseUrl', { apiBaseUrl: 'http://api.aggregator.example' }],
    ['apiBaseUrl', { apiBaseUrl: 'https://api.aggregator.example/?key=1' }],
    ['apiBaseUrl', { apiBaseUrl: 'https://user:pw@api.aggregator.example' }],
    ['apiKey', { apiKey: '' }],
    ['apiKey', { apiKey: 'has space' }],
    ['currencies', { currencies: [] }],
    ['currencies', { currencies: ['eur'] }],
    ['limits.pageSizeMax', { limits: { pageSizeMax: 101 } }],
    ['limits', { limits: { readAttemptsMax: 6 } }],
  ])('given a bad %s, then it fails at construction naming the field', (field, override) => {
    expect(() => new AggregatorClient({ ...valid, ...override } as AggregatorConfig)).toThrow(`aggregator client configuration: ${field} `);
  });
});
