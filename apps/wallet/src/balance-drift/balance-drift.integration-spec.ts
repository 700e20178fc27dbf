import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { Agent } from 'undici';
import { aggregatorUsernameFor } from '@wallet-platform/aggregator-client';
import { FakeAggregatorServer, testAggregatorRegistry } from '@wallet-platform/aggregator-client/testing';
import { JsonLogger, metricsRegistry, type JsonLogLevel } from '@wallet-platform/service-kit';
import type { DataSource } from 'typeorm';
import { BackOfficeTestApp, seedTestPlayer } from '../testing/back-office-test-app';
import { createScratchWalletDatabase } from '../testing/scratch-wallet-database';
import { TransferAggregators } from '../transfers/transfer-aggregators';
import { TransfersModule } from '../transfers/transfers.module';
import { BalanceDriftModule } from './balance-drift.module';
import { BalanceDriftMonitor } from './balance-drift.monitor';
import { BalanceDriftStore } from './balance-drift.store';

/** A logger that keeps what it is given (the warn line of a drift is part of the behaviour). */
class CapturingLogger extends JsonLogger {
  readonly events: Array<{ level: JsonLogLevel; context: string; message: string; fields: Record<string, unknown> }> = [];
  override event(level: JsonLogLevel, context: string, message: string, fields: Record<string, unknown> = {}): void {
    this.events.push({ level, context, message, fields });
  }
}

/**
 * The aggregators' balance check on real PostgreSQL and Redis against the fake aggregator, with
 * real transfers through the back office: honest play is exactly 0 drift, a balance moved there
 * without a history entry is found to the cent (report, warn line, metric, last result in the back
 * office), players whose money is in flight are left out so the figure stays exact, and the
 * periodic pass runs by itself. Ports 18826 (the API) and 18827 (the fake).
 */
describe('aggregator balance drift', () => {
  const API_KEY = 'AggregatorKey-drift-51ab0e';
  const environmentName = `agdrift-${randomBytes(4).toString('hex')}`;
  const logger = new CapturingLogger('balance-drift-test', 'error');
  let fake: FakeAggregatorServer;
  let dataSource: DataSource;
  let drop: () => Promise<void>;
  let api: BackOfficeTestApp;
  let aggregators: TransferAggregators;
  const dispatcher = new Agent({ connections: 8 });
  const players: Record<'a' | 'b' | 'c', { id: string; username: string }> = { a: { id: '', username: '' }, b: { id: '', username: '' }, c: { id: '', username: '' } };
  let keySequence = 0;

  beforeAll(async () => {
    fake = await FakeAggregatorServer.start({ port: 18827, apiKey: API_KEY });
    let url: string;
    ({ dataSource, url, drop } = await createScratchWalletDatabase());
    aggregators = TransferAggregators.fromRegistry(
      testAggregatorRegistry(
        {
          aggregatorId: 'zg',
          baseUrl: fake.baseUrl,
          apiKey: API_KEY,
          currencies: ['EUR'],
          usernamePrefix: 'wp',
          limits: { readTimeoutMs: 1_000, transferTimeoutMs: 200, readAttemptsMax: 1, retryDelayBaseMs: 5, retryDelayMaxMs: 10, pageSizeMax: 3 },
          transfers: { arrivalMarginMs: 0, historyLookbackMs: 0 },
        },
      ),
      { dispatcher },
    );
    api = await BackOfficeTestApp.start({
      port: 18826,
      databaseUrl: url,
      environmentName,
      poolSize: 6,
      logger,
      features: (backOffice) => [TransfersModule.forRoot(backOffice, { aggregators, resolverIntervalMs: 0, resolver: {}, logger }), BalanceDriftModule.forRoot(backOffice, { aggregators, intervalMs: 0, environmentName, logger })],
    });
    for (const name of ['a', 'b', 'c'] as const) {
      const playerId = await seedTestPlayer(dataSource, `agdrift-${name}`, '100.00');
      players[name] = { id: playerId, username: aggregatorUsernameFor('wp', 'op1', playerId) };
    }
  });

  afterAll(async () => {
    await api?.close();
    await fake?.close();
    await dispatcher.close();
    await drop?.();
  });

  const call = (method: 'GET' | 'POST', path: string, body?: unknown, key: string | null = api.adminKey) => api.call<Record<string, unknown>>(method, path, body, key);

  async function transfer(name: 'a' | 'b' | 'c', direction: 'deposit' | 'withdraw', amount: string): Promise<string> {
    const answer = await call('POST', `/players/${players[name].id}/aggregator-transfers`, { aggregatorId: 'zg', direction, amount, idempotencyKey: `drift-test-${++keySequence}` });
    expect(answer.status).toBe(200);
    return String(answer.body['state']);
  }

  async function checkNow(): Promise<{ rows: Array<Record<string, unknown>>; skipped: Array<Record<string, unknown>>; complete: boolean }> {
    const answer = await call('POST', '/aggregators/zg/balance-drift');
    expect(answer.status).toBe(200);
    return answer.body as { rows: Array<Record<string, unknown>>; skipped: Array<Record<string, unknown>>; complete: boolean };
  }

  async function driftMetric(): Promise<Array<{ labels: Record<string, string | number>; value: number }>> {
    const metric = metricsRegistry.getSingleMetric('wallet_aggregator_balance_drift');
    return metric ? ((await metric.get()).values as Array<{ labels: Record<string, string | number>; value: number }>).filter((entry) => entry.labels['aggregator'] === 'zg') : [];
  }

  it('has nothing to show before the first check', async () => {
    expect((await call('GET', '/aggregators/zg/balance-drift', undefined, api.supportKey)).body).toMatchObject({ error: 'no_balance_check_yet' });
    expect((await call('GET', '/aggregators/nope/balance-drift', undefined, api.supportKey)).body).toMatchObject({ error: 'aggregator_not_configured' });
    expect((await call('POST', '/aggregators/zg/balance-drift', undefined, api.supportKey)).status).toBe(403);
  });

  it('finds zero drift on honest play, with every figure exact', async () => {
    expect(await transfer('a', 'deposit', '50.00')).toBe('posted');
    expect(await transfer('b', 'deposit', '30.00')).toBe('posted');
    expect(await transfer('c', 'deposit', '20.00')).toBe('posted');
    fake.play(players.a.username, 'EUR', '-10.00');
    fake.play(players.a.username, 'EUR', '25.50');
    fake.play(players.b.username, 'EUR', '-30.00');
    fake.play(players.c.username, 'EUR', '-5.25');
    expect(await transfer('c', 'withdraw', '10.00')).toBe('posted');
    // Several history pages per player (pageSizeMax 3): the walk reads them all.
    fake.play(players.a.username, 'EUR', '-1.00');
    fake.play(players.a.username, 'EUR', '1.00');

    const report = await checkNow();
    expect(report.complete).toBe(true);
    expect(report.skipped).toEqual([]);
    expect(report.rows).toEqual([
      {
        operatorId: 'op1',
        currency: 'EUR',
        held: '90.00',
        heldByTransfers: '90.00',
        balancesThere: '70.25',
        playThere: '-19.75',
        heldForChecked: '90.00',
        drift: '0.00',
        players: 3,
        playersChecked: 3,
        playersSkipped: { 'transfer-in-flight': 0, 'balance-moving': 0, unreadable: 0 },
      },
    ]);
    expect(logger.events.filter((event) => event.message === 'aggregator balance drift')).toEqual([]);
    expect(await driftMetric()).toEqual([{ labels: { aggregator: 'zg', operator: 'op1', currency: 'EUR' }, value: 0 }]);
  });

  it('finds a balance moved there without a history entry, to the cent: report, warn line, metric and the last result', async () => {
    fake.adjustBalanceUnreported(players.a.username, 'EUR', '-0.37');
    const report = await checkNow();
    expect(report.rows[0]).toMatchObject({ held: '90.00', balancesThere: '69.88', playThere: '-19.75', drift: '-0.37', playersChecked: 3 });
    expect(logger.events.filter((event) => event.message === 'aggregator balance drift')).toEqual([
      {
        level: 'warn',
        context: 'BalanceDrift',
        message: 'aggregator balance drift',
        fields: { aggregatorId: 'zg', operatorId: 'op1', currency: 'EUR', drift: '-0.37', held: '90.00', heldByTransfers: '90.00', balancesThere: '69.88', playThere: '-19.75', playersChecked: 3 },
      },
    ]);
    expect(await driftMetric()).toEqual([{ labels: { aggregator: 'zg', operator: 'op1', currency: 'EUR' }, value: -0.37 }]);
    const last = await call('GET', '/aggregators/zg/balance-drift', undefined, api.supportKey);
    expect(last.status).toBe(200);
    expect(last.body).toEqual(report);
  });

  it('leaves out a player whose transfer is in flight or whose balance cannot be read, and stays exact for the rest', async () => {
    // B's deposit is applied there but its answer lost: the money is there, not yet in held.
    fake.inject('deposit', { kind: 'lose-answer-after-apply' });
    expect(await transfer('b', 'deposit', '5.00')).toBe('unknown');
    expect(fake.balanceOf(players.b.username, 'EUR')).toBe('5.00');
    fake.injectWith('getPlayerBalance', (body) => (body['username'] === players.c.username ? { kind: 'http-status', httpStatus: 503 } : undefined));
    try {
      const report = await checkNow();
      expect(report.rows[0]).toMatchObject({
        held: '90.00',
        heldByTransfers: '90.00',
        balancesThere: '65.13',
        playThere: '15.50',
        heldForChecked: '50.00',
        drift: '-0.37',
        players: 3,
        playersChecked: 1,
        playersSkipped: { 'transfer-in-flight': 1, 'balance-moving': 0, unreadable: 1 },
      });
      expect(report.skipped).toEqual([
        { playerId: players.b.id, reason: 'transfer-in-flight', detail: '1 transfer(s) open' },
        { playerId: players.c.id, reason: 'unreadable', detail: expect.stringContaining('getPlayerBalance unavailable') },
      ].sort((x, y) => (x.playerId < y.playerId ? -1 : 1)));
    } finally {
      fake.injectWith('getPlayerBalance', undefined);
    }
  });

  it('runs by itself every interval and stores each pass', async () => {
    // Support settles B's deposit as posted (it was applied): the whole account is back in step, A's -0.37 remains.
    const [{ id: transferId }] = (await dataSource.query(`SELECT id FROM aggregator_transfers WHERE player_id = $1 AND state = 'unknown'`, [players.b.id])) as Array<{ id: string }>;
    const walletTxId = fake.history.filter((entry) => entry.username === players.b.username && entry.label === 'Deposit').at(-1)?.walletTxId;
    expect((await call('POST', `/aggregator-transfers/${transferId}/settle`, { outcome: 'posted', walletTxId, reason: 'found in its history' })).status).toBe(200);
    const before = (await call('GET', '/aggregators/zg/balance-drift', undefined, api.supportKey)).body['checkedAt'];
    const redis = new Redis('redis://127.0.0.1:6379', { lazyConnect: false });
    const monitor = new BalanceDriftMonitor(new BalanceDriftStore(dataSource), aggregators, redis, { intervalMs: 1_000, lockKeyPrefix: `${environmentName}:periodic`, logger });
    try {
      monitor.start();
      let last: Record<string, unknown> = {};
      for (let waited = 0; waited < 8_000; waited += 200) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        last = (await call('GET', '/aggregators/zg/balance-drift', undefined, api.supportKey)).body;
        if (last['checkedAt'] !== before) break;
      }
      expect(last['checkedAt']).not.toBe(before);
      expect((last['rows'] as Array<Record<string, unknown>>)[0]).toMatchObject({ held: '95.00', heldByTransfers: '95.00', balancesThere: '74.88', drift: '-0.37', playersChecked: 3 });
    } finally {
      await monitor.stop();
      redis.disconnect();
    }
    expect(() => new BalanceDriftMonitor(new BalanceDriftStore(dataSource), aggregators, redis, { intervalMs: 10, lockKeyPrefix: 'x', logger })).toThrow(/0 \(off\) or at least 1000 ms/);
  });

  it("reads only the history since each player's checkpoint, and the play stays exact", async () => {
    const redis = new Redis('redis://127.0.0.1:6379', { lazyConnect: false });
    // Entries are final at once here (settle 0): each pass moves every checkpoint to its own start.
    const monitor = new BalanceDriftMonitor(new BalanceDriftStore(dataSource), aggregators, redis, { intervalMs: 0, lockKeyPrefix: `${environmentName}:incremental`, logger, historySettleMs: 0 });
    try {
      const first = await monitor.checkNow('zg');
      expect(first.rows[0]).toMatchObject({ playThere: '-19.75', drift: '-0.37', playersChecked: 3 });
      const checkpoints = (await dataSource.query(`SELECT player_id AS "playerId", play_before::text AS "playBefore", play_before_cutoff AS cutoff FROM aggregator_play_checkpoints ORDER BY player_id`)) as Array<{
        playerId: string;
        playBefore: string;
        cutoff: Date;
      }>;
      expect(Object.fromEntries(checkpoints.map((row) => [row.playerId, row.playBefore]))).toEqual({
        [players.a.id]: '15.500000000000000000',
        [players.b.id]: '-30.000000000000000000',
        [players.c.id]: '-5.250000000000000000',
      });

      fake.play(players.a.username, 'EUR', '-2.50');
      fake.play(players.c.username, 'EUR', '1.25');
      const historyCallsBefore = fake.requestsTo('history').length;
      const second = await monitor.checkNow('zg');
      expect(second.rows[0]).toMatchObject({ balancesThere: '73.63', playThere: '-21.00', heldForChecked: '95.00', drift: '-0.37', playersChecked: 3 });
      // One page each (pageSizeMax 3 would need several for a whole history), from the player's checkpoint on.
      const sent = fake.requestsTo('history').slice(historyCallsBefore).map((request) => JSON.parse(request.bodyText) as { username: string; from: string | null });
      expect(sent.length).toBe(3);
      const cutoffOf = new Map(checkpoints.map((row) => [row.playerId, row.cutoff.toISOString()]));
      for (const name of ['a', 'b', 'c'] as const) expect(sent.find((body) => body.username === players[name].username)?.from).toBe(cutoffOf.get(players[name].id));
    } finally {
      redis.disconnect();
    }
  });
});
