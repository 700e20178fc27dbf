import { randomBytes } from 'node:crypto';
import type Redis from 'ioredis';
import type { DataSource } from 'typeorm';
import { Agent } from 'undici';
import { aggregatorUsernameFor } from '@wallet-platform/aggregator-client';
import { FakeAggregatorServer, testAggregatorRegistry } from '@wallet-platform/aggregator-client/testing';
import { AMOUNT_SCALE, Money, currencyCodeOf } from '@wallet-platform/money';
import { createRedisClient, metricsRegistry } from '@wallet-platform/service-kit';
import { checkLedgerInvariants } from '../ledger/ledger-invariants';
import { PLAYER_LOCK_KEY_PREFIX_PROVIDER, PlayerLock } from '../players/player-lock';
import { seedPlayer } from '../seed/seed-player';
import { createScratchWalletDatabase } from '../testing/scratch-wallet-database';
import { TransferAggregators } from './transfer-aggregators';
import { TransferResolver } from './transfer-resolver';
import { TransferSender } from './transfer-sender';
import { TransferDirection, TransferState } from './transfer-state';
import { TransferInFlightError, TransferKeyReusedError, TransferStore } from './transfer-store';

/**
 * The transfer state machine against real PostgreSQL and Redis and the fake aggregator: each place
 * a process can die, what the resolver then does, what it cannot decide (shown, not guessed), and
 * the database refusing what the state machine does not allow. Port 18541 (the fake).
 */
describe('aggregator transfers: the state machine and the resolver', () => {
  const API_KEY = 'AggregatorKey-it-7a31c0';
  const environmentName = `agti-${randomBytes(4).toString('hex')}`;
  let fake: FakeAggregatorServer;
  let dataSource: DataSource;
  let drop: () => Promise<void>;
  let redis: Redis;
  let store: TransferStore;
  let sender: TransferSender;
  let resolver: TransferResolver;
  let now = Date.now();
  const dispatcher = new Agent({ connections: 8 });
  let playerCount = 0;

  beforeAll(async () => {
    fake = await FakeAggregatorServer.start({ port: 18541, apiKey: API_KEY });
    ({ dataSource, drop } = await createScratchWalletDatabase());
    redis = createRedisClient('redis://127.0.0.1:6379', `${environmentName}-test`);
    const aggregators = TransferAggregators.fromRegistry(
      testAggregatorRegistry(
        {
          aggregatorId: 'zg',
          baseUrl: fake.baseUrl,
          apiKey: API_KEY,
          currencies: ['EUR'],
          usernamePrefix: 'wp',
          limits: { readTimeoutMs: 1_000, transferTimeoutMs: 200, readAttemptsMax: 2, retryDelayBaseMs: 5, retryDelayMaxMs: 10 },
          transfers: { arrivalMarginMs: 1_000, historyLookbackMs: 0 },
        },
      ),
      { dispatcher },
    );
    store = new TransferStore(dataSource, new PlayerLock(redis, PLAYER_LOCK_KEY_PREFIX_PROVIDER(environmentName).useValue));
    sender = new TransferSender(store, aggregators);
    // The resolver's clock is the test's: "later" without waiting.
    resolver = new TransferResolver(store, aggregators, { pendingStaleMs: 60_000, retryBaseMs: 1_000, clock: () => new Date(now) });
  });

  afterAll(async () => {
    await fake?.close();
    await dispatcher.close();
    redis?.disconnect();
    await drop?.();
  });

  afterEach(async () => {
    const report = await dataSource.transaction('REPEATABLE READ', (manager) => checkLedgerInvariants(manager));
    expect(report.violations.aggregatorInTransitMismatch).toEqual({ count: 0, examples: [] });
    expect(report.ok).toBe(true);
  });

  async function newPlayer(): Promise<{ playerId: string; username: string }> {
    const seeded = await seedPlayer(dataSource, {
      platformId: 'zg-platform',
      operatorId: 'op1',
      userId: `agti-${playerCount++}`,
      currency: 'EUR',
      balance: '100.00',
      gameId: '200',
      sessionHours: 1,
      blocked: false,
      dailyWagerLimit: null,
      dailyLossLimit: null,
      disabledGameId: null,
    });
    return { playerId: seeded.playerId, username: aggregatorUsernameFor('wp', 'op1', seeded.playerId) };
  }

  async function balanceOf(playerId: string): Promise<string> {
    const [{ balance }] = (await dataSource.query(`SELECT balance::text AS balance FROM accounts WHERE kind = 'player' AND player_id = $1`, [playerId])) as Array<{ balance: string }>;
    return balance;
  }

  const later = (ms: number) => {
    now = Date.now() + ms;
  };

  it('a lost answer after apply is unknown, never retried; the resolver posts it once its deadline is past', async () => {
    const { playerId, username } = await newPlayer();
    fake.inject('deposit', { kind: 'lose-answer-after-apply' });
    const transfer = await sender.transfer({ aggregatorId: 'zg', playerId, direction: TransferDirection.Deposit, amount: '30.00', idempotencyKey: 'it-lost-0001' });
    expect(transfer).toMatchObject({ state: 'unknown', aggregatorBalanceBefore: '0.00', resolutionAttempts: 0 });
    expect(await balanceOf(playerId)).toBe('70.00');
    // A retry with the same key answers the stored transfer: no second deposit.
    expect((await sender.transfer({ aggregatorId: 'zg', playerId, direction: TransferDirection.Deposit, amount: '30.00', idempotencyKey: 'it-lost-0001' })).id).toBe(transfer.id);
    expect(fake.requestsTo('deposit')).toHaveLength(1);
    // The same key for another amount is refused; a second transfer while this one is open too.
    await expect(sender.transfer({ aggregatorId: 'zg', playerId, direction: TransferDirection.Deposit, amount: '31.00', idempotencyKey: 'it-lost-0001' })).rejects.toThrow(TransferKeyReusedError);
    await expect(sender.transfer({ aggregatorId: 'zg', playerId, direction: TransferDirection.Deposit, amount: '5.00', idempotencyKey: 'it-lost-0002' })).rejects.toThrow(TransferInFlightError);

    // Before its deadline plus margin, it is not due.
    later(0);
    expect((await resolver.resolveDue()).looked).toBe(0);
    fake.play(username, 'EUR', '-4.50');
    later(1_500);
    expect(await resolver.resolveDue()).toEqual({ looked: 1, posted: 1, voided: 0, stillUnknown: 0, failed: 0 });
    const resolved = await store.mustFind(transfer.id);
    expect(resolved).toMatchObject({ state: 'posted', settledBy: 'resolver', aggregatorWalletTxId: fake.history.find((entry) => entry.label === 'Deposit' && entry.username === username)?.walletTxId });
    expect(await balanceOf(playerId)).toBe('70.00');
    expect(fake.balanceOf(username, 'EUR')).toBe('25.50');
    expect(fake.requestsTo('deposit')).toHaveLength(1);
  });

  it('what cannot be decided stays unknown and in transit, counted and shown; decided once the aggregator answers again', async () => {
    const { playerId, username } = await newPlayer();
    fake.addPlayer(username, { EUR: '10.00' });
    fake.inject('withdraw', { kind: 'timeout-before-apply', holdMs: 300 });
    const transfer = await sender.transfer({ aggregatorId: 'zg', playerId, direction: TransferDirection.Withdraw, amount: '10.00', idempotencyKey: 'it-stuck-0001' });
    expect(transfer.state).toBe('unknown');

    // The history cannot be read: still unknown, the attempt counted, the reason kept.
    fake.injectWith('history', () => ({ kind: 'http-status', httpStatus: 500 }));
    later(1_500);
    expect(await resolver.resolveDue()).toEqual({ looked: 1, posted: 0, voided: 0, stillUnknown: 1, failed: 0 });
    const stuck = await store.mustFind(transfer.id);
    expect(stuck).toMatchObject({ state: 'unknown', resolutionAttempts: 1 });
    expect(stuck.outcomeNote).toMatch(/^still unknown: the aggregator could not be asked/);
    expect((await store.listOpen(100)).map((open) => open.id)).toContain(transfer.id);
    // And to the operators: the open gauge says one unknown at this aggregator.
    expect(await metricsRegistry.getSingleMetricAsString('wallet_aggregator_transfers_open')).toContain('wallet_aggregator_transfers_open{aggregator="zg",state="unknown"} 1');
    // Backed off: not due again at once.
    expect((await resolver.resolveDue()).looked).toBe(0);

    fake.injectWith('history', undefined);
    later(5_000);
    expect(await resolver.resolveDue()).toEqual({ looked: 1, posted: 0, voided: 1, stillUnknown: 0, failed: 0 });
    expect(await store.mustFind(transfer.id)).toMatchObject({ state: 'voided', settledBy: 'resolver', resolutionAttempts: 1 });
    expect(await metricsRegistry.getSingleMetricAsString('wallet_aggregator_transfers_open')).toContain('wallet_aggregator_transfers_open{aggregator="zg",state="unknown"} 0');
    expect(await metricsRegistry.getSingleMetricAsString('wallet_aggregator_transfers_settled_total')).toMatch(/aggregator="zg",outcome="voided",by="resolver"} [1-9]/);
    expect(fake.requestsTo('withdraw')).toHaveLength(1);
    expect(await balanceOf(playerId)).toBe('100.00');
  });

  it('killed before the call (pending): voided only once stale, and the late sender then does not call', async () => {
    const { playerId } = await newPlayer();
    const amount = Money.parseOrThrow('12.00', AMOUNT_SCALE, currencyCodeOf('EUR'));
    const { transfer } = await store.open({ aggregatorId: 'zg', operatorId: 'op1', idempotencyKey: 'it-pending-0001', playerId, aggregatorUsername: 'wpabandoned0001', direction: TransferDirection.Deposit, amount });
    expect(await balanceOf(playerId)).toBe('88.00');
    later(0);
    expect((await resolver.resolveDue()).looked).toBe(0);
    later(61_000);
    expect(await resolver.resolveDue()).toEqual({ looked: 1, posted: 0, voided: 1, stillUnknown: 0, failed: 0 });
    expect(await balanceOf(playerId)).toBe('100.00');
    expect(await store.markSending(transfer.id, '0.00', new Date(), new Date(), new Date())).toBe(false);
  });

  it('killed after recording "sending": unknown to the resolver, posted if the aggregator has it, voided if not', async () => {
    const applied = await newPlayer();
    const notApplied = await newPlayer();
    const amount = Money.parseOrThrow('20.00', AMOUNT_SCALE, currencyCodeOf('EUR'));
    for (const [player, key] of [[applied, 'it-sending-0001'], [notApplied, 'it-sending-0002']] as const) {
      fake.addPlayer(player.username, { EUR: '25.00' });
      const { transfer } = await store.open({ aggregatorId: 'zg', operatorId: 'op1', idempotencyKey: key, playerId: player.playerId, aggregatorUsername: player.username, direction: TransferDirection.Withdraw, amount });
      expect(await store.markSending(transfer.id, '25.00', new Date(Date.now() - 10), new Date(), new Date(Date.now() + 1_200))).toBe(true);
    }
    // The first process's withdraw reached the aggregator (it died before hearing back); the second never sent.
    fake.addPlayer(applied.username, { EUR: '5.00' });
    fake.history.push({ id: 'hx1', username: applied.username, currency: 'EUR', label: 'Withdraw', walletTxId: 'wx-applied-1', beforeCents: 2500n, afterCents: 500n, receivedAt: new Date().toISOString() });
    later(1_500);
    expect(await resolver.resolveDue()).toEqual({ looked: 2, posted: 1, voided: 1, stillUnknown: 0, failed: 0 });
    expect(await balanceOf(applied.playerId)).toBe('120.00');
    expect(await balanceOf(notApplied.playerId)).toBe('100.00');
  });

  it('the database refuses what the state machine does not allow', async () => {
    const { playerId } = await newPlayer();
    fake.inject('deposit', { kind: 'error-code', code: 'PLAYER_INACTIVE' });
    const refused = await sender.transfer({ aggregatorId: 'zg', playerId, direction: TransferDirection.Deposit, amount: '1.00', idempotencyKey: 'it-refused-0001' });
    expect(refused).toMatchObject({ state: TransferState.Voided, settledBy: 'call' });
    expect(refused.outcomeNote).toMatch(/^refused: PLAYER_INACTIVE/);
    const attempts: Array<[string, RegExp]> = [
      [`UPDATE aggregator_transfers SET state = 'posted' WHERE id = $1`, /is settled/],
      [`UPDATE aggregator_transfers SET outcome_note = 'x' WHERE id = $1`, /is settled/],
      [`DELETE FROM aggregator_transfers WHERE id = $1`, /never deleted/],
    ];
    for (const [sql, message] of attempts) {
      await expect(dataSource.query(sql, [refused.id])).rejects.toMatchObject({ message: expect.stringMatching(message), driverError: expect.objectContaining({ code: 'WL409' }) });
    }
    const amount = Money.parseOrThrow('2.00', AMOUNT_SCALE, currencyCodeOf('EUR'));
    const { transfer } = await store.open({ aggregatorId: 'zg', operatorId: 'op1', idempotencyKey: 'it-machine-0001', playerId, aggregatorUsername: 'wpmachine0001', direction: TransferDirection.Deposit, amount });
    await expect(dataSource.query(`UPDATE aggregator_transfers SET state = 'posted' WHERE id = $1`, [transfer.id])).rejects.toMatchObject({ message: expect.stringMatching(/pending -> posted is not a transition/) });
    await expect(dataSource.query(`UPDATE aggregator_transfers SET amount = 3 WHERE id = $1`, [transfer.id])).rejects.toMatchObject({ message: expect.stringMatching(/never change/) });
    // sending without the balance before is refused by its shape CHECK.
    await expect(dataSource.query(`UPDATE aggregator_transfers SET state = 'sending' WHERE id = $1`, [transfer.id])).rejects.toMatchObject({ message: expect.stringMatching(/aggregator_transfers_sent_shape/) });
    later(61_000);
    await resolver.resolveDue();
    expect(await balanceOf(playerId)).toBe('100.00');
  });
});
