import { randomBytes, randomUUID } from 'node:crypto';
import { Agent } from 'undici';
import { FakeAggregatorServer, testAggregatorRegistry } from '@wallet-platform/aggregator-client/testing';
import { JsonLogger } from '@wallet-platform/service-kit';
import type { DataSource } from 'typeorm';
import { BackOfficeTestApp, seedTestPlayer } from '../testing/back-office-test-app';
import { createScratchWalletDatabase } from '../testing/scratch-wallet-database';
import { TransferAggregators } from './transfer-aggregators';
import { TransfersModule } from './transfers.module';

/**
 * The back office's aggregator-transfer API over real HTTP, on real PostgreSQL and Redis, against
 * the fake aggregator: who may call it, its refusals with their exact error codes, and support's
 * view and decisions on an unknown transfer. Ports 18542 (the API) and 18543 (the fake).
 */
describe('back office: aggregator transfers', () => {
  const API_KEY = 'AggregatorKey-bo-55e0a1';
  const environmentName = `agtb-${randomBytes(4).toString('hex')}`;
  let fake: FakeAggregatorServer;
  let dataSource: DataSource;
  let drop: () => Promise<void>;
  let api: BackOfficeTestApp;
  const dispatcher = new Agent({ connections: 4 });
  let playerId: string;

  beforeAll(async () => {
    fake = await FakeAggregatorServer.start({ port: 18543, apiKey: API_KEY });
    let url: string;
    ({ dataSource, url, drop } = await createScratchWalletDatabase());
    const logger = new JsonLogger('transfers-test', 'error');
    const aggregators = TransferAggregators.fromRegistry(
      testAggregatorRegistry(
        {
          aggregatorId: 'zg',
          baseUrl: fake.baseUrl,
          apiKey: API_KEY,
          currencies: ['EUR'],
          usernamePrefix: 'wp',
          limits: { readTimeoutMs: 1_000, transferTimeoutMs: 200, readAttemptsMax: 2, retryDelayBaseMs: 5, retryDelayMaxMs: 10 },
          transfers: { arrivalMarginMs: 0, historyLookbackMs: 0 },
        },
      ),
      { dispatcher },
    );
    api = await BackOfficeTestApp.start({
      port: 18542,
      databaseUrl: url,
      environmentName,
      logger,
      features: (backOffice) => [TransfersModule.forRoot(backOffice, { aggregators, resolverIntervalMs: 0, resolver: {}, logger })],
    });
    playerId = await seedTestPlayer(dataSource, 'agtb-1', '100.00');
  });

  afterAll(async () => {
    await api?.close();
    await fake?.close();
    await dispatcher.close();
    await drop?.();
  });

  const call = (method: 'GET' | 'POST', path: string, body?: unknown, key: string | null = api.adminKey) => api.call<Record<string, unknown> & Array<Record<string, unknown>>>(method, path, body, key);

  async function balance(): Promise<string> {
    const [{ balance: text }] = (await dataSource.query(`SELECT balance::text AS balance FROM accounts WHERE kind = 'player' AND player_id = $1`, [playerId])) as Array<{ balance: string }>;
    return text;
  }

  it('moves money there and back; support keys read, only admin keys move money', async () => {
    const deposit = await call('POST', `/players/${playerId}/aggregator-transfers`, { aggregatorId: 'zg', direction: 'deposit', amount: '40.00', idempotencyKey: 'bo-transfer-0001' });
    expect(deposit).toMatchObject({ status: 200, body: { state: 'posted', amount: '40.00', currency: 'EUR', direction: 'deposit', settledBy: 'call', aggregatorBalanceBefore: '0.00' } });
    expect(fake.balanceOf(deposit.body['aggregatorUsername'] as string, 'EUR')).toBe('40.00');
    const withdraw = await call('POST', `/players/${playerId}/aggregator-transfers`, { aggregatorId: 'zg', direction: 'withdraw', amount: '15.00', idempotencyKey: 'bo-transfer-0002' });
    expect(withdraw).toMatchObject({ status: 200, body: { state: 'posted', aggregatorBalanceBefore: '40.00' } });
    expect(await balance()).toBe('75.00');

    const refused = await call('POST', `/players/${playerId}/aggregator-transfers`, { aggregatorId: 'zg', direction: 'deposit', amount: '1.00', idempotencyKey: 'bo-transfer-0003' }, api.supportKey);
    expect(refused).toMatchObject({ status: 403, body: { error: 'forbidden' } });
    const listed = await call('GET', `/players/${playerId}/aggregator-transfers`, undefined, api.supportKey);
    expect(listed.status).toBe(200);
    expect(listed.body.map((transfer) => transfer['idempotencyKey'])).toEqual(['bo-transfer-0002', 'bo-transfer-0001']);
    expect(JSON.stringify(listed.body)).not.toContain('operatorId');
  });

  it('refuses with precise codes, moving nothing', async () => {
    const before = await balance();
    const transfer = (body: Record<string, unknown>) => call('POST', `/players/${playerId}/aggregator-transfers`, { aggregatorId: 'zg', direction: 'deposit', amount: '1.00', idempotencyKey: 'bo-refusal-0001', ...body });
    expect((await transfer({ amount: 1 })).body).toMatchObject({ error: 'validation_failed', fields: [{ field: 'amount' }] });
    expect((await transfer({ direction: 'sideways' })).body).toMatchObject({ error: 'validation_failed', fields: [{ field: 'direction' }] });
    expect(await transfer({ aggregatorId: 'nope' })).toMatchObject({ status: 400, body: { error: 'unknown_aggregator' } });
    expect(await transfer({ amount: '1000.00' })).toMatchObject({ status: 409, body: { error: 'insufficient_funds' } });
    expect(await call('POST', `/players/${randomUUID()}/aggregator-transfers`, { aggregatorId: 'zg', direction: 'deposit', amount: '1.00', idempotencyKey: 'bo-refusal-0002' })).toMatchObject({ status: 404, body: { error: 'player_not_found' } });
    expect((await call('GET', `/aggregator-transfers/open`, undefined, 'not-a-key')).status).toBe(401);
    expect(await balance()).toBe(before);
  });

  it('an unknown transfer: answered as unknown, blocks the next, shown as open, resolved on request or settled by support', async () => {
    fake.inject('deposit', { kind: 'lose-answer-after-apply' });
    const lost = await call('POST', `/players/${playerId}/aggregator-transfers`, { aggregatorId: 'zg', direction: 'deposit', amount: '5.00', idempotencyKey: 'bo-unknown-0001' });
    expect(lost).toMatchObject({ status: 200, body: { state: 'unknown' } });
    const id = lost.body['id'] as string;
    expect(await call('POST', `/players/${playerId}/aggregator-transfers`, { aggregatorId: 'zg', direction: 'deposit', amount: '6.00', idempotencyKey: 'bo-unknown-0002' })).toMatchObject({
      status: 409,
      body: { error: 'transfer_in_flight' },
    });
    const open = await call('GET', `/aggregator-transfers/open`, undefined, api.supportKey);
    expect(open.body.map((transfer) => transfer['id'])).toEqual([id]);

    // History unreadable: "resolve now" cannot decide; it stays unknown with the reason.
    fake.injectWith('history', () => ({ kind: 'http-status', httpStatus: 503 }));
    await new Promise((resolve) => setTimeout(resolve, 250));
    const stillUnknown = await call('POST', `/aggregator-transfers/${id}/resolve`);
    expect(stillUnknown).toMatchObject({ status: 200, body: { state: 'unknown', resolutionAttempts: 1 } });
    fake.injectWith('history', undefined);

    // Support checked with the aggregator: posted, with its wallet tx id.
    const walletTxId = fake.history.filter((entry) => entry.label === 'Deposit').at(-1)?.walletTxId;
    const settled = await call('POST', `/aggregator-transfers/${id}/settle`, { outcome: 'posted', walletTxId, reason: 'confirmed with the aggregator, ticket 4711' });
    expect(settled).toMatchObject({ status: 200, body: { state: 'posted', settledBy: 'support', aggregatorWalletTxId: walletTxId, outcomeNote: 'support (desk-admin): confirmed with the aggregator, ticket 4711' } });
    expect(await call('POST', `/aggregator-transfers/${id}/settle`, { outcome: 'voided', reason: 'changed my mind' })).toMatchObject({ status: 409, body: { error: 'transfer_not_unknown' } });
    expect((await call('GET', `/aggregator-transfers/open`)).body).toEqual([]);

    fake.inject('withdraw', { kind: 'timeout-before-apply', holdMs: 250 });
    const timedOut = await call('POST', `/players/${playerId}/aggregator-transfers`, { aggregatorId: 'zg', direction: 'withdraw', amount: '2.00', idempotencyKey: 'bo-unknown-0003' });
    expect(timedOut.body['state']).toBe('unknown');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await call('POST', `/aggregator-transfers/${timedOut.body['id'] as string}/resolve`)).toMatchObject({ status: 200, body: { state: 'voided', settledBy: 'resolver' } });
  });

  it('the whole-balance policy: "all" withdraws everything there, deposits the whole wallet; a zero balance is nothing to transfer', async () => {
    const [{ username }] = (await dataSource.query(`SELECT aggregator_username AS username FROM aggregator_transfers WHERE player_id = $1 LIMIT 1`, [playerId])) as Array<{ username: string }>;
    const there = fake.balanceOf(username, 'EUR');
    const before = await balance();
    expect(there).not.toBe('0.00');
    const withdrawAll = { aggregatorId: 'zg', direction: 'withdraw', amount: 'all', idempotencyKey: 'bo-all-0001' };
    const withdrawn = await call('POST', `/players/${playerId}/aggregator-transfers`, withdrawAll);
    expect(withdrawn).toMatchObject({ status: 200, body: { state: 'posted', amount: there } });
    expect(fake.balanceOf(username, 'EUR')).toBe('0.00');
    // The same key again: the stored transfer, no second call.
    expect((await call('POST', `/players/${playerId}/aggregator-transfers`, withdrawAll)).body['id']).toBe(withdrawn.body['id']);
    expect(await call('POST', `/players/${playerId}/aggregator-transfers`, { ...withdrawAll, idempotencyKey: 'bo-all-0002' })).toMatchObject({ status: 409, body: { error: 'nothing_to_transfer' } });
    expect(await call('POST', `/players/${playerId}/aggregator-transfers`, { ...withdrawAll, direction: 'deposit' })).toMatchObject({ status: 409, body: { error: 'idempotency_key_reused' } });

    const walletBalance = await balance();
    expect(BigInt(walletBalance.replace('.', ''))).toBe(BigInt(before.replace('.', '')) + BigInt(there.replace('.', '')));
    const deposited = await call('POST', `/players/${playerId}/aggregator-transfers`, { aggregatorId: 'zg', direction: 'deposit', amount: 'all', idempotencyKey: 'bo-all-0003' });
    expect(deposited).toMatchObject({ status: 200, body: { state: 'posted', amount: walletBalance } });
    expect(await balance()).toBe('0.00');
    expect(await call('POST', `/players/${playerId}/aggregator-transfers`, { aggregatorId: 'zg', direction: 'deposit', amount: 'all', idempotencyKey: 'bo-all-0004' })).toMatchObject({ status: 409, body: { error: 'nothing_to_transfer' } });
  });

  it('the balance check: what we hold there against their balances there; play there is the difference, to the cent', async () => {
    const [{ username }] = (await dataSource.query(`SELECT aggregator_username AS username FROM aggregator_transfers WHERE player_id = $1 LIMIT 1`, [playerId])) as Array<{ username: string }>;
    const [{ held }] = (await dataSource.query(`SELECT SUM(CASE direction WHEN 'deposit' THEN amount ELSE -amount END)::text AS held FROM aggregator_transfers WHERE state = 'posted'`)) as Array<{ held: string }>;
    const first = await call('GET', '/aggregators/zg/balance-check', undefined, api.supportKey);
    expect(first).toMatchObject({ status: 200, body: { aggregatorId: 'zg', complete: true } });
    const [row] = first.body['rows'] as Array<Record<string, string>>;
    expect(row).toEqual({ operatorId: 'op1', currency: 'EUR', held, inTransit: '0.00', balancesThere: fake.balanceOf(username, 'EUR'), difference: '0.00', players: 1, unreadable: 0 });
    fake.play(username, 'EUR', '-3.25');
    const second = await call('GET', '/aggregators/zg/balance-check', undefined, api.supportKey);
    expect((second.body['rows'] as Array<Record<string, string>>)[0]).toMatchObject({ held, difference: '-3.25' });
    expect(await call('GET', '/aggregators/nope/balance-check', undefined, api.supportKey)).toMatchObject({ status: 400, body: { error: 'unknown_aggregator' } });
  });
});
