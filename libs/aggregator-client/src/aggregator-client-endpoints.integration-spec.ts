import { jsonText } from '@wallet-platform/http-client';
import { AggregatorBadResponseError, AggregatorRefusedError, AggregatorUnavailableError, AggregatorUsernameTakenError } from './aggregator-errors';
import { AGGREGATOR_TEST_PORT, aggregatorClientFor, closeAggregatorClients, rejectionOf, TEST_API_KEY } from './testing/aggregator-test-kit';
import { FakeAggregatorServer } from './testing/fake-aggregator-server';

describe('aggregator client: every endpoint against the fake', () => {
  let fake: FakeAggregatorServer;
  const player = 'wpplayer0001';

  beforeEach(async () => {
    fake = await FakeAggregatorServer.start({ port: AGGREGATOR_TEST_PORT, apiKey: TEST_API_KEY });
  });

  afterEach(async () => {
    await closeAggregatorClients();
    await fake.close();
  });

  it('createPlayer: creates, and a second time is refused as unavailable', async () => {
    const client = aggregatorClientFor(fake.baseUrl);
    await client.createPlayer(player);
    expect(fake.players.has(player)).toBe(true);
    await expect(rejectionOf(client.createPlayer(player))).resolves.toMatchObject({ code: 'PLAYER_USERNAME_UNAVAILABLE', call: 'createPlayer' });
  });

  it('ensurePlayer: an unavailable name of ours is confirmed with getPlayerStatus, not assumed', async () => {
    fake.addPlayer(player);
    const ensured = await aggregatorClientFor(fake.baseUrl).ensurePlayer(player);
    expect(ensured).toMatchObject({ created: false, status: { username: player, active: true } });
    expect(fake.requests.map((request) => request.path)).toEqual(['/createPlayer', '/getPlayerStatus']);
  });

  it('ensurePlayer: an unavailable name our agent does not know is someone else\'s', async () => {
    fake.inject('createPlayer', { kind: 'error-code', code: 'PLAYER_USERNAME_UNAVAILABLE' });
    await expect(rejectionOf(aggregatorClientFor(fake.baseUrl).ensurePlayer(player))).resolves.toBeInstanceOf(AggregatorUsernameTakenError);
  });

  it('getPlayerBalance: the decimal string as sent; PLAYER_NOT_FOUND as a typed refusal', async () => {
    fake.addPlayer(player, { IDR: '5011680.10' });
    const client = aggregatorClientFor(fake.baseUrl);
    await expect(client.getPlayerBalance(player, 'IDR')).resolves.toEqual({ balance: '5011680.10', currency: 'IDR' });
    const error = await rejectionOf(client.getPlayerBalance('wpnobody0001', 'IDR'));
    expect(error).toBeInstanceOf(AggregatorRefusedError);
    expect(error).toMatchObject({ code: 'PLAYER_NOT_FOUND', call: 'getPlayerBalance' });
  });

  it('getPlayerBalance: a currency not configured is refused before calling', async () => {
    await expect(aggregatorClientFor(fake.baseUrl).getPlayerBalance(player, 'THB')).rejects.toThrow('currency');
    expect(fake.requests).toHaveLength(0);
  });

  it('getPlayerStatus: id, active, bet limits and RFC 3339 creation time', async () => {
    fake.addPlayer(player);
    await expect(aggregatorClientFor(fake.baseUrl).getPlayerStatus(player)).resolves.toEqual({
      id: `id${player}`,
      username: player,
      currency: '',
      active: true,
      betLimits: null,
      createdAt: '2024-08-20T13:08:34.280062Z',
    });
  });

  it('games and providers: the catalog with categories and logos', async () => {
    const client = aggregatorClientFor(fake.baseUrl);
    await expect(client.games('Fire')).resolves.toEqual([{ id: 'png_00072', name: 'Fire Joker', logoUrl: 'https://cdn.example/fj.png', category: { id: 'slot', label: 'Slot' } }]);
    expect(fake.requests[0]?.bodyText).toBe('{"query":"Fire"}');
    await expect(client.providers()).resolves.toMatchObject([{ id: 'pg', active: true, online: true, categories: [{ id: 'slot', label: 'Slot' }] }]);
  });

  it('launchGame: url and html answers; an unknown player refused', async () => {
    fake.addPlayer(player);
    const client = aggregatorClientFor(fake.baseUrl);
    await expect(client.launchGame({ username: player, gameId: 'pg_00001', isMobile: false, lang: 'en', currency: 'EUR' })).resolves.toEqual({ type: 'url', url: 'https://games.example/launch?g=pg_00001' });
    await expect(client.launchGame({ username: player, gameId: 'html_1', isMobile: true, lang: 'th', currency: 'EUR' })).resolves.toEqual({ type: 'html', html: '<html><body>game</body></html>' });
    await expect(rejectionOf(client.launchGame({ username: 'wpnobody0001', gameId: 'pg_00001', isMobile: false, lang: 'en', currency: 'EUR' }))).resolves.toMatchObject({ code: 'PLAYER_NOT_FOUND' });
  });

  it('history: paged, grouped by currency, walked to the end, both amounts kept', async () => {
    fake.addPlayer(player, { EUR: '10.00', IDR: '100.00' });
    fake.play(player, 'EUR', '-1.60');
    fake.play(player, 'IDR', '-16.00');
    fake.play(player, 'EUR', '3.20');
    const client = aggregatorClientFor(fake.baseUrl);

    const first = await client.history({ username: player, page: 1, perPage: 2 });
    expect(first.paging).toEqual({ page: 1, perPage: 2, hasNext: true });
    expect(first.currencyGroups.map((group) => [group.currency, group.items.map((item) => item.amount.playerAmount)])).toEqual([
      ['EUR', ['-1.60']],
      ['IDR', ['-16.00']],
    ]);
    const all = await client.allHistory({ username: player, perPage: 2 });
    expect(all.complete).toBe(true);
    expect(all.items.map((item) => [item.groupCurrency, item.txType.label, item.walletBeforeBalance, item.walletAfterBalance])).toEqual([
      ['EUR', 'Bet', '10.00', '8.40'],
      ['IDR', 'Bet', '100.00', '84.00'],
      ['EUR', 'Settle', '8.40', '11.60'],
    ]);
    expect(JSON.parse(fake.requests[0]?.bodyText ?? '')).toEqual({ username: player, gameId: '', roundId: '', from: null, to: null, paginate: { page: 1, perPage: 2 } });
  });

  it('history: a page size over the bound is refused before calling', async () => {
    await expect(aggregatorClientFor(fake.baseUrl).history({ username: player, page: 1, perPage: 101 })).rejects.toThrow('perPage');
  });

  it('history: a slow page within the deadline is read; slower than the deadline, retried then unavailable', async () => {
    fake.addPlayer(player);
    const client = aggregatorClientFor(fake.baseUrl, TEST_API_KEY, { readTimeoutMs: 200, readAttemptsMax: 2, retryDelayBaseMs: 5, retryDelayMaxMs: 10 });
    fake.inject('history', { kind: 'slow', delayMs: 50 });
    await expect(client.history({ username: player, page: 1 })).resolves.toMatchObject({ paging: { hasNext: false } });
    fake.inject('history', { kind: 'slow', delayMs: 500 }, 2);
    const error = await rejectionOf(client.history({ username: player, page: 1 }));
    expect(error).toBeInstanceOf(AggregatorUnavailableError);
    expect(error).toMatchObject({ call: 'history', transport: { kind: 'timeout', attempts: 2 } });
  });

  it('reads: a 5xx is retried (a read is safe to repeat)', async () => {
    fake.addPlayer(player, { EUR: '1.00' });
    fake.inject('getPlayerBalance', { kind: 'http-status', httpStatus: 503 }, 2);
    await expect(aggregatorClientFor(fake.baseUrl).getPlayerBalance(player, 'EUR')).resolves.toMatchObject({ balance: '1.00' });
    expect(fake.requestsTo('getPlayerBalance')).toHaveLength(3);
  });

  it('playerDailyReport: figures kept as exact decimal strings; next given as 0 is read', async () => {
    fake.addPlayer(player);
    fake.inject('playerDailyReport', {
      kind: 'raw-answer',
      bodyText: JSON.stringify({
        ok: true,
        result: {
          items: [{ playerWinLoss: '-0.3771380888', validTurnOver: '0.3771380888', agentWinLoss: '0.1885690444', agentCommission: '0', agentContribution: '-0.0018856904', playerFreeRound: '0', freeRoundCount: 0, timestamp: '2024-08-20T13:00:00Z' }],
          paginate: { page: 1, perPage: 30, next: 0 },
        },
      }),
    });
    const page = await aggregatorClientFor(fake.baseUrl).playerDailyReport({ username: player, page: 1 });
    expect(page.items[0]).toMatchObject({ playerWinLoss: '-0.3771380888', agentContribution: '-0.0018856904', freeRoundCount: 0, timestamp: '2024-08-20T13:00:00Z' });
    expect(page.paging.hasNext).toBe(false);
  });

  it("playerDailyReport of the fake: the player's play per UTC hour in the base currency, newest first, paged", async () => {
    fake.addPlayer(player, { EUR: '10.00', IDR: '1000.00' });
    fake.play(player, 'EUR', '-2.00');
    fake.play(player, 'EUR', '0.50');
    fake.play(player, 'IDR', '-100.00');
    fake.adjustBalanceUnreported(player, 'EUR', '-1.00');
    const page = await aggregatorClientFor(fake.baseUrl).playerDailyReport({ username: player, page: 1 });
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({ playerWinLoss: '-1.5000000000', validTurnOver: '2.0000000000' });
    expect(Date.parse(page.items[0]?.timestamp ?? '') % 3_600_000).toBe(0);
    expect(fake.balanceOf(player, 'EUR')).toBe('7.50');
  });

  it.each([
    ['nodata', { logType: 'nodata' }, {}, { logType: 'nodata' }],
    ['iframe', { logType: 'iframe', url: 'https://history.example/r/1' }, {}, { logType: 'iframe', url: 'https://history.example/r/1' }],
    ['hand', { logType: 'hand' }, { hands: [{ title: 'Banker', cards: ['AS', '9H'], result: 'win' }] }, { logType: 'hand', hands: [{ title: 'Banker', cards: ['AS', '9H'], result: 'win' }] }],
    ['roulette', { logType: 'roulette' }, { pockets: [{ number: '17', color: 'black', evenOdd: 'odd' }] }, { logType: 'roulette', pockets: [{ number: '17', color: 'black', evenOdd: 'odd' }] }],
    ['dice', { logType: 'dice' }, { dices: ['3', '5'] }, { logType: 'dice', dices: ['3', '5'] }],
    ['table', { logType: 'table' }, { rows: [{ key: 'Bet', value: '1.60' }] }, { logType: 'table', rows: [{ key: 'Bet', value: '1.60' }] }],
  ])('gameLogs: log type %s', async (_type, result, extras, view) => {
    fake.gameLogResult = { url: '', gameName: '', gameResult: '', ...result };
    fake.gameLogExtras = extras;
    const log = await aggregatorClientFor(fake.baseUrl).gameLogs({ historyId: 'h1' });
    expect(log.view).toEqual(view);
    expect(log).toMatchObject({ providerId: 'pg', roundId: '1825882618634307073' });
  });

  it('gameLogs: by game, username and round; an unknown log type is refused naming the field', async () => {
    const client = aggregatorClientFor(fake.baseUrl);
    await client.gameLogs({ gameId: 'habanero_00001', username: player, roundId: 'wwsnprklgu' });
    expect(JSON.parse(fake.requests[0]?.bodyText ?? '')).toEqual({ gameId: 'habanero_00001', username: player, roundId: 'wwsnprklgu' });
    fake.gameLogResult = { logType: 'hologram' };
    const error = await rejectionOf(client.gameLogs({ historyId: 'h1' }));
    expect(error).toBeInstanceOf(AggregatorBadResponseError);
    expect(error).toMatchObject({ call: 'gameLogs', path: '$.result.result.logType' });
  });

  it('free rounds: created, listed with the provider results as they came, canceled', async () => {
    fake.addPlayer(player);
    const client = aggregatorClientFor(fake.baseUrl);
    const grant = await client.freeRound({ currency: 'IDR', bonusCode: 'freeRound0001', username: player, gameId: 'pg_00001', from: '2024-08-20T13:08:34.280062Z', to: '2024-08-27T13:08:34Z', rounds: 10, betAmount: '1.6' });
    expect(grant).toEqual({ userInGame: `${player}-IDR`, freeGameId: '263545', freeGameCode: 'code-263545' });

    const listed = await client.getFreeRound({ currency: 'IDR', username: player });
    expect(listed.byProvider.map((entry) => [entry.provider, jsonText(entry.result)])).toEqual([
      ['pp', '[{"currency":"IDR","gameIDList":"vs20mparty","rounds":10,"roundsPlayed":0,"bonusCode":"freeRound0001","expirationDate":"2024-12-25 17:00"}]'],
      ['pg', 'null'],
    ]);

    await client.cancelFreeRound({ currency: 'IDR', username: player, gameId: 'pg_00001', freeRoundId: grant.freeGameId, freeRoundCode: grant.freeGameCode });
    expect(fake.freeRounds[0]?.canceled).toBe(true);
    await expect(rejectionOf(client.cancelFreeRound({ currency: 'IDR', username: player, freeRoundId: 'nope', freeRoundCode: 'nope' }))).resolves.toMatchObject({ code: 'UNLISTED', codeText: 'FREE_ROUND_NOT_FOUND' });
  });

  it.each(['AGENT_NOT_FOUND', 'AGENT_NOT_ACTIVE', 'AGENT_PROVIDER_NOT_FOUND', 'AGENT_NOT_UNDER', 'AGENT_INVALID_TYPE', 'IP_NOT_ALLOWED', 'PLAYER_INACTIVE'])('reads: error code %s is a typed refusal, not retried', async (code) => {
    fake.inject('providers', { kind: 'error-code', code });
    await expect(rejectionOf(aggregatorClientFor(fake.baseUrl).providers())).resolves.toMatchObject({ name: 'AggregatorRefusedError', code, call: 'providers' });
    expect(fake.requestsTo('providers')).toHaveLength(1);
  });
});
