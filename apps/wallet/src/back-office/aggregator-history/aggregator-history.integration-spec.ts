import { randomBytes, randomUUID } from 'node:crypto';
import { Agent } from 'undici';
import { aggregatorUsernameFor } from '@wallet-platform/aggregator-client';
import { FakeAggregatorServer, testAggregatorRegistry } from '@wallet-platform/aggregator-client/testing';
import { JsonLogger } from '@wallet-platform/service-kit';
import { BackOfficeTestApp, seedTestPlayer } from '../../testing/back-office-test-app';
import { createScratchWalletDatabase } from '../../testing/scratch-wallet-database';
import { TransferAggregators } from '../../transfers/transfer-aggregators';
import { AggregatorHistoryModule } from './aggregator-history.module';

/**
 * A player's history and game logs at the aggregator through the back office, over real HTTP on
 * real PostgreSQL against the fake aggregator: paging grouped by currency, every game-log type,
 * and each way the aggregator can refuse or fail, with its exact error code.
 * Ports 18823 (the API), 18824 (the fake), 18825 (nothing listens).
 */
describe('back office: aggregator history and game logs', () => {
  const API_KEY = 'AggregatorKey-hist-3c9d70';
  const environmentName = `aghist-${randomBytes(4).toString('hex')}`;
  let fake: FakeAggregatorServer;
  let drop: () => Promise<void>;
  let api: BackOfficeTestApp;
  const dispatcher = new Agent({ connections: 4 });
  let playerId: string;
  let strangerId: string;
  let username: string;

  beforeAll(async () => {
    fake = await FakeAggregatorServer.start({ port: 18824, apiKey: API_KEY });
    const scratch = await createScratchWalletDatabase();
    drop = scratch.drop;
    const logger = new JsonLogger('aggregator-history-test', 'error');
    const limits = { readTimeoutMs: 1_000, transferTimeoutMs: 200, readAttemptsMax: 1, retryDelayBaseMs: 5, retryDelayMaxMs: 10 };
    const aggregators = TransferAggregators.fromRegistry(
      testAggregatorRegistry(
        { aggregatorId: 'zg', baseUrl: fake.baseUrl, apiKey: API_KEY, currencies: ['EUR', 'IDR'], usernamePrefix: 'wp', limits },
        { aggregatorId: 'down', baseUrl: 'http://127.0.0.1:18825', apiKey: API_KEY, currencies: ['EUR'], usernamePrefix: 'wd', limits },
      ),
      { dispatcher },
    );
    api = await BackOfficeTestApp.start({
      port: 18823,
      databaseUrl: scratch.url,
      environmentName,
      logger,
      features: (backOffice) => [AggregatorHistoryModule.forRoot(backOffice, { aggregators })],
    });
    playerId = await seedTestPlayer(scratch.dataSource, 'aghist-1', '0.00');
    strangerId = await seedTestPlayer(scratch.dataSource, 'aghist-2', '0.00');
    username = aggregatorUsernameFor('wp', 'op1', playerId);
    fake.addPlayer(username, { EUR: '100.00', IDR: '10000.00' });
    fake.play(username, 'EUR', '-1.60');
    fake.play(username, 'EUR', '3.20');
    fake.play(username, 'IDR', '-1600.00');
    fake.play(username, 'EUR', '-2.00');
    fake.play(username, 'IDR', '500.00');
  });

  afterAll(async () => {
    await api?.close();
    await fake?.close();
    await dispatcher.close();
    await drop?.();
  });

  type Body = Record<string, unknown> & { currencyGroups: Array<{ currency: string; items: Array<Record<string, unknown> & { amount: { playerAmount: string } }> }> };
  const get = (path: string, key: string | null = api.supportKey) => api.call<Body>('GET', `/players${path}`, undefined, key);

  it('pages the history, grouped by currency, with no entry skipped or repeated', async () => {
    const pages: Body[] = [];
    for (let page = 1; page <= 5; page++) {
      const answer = await get(`/${playerId}/aggregators/zg/history?page=${page}&perPage=2`);
      expect(answer.status).toBe(200);
      pages.push(answer.body);
      if (!answer.body['hasNext']) break;
    }
    expect(pages.map((page) => [page['page'], page['perPage'], page['hasNext']])).toEqual([
      [1, 2, true],
      [2, 2, true],
      [3, 2, false],
    ]);
    expect(pages[0]).toMatchObject({ aggregatorId: 'zg', username });
    const shape = pages.map((page) => page.currencyGroups.map((group) => [group.currency, group.items.map((item) => item.amount.playerAmount)]));
    expect(shape).toEqual([[['EUR', ['-1.60', '3.20']]], [['IDR', ['-1600.00']], ['EUR', ['-2.00']]], [['IDR', ['500.00']]]]);
    const ids = pages.flatMap((page) => page.currencyGroups.flatMap((group) => group.items.map((item) => item['id'])));
    expect(new Set(ids).size).toBe(5);
    expect(pages[1]?.currencyGroups[0]?.items[0]).toMatchObject({ walletBeforeBalance: '10000.00', walletAfterBalance: '8400.00', txType: { label: 'Bet' } });
    const sent = JSON.parse(fake.requestsTo('history').at(-1)?.bodyText ?? '{}') as Record<string, unknown>;
    expect(sent).toEqual({ username, gameId: '', roundId: '', from: null, to: null, paginate: { page: 3, perPage: 2 } });
  });

  it('passes the filters and refuses pages beyond our bounds before calling', async () => {
    const calls = fake.requestsTo('history').length;
    const filtered = await get(`/${playerId}/aggregators/zg/history?from=2020-01-01T00:00:00Z&to=2999-01-01T00:00:00%2B02:00&gameId=pg_00001&roundId=h1`);
    expect(filtered.status).toBe(200);
    expect(JSON.parse(fake.requestsTo('history').at(-1)?.bodyText ?? '{}')).toMatchObject({ from: '2020-01-01T00:00:00Z', to: '2999-01-01T00:00:00+02:00', gameId: 'pg_00001', roundId: 'h1', paginate: { page: 1, perPage: 30 } });
    for (const query of ['perPage=101', 'perPage=0', 'page=0', 'page=10001', 'from=yesterday', 'from=2024-01-01T00:00:00', 'gameId=a%20b']) {
      const refused = await get(`/${playerId}/aggregators/zg/history?${query}`);
      expect([query, refused.status, refused.body['error']]).toEqual([query, 400, 'validation_failed']);
    }
    expect(fake.requestsTo('history').length).toBe(calls + 1);
  });

  it.each([
    ['nodata', { logType: 'nodata' }, {}, { logType: 'nodata' }],
    ['iframe', { logType: 'iframe', url: 'https://history.example/r/1' }, {}, { logType: 'iframe', url: 'https://history.example/r/1' }],
    ['hand', { logType: 'hand' }, { hands: [{ title: 'Banker', cards: ['AS', '9H'], result: 'win' }] }, { logType: 'hand', hands: [{ title: 'Banker', cards: ['AS', '9H'], result: 'win' }] }],
    ['roulette', { logType: 'roulette' }, { pockets: [{ number: '17', color: 'black', evenOdd: 'odd' }] }, { logType: 'roulette', pockets: [{ number: '17', color: 'black', evenOdd: 'odd' }] }],
    ['dice', { logType: 'dice' }, { dices: ['3', '5'] }, { logType: 'dice', dices: ['3', '5'] }],
    ['table', { logType: 'table' }, { rows: [{ key: 'Bet', value: '1.60' }] }, { logType: 'table', rows: [{ key: 'Bet', value: '1.60' }] }],
  ])('shows a game log of type %s', async (_type, result, extras, view) => {
    fake.gameLogResult = { url: '', gameName: 'Leprechaun Riches', gameResult: 'lost', ...result };
    fake.gameLogExtras = extras;
    const answer = await get(`/${playerId}/aggregators/zg/game-logs?historyId=h3`);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      aggregatorId: 'zg',
      username,
      providerId: 'pg',
      gameType: 'Slot',
      gameName: 'Leprechaun Riches',
      roundId: '1825882618634307073',
      resultGameName: 'Leprechaun Riches',
      gameResult: 'lost',
      view,
      transactions: [],
    });
    expect(JSON.parse(fake.requestsTo('gameLogs').at(-1)?.bodyText ?? '{}')).toEqual({ historyId: 'h3' });
  });

  it("asks for a round's log under the player's own username, and wants exactly one way to name the round", async () => {
    fake.gameLogResult = { logType: 'nodata', url: '', gameName: '', gameResult: '' };
    fake.gameLogExtras = {};
    expect((await get(`/${playerId}/aggregators/zg/game-logs?gameId=pg_00001&roundId=r-77`)).status).toBe(200);
    expect(JSON.parse(fake.requestsTo('gameLogs').at(-1)?.bodyText ?? '{}')).toEqual({ gameId: 'pg_00001', username, roundId: 'r-77' });
    const calls = fake.requestsTo('gameLogs').length;
    for (const query of ['', 'gameId=pg_00001', 'roundId=r-77', 'historyId=h1&roundId=r-77']) {
      const refused = await get(`/${playerId}/aggregators/zg/game-logs?${query}`);
      expect([query, refused.status, refused.body['error']]).toEqual([query, 400, 'validation_failed']);
    }
    expect(fake.requestsTo('gameLogs').length).toBe(calls);
  });

  it('answers 404 for a player unknown here or there and an aggregator not configured', async () => {
    expect((await get(`/${randomUUID()}/aggregators/zg/history`)).body).toMatchObject({ error: 'player_not_found' });
    expect((await get(`/${playerId}/aggregators/nope/history`)).body).toMatchObject({ error: 'aggregator_not_configured' });
    const never = await get(`/${strangerId}/aggregators/zg/history`);
    expect(never.status).toBe(404);
    expect(never.body).toMatchObject({ error: 'aggregator_player_not_found', aggregatorId: 'zg', call: 'history', code: 'PLAYER_NOT_FOUND' });
    expect((await get(`/${playerId}/aggregators/zg/history`, null)).status).toBe(401);
  });

  it('answers 502 naming the aggregator and the call when it refuses us, fails or cannot be read', async () => {
    fake.inject('history', { kind: 'error-code', code: 'AGENT_NOT_ACTIVE' });
    const refused = await get(`/${playerId}/aggregators/zg/history`);
    expect(refused.status).toBe(502);
    expect(refused.body).toMatchObject({ error: 'aggregator_refused', aggregatorId: 'zg', call: 'history', code: 'AGENT_NOT_ACTIVE' });
    expect(String(refused.body['message'])).toContain('our agent is switched off at the aggregator');

    fake.inject('gameLogs', { kind: 'http-status', httpStatus: 503 });
    expect((await get(`/${playerId}/aggregators/zg/game-logs?historyId=h1`)).body).toMatchObject({ error: 'aggregator_unavailable', aggregatorId: 'zg', call: 'gameLogs' });

    fake.inject('history', { kind: 'raw-answer', bodyText: '{"ok":true,"result":{"currencyGroup":[]}}' });
    const unreadable = await get(`/${playerId}/aggregators/zg/history`);
    expect(unreadable.status).toBe(502);
    expect(unreadable.body).toMatchObject({ error: 'aggregator_bad_response', call: 'history' });

    const down = await get(`/${playerId}/aggregators/down/history`);
    expect(down.status).toBe(502);
    expect(down.body).toMatchObject({ error: 'aggregator_unavailable', aggregatorId: 'down', call: 'history' });
    expect(JSON.stringify(down.body)).not.toContain(API_KEY);
  });
});
