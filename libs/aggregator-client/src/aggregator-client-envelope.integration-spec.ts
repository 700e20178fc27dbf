import { Money, currencyCodeOf } from '@wallet-platform/money';
import { AggregatorBadResponseError } from './aggregator-errors';
import { AGGREGATOR_TEST_PORT, aggregatorClientFor, closeAggregatorClients, rejectionOf, TEST_API_KEY } from './testing/aggregator-test-kit';
import { FakeAggregatorServer } from './testing/fake-aggregator-server';

describe('aggregator client: the inconsistent envelope over the wire', () => {
  let fake: FakeAggregatorServer;
  const player = 'wpplayer0001';

  beforeEach(async () => {
    fake = await FakeAggregatorServer.start({ port: AGGREGATOR_TEST_PORT, apiKey: TEST_API_KEY });
    fake.addPlayer(player, { EUR: '5.00' });
  });

  afterEach(async () => {
    await closeAggregatorClients();
    await fake.close();
  });

  it('given the text\'s {ok, data} form, then it is read', async () => {
    fake.inject('getPlayerBalance', { kind: 'raw-answer', bodyText: '{"ok":true,"message":"","data":{"balance":"7.25","currency":"EUR"}}' });
    await expect(aggregatorClientFor(fake.baseUrl).getPlayerBalance(player, 'EUR')).resolves.toEqual({ balance: '7.25', currency: 'EUR' });
  });

  it('given an envelope of neither form, then a bad response naming the call and the field, not retried', async () => {
    fake.inject('getPlayerBalance', { kind: 'raw-answer', bodyText: '{"status":"success","balance":"7.25"}' });
    const error = await rejectionOf(aggregatorClientFor(fake.baseUrl).getPlayerBalance(player, 'EUR'));
    expect(error).toBeInstanceOf(AggregatorBadResponseError);
    expect(error).toMatchObject({ call: 'getPlayerBalance', path: '$.ok' });
    expect(error.message).toMatch(/^aggregator "zg": getPlayerBalance answered something we do not accept: \$\.ok: /);
    expect(fake.requestsTo('getPlayerBalance')).toHaveLength(1);
  });

  it('given a balance sent as a JSON number, then refused (decimals must come as strings)', async () => {
    fake.inject('getPlayerBalance', { kind: 'raw-answer', bodyText: '{"ok":true,"result":{"balance":110.01,"currency":"EUR"}}' });
    await expect(rejectionOf(aggregatorClientFor(fake.baseUrl).getPlayerBalance(player, 'EUR'))).resolves.toMatchObject({ path: '$.result.balance' });
  });

  it('given a deposit answered ok:true with an unreadable receipt, then unknown (it may have been applied), never applied on a guess', async () => {
    fake.inject('deposit', { kind: 'raw-answer', bodyText: '{"ok":true,"result":{"txId":"t1"}}' });
    const outcome = await aggregatorClientFor(fake.baseUrl).deposit(player, Money.parseOrThrow('1.00', 2, currencyCodeOf('EUR')));
    expect(outcome).toMatchObject({ outcome: 'unknown' });
    expect(outcome.outcome === 'unknown' && outcome.reason).toMatch(/deposit answered something we do not accept: \$\.result\.currency/);
  });

  it('given invalid JSON, then a bad response naming the call', async () => {
    fake.inject('providers', { kind: 'raw-answer', bodyText: '{"ok":true,"result":{"items":[}' });
    await expect(rejectionOf(aggregatorClientFor(fake.baseUrl).providers())).resolves.toMatchObject({ name: 'AggregatorBadResponseError', call: 'providers' });
  });
});
