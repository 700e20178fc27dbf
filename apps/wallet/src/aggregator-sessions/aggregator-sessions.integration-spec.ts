import { randomBytes, randomUUID } from 'node:crypto';
import { Agent } from 'undici';
import type { DataSource } from 'typeorm';
import { aggregatorUsernameFor } from '@wallet-platform/aggregator-client';
import { FakeAggregatorServer, testAggregatorRegistry } from '@wallet-platform/aggregator-client/testing';
import { Secret } from '@wallet-platform/platform-registry';
import { JsonLogger } from '@wallet-platform/service-kit';
import { CatalogModule } from '../catalog/catalog.module';
import { checkLedgerInvariants } from '../ledger/ledger-invariants';
import { seedPlayer } from '../seed/seed-player';
import { BackOfficeTestApp } from '../testing/back-office-test-app';
import { createScratchWalletDatabase } from '../testing/scratch-wallet-database';
import { TransferAggregators } from '../transfers/transfer-aggregators';
import { TransferResolver } from '../transfers/transfer-resolver';
import { TransferDirection } from '../transfers/transfer-state';
import { TransferStore } from '../transfers/transfer-store';
import { TransferSender } from '../transfers/transfer-sender';
import { TransfersModule } from '../transfers/transfers.module';
import { AMOUNT_SCALE, Money, currencyCodeOf } from '@wallet-platform/money';
import { AggregatorSessionSweep } from './aggregator-session-sweep';
import { AggregatorSessionService } from './aggregator-session.service';
import { AggregatorSessionStore } from './aggregator-session.store';
import { sessionDepositKey } from './aggregator-session-state';
import { AggregatorSessionsModule } from './aggregator-sessions.module';

type Answer = { status: number; body: Record<string, unknown> & Array<Record<string, unknown>> };

/**
 * Game launch at a transfer-wallet aggregator over the back office's HTTP API, on real PostgreSQL
 * and Redis, against the fake aggregator: the launch policy's deposit (both kinds) to the cent,
 * the launch, ending by the back office, by coming back (another aggregator, an Operator API
 * launch) and by the sweep, the refusals, a deposit whose answer is lost, a withdraw refused, and
 * the retries of a launch killed half-way. Two aggregators on one fake: `zg` (whole balance) and
 * `za` (30.00 a launch). Ports 18800 (the API) and 18801 (the fake).
 */
describe('aggregator sessions: launch, end, sweep', () => {
  const API_KEY = 'AggregatorKey-sess-1c9e44';
  const environmentName = `agls-${randomBytes(4).toString('hex')}`;
  let fake: FakeAggregatorServer;
  let dataSource: DataSource;
  let drop: () => Promise<void>;
  let api: BackOfficeTestApp;
  let resolver: TransferResolver;
  let transfers: TransferStore;
  let sessions: AggregatorSessionStore;
  let aggregators: TransferAggregators;
  const dispatcher = new Agent({ connections: 8 });
  let playerCount = 0;
  let keyCount = 0;

  beforeAll(async () => {
    fake = await FakeAggregatorServer.start({ port: 18801, apiKey: API_KEY });
    let url: string;
    ({ dataSource, url, drop } = await createScratchWalletDatabase());
    const logger = new JsonLogger('aggregator-sessions-test', 'error');
    const fast = {
      baseUrl: fake.baseUrl,
      apiKey: API_KEY,
      currencies: ['EUR'],
      limits: { readTimeoutMs: 1_000, transferTimeoutMs: 200, readAttemptsMax: 2, retryDelayBaseMs: 5, retryDelayMaxMs: 10 },
      transfers: { arrivalMarginMs: 0, historyLookbackMs: 0 },
    };
    aggregators = TransferAggregators.fromRegistry(
      testAggregatorRegistry({ ...fast, aggregatorId: 'zg', usernamePrefix: 'wp' }, { ...fast, aggregatorId: 'za', usernamePrefix: 'wa', launch: { kind: 'amount', amount: '30.00' } }),
      { dispatcher },
    );
    api = await BackOfficeTestApp.start({
      port: 18800,
      databaseUrl: url,
      environmentName,
      logger,
      platformApis: [{ platformId: 'demo-platform', operatorId: 'op1', secretKey: new Secret('s'.repeat(32)), apiBaseUrl: 'http://127.0.0.1:18802', gameLaunchBaseUrl: 'https://games.example/launch', reconcile: false }],
      features: (backOffice) => [
        CatalogModule.forRoot(backOffice, { syncIntervalMinutes: 0, environmentName, logger, aggregators }),
        TransfersModule.forRoot(backOffice, { aggregators, resolverIntervalMs: 0, resolver: {}, logger }),
        AggregatorSessionsModule.forRoot(backOffice, { aggregators, sweepIntervalMs: 0, idleLimitMs: 60_000, logger }),
      ],
    });
    resolver = api.get(TransferResolver);
    transfers = api.get(TransferStore);
    sessions = api.get(AggregatorSessionStore);
    expect(await call('POST', '/catalog/aggregators/sync', {})).toMatchObject({ status: 200 });
  });

  afterAll(async () => {
    await api?.close();
    await fake?.close();
    await dispatcher.close();
    await drop?.();
  });

  afterEach(async () => {
    const report = await dataSource.transaction('REPEATABLE READ', (manager) => checkLedgerInvariants(manager));
    expect(report.violations.aggregatorInTransitMismatch).toEqual({ count: 0, examples: [] });
    expect(report.ok).toBe(true);
  });

  const call = (method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown, key: string | null = api.adminKey) => api.call<Answer['body']>(method, path, body, key) as Promise<Answer>;

  async function newPlayer(balance: string): Promise<string> {
    return (
      await seedPlayer(dataSource, {
        platformId: 'demo-platform',
        operatorId: 'op1',
        userId: `agls-${playerCount++}`,
        currency: 'EUR',
        balance,
        gameId: '200',
        sessionHours: 1,
        blocked: false,
        dailyWagerLimit: null,
        dailyLossLimit: null,
        disabledGameId: null,
      })
    ).playerId;
  }

  const newKey = () => `launch-${environmentName}-${keyCount++}`;
  const launch = (playerId: string, body: Record<string, unknown>) => call('POST', `/players/${playerId}/aggregator-sessions`, { gameId: 'pg_00001', language: 'en', device: 'desktop', ...body });

  async function wallet(playerId: string): Promise<string> {
    const [{ balance }] = (await dataSource.query(`SELECT balance::text AS balance FROM accounts WHERE kind = 'player' AND player_id = $1`, [playerId])) as Array<{ balance: string }>;
    return balance;
  }

  async function inTransit(aggregatorId: string): Promise<string> {
    const { inTransit: rows } = await transfers.houseBalances(aggregatorId);
    return rows.find((row) => row.operatorId === 'op1' && row.currency === 'EUR')?.amount ?? '0';
  }

  const cents = (text: string) => Money.parseOrThrow(text, AMOUNT_SCALE, currencyCodeOf('EUR')).toDecimalString();
  const usernameOf = (answer: Answer) => (answer.body['session'] as Record<string, string>)['aggregatorUsername'];
  const sessionIdOf = (answer: Answer) => (answer.body['session'] as Record<string, string>)['id'];

  it('whole balance: the launch moves all of it there and answers the url; the same key again answers the same, moving nothing', async () => {
    const playerId = await newPlayer('100.00');
    const key = newKey();
    const first = await launch(playerId, { aggregatorId: 'zg', idempotencyKey: key });
    expect(first).toMatchObject({
      status: 200,
      body: { outcome: 'launched', launch: { type: 'url', url: 'https://games.example/launch?g=pg_00001' }, transfer: { direction: 'deposit', amount: '100.00', state: 'posted' }, session: { state: 'launched', launchPolicy: { kind: 'whole-balance' } } },
    });
    expect(await wallet(playerId)).toBe('0.00');
    expect(fake.balanceOf(usernameOf(first), 'EUR')).toBe('100.00');
    expect(cents(await inTransit('zg'))).toBe('0.00');
    const calls = fake.requests.length;
    const again = await launch(playerId, { aggregatorId: 'zg', idempotencyKey: key });
    expect(again).toMatchObject({ status: 200, body: { outcome: 'launched', launch: first.body['launch'], session: { id: sessionIdOf(first) } } });
    expect(fake.requests.length).toBe(calls);
    expect(await launch(playerId, { aggregatorId: 'zg', idempotencyKey: key, gameId: 'png_00072' })).toMatchObject({ status: 409, body: { error: 'idempotency_key_reused' } });
    // An html game.
    fake.games.push({ id: 'html_00001', name: 'Html Game', logoUrl: '', category: { id: 'slot', label: 'Slot' } });
    await call('POST', '/catalog/aggregators/sync', {});
    const html = await launch(playerId, { aggregatorId: 'zg', idempotencyKey: newKey(), gameId: 'html_00001' });
    expect(html).toMatchObject({ status: 200, body: { outcome: 'launched', launch: { type: 'html', html: '<html><body>game</body></html>' } } });
    // Coming back to the same aggregator: everything came back, then all of it went again.
    expect(await wallet(playerId)).toBe('0.00');
    expect(fake.balanceOf(usernameOf(first), 'EUR')).toBe('100.00');
    expect((await call('GET', `/aggregator-sessions/${sessionIdOf(first)}`, undefined, api.supportKey)).body).toMatchObject({ state: 'ended', endReason: 'player-returned' });
    expect(JSON.stringify((await call('GET', `/players/${playerId}/aggregator-sessions`, undefined, api.supportKey)).body)).not.toContain('games.example');
    await call('POST', `/aggregator-sessions/${sessionIdOf(html)}/end`);
  });

  it('an amount: 30.00 goes there (or the whole balance when smaller); play there, then the back office ends it: all of it comes back, to the cent', async () => {
    const playerId = await newPlayer('100.00');
    const launched = await launch(playerId, { aggregatorId: 'za', idempotencyKey: newKey() });
    expect(launched).toMatchObject({ status: 200, body: { outcome: 'launched', transfer: { amount: '30.00', state: 'posted' }, session: { launchPolicy: { kind: 'amount', amount: '30.00' } } } });
    expect(await wallet(playerId)).toBe('70.00');
    const username = usernameOf(launched);
    expect(fake.balanceOf(username, 'EUR')).toBe('30.00');
    fake.play(username, 'EUR', '-5.25');
    const id = sessionIdOf(launched);
    expect(await call('POST', `/aggregator-sessions/${id}/end`, undefined, api.supportKey)).toMatchObject({ status: 403 });
    const ended = await call('POST', `/aggregator-sessions/${id}/end`);
    expect(ended).toMatchObject({ status: 200, body: { outcome: 'ended', transfer: { direction: 'withdraw', amount: '24.75', state: 'posted' }, session: { state: 'ended', endReason: 'back-office' } } });
    expect(await wallet(playerId)).toBe('94.75');
    expect(fake.balanceOf(username, 'EUR')).toBe('0.00');
    const withdraws = fake.requestsTo('withdraw').length;
    expect(await call('POST', `/aggregator-sessions/${id}/end`)).toMatchObject({ status: 200, body: { outcome: 'ended' } });
    expect(fake.requestsTo('withdraw').length).toBe(withdraws);

    const poor = await newPlayer('12.34');
    expect(await launch(poor, { aggregatorId: 'za', idempotencyKey: newKey() })).toMatchObject({ status: 200, body: { transfer: { amount: '12.34' } } });
    expect(await wallet(poor)).toBe('0.00');
    // Nothing to move: no deposit, the launch goes on (the player exists there).
    const broke = await newPlayer('0.00');
    const free = await launch(broke, { aggregatorId: 'za', idempotencyKey: newKey() });
    expect(free).toMatchObject({ status: 200, body: { outcome: 'launched', transfer: null, session: { depositSkipped: true } } });
    expect(await call('POST', `/aggregator-sessions/${sessionIdOf(free)}/end`)).toMatchObject({ status: 200, body: { outcome: 'ended', transfer: null, session: { endNote: 'nothing there to withdraw' } } });
    await call('POST', `/aggregator-sessions/${(await sessions.liveOfPlayer(poor))!.id}/end`);
  });

  it('the player comes back: a launch at another aggregator, or an Operator API launch, withdraws everything there first', async () => {
    const playerId = await newPlayer('100.00');
    const atZg = await launch(playerId, { aggregatorId: 'zg', idempotencyKey: newKey() });
    fake.play(usernameOf(atZg), 'EUR', '10.00');
    const atZa = await launch(playerId, { aggregatorId: 'za', idempotencyKey: newKey() });
    expect(atZa).toMatchObject({ status: 200, body: { outcome: 'launched', transfer: { amount: '30.00' } } });
    expect((await sessions.find(sessionIdOf(atZg)))?.state).toBe('ended');
    expect(fake.balanceOf(usernameOf(atZg), 'EUR')).toBe('0.00');
    expect(fake.balanceOf(usernameOf(atZa), 'EUR')).toBe('30.00');
    expect(await wallet(playerId)).toBe('80.00');

    const operatorApi = await call('POST', `/players/${playerId}/sessions`, { platformId: 'demo-platform', mode: 'real', gameId: '200', language: 'en', device: 'desktop' });
    expect(operatorApi.status).toBe(200);
    expect((await sessions.find(sessionIdOf(atZa)))?.state).toBe('ended');
    expect(await wallet(playerId)).toBe('110.00');
    expect(fake.balanceOf(usernameOf(atZa), 'EUR')).toBe('0.00');
  });

  it('refuses what cannot be launched with exact codes, moving nothing', async () => {
    const playerId = await newPlayer('50.00');
    const refused = (body: Record<string, unknown>) => launch(playerId, { aggregatorId: 'zg', idempotencyKey: newKey(), ...body });
    expect(await refused({ gameId: 'pg_99999' })).toMatchObject({ status: 404, body: { error: 'aggregator_game_not_found' } });
    expect(await call('PUT', '/catalog/aggregators/zg/games/png_00072', { enabledByOperator: false })).toMatchObject({ status: 200 });
    expect(await refused({ gameId: 'png_00072' })).toMatchObject({ status: 409, body: { error: 'aggregator_game_not_playable', message: expect.stringContaining('switched off') } });
    expect(await refused({ aggregatorId: 'nope' })).toMatchObject({ status: 400, body: { error: 'unknown_aggregator' } });
    expect(await refused({ device: 'tv' })).toMatchObject({ status: 400, body: { error: 'validation_failed' } });
    expect(await launch(randomUUID(), { aggregatorId: 'zg', idempotencyKey: newKey() })).toMatchObject({ status: 404, body: { error: 'player_not_found' } });
    expect(await call('POST', `/players/${playerId}/aggregator-sessions`, { aggregatorId: 'zg', gameId: 'pg_00001', language: 'en', device: 'desktop', idempotencyKey: newKey() }, api.supportKey)).toMatchObject({ status: 403 });
    expect(await call('POST', `/aggregator-sessions/${randomUUID()}/end`)).toMatchObject({ status: 404, body: { error: 'aggregator_session_not_found' } });
    await dataSource.query(`UPDATE players SET status = 'blocked' WHERE id = $1`, [playerId]);
    expect(await refused({})).toMatchObject({ status: 409, body: { error: 'player_blocked' } });
    expect(await wallet(playerId)).toBe('50.00');
    expect(await sessions.ofPlayer(playerId, 10)).toEqual([]);

    // Blocked while the deposit was in transit: the launch is refused then, and ending brings the money back.
    const late = await newPlayer('20.00');
    const key = newKey();
    fake.inject('deposit', { kind: 'lose-answer-after-apply' });
    expect(await launch(late, { aggregatorId: 'zg', idempotencyKey: key })).toMatchObject({ status: 202, body: { outcome: 'deposit_in_transit' } });
    await dataSource.query(`UPDATE players SET status = 'blocked' WHERE id = $1`, [late]);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await resolver.resolveDue()).toMatchObject({ posted: 1 });
    const launches = fake.requestsTo('launchGame').length;
    expect(await launch(late, { aggregatorId: 'zg', idempotencyKey: key })).toMatchObject({ status: 409, body: { error: 'player_blocked' } });
    expect(fake.requestsTo('launchGame').length).toBe(launches);
    expect(await call('POST', `/aggregator-sessions/${(await sessions.byKey('op1', key))!.id}/end`)).toMatchObject({ status: 200, body: { outcome: 'ended', transfer: { amount: '20.00' } } });
    expect(await wallet(late)).toBe('20.00');
  });

  it('a deposit whose answer is lost: 202 deposit_in_transit, never resent; the resolver posts it and the same request launches', async () => {
    const playerId = await newPlayer('40.00');
    const key = newKey();
    fake.inject('deposit', { kind: 'lose-answer-after-apply' });
    const lost = await launch(playerId, { aggregatorId: 'zg', idempotencyKey: key });
    expect(lost).toMatchObject({ status: 202, body: { outcome: 'deposit_in_transit', launch: null, transfer: { state: 'unknown', amount: '40.00' }, session: { state: 'opening' } } });
    expect(await wallet(playerId)).toBe('0.00');
    expect(cents(await inTransit('zg'))).toBe('40.00');
    const deposits = fake.requestsTo('deposit').length;
    expect(await launch(playerId, { aggregatorId: 'zg', idempotencyKey: key })).toMatchObject({ status: 202, body: { outcome: 'deposit_in_transit' } });
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await resolver.resolveDue()).toMatchObject({ posted: 1 });
    const launched = await launch(playerId, { aggregatorId: 'zg', idempotencyKey: key });
    expect(launched).toMatchObject({ status: 200, body: { outcome: 'launched', transfer: { state: 'posted', amount: '40.00' } } });
    expect(fake.requestsTo('deposit').length).toBe(deposits);
    expect(fake.balanceOf(usernameOf(launched), 'EUR')).toBe('40.00');
    expect(cents(await inTransit('zg'))).toBe('0.00');

    // A deposit that timed out before it was applied: the resolver voids it; the launch answers 502 and the money is back.
    const other = await newPlayer('15.00');
    const otherKey = newKey();
    fake.inject('deposit', { kind: 'timeout-before-apply', holdMs: 250 });
    expect(await launch(other, { aggregatorId: 'zg', idempotencyKey: otherKey })).toMatchObject({ status: 202, body: { outcome: 'deposit_in_transit' } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await resolver.resolveDue()).toMatchObject({ voided: 1 });
    expect(await launch(other, { aggregatorId: 'zg', idempotencyKey: otherKey })).toMatchObject({ status: 502, body: { error: 'deposit_voided' } });
    expect(await wallet(other)).toBe('15.00');
    expect((await sessions.ofPlayer(other, 1))[0]).toMatchObject({ state: 'ended', endReason: 'deposit-voided' });
    // Refused at once: 502, nothing there.
    fake.inject('deposit', { kind: 'error-code', code: 'PLAYER_INACTIVE' });
    expect(await launch(other, { aggregatorId: 'zg', idempotencyKey: newKey() })).toMatchObject({ status: 502, body: { error: 'deposit_voided', message: expect.stringContaining('PLAYER_INACTIVE') } });
    expect(await wallet(other)).toBe('15.00');
    await call('POST', `/aggregator-sessions/${sessionIdOf(launched)}/end`);
  });

  it('ending: a refused withdraw answers 502 and stays ending; the next try is a new withdraw; a lost one waits for the resolver', async () => {
    const playerId = await newPlayer('20.00');
    const launched = await launch(playerId, { aggregatorId: 'zg', idempotencyKey: newKey() });
    const id = sessionIdOf(launched);
    fake.inject('withdraw', { kind: 'error-code', code: 'PLAYER_INACTIVE' });
    expect(await call('POST', `/aggregator-sessions/${id}/end`)).toMatchObject({ status: 502, body: { error: 'withdraw_voided', sessionId: id } });
    expect(await sessions.find(id)).toMatchObject({ state: 'ending', withdrawAttempts: 1 });
    expect(cents(await inTransit('zg'))).toBe('0.00');
    // A launch meanwhile: the previous session is not ended, nothing of the new one is recorded.
    expect(await launch(playerId, { aggregatorId: 'za', idempotencyKey: newKey() })).toMatchObject({ status: 200, body: { outcome: 'launched', transfer: { amount: '20.00' } } });
    expect(await sessions.find(id)).toMatchObject({ state: 'ended', withdrawAttempts: 1 });
    expect(await wallet(playerId)).toBe('0.00');
    const atZa = (await sessions.liveOfPlayer(playerId))!;
    fake.inject('withdraw', { kind: 'lose-answer-after-apply' });
    expect(await call('POST', `/aggregator-sessions/${atZa.id}/end`)).toMatchObject({ status: 202, body: { outcome: 'withdraw_in_transit', transfer: { state: 'unknown' } } });
    expect(await launch(playerId, { aggregatorId: 'zg', idempotencyKey: newKey() })).toMatchObject({ status: 202, body: { outcome: 'withdraw_in_transit', session: { id: atZa.id } } });
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await resolver.resolveDue()).toMatchObject({ posted: 1 });
    expect(await call('POST', `/aggregator-sessions/${atZa.id}/end`)).toMatchObject({ status: 200, body: { outcome: 'ended', transfer: { amount: '20.00', state: 'posted' } } });
    expect(await wallet(playerId)).toBe('20.00');
  });

  it('killed half-way: the retry finds the deposit by its key (never a second one); a pending one left by a dead process is voided and answered', async () => {
    const playerId = await newPlayer('25.00');
    const prefix = aggregators.get('zg').usernamePrefix;
    const newSession = async (idempotencyKey: string) =>
      sessions.insert({ aggregatorId: 'zg', operatorId: 'op1', idempotencyKey, playerId, aggregatorUsername: aggregatorUsernameFor(prefix, 'op1', playerId), gameId: 'pg_00001', currency: 'EUR', launchPolicy: { kind: 'whole-balance' } });
    // Killed after the session row: the same request goes on from there.
    const key1 = newKey();
    const first = await newSession(key1);
    expect(await launch(playerId, { aggregatorId: 'zg', idempotencyKey: key1 })).toMatchObject({ status: 200, body: { outcome: 'launched', transfer: { amount: '25.00' }, session: { id: first.id } } });
    await call('POST', `/aggregator-sessions/${first.id}/end`);
    expect(await wallet(playerId)).toBe('25.00');

    // Killed after the deposit was sent and posted under the session's key, before the session was told.
    const key2 = newKey();
    const opening = await newSession(key2);
    const transferSender = api.get(TransferSender);
    expect(await transferSender.transfer({ aggregatorId: 'zg', playerId, direction: TransferDirection.Deposit, amount: 'all', idempotencyKey: sessionDepositKey(opening.id) })).toMatchObject({ state: 'posted' });
    const deposits = fake.requestsTo('deposit').length;
    const resumed = await launch(playerId, { aggregatorId: 'zg', idempotencyKey: key2 });
    expect(resumed).toMatchObject({ status: 200, body: { outcome: 'launched', transfer: { amount: '25.00', state: 'posted' }, session: { id: opening.id } } });
    expect(fake.requestsTo('deposit').length).toBe(deposits);
    expect(await call('POST', `/aggregator-sessions/${opening.id}/end`)).toMatchObject({ status: 200 });
    expect(await wallet(playerId)).toBe('25.00');

    // An ending that begins after a launch claimed its deposit, before the deposit opened: it waits for that deposit.
    const racing = await newSession(newKey());
    await sessions.claimDeposit(racing.id);
    expect(await call('POST', `/aggregator-sessions/${racing.id}/end`)).toMatchObject({ status: 202, body: { outcome: 'withdraw_in_transit', transfer: null, session: { state: 'ending' } } });
    expect(await launch(playerId, { aggregatorId: 'zg', idempotencyKey: racing.idempotencyKey })).toMatchObject({ status: 409, body: { error: 'session_ended' } });
    // The launch's own process goes on and its deposit opens and posts: the ending then takes it back.
    expect(await transferSender.transfer({ aggregatorId: 'zg', playerId, direction: TransferDirection.Deposit, amount: 'all', idempotencyKey: sessionDepositKey(racing.id) })).toMatchObject({ state: 'posted', amount: '25.00' });
    expect(await call('POST', `/aggregator-sessions/${racing.id}/end`)).toMatchObject({ status: 200, body: { outcome: 'ended', transfer: { direction: 'withdraw', amount: '25.00' } } });
    expect(await wallet(playerId)).toBe('25.00');
    // A claim whose launch died before its deposit: waited for up to a minute, then the session ends.
    const dead = await newSession(newKey());
    await dataSource.query(`UPDATE aggregator_sessions SET deposit_claimed_at = now() - interval '2 minutes' WHERE id = $1`, [dead.id]);
    expect(await call('POST', `/aggregator-sessions/${dead.id}/end`)).toMatchObject({ status: 200, body: { outcome: 'ended', transfer: null } });
    const depositsNow = fake.requestsTo('deposit').length;

    // Killed after the deposit was recorded pending, before its call: in transit until the resolver voids it as stale.
    const key3 = newKey();
    const third = await newSession(key3);
    await transfers.open({ aggregatorId: 'zg', operatorId: 'op1', idempotencyKey: sessionDepositKey(third.id), playerId, aggregatorUsername: third.aggregatorUsername, direction: TransferDirection.Deposit, amount: Money.parseOrThrow('25.00', AMOUNT_SCALE, currencyCodeOf('EUR')) });
    expect(await launch(playerId, { aggregatorId: 'zg', idempotencyKey: key3 })).toMatchObject({ status: 202, body: { outcome: 'deposit_in_transit', transfer: { state: 'pending' } } });
    const later = new TransferResolver(transfers, aggregators, { pendingStaleMs: 60_000, clock: () => new Date(Date.now() + 120_000) });
    expect(await later.resolveDue()).toMatchObject({ voided: 1 });
    expect(await launch(playerId, { aggregatorId: 'zg', idempotencyKey: key3 })).toMatchObject({ status: 502, body: { error: 'deposit_voided' } });
    expect(await wallet(playerId)).toBe('25.00');
    expect(fake.requestsTo('deposit').length).toBe(depositsNow);
  });

  it('the sweep ends sessions launched past the idle limit, and finishes ending ones', async () => {
    const playerId = await newPlayer('60.00');
    const launched = await launch(playerId, { aggregatorId: 'za', idempotencyKey: newKey() });
    fake.play(usernameOf(launched), 'EUR', '-0.01');
    const service = api.get(AggregatorSessionService);
    const now = new Sweeper(0);
    expect(await now.sweep(sessions, service, aggregators)).toMatchObject({ looked: 0 });
    const later = new Sweeper(61_000);
    fake.inject('withdraw', { kind: 'http-status', httpStatus: 503 });
    expect(await later.sweep(sessions, service, aggregators)).toMatchObject({ looked: 1, stillEnding: 1 });
    await new Promise((resolve) => setTimeout(resolve, 250));
    await resolver.resolveDue();
    expect(await later.sweep(sessions, service, aggregators)).toMatchObject({ looked: 1, ended: 1 });
    expect(await sessions.find(sessionIdOf(launched))).toMatchObject({ state: 'ended', endReason: 'swept' });
    expect(await wallet(playerId)).toBe('59.99');
    expect(fake.balanceOf(usernameOf(launched), 'EUR')).toBe('0.00');
  });
});

/** A sweep whose clock is `aheadMs` ahead of now, with a 60 s idle limit. */
class Sweeper {
  constructor(private readonly aheadMs: number) {}

  sweep(store: AggregatorSessionStore, service: AggregatorSessionService, aggregators: TransferAggregators) {
    return new AggregatorSessionSweep(store, service, aggregators, { idleLimitMs: 60_000, clock: () => new Date(Date.now() + this.aheadMs) }).pass();
  }
}
