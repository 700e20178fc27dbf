import { Money, currencyCodeOf } from '@wallet-platform/money';
import { AGGREGATOR_CLOSED_PORT, AGGREGATOR_TEST_PORT, aggregatorClientFor, closeAggregatorClients, TEST_API_KEY } from './testing/aggregator-test-kit';
import { FakeAggregatorServer } from './testing/fake-aggregator-server';
import { classifyHistoryEntry, decideTransfer } from './transfer-resolution';

const eur = (text: string): Money => Money.parseOrThrow(text, 2, currencyCodeOf('EUR'));

describe('aggregator deposit and withdraw: every outcome, never retried', () => {
  let fake: FakeAggregatorServer;

  beforeEach(async () => {
    fake = await FakeAggregatorServer.start({ port: AGGREGATOR_TEST_PORT, apiKey: TEST_API_KEY });
    fake.addPlayer('wpplayer0001', { EUR: '100.00' });
  });

  afterEach(async () => {
    await closeAggregatorClients();
    await fake.close();
  });

  it('given a deposit, when answered, then applied with the receipt and the balance moved once', async () => {
    const outcome = await aggregatorClientFor(fake.baseUrl).deposit('wpplayer0001', eur('25.50'));

    expect(outcome).toMatchObject({ outcome: 'applied', receipt: { currency: 'EUR', player: { beforeBalance: '100.00', afterBalance: '125.50' } } });
    expect(fake.balanceOf('wpplayer0001', 'EUR')).toBe('125.50');
    expect(fake.requestsTo('deposit').map((request) => [request.headers.authorization, request.bodyText])).toEqual([
      [`Bearer ${TEST_API_KEY}`, '{"username":"wpplayer0001","amount":"25.50","currency":"EUR"}'],
    ]);
  });

  it('given a withdraw, when answered, then applied and the balance down by the amount', async () => {
    await expect(aggregatorClientFor(fake.baseUrl).withdraw('wpplayer0001', eur('40.00'))).resolves.toMatchObject({ outcome: 'applied' });
    expect(fake.balanceOf('wpplayer0001', 'EUR')).toBe('60.00');
  });

  it('given the answer lost after the deposit was applied, then unknown, sent once, and resolution finds it applied', async () => {
    fake.inject('deposit', { kind: 'lose-answer-after-apply' });
    const client = aggregatorClientFor(fake.baseUrl);

    const outcome = await client.deposit('wpplayer0001', eur('10.00'));

    expect(outcome.outcome).toBe('unknown');
    expect(fake.requestsTo('deposit')).toHaveLength(1);
    expect(fake.balanceOf('wpplayer0001', 'EUR')).toBe('110.00');
    const history = await client.allHistory({ username: 'wpplayer0001', perPage: 2 });
    const now = await client.getPlayerBalance('wpplayer0001', 'EUR');
    const decision = decideTransfer({
      direction: 'deposit',
      amount: '10.00',
      balanceBefore: '100.00',
      entriesSince: history.items.map((item) => ({ walletTxId: item.walletTxId, kind: classifyHistoryEntry(item.txType.label), beforeBalance: item.walletBeforeBalance, afterBalance: item.walletAfterBalance })),
      historyComplete: history.complete,
      balanceNow: now.balance,
      requestCanNoLongerArrive: true,
    });
    expect(decision).toMatchObject({ resolution: 'applied', walletTxId: fake.history[0]?.walletTxId });
  });

  it('given a timeout before the withdraw was applied, then unknown, sent once, and resolution finds it not applied', async () => {
    fake.inject('withdraw', { kind: 'timeout-before-apply', holdMs: 600 });
    const client = aggregatorClientFor(fake.baseUrl);
    fake.play('wpplayer0001', 'EUR', '-3.25');

    const outcome = await client.withdraw('wpplayer0001', eur('50.00'));

    expect(outcome).toMatchObject({ outcome: 'unknown' });
    expect(outcome.outcome === 'unknown' && outcome.reason).toMatch(/timeout/);
    expect(fake.requestsTo('withdraw')).toHaveLength(1);
    const history = await client.allHistory({ username: 'wpplayer0001' });
    const decision = decideTransfer({
      direction: 'withdraw',
      amount: '50.00',
      balanceBefore: '100.00',
      entriesSince: history.items.map((item) => ({ walletTxId: item.walletTxId, kind: classifyHistoryEntry(item.txType.label), beforeBalance: item.walletBeforeBalance, afterBalance: item.walletAfterBalance })),
      historyComplete: history.complete,
      balanceNow: (await client.getPlayerBalance('wpplayer0001', 'EUR')).balance,
      requestCanNoLongerArrive: true,
    });
    expect(decision.resolution).toBe('not-applied');
    expect(fake.balanceOf('wpplayer0001', 'EUR')).toBe('96.75');
  });

  it.each([500, 502, 503])('given HTTP %i, then unknown (a 5xx may follow an applied transfer), sent once', async (httpStatus) => {
    fake.inject('deposit', { kind: 'http-status', httpStatus });

    await expect(aggregatorClientFor(fake.baseUrl).deposit('wpplayer0001', eur('1.00'))).resolves.toMatchObject({ outcome: 'unknown' });
    expect(fake.requestsTo('deposit')).toHaveLength(1);
  });

  it.each(['PLAYER_NOT_FOUND', 'PLAYER_INACTIVE', 'AGENT_NOT_ACTIVE', 'IP_NOT_ALLOWED', 'AGENT_INVALID_TYPE'])('given the error code %s, then refused with that code and nothing moved', async (code) => {
    fake.inject('withdraw', { kind: 'error-code', code });

    const outcome = await aggregatorClientFor(fake.baseUrl).withdraw('wpplayer0001', eur('1.00'));

    expect(outcome).toMatchObject({ outcome: 'refused', refusal: { code, call: 'withdraw' } });
    expect(fake.balanceOf('wpplayer0001', 'EUR')).toBe('100.00');
  });

  it('given a code our table does not list, then refused as UNLISTED, keeping the code as it came', async () => {
    fake.inject('deposit', { kind: 'error-code', code: 'SOMETHING_NEW' });

    await expect(aggregatorClientFor(fake.baseUrl).deposit('wpplayer0001', eur('1.00'))).resolves.toMatchObject({ outcome: 'refused', refusal: { code: 'UNLISTED', codeText: 'SOMETHING_NEW' } });
  });

  it('given nothing listening, then not-sent (the aggregator cannot have seen it)', async () => {
    await expect(aggregatorClientFor(`http://127.0.0.1:${AGGREGATOR_CLOSED_PORT}`).deposit('wpplayer0001', eur('1.00'))).resolves.toMatchObject({ outcome: 'not-sent' });
  });

  it('given a wrong key, then refused with AGENT_NOT_FOUND, and the key we sent is in no outcome text', async () => {
    const outcome = await aggregatorClientFor(fake.baseUrl, 'wrong-key-123').deposit('wpplayer0001', eur('1.00'));

    expect(outcome).toMatchObject({ outcome: 'refused', refusal: { code: 'AGENT_NOT_FOUND' } });
    expect(JSON.stringify(outcome) + String(outcome.outcome === 'refused' && outcome.refusal.message)).not.toContain('wrong-key-123');
  });
});
