import { randomBytes } from 'node:crypto';
import { Agent } from 'undici';
import { FakeAggregatorServer, testAggregatorRegistry } from '@wallet-platform/aggregator-client/testing';
import { JsonLogger } from '@wallet-platform/service-kit';
import type { DataSource } from 'typeorm';
import { BackOfficeTestApp } from '../testing/back-office-test-app';
import { createScratchWalletDatabase } from '../testing/scratch-wallet-database';
import { TransferAggregators } from '../transfers/transfer-aggregators';
import { CatalogModule } from './catalog.module';

/**
 * The aggregators' catalog in the back office, over real HTTP on real PostgreSQL and Redis against
 * the fake aggregator: a sync stores providers and games (category, logo, provider), our switch
 * survives every re-sync, and a game the aggregator stops listing is marked gone, never deleted.
 * Ports 18820 (the API) and 18821 (the fake).
 */
describe('back office: aggregator catalog', () => {
  const API_KEY = 'AggregatorKey-cat-8f2b11';
  const environmentName = `agcat-${randomBytes(4).toString('hex')}`;
  let fake: FakeAggregatorServer;
  let dataSource: DataSource;
  let drop: () => Promise<void>;
  let api: BackOfficeTestApp;
  const dispatcher = new Agent({ connections: 4 });
  const originalGames = () => [
    { id: 'pg_00001', name: 'Leprechaun Riches', logoUrl: '', category: { id: 'slot', label: 'Slot' } },
    { id: 'pg_00002', name: 'Mahjong Ways', logoUrl: 'https://cdn.example/mw.png', category: { id: 'slot', label: 'Slot' } },
    { id: 'pp_10001', name: 'Sweet Bonanza', logoUrl: 'https://cdn.example/sb.png', category: { id: 'slot', label: 'Slot' } },
    { id: 'pp_20001', name: 'Mega Roulette', logoUrl: '', category: { id: 'live', label: 'Live Casino' } },
    { id: 'png_00072', name: 'Fire Joker', logoUrl: 'https://cdn.example/fj.png', category: { id: 'slot', label: 'Slot' } },
  ];
  const originalProviders = () => [
    { id: 'pg', name: 'Pocket Games Soft', logoUrl: 'https://cdn.example/pg.png', active: true, online: true, categories: [{ id: 'slot', label: 'Slot' }] },
    { id: 'pp', name: 'Pragmatic Play', logoUrl: '', active: true, online: false, categories: [{ id: 'slot', label: 'Slot' }, { id: 'live', label: 'Live Casino' }] },
  ];

  beforeAll(async () => {
    fake = await FakeAggregatorServer.start({ port: 18821, apiKey: API_KEY });
    let url: string;
    ({ dataSource, url, drop } = await createScratchWalletDatabase());
    const logger = new JsonLogger('aggregator-catalog-test', 'error');
    const limits = { readTimeoutMs: 1_000, transferTimeoutMs: 200, readAttemptsMax: 1, retryDelayBaseMs: 5, retryDelayMaxMs: 10 };
    const aggregators = TransferAggregators.fromRegistry(
      testAggregatorRegistry(
        { aggregatorId: 'zg', baseUrl: fake.baseUrl, apiKey: API_KEY, currencies: ['EUR'], usernamePrefix: 'wp', limits },
        // Nothing listens there: its sync fails, naming the aggregator and the call.
        { aggregatorId: 'down', baseUrl: 'http://127.0.0.1:18822', apiKey: API_KEY, currencies: ['EUR'], usernamePrefix: 'wd', limits },
      ),
      { dispatcher },
    );
    api = await BackOfficeTestApp.start({
      port: 18820,
      databaseUrl: url,
      environmentName,
      logger,
      features: (backOffice) => [CatalogModule.forRoot(backOffice, { syncIntervalMinutes: 0, environmentName, logger, aggregators })],
    });
  });

  beforeEach(() => {
    fake.games = originalGames();
    fake.providers = originalProviders();
  });

  afterAll(async () => {
    await api?.close();
    await fake?.close();
    await dispatcher.close();
    await drop?.();
  });

  type Body = Record<string, unknown> & { items: Array<Record<string, unknown>>; results: Array<Record<string, unknown>>; nextCursor: string | null };
  const call = (method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown, key: string | null = api.adminKey) => api.call<Body>(method, `/catalog/aggregators${path}`, body, key);

  const syncZg = async () => {
    const answer = await call('POST', '/sync', { aggregatorId: 'zg' });
    expect(answer.status).toBe(200);
    return answer.body.results[0];
  };
  const game = async (gameId: string) => (await call('GET', '/zg/games?limit=200', undefined, api.supportKey)).body.items.find((item) => item.gameId === gameId);

  it('stores the providers and games with category, logo and provider', async () => {
    expect(await syncZg()).toEqual({ aggregatorId: 'zg', outcome: 'ok', gamesSeen: 5, gamesGone: 0, providersSeen: 2, error: null });

    const providers = await call('GET', '/zg/providers', undefined, api.supportKey);
    expect(providers.status).toBe(200);
    expect(providers.body.items).toEqual([
      { aggregatorId: 'zg', providerId: 'pg', name: 'Pocket Games Soft', logoUrl: 'https://cdn.example/pg.png', active: true, online: true, categories: [{ id: 'slot', label: 'Slot' }], listedByAggregator: true, goneSince: null, gamesListed: 2 },
      {
        aggregatorId: 'zg',
        providerId: 'pp',
        name: 'Pragmatic Play',
        logoUrl: null,
        active: true,
        online: false,
        categories: [{ id: 'slot', label: 'Slot' }, { id: 'live', label: 'Live Casino' }],
        listedByAggregator: true,
        goneSince: null,
        gamesListed: 2,
      },
    ]);
    expect(await game('pg_00002')).toMatchObject({
      aggregatorId: 'zg',
      gameId: 'pg_00002',
      name: 'Mahjong Ways',
      logoUrl: 'https://cdn.example/mw.png',
      category: { id: 'slot', label: 'Slot' },
      providerId: 'pg',
      providerName: 'Pocket Games Soft',
      listedByAggregator: true,
      goneSince: null,
      enabledByOperator: true,
      playable: true,
    });
    // No logo is null, not ""; a prefix the aggregator does not list as a provider is no provider.
    expect(await game('pg_00001')).toMatchObject({ logoUrl: null, providerId: 'pg' });
    expect(await game('png_00072')).toMatchObject({ providerId: null, providerName: null, playable: true });
    const live = await call('GET', '/zg/games?categoryId=live', undefined, api.supportKey);
    expect(live.body.items.map((item) => item.gameId)).toEqual(['pp_20001']);
    const pragmatic = await call('GET', '/zg/games?providerId=pp', undefined, api.supportKey);
    expect(pragmatic.body.items.map((item) => item.gameId)).toEqual(['pp_10001', 'pp_20001']);
  });

  it('keeps our switch across re-syncs, and only an admin may turn it', async () => {
    await syncZg();
    expect((await call('PUT', '/zg/games/pp_10001', { enabledByOperator: false }, api.supportKey)).status).toBe(403);
    const off = await call('PUT', '/zg/games/pp_10001', { enabledByOperator: false });
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ gameId: 'pp_10001', enabledByOperator: false, playable: false, listedByAggregator: true });
    fake.games = originalGames().map((item) => (item.id === 'pp_10001' ? { ...item, name: 'Sweet Bonanza 1000' } : item));
    expect(await syncZg()).toMatchObject({ outcome: 'ok', gamesGone: 0 });
    expect(await game('pp_10001')).toMatchObject({ name: 'Sweet Bonanza 1000', enabledByOperator: false, playable: false });
    const notPlayable = await call('GET', '/zg/games?playable=false', undefined, api.supportKey);
    expect(notPlayable.body.items.map((item) => item.gameId)).toEqual(['pp_10001']);
    expect((await call('PUT', '/zg/games/pp_10001', { enabledByOperator: true })).body).toMatchObject({ enabledByOperator: true, playable: true });
  });

  it('marks a game the aggregator stops listing as gone, keeps its row and switch, and restores it when listed again', async () => {
    await syncZg();
    await call('PUT', '/zg/games/pg_00001', { enabledByOperator: false });
    fake.games = originalGames().filter((item) => item.id !== 'pg_00001');
    expect(await syncZg()).toMatchObject({ outcome: 'ok', gamesSeen: 4, gamesGone: 1 });
    const gone = await game('pg_00001');
    expect(gone).toMatchObject({ listedByAggregator: false, enabledByOperator: false, playable: false, name: 'Leprechaun Riches' });
    expect(typeof gone?.['goneSince']).toBe('string');
    expect((await call('GET', '/zg/providers', undefined, api.supportKey)).body.items.find((item) => item.providerId === 'pg')).toMatchObject({ gamesListed: 1 });
    // Still gone after another sync: not counted again.
    expect(await syncZg()).toMatchObject({ gamesGone: 0 });

    fake.games = originalGames();
    expect(await syncZg()).toMatchObject({ gamesSeen: 5, gamesGone: 0 });
    expect(await game('pg_00001')).toMatchObject({ listedByAggregator: true, goneSince: null, enabledByOperator: false, playable: false });
    await call('PUT', '/zg/games/pg_00001', { enabledByOperator: true });
  });

  it("makes a provider's games unplayable while the provider is inactive or gone", async () => {
    fake.providers = originalProviders().map((provider) => (provider.id === 'pp' ? { ...provider, active: false } : provider));
    await syncZg();
    expect(await game('pp_10001')).toMatchObject({ playable: false, enabledByOperator: true, listedByAggregator: true });
    fake.providers = originalProviders().filter((provider) => provider.id !== 'pg');
    await syncZg();
    expect((await call('GET', '/zg/providers', undefined, api.supportKey)).body.items.find((item) => item.providerId === 'pg')).toMatchObject({ listedByAggregator: false });
    expect(await game('pg_00002')).toMatchObject({ providerId: null, playable: true });
    fake.providers = originalProviders();
    await syncZg();
    expect(await game('pp_10001')).toMatchObject({ playable: true });
    expect(await game('pg_00002')).toMatchObject({ providerId: 'pg', playable: true });
  });

  it('pages the games by id without skipping or repeating', async () => {
    await syncZg();
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 10; page++) {
      const answer: { status: number; body: Body } = await call('GET', `/zg/games?limit=2${cursor ? `&cursor=${cursor}` : ''}`, undefined, api.supportKey);
      expect(answer.status).toBe(200);
      expect(answer.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...answer.body.items.map((item) => String(item.gameId)));
      cursor = answer.body.nextCursor;
      if (cursor === null) break;
    }
    expect(seen).toEqual(['pg_00001', 'pg_00002', 'png_00072', 'pp_10001', 'pp_20001']);
    expect((await call('GET', '/zg/games?cursor=bm9wZQ', undefined, api.supportKey)).status).toBe(400);
  });

  it('refuses an empty games answer while games are listed, and names a failed call', async () => {
    await syncZg();
    fake.games = [];
    const empty = await syncZg();
    expect(empty).toMatchObject({ outcome: 'failed', gamesSeen: 0 });
    expect(String(empty?.['error'])).toContain('empty list');
    expect(await game('pg_00001')).toMatchObject({ listedByAggregator: true });

    fake.inject('games', { kind: 'error-code', code: 'AGENT_NOT_FOUND' });
    const refused = await syncZg();
    expect(refused).toMatchObject({ outcome: 'failed' });
    expect(String(refused?.['error'])).toContain('games refused with AGENT_NOT_FOUND');

    const down = await call('POST', '/sync', { aggregatorId: 'down' });
    expect(down.body.results[0]).toMatchObject({ aggregatorId: 'down', outcome: 'failed' });
    expect(String(down.body.results[0]?.['error'])).toMatch(/aggregator "down": providers unavailable/);
    expect(String(down.body.results[0]?.['error'])).not.toContain(API_KEY);
    const [{ count }] = (await dataSource.query(`SELECT count(*)::int AS count FROM aggregator_catalog_syncs WHERE aggregator_id = 'down' AND outcome = 'failed' AND finished_at IS NOT NULL`)) as Array<{ count: number }>;
    expect(count).toBe(1);
  });

  it('answers 404 for an aggregator not configured and a game never listed', async () => {
    expect((await call('GET', '/nope/games', undefined, api.supportKey)).body).toMatchObject({ error: 'aggregator_not_configured' });
    expect((await call('POST', '/sync', { aggregatorId: 'nope' })).status).toBe(404);
    const never = await call('PUT', '/zg/games/xx_999', { enabledByOperator: false });
    expect(never.status).toBe(404);
    expect(never.body).toMatchObject({ error: 'game_not_in_catalog' });
    expect((await call('GET', '', undefined, api.supportKey)).body.items).toEqual([
      { aggregatorId: 'zg', currencies: ['EUR'] },
      { aggregatorId: 'down', currencies: ['EUR'] },
    ]);
  });
});
