import { FakePlatformServer, fakeJson } from '@wallet-platform/platform-client/testing';
import { GamePlatform, PlatformClient, TEST_ADMIN_API_KEY, TEST_OPERATOR_ID, TEST_PLATFORM_ID, TEST_SECRET_KEY, TestStack } from '@wallet-platform/test-stack';

/**
 * The catalog against a real HTTP platform (the fake checks our headers and hashes): a sync stores
 * the games, a game the platform disables or our staff switch off answers OP_35, and a failing
 * platform is reported by name.
 */
describe('catalog sync and the game switch', () => {
  const stack = new TestStack(18330);
  let fake: FakePlatformServer;
  let platform: GamePlatform;

  const admin = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${stack.backOfficeUrl()}${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TEST_ADMIN_API_KEY}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const game = (id: number, enabled: 0 | 1) => ({ id, title: `Game ${id}`, platform: 'desktop', type: 'slots', enabled, fun_mode: 1, campaigns: 0, vendor: 'vendor-x', created_at: '2024-05-10', details: {} });

  beforeAll(async () => {
    fake = await FakePlatformServer.start({
      operatorId: TEST_OPERATOR_ID,
      secretKey: TEST_SECRET_KEY,
      fixtures: {
        games: fakeJson({ games: [game(200, 1), game(201, 0), game(202, 1)] }),
        lobbies: fakeJson({ lobbies: [{ lobby_id: 'portomaso', vendor: 'portomaso', details: {} }] }),
      },
    });
    stack.platformApiBaseUrl = fake.baseUrl;
    await stack.start(1);
    platform = new GamePlatform(new PlatformClient(stack.gatewayUrl(0), TEST_OPERATOR_ID, TEST_SECRET_KEY));
  });

  afterAll(async () => {
    await stack.stop();
    await fake.close();
  });

  it('stores the platform’s games and lobbies, calling with the right headers', async () => {
    const synced = await admin('POST', '/catalog/sync', { platformId: TEST_PLATFORM_ID });
    expect(synced.body['results']).toEqual([
      { platformId: TEST_PLATFORM_ID, operatorId: TEST_OPERATOR_ID, outcome: 'ok', gamesSeen: 3, gamesDisabledByPlatform: 1, lobbiesSeen: 1, error: null },
    ]);
    expect(fake.requestsTo('games').every((request) => request.answeredStatus === 200 && request.headers['x-operator-id'] === TEST_OPERATOR_ID)).toBe(true);
    const games = await admin('GET', `/catalog/games?platformId=${TEST_PLATFORM_ID}&playable=false`);
    expect((games.body['items'] as Array<Record<string, unknown>>).map((item) => [item['gameId'], item['enabledByPlatform'], item['vendor']])).toEqual([['201', false, 'vendor-x']]);
  });

  it('answers OP_35 to a BET on a game the platform disabled', async () => {
    const player = await stack.seedPlayer({ balance: '10.00', game: '201' });
    expect((await platform.changeBalance(player, 'BET', '1.00')).errorCode).toBe('OP_35');
  });

  it('answers OP_35 once our staff switch a game off, and plays again once it is back on', async () => {
    const player = await stack.seedPlayer({ balance: '10.00', game: '202' });
    const off = await admin('PUT', `/catalog/games/${TEST_PLATFORM_ID}/202`, { enabledByOperator: false });
    expect(off.body).toMatchObject({ enabledByPlatform: true, enabledByOperator: false, playable: false });
    expect((await platform.changeBalance(player, 'BET', '1.00')).errorCode).toBe('OP_35');
    await admin('PUT', `/catalog/games/${TEST_PLATFORM_ID}/202`, { enabledByOperator: true });
    expect((await platform.changeBalance(player, 'BET', '1.00')).balance).toBe('9.00');
    // A sync never overrides our switch.
    await admin('PUT', `/catalog/games/${TEST_PLATFORM_ID}/202`, { enabledByOperator: false });
    await admin('POST', '/catalog/sync', {});
    expect((await platform.changeBalance(player, 'BET', '1.00')).errorCode).toBe('OP_35');
  });

  it('disables a game the platform stops listing', async () => {
    fake.setFixture('games', fakeJson({ games: [game(200, 1), game(201, 0)] }));
    await admin('POST', '/catalog/sync', {});
    const games = await admin('GET', `/catalog/games?platformId=${TEST_PLATFORM_ID}`);
    expect((games.body['items'] as Array<Record<string, unknown>>).find((item) => item['gameId'] === '202')).toMatchObject({ enabledByPlatform: false });
  });

  it('reports a failing platform by name and call, and keeps the catalog it had', async () => {
    fake.misbehave('games', { kind: 'status', httpStatus: 500 });
    const synced = await admin('POST', '/catalog/sync', { platformId: TEST_PLATFORM_ID });
    const [result] = synced.body['results'] as Array<{ outcome: string; error: string }>;
    expect(result.outcome).toBe('failed');
    expect(result.error).toContain(TEST_PLATFORM_ID);
    expect(result.error).toContain('games');
    expect(result.error).not.toContain(TEST_SECRET_KEY);
    fake.behaveNormally();
    const games = await admin('GET', `/catalog/games?platformId=${TEST_PLATFORM_ID}&playable=true`);
    expect((games.body['items'] as Array<Record<string, unknown>>).map((item) => item['gameId'])).toEqual(['200']);
  });

  it('pages the games list without skipping or repeating while a sync runs between pages', async () => {
    fake.setFixture('games', fakeJson({ games: Array.from({ length: 7 }, (_, i) => game(300 + i, 1)) }));
    await admin('POST', '/catalog/sync', {});
    const first = await admin('GET', `/catalog/games?platformId=${TEST_PLATFORM_ID}&limit=4`);
    await admin('POST', '/catalog/sync', {});
    const second = await admin('GET', `/catalog/games?platformId=${TEST_PLATFORM_ID}&limit=4&cursor=${String(first.body['nextCursor'])}`);
    const ids = [first, second].flatMap((page) => (page.body['items'] as Array<{ gameId: string }>).map((item) => item.gameId));
    expect(ids).toEqual(['200', '201', '202', '300', '301', '302', '303', '304']);
  });

  it('answers 404 to a sync of a platform that is not configured', async () => {
    const unknown = await admin('POST', '/catalog/sync', { platformId: 'nowhere' });
    expect([unknown.status, unknown.body['error']]).toEqual([404, 'platform_not_configured']);
  });

  it('refuses a switch value that is not a boolean', async () => {
    expect((await admin('PUT', `/catalog/games/${TEST_PLATFORM_ID}/202`, { enabledByOperator: 'no' })).status).toBe(400);
  });
});
